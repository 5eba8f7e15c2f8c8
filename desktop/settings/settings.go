// Package settings keeps the desktop's non-secret preferences in a JSON file in the user's config folder. Tokens
// and passwords never go here: they belong to package secrets.
package settings

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Languages the UI speaks; the first is the default.
var languages = []string{"de", "en"}

// DefaultLanguage is used until the user picks another.
const DefaultLanguage = "de"

// ValidLanguage reports whether the UI speaks lang.
func ValidLanguage(lang string) bool {
	for _, l := range languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Settings are the saved preferences.
type Settings struct {
	// ServerURL and Email are those of the last sign-in; they prefill the sign-in form and name the keyring entry
	// that Resume uses.
	ServerURL string `json:"serverUrl"`
	Email     string `json:"email"`
	Language  string `json:"language"`
	// TileURL is the map tile server the user chose ("" = the default or ONESALES_TILE_URL).
	TileURL string `json:"tileUrl,omitempty"`
	// DesktopNotifications: show operating-system notifications for new notifications while the window is in the
	// background ("Desktop-Benachrichtigungen"); on until the user turns them off.
	DesktopNotifications bool `json:"desktopNotifications"`
	// ExportToDownloads: exports go straight into the user's download folder ("Exporte direkt im Download-Ordner
	// speichern") instead of asking where with the save dialog; on until the user turns it off.
	ExportToDownloads bool `json:"exportToDownloads"`
	// CAFile is a company CA's certificate file (PEM) trusted besides the system's certificates ("" none).
	CAFile string `json:"caFile,omitempty"`
}

// File reads and writes Settings at one path. It is safe for concurrent use.
type File struct {
	path string
	mu   sync.Mutex
}

// DefaultPath is <user config dir>/1sales/settings.json.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("settings: %w", err)
	}
	return filepath.Join(dir, "1sales", "settings.json"), nil
}

// New returns the settings file at path. It does no I/O.
func New(path string) *File { return &File{path: path} }

// Path returns the file's path.
func (f *File) Path() string { return f.path }

// Load reads the settings. A missing file gives the defaults; an unknown language falls back to the default.
func (f *File) Load() (Settings, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.load()
}

// Update reads the settings, applies change and writes them back, under one lock so that two updates do not lose
// each other's change.
func (f *File) Update(change func(*Settings)) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	s, err := f.load()
	if err != nil {
		// A broken file must not lock the user out of saving new preferences: start again from the defaults.
		s = defaults()
	}
	change(&s)
	return f.save(s)
}

func defaults() Settings {
	return Settings{Language: DefaultLanguage, DesktopNotifications: true, ExportToDownloads: true}
}

func (f *File) load() (Settings, error) {
	b, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return defaults(), nil
	}
	if err != nil {
		return defaults(), fmt.Errorf("settings: read: %w", err)
	}
	s := defaults()
	if err := json.Unmarshal(b, &s); err != nil {
		return defaults(), fmt.Errorf("settings: parse %s: %w", f.path, err)
	}
	if !ValidLanguage(s.Language) {
		s.Language = DefaultLanguage
	}
	return s, nil
}

// save writes to a temporary file in the same folder, syncs it and renames it over the old one, so that a crash
// leaves either the old or the new settings, never half a file.
func (f *File) save(s Settings) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("settings: encode: %w", err)
	}
	dir := filepath.Dir(f.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".settings-*.json")
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("settings: write: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("settings: sync: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("settings: close: %w", err)
	}
	if err := os.Rename(tmp.Name(), f.path); err != nil {
		return fmt.Errorf("settings: replace: %w", err)
	}
	return nil
}
