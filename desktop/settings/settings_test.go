package settings

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLoadAndUpdate(t *testing.T) {
	tests := []struct {
		name    string
		initial string // file content before; "" = no file
		change  func(*Settings)
		want    Settings
		wantErr bool // from the first Load
	}{
		{
			name: "missing file gives defaults, update creates it",
			change: func(s *Settings) {
				s.ServerURL, s.Email = "https://crm.example.com", "claudia.becker@nordlicht.example"
			},
			want: Settings{ServerURL: "https://crm.example.com", Email: "claudia.becker@nordlicht.example", Language: "de",
				DesktopNotifications: true, ExportToDownloads: true},
		},
		{
			name:    "language kept, other fields changed",
			initial: `{"serverUrl":"http://old","email":"a@b.example","language":"en"}`,
			change:  func(s *Settings) { s.ServerURL = "http://new" },
			want:    Settings{ServerURL: "http://new", Email: "a@b.example", Language: "en", DesktopNotifications: true, ExportToDownloads: true},
		},
		{
			name:    "desktop notifications and exports to the download folder turned off stay off",
			initial: `{"language":"de","desktopNotifications":false,"exportToDownloads":false}`,
			change:  func(s *Settings) { s.Email = "a@b.example" },
			want:    Settings{Email: "a@b.example", Language: "de"},
		},
		{
			name:    "unknown language falls back to German",
			initial: `{"language":"fr"}`,
			change:  func(*Settings) {},
			want:    Settings{Language: "de", DesktopNotifications: true, ExportToDownloads: true},
		},
		{
			name:    "broken file is reported by Load and replaced by Update",
			initial: `{"serverUrl":`,
			change:  func(s *Settings) { s.Language = "en" },
			want:    Settings{Language: "en", DesktopNotifications: true, ExportToDownloads: true},
			wantErr: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "1sales", "settings.json")
			if tt.initial != "" {
				if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(tt.initial), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			f := New(path)
			if _, err := f.Load(); (err != nil) != tt.wantErr {
				t.Fatalf("Load: err = %v, wantErr %v", err, tt.wantErr)
			}
			if err := f.Update(tt.change); err != nil {
				t.Fatalf("Update: %v", err)
			}
			// A fresh File reads what the first one wrote.
			got, err := New(path).Load()
			if err != nil {
				t.Fatalf("reload: %v", err)
			}
			if got != tt.want {
				t.Fatalf("reload = %+v, want %+v", got, tt.want)
			}
			// Only the settings file is left: the temporary file was renamed, not copied.
			entries, _ := os.ReadDir(filepath.Dir(path))
			if len(entries) != 1 || entries[0].Name() != "settings.json" {
				t.Fatalf("folder holds %v, want only settings.json", entries)
			}
		})
	}
}
