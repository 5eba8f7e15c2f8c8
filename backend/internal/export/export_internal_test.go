package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/1sales/app/shared/api"
)

// Every record type has an export, and every standard column of its type a cell: a column without one would fail
// only when someone exports it.
func TestEveryRecordTypeExportsEveryColumnOfItsType(t *testing.T) {
	s := NewService(nil, nil, Options{})
	cells := map[api.RecordType]func(api.ExportColumn) bool{
		api.RecordPerson:       func(c api.ExportColumn) bool { return personColumns[c] != nil },
		api.RecordOrganization: func(c api.ExportColumn) bool { return organizationColumns[c] != nil },
		api.RecordDeal:         func(c api.ExportColumn) bool { return dealColumns[c] != nil },
		api.RecordLead:         func(c api.ExportColumn) bool { return leadColumns[c] != nil },
		api.RecordActivity:     func(c api.ExportColumn) bool { return activityColumns[c] != nil },
	}
	for _, rt := range api.AllRecordTypes {
		_ = s.Handler(rt) // panics without an export
		has, ok := cells[rt]
		if !ok {
			t.Fatalf("%s: no columns", rt)
		}
		for _, c := range api.ExportColumnsByType[rt] {
			if !has(c) {
				t.Errorf("%s: no cell for the column %s", rt, c)
			}
		}
	}
}

// The headers are the UI's words: each language's header of every column is the text the UI has for that column
// (frontend/src/i18n/exports.<language>.ts, exports.columns).
func TestHeadersAreTheUIsWords(t *testing.T) {
	for lang, w := range languages {
		raw, err := os.ReadFile(filepath.Join("..", "..", "..", "frontend", "src", "i18n", "exports."+string(lang)+".ts"))
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		for _, c := range api.AllExportColumns {
			key := strings.TrimPrefix(string(c), "address.")
			header := w.headers[c]
			if header == "" {
				t.Errorf("%s: no header for %s", lang, c)
				continue
			}
			if !strings.Contains(text, "      "+key+": '"+header+"',\n") {
				t.Errorf("%s: the header of %s is %q, which exports.columns.%s of the UI does not say", lang, c, header, key)
			}
		}
	}
}
