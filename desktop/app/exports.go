package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

// EventExportProgress is emitted while an export arrives, with an ExportProgress.
const EventExportProgress = "export:progress"

// ExportProgress is how far an export is: the bytes written so far and the rows among them; Total is the number of
// rows of the whole file once known (-1 before: a CSV says it at its end, a workbook when it starts).
type ExportProgress struct {
	RecordType api.RecordType `json:"recordType"`
	Bytes      int64          `json:"bytes"`
	Rows       int            `json:"rows"`
	Total      int            `json:"total"`
}

// ExportResult is a finished export: where the file is, its name and how many rows and bytes it has. Path "" means
// the user cancelled the save dialog: nothing was exported.
type ExportResult struct {
	Path     string `json:"path"`
	FileName string `json:"fileName"`
	Rows     int    `json:"rows"`
	Bytes    int64  `json:"bytes"`
}

// Exports exports the lists (every record of a list's filter, in its order, that the user may export) to files,
// opens them, and keeps the setting where they go.
type Exports struct {
	c *core
	// saved are the files exported in this session: the only ones Open and OpenFolder open.
	mu    sync.Mutex
	saved map[string]bool
}

// Export exports the list of a record kind (persons, organisations, deals, leads) with query (its cursor and limit
// are ignored) into a file: into the download folder when the setting says so, else where the save dialog says
// (cancelled: Path ""). Language "" takes the UI's. Progress goes out as EventExportProgress.
func (e *Exports) Export(recordType api.RecordType, query api.ListQuery, options api.ExportOptions) (ExportResult, error) {
	route := client.RecordPath(recordType, "export")
	options = e.withLanguage(options)
	return e.run(recordType, route, api.ExportRequest{Query: query, ExportOptions: options}, options)
}

// ExportActivities exports the activity list with query as Export does.
func (e *Exports) ExportActivities(query api.ActivityQuery, options api.ExportOptions) (ExportResult, error) {
	options = e.withLanguage(options)
	return e.run(api.RecordActivity, client.Path("activities", "export"),
		api.ActivityExportRequest{Query: query, ExportOptions: options}, options)
}

func (e *Exports) withLanguage(o api.ExportOptions) api.ExportOptions {
	if o.Language == "" {
		prefs, _ := e.c.settings.Load()
		o.Language = api.Language(prefs.Language)
	}
	return o
}

func (e *Exports) run(rt api.RecordType, route client.Route, body any, o api.ExportOptions) (ExportResult, error) {
	cl, err := e.c.Client()
	if err != nil {
		return ExportResult{}, err
	}
	format := o.Format
	if format == "" {
		format = api.ExportXLSX
	}
	prefs, err := e.c.settings.Load()
	if err != nil {
		e.c.log.Warn("reading the settings failed; exports go to the download folder", "err", err)
	}
	// Where the file goes: chosen in the dialog now (before the server works on it), or the download folder with
	// the server's name for it.
	var chosen string
	if !prefs.ExportToDownloads {
		title := api.ExportTitles[o.Language][rt]
		if title == "" {
			title = api.ExportTitles[api.LanguageDE][rt]
		}
		name := fmt.Sprintf("%s-%s.%s", title, time.Now().Format("2006-01-02"), format)
		if chosen, err = e.c.dialogs.SaveFile(e.c.ctx, "Export speichern", name); err != nil {
			return ExportResult{}, localError(api.CodeDialogFailed, "save dialog: %v", err)
		}
		if chosen == "" {
			return ExportResult{}, nil
		}
	}
	dest := func(serverName string) (string, error) {
		if chosen != "" {
			return chosen, nil
		}
		dir, err := downloadDir()
		if err != nil {
			return "", localError(api.CodeFileUnwritable, "no download folder: %v", err)
		}
		return freePath(dir, safeFileName(serverName)), nil
	}
	start := time.Now()
	d, err := cl.Export(e.c.ctx, route, body, dest, func(bytes int64, rows, total int) {
		e.c.emit(EventExportProgress, ExportProgress{RecordType: rt, Bytes: bytes, Rows: rows, Total: total})
	})
	if err != nil {
		return ExportResult{}, err
	}
	e.mu.Lock()
	if e.saved == nil {
		e.saved = map[string]bool{}
	}
	e.saved[d.Path] = true
	e.mu.Unlock()
	e.c.log.Info("export saved", "recordType", rt, "format", format, "rows", d.Rows, "bytes", d.Bytes,
		"durationMs", time.Since(start).Milliseconds())
	return ExportResult{Path: d.Path, FileName: filepath.Base(d.Path), Rows: d.Rows, Bytes: d.Bytes}, nil
}

// Open opens an exported file with the operating system's default application (Excel, LibreOffice).
func (e *Exports) Open(path string) error { return e.open(path, path) }

// OpenFolder opens the folder of an exported file in the file manager.
func (e *Exports) OpenFolder(path string) error { return e.open(path, filepath.Dir(path)) }

func (e *Exports) open(path, target string) error {
	e.mu.Lock()
	ok := e.saved[path]
	e.mu.Unlock()
	if !ok {
		return &client.APIError{Code: api.CodeValidation, Message: "not a file exported in this session",
			Fields: map[string]api.FieldCode{"path": api.FieldUnknown}}
	}
	if err := e.c.openFile(target); err != nil {
		return localError(api.CodeDocumentOpenFailed, "open %s: %v", filepath.Base(target), err)
	}
	return nil
}

// ToDownloads reports whether exports go straight into the download folder (this desktop's setting "Exporte direkt
// im Download-Ordner speichern", on until turned off); otherwise the save dialog asks where.
func (e *Exports) ToDownloads() (bool, error) {
	prefs, err := e.c.settings.Load()
	if err != nil {
		e.c.log.Warn("reading the settings failed; exports go to the download folder", "err", err)
	}
	return prefs.ExportToDownloads, nil
}

// SetToDownloads turns saving exports straight into the download folder on or off.
func (e *Exports) SetToDownloads(on bool) error {
	if err := e.c.settings.Update(func(p *settings.Settings) { p.ExportToDownloads = on }); err != nil {
		e.c.log.Error("saving the export setting failed", "err", err)
		return localError(api.CodeSettingsUnavailable, "save the export setting: %v", err)
	}
	return nil
}

// List lists the company's exports, newest first (admins): cursor "" for the newest, else the NextCursor of the
// page before.
func (e *Exports) List(cursor string) (api.ExportPage, error) {
	return client.Get[api.ExportPage](e.c.ctx, e.c, client.Path("exports"), client.Query("cursor", cursor))
}

// downloadDir is the user's download folder: XDG_DOWNLOAD_DIR when set (Linux desktops, and the end-to-end test),
// else Downloads in the home folder (Windows, macOS and most Linux desktops), made when missing.
func downloadDir() (string, error) {
	dir := os.Getenv("XDG_DOWNLOAD_DIR")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, "Downloads")
	}
	return dir, os.MkdirAll(dir, 0o700)
}

// freePath is name in dir, or "name (2).ext" and so on when a file of that name is there already.
func freePath(dir, name string) string {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	p := filepath.Join(dir, name)
	for i := 2; ; i++ {
		if _, err := os.Lstat(p); os.IsNotExist(err) {
			return p
		}
		p = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", stem, i, ext))
	}
}
