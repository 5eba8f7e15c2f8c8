package importer

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

func writeFile(t *testing.T, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// rowsOf reads a table to its end: row numbers and cells, and the numbers of the rows that could not be read.
func rowsOf(t *testing.T, tb *table) ([]int, [][]string, []int) {
	t.Helper()
	var nos, bad []int
	var cells [][]string
	for {
		no, c, err := tb.next()
		var re *rowError
		switch {
		case errors.Is(err, io.EOF):
			return nos, cells, bad
		case errors.As(err, &re):
			bad = append(bad, no)
		case err != nil:
			t.Fatal(err)
		default:
			nos, cells = append(nos, no), append(cells, c)
		}
	}
}

func TestCSVEncodingsAndDelimitersAreDetected(t *testing.T) {
	text := "Name;Ort;Betrag\r\nMüller;Köln;1,5\r\n\r\n;;\r\nWeiß;\"Groß; Gerau\";2\r\n"
	latin, _ := charmap.Windows1252.NewEncoder().String(text)
	for _, c := range []struct {
		name    string
		content string
		enc     api.ImportEncoding
	}{
		{"utf-8", text, api.EncodingUTF8},
		{"utf-8 with bom", "\xEF\xBB\xBF" + text, api.EncodingUTF8BOM},
		{"windows-1252", latin, api.EncodingWindows1252},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb, err := openTable(writeFile(t, []byte(c.content)), api.ImportCSV, api.ImportReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer tb.close()
			if tb.encoding != c.enc || tb.delimiter != ";" {
				t.Fatalf("encoding %q, delimiter %q", tb.encoding, tb.delimiter)
			}
			nos, cells, _ := rowsOf(t, tb)
			if !slices.Equal(nos, []int{1, 2, 5}) || !slices.Equal(cells[0], []string{"Name", "Ort", "Betrag"}) ||
				!slices.Equal(cells[1], []string{"Müller", "Köln", "1,5"}) || !slices.Equal(cells[2], []string{"Weiß", "Groß; Gerau", "2"}) {
				t.Fatalf("rows %v %q", nos, cells)
			}
		})
	}
	for delim, content := range map[string]string{",": "a,b,c\n1,2,3\n", "\t": "a\tb\tc\n1\t2\t3\n", ";": "a;b,c\n1;2,3\n4;5,6\n"} {
		tb, err := openTable(writeFile(t, []byte(content)), api.ImportCSV, api.ImportReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if tb.delimiter != delim {
			t.Errorf("%q: delimiter %q, want %q", content, tb.delimiter, delim)
		}
		tb.close()
	}
}

// A UTF-8 file whose only non-ASCII character straddles the reading chunks stays UTF-8.
func TestEncodingDetectionReadsTheWholeFile(t *testing.T) {
	long := strings.Repeat("a", 64<<10-1) + "ü\n" + strings.Repeat("b", 100) + "\n"
	if enc, err := detectEncoding(writeFile(t, []byte(long))); err != nil || enc != api.EncodingUTF8 {
		t.Fatalf("%q %v", enc, err)
	}
	late := strings.Repeat("a;b\n", 50000) + "\xFC;x\n" // a Windows-1252 ü far down the file
	if enc, _ := detectEncoding(writeFile(t, []byte(late))); enc != api.EncodingWindows1252 {
		t.Fatalf("%q", enc)
	}
}

func TestRaggedAndBrokenCSVRowsAreRowsOfTheirOwn(t *testing.T) {
	tb, err := openTable(writeFile(t, []byte("a;b\n1;2;3;4\n5\n\"x\";\"y\"z\"\n6;7\n")), api.ImportCSV, api.ImportReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer tb.close()
	nos, cells, bad := rowsOf(t, tb)
	if len(nos)+len(bad) != 5 || !slices.Equal(cells[1], []string{"1", "2", "3", "4"}) || !slices.Equal(cells[2], []string{"5"}) {
		t.Fatalf("rows %v %q, unreadable %v", nos, cells, bad)
	}
}

func TestContentMustBeWhatTheNameSays(t *testing.T) {
	for _, c := range []struct {
		format api.ImportFileFormat
		head   string
		code   api.FieldCode
	}{
		{api.ImportXLSX, "Name;Ort\n", api.FieldMismatch},
		{api.ImportCSV, "PK\x03\x04rest", api.FieldMismatch},
		{api.ImportCSV, "%PDF-1.7", api.FieldMismatch},
		{api.ImportCSV, "a\x00b", api.FieldMismatch},
		{api.ImportCSV, "\xEF\xBB\xBF \r\n", api.FieldEmpty},
		{api.ImportCSV, "Name\n", ""},
		{api.ImportXLSX, "PK\x03\x04", ""},
	} {
		err := checkContent(c.format, []byte(c.head))
		var code api.FieldCode
		if err != nil {
			code = fieldCodeOf(err)
		}
		if code != c.code {
			t.Errorf("%s %q: %v, want %q", c.format, c.head, err, c.code)
		}
	}
	for name, want := range map[string]api.ImportFileFormat{"a.XLSX": api.ImportXLSX, "a.csv": api.ImportCSV, "a.txt": api.ImportCSV, "a.xls": "", "a": ""} {
		if got, _ := formatOf(name); got != want {
			t.Errorf("formatOf(%q) = %q", name, got)
		}
	}
}

func TestDateFormatsOfAWorkbookAreTold(t *testing.T) {
	custom := map[int]string{164: "dd.mm.yyyy", 165: "#,##0.00 [$€-407]", 166: `0.00" Tage"`, 167: "[h]:mm", 168: "mmm-yy"}
	for id, want := range map[int]bool{14: true, 17: true, 22: true, 2: false, 20: false, 164: true, 165: false, 166: false, 167: false, 168: true} {
		if got := isDateFormat(id, custom); got != want {
			t.Errorf("isDateFormat(%d) = %v", id, got)
		}
	}
}

// fieldCodeOf is the code of the field "file" of an import_file_invalid error.
func fieldCodeOf(err error) api.FieldCode {
	if e, ok := httpx.AsError(err); ok && e.Code == api.CodeImportFileInvalid {
		return e.Fields["file"]
	}
	return "?"
}
