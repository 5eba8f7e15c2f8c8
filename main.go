// Command 1sales is the desktop app: a Wails window around the React UI in frontend/, with the Go services of
// desktop/app bound to it.
package main

import (
	"embed"
	"log"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"github.com/1sales/app/desktop/app"
)

//go:embed all:frontend/dist
var assets embed.FS

//go:embed build/appicon.png
var icon []byte

func main() {
	// Nothing here may do I/O before wails.Run: `wails generate module` runs this main to read the bindings.
	// Keyring, settings file and log file are opened in the startup hook.
	desk := app.New(app.Config{ServerURL: os.Getenv("ONESALES_SERVER_URL"), OpenCommand: os.Getenv("ONESALES_OPEN_COMMAND"),
		TileURL: os.Getenv("ONESALES_TILE_URL"), TileAttribution: os.Getenv("ONESALES_TILE_ATTRIBUTION"),
		NotificationIcon: icon})

	err := wails.Run(&options.App{
		Title:       "1sales",
		Width:       1280,
		Height:      800,
		MinWidth:    1100,
		MinHeight:   700,
		AssetServer: &assetserver.Options{Assets: assets},
		OnStartup:   desk.OnStartup,
		OnShutdown:  desk.OnShutdown,
		Bind:        []interface{}{desk.Session, desk.Admin, desk.Contacts, desk.Records, desk.Sales, desk.Documents, desk.Exports, desk.Imports, desk.Activities, desk.Maps, desk.Notifications},
		EnumBind:    app.Enums(),
		// Files dropped onto the window reach the UI as paths (runtime OnFileDrop), which uploads them to the record
		// shown; the web view's own drop handling stays on (on Linux the drop arrives through it).
		DragAndDrop: &options.DragAndDrop{EnableFileDrop: true},
	})
	if err != nil {
		log.Fatal(err)
	}
}
