package backup

import (
	"bytes"
	"strings"
	"testing"
)

// The script filter changes the search path and drops comments on extensions, but never touches table data, even
// data that spells those statements.
func TestRestoreFilterChangesStatementsButNotData(t *testing.T) {
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
		"SELECT pg_catalog.set_config('search_path', 'public', false);",
		"CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA public;",
		"COPY public.notes (id, body) FROM stdin;",
		"1\tSELECT pg_catalog.set_config('search_path', '', false);",
		"COMMENT ON EXTENSION x IS 'data';",
		`\.`,
		"SELECT pg_catalog.set_config('search_path', 'public', false);",
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
