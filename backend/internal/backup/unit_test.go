package backup

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The script filter drops comments on extensions and keeps the rest, never touching table data, even data that
// spells such a statement.
func TestRestoreFilterDropsExtensionCommentsButNotData(t *testing.T) {
	in := strings.Join([]string{
		"SELECT pg_catalog.set_config('search_path', '', false);",
		"COMMENT ON EXTENSION earthdistance IS 'calculate great-circle distances';",
		"CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA public;",
		"COPY public.notes (id, body) FROM stdin;",
		"1\tSELECT pg_catalog.set_config('search_path', '', false);",
		"COMMENT ON EXTENSION x IS 'data';",
		`\.`,
		"SELECT pg_catalog.set_config('search_path', '', false);",
		"",
	}, "\n")
	want := strings.Join([]string{
		"SELECT pg_catalog.set_config('search_path', '', false);",
		"CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA public;",
		"COPY public.notes (id, body) FROM stdin;",
		"1\tSELECT pg_catalog.set_config('search_path', '', false);",
		"COMMENT ON EXTENSION x IS 'data';",
		`\.`,
		"SELECT pg_catalog.set_config('search_path', '', false);",
		"",
	}, "\n")
	var out bytes.Buffer
	if err := restoreFilter(strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	if out.String() != want {
		t.Fatalf("filtered:\n%s\nwant:\n%s", out.String(), want)
	}
}

// A manifest is checked before any name in it is used: a key that would leave the backup folder, a repeated key,
// an unknown field or another format is a corrupt backup.
func TestManifestsThatCouldMisleadTheRestoreAreCorrupt(t *testing.T) {
	sum := strings.Repeat("ab", 32)
	valid := func() Manifest {
		return Manifest{Format: Format, SchemaVersion: "20261210110000", Installation: "x", Tables: map[string]int64{"public.t": 1},
			Database: File{Name: DumpName, SHA256: sum}, Blobs: []Blob{{Key: "a/b", SHA256: sum}}}
	}
	cases := map[string]func(m *Manifest) string{
		"key leaving the folder": func(m *Manifest) string { m.Blobs[0].Key = "../../etc/passwd"; return "" },
		"absolute key":           func(m *Manifest) string { m.Blobs[0].Key = "/etc/passwd"; return "" },
		"repeated key":           func(m *Manifest) string { m.Blobs = append(m.Blobs, m.Blobs[0]); return "" },
		"checksum not hex":       func(m *Manifest) string { m.Blobs[0].SHA256 = "zz"; return "" },
		"other format":           func(m *Manifest) string { m.Format = 2; return "" },
		"other dump name":        func(m *Manifest) string { m.Database.Name = "../x"; return "" },
		"no row counts":          func(m *Manifest) string { m.Tables = nil; return "" },
		"unknown field":          func(*Manifest) string { return `"extra": 1,` },
	}
	for name, change := range cases {
		t.Run(name, func(t *testing.T) {
			m := valid()
			extra := change(&m)
			b, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			raw := append([]byte("{"+extra), b[1:]...)
			if err := os.WriteFile(filepath.Join(dir, ManifestName), raw, 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := readManifest(dir); !errors.Is(err, ErrCorrupt) {
				t.Fatalf("readManifest: %v, want ErrCorrupt", err)
			}
		})
	}
	// The valid one passes (so the cases above fail for their own reason).
	m := valid()
	b, _ := json.Marshal(m)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ManifestName), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readManifest(dir); err != nil {
		t.Fatalf("a valid manifest: %v", err)
	}
}
