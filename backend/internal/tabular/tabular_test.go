package tabular_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/1sales/app/backend/internal/tabular"
)

var berlin, _ = time.LoadLocation("Europe/Berlin")

// row is one of every kind of cell: text, formula-like texts, a number, an amount, a day, a moment, and empties.
func row() []tabular.Cell {
	return []tabular.Cell{
		tabular.Text("Müller; \"Bau\" GmbH"), tabular.Text("=HYPERLINK(\"x\")"), tabular.Text(" \t+49 89 1234"),
		tabular.Text("-1+2"), tabular.Text("@SUM(A1)"), tabular.Text("\r\n=1"), tabular.Text("a=b"),
		tabular.Number("-1234.5"), tabular.Money("12345.6"), tabular.Int(42),
		tabular.Date(time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)),
		tabular.DateTime(time.Date(2026, 12, 7, 13, 5, 0, 0, time.UTC)),
		tabular.Text(""), tabular.Number(""), tabular.Number("1e400"),
	}
}

func TestCSVWritesTheLocaleFormsAndNeutralisesFormulas(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts tabular.CSVOptions
		want []string
		raw  func(t *testing.T, b []byte)
	}{
		{name: "german excel", opts: tabular.CSVOptions{Comma: ';', BOM: true, Locale: tabular.German, Zone: berlin},
			want: []string{"Müller; \"Bau\" GmbH", "'=HYPERLINK(\"x\")", "' \t+49 89 1234", "'-1+2", "'@SUM(A1)", "'\r\n=1", "a=b",
				"-1234,5", "12345,60", "42", "31.01.2027", "07.12.2026 14:05", "", "", "1e400"},
			raw: func(t *testing.T, b []byte) {
				if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBFName;")) {
					t.Fatalf("no BOM or no semicolon: %q", b[:12])
				}
				if !bytes.Contains(b, []byte("Wert\r\n")) {
					t.Fatalf("no CRLF after the header: %q", b)
				}
			}},
		{name: "english comma", opts: tabular.CSVOptions{Comma: ',', Locale: tabular.English, Zone: berlin},
			want: []string{"Müller; \"Bau\" GmbH", "'=HYPERLINK(\"x\")", "' \t+49 89 1234", "'-1+2", "'@SUM(A1)", "'\r\n=1", "a=b",
				"-1234.5", "12345.60", "42", "2027-01-31", "2026-12-07 14:05", "", "", "1e400"},
			raw: func(t *testing.T, b []byte) {
				if !bytes.HasPrefix(b, []byte("Name,")) {
					t.Fatalf("a BOM or no comma: %q", b[:8])
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			w := tabular.NewCSV(&out, tc.opts)
			header := make([]string, len(tc.want))
			header[0], header[len(header)-1] = "Name", "Wert"
			if err := w.Header(header); err != nil {
				t.Fatal(err)
			}
			if err := w.Row(row()); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			tc.raw(t, out.Bytes())
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out.Bytes(), []byte("\xEF\xBB\xBF"))))
			r.Comma = tc.opts.Comma
			recs, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 2 {
				t.Fatalf("%d records", len(recs))
			}
			for i, want := range tc.want {
				// encoding/csv reads a quoted CRLF as LF.
				if got := recs[1][i]; got != strings.ReplaceAll(want, "\r\n", "\n") {
					t.Errorf("cell %d: %q, want %q", i, got, want)
				}
			}
		})
	}
}

func TestXLSXWritesTypedCellsAndNoFormulas(t *testing.T) {
	var out bytes.Buffer
	w, err := tabular.NewXLSX(&out, tabular.XLSXOptions{Sheet: "Personen", Locale: tabular.German, Zone: berlin})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Header([]string{"Name", "Formel"}); err != nil {
		t.Fatal(err)
	}
	if out.Len() != 0 {
		t.Fatalf("a workbook is written at Close, not before: %d bytes", out.Len())
	}
	if err := w.Row(row()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.GetSheetName(0) != "Personen" {
		t.Fatalf("sheet %q", f.GetSheetName(0))
	}
	for _, c := range []struct {
		cell string
		typ  excelize.CellType
		raw  string
		fmt  string
	}{
		{"A1", excelize.CellTypeInlineString, "Name", ""},
		{"B2", excelize.CellTypeInlineString, "=HYPERLINK(\"x\")", ""},
		{"D2", excelize.CellTypeInlineString, "-1+2", ""},
		{"H2", excelize.CellTypeUnset, "-1234.5", ""},
		{"I2", excelize.CellTypeUnset, "12345.6", "12,345.60"},
		{"J2", excelize.CellTypeUnset, "42", ""},
		{"K2", excelize.CellTypeUnset, "46418", "31.01.2027"},
		{"L2", excelize.CellTypeUnset, "", "07.12.2026 14:05"},
	} {
		typ, err := f.GetCellType("Personen", c.cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != c.typ {
			t.Errorf("%s: type %v, want %v", c.cell, typ, c.typ)
		}
		if formula, _ := f.GetCellFormula("Personen", c.cell); formula != "" {
			t.Errorf("%s: a formula %q", c.cell, formula)
		}
		raw, _ := f.GetCellValue("Personen", c.cell, excelize.Options{RawCellValue: true})
		if c.raw != "" && raw != c.raw {
			t.Errorf("%s: raw %q, want %q", c.cell, raw, c.raw)
		}
		shown, _ := f.GetCellValue("Personen", c.cell)
		if c.fmt != "" && shown != c.fmt {
			t.Errorf("%s: shown %q, want %q", c.cell, shown, c.fmt)
		}
	}
	if v, _ := f.GetCellValue("Personen", "M2"); v != "" {
		t.Errorf("an empty text is a cell: %q", v)
	}
}

func TestAbortedWorkbookWritesNothing(t *testing.T) {
	var out bytes.Buffer
	w, err := tabular.NewXLSX(&out, tabular.XLSXOptions{Locale: tabular.English})
	if err != nil {
		t.Fatal(err)
	}
	_ = w.Row(row())
	w.Abort()
	if out.Len() != 0 {
		t.Fatalf("%d bytes", out.Len())
	}
}

// TestXLSXKeepsTextAsItIsAndDatesAsDays reads back what only a workbook must take care of: white space at the ends
// of a text, line breaks, characters XML cannot hold, text that looks like Excel's escaped characters, text longer
// than a cell holds, and days around Excel's 29 February 1900 (days before its first day as text).
func TestXLSXKeepsTextAsItIsAndDatesAsDays(t *testing.T) {
	var out bytes.Buffer
	w, err := tabular.NewXLSX(&out, tabular.XLSXOptions{Sheet: "Personen", Locale: tabular.German, Zone: berlin})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("ä", 40000)
	cells := []tabular.Cell{
		tabular.Text("  zwei Leerzeichen  "), tabular.Text("Zeile 1\r\nZeile 2"), tabular.Text("a\x01b"),
		tabular.Text("x_x0041_y"), tabular.Text(long), tabular.Text("<Müller & Söhne>"),
		tabular.Date(time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC)), tabular.Date(time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)),
		tabular.Date(time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)),
		tabular.DateTime(time.Date(2026, 7, 1, 10, 30, 15, 0, time.UTC)), tabular.Number("+7"),
	}
	if err := w.Header([]string{"A", "B"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Row(cells); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{
		"A2": "  zwei Leerzeichen  ", "B2": "Zeile 1\r\nZeile 2", "C2": "a\uFFFDb", "D2": "x_x0041_y",
		"E2": strings.Repeat("ä", 32767), "F2": "<Müller & Söhne>", "G2": "59", "H2": "61", "I2": "31.12.1899",
		"J2": "46204.521006944444", "K2": "7",
	} {
		got, err := f.GetCellValue("Personen", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: %.60q, want %.60q", cell, got, want)
		}
	}
	for cell, want := range map[string]string{"G2": "28.02.1900", "H2": "01.03.1900", "J2": "01.07.2026 12:30"} {
		if shown, _ := f.GetCellValue("Personen", cell); shown != want {
			t.Errorf("%s shown %q, want %q", cell, shown, want)
		}
	}
	if typ, _ := f.GetCellType("Personen", "I2"); typ != excelize.CellTypeInlineString {
		t.Errorf("I2: type %v", typ)
	}
	panes, err := f.GetPanes("Personen")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("the header row is not kept in view: %+v %v", panes, err)
	}
	if width, _ := f.GetColWidth("Personen", "B"); width != 20 {
		t.Errorf("column width %v", width)
	}
}

// TestXLSXWritesInConstantMemoryAndLeavesNoFile writes 100,000 rows (about 60 MB of sheet XML): what stays on the
// heap while they are written does not grow with them, and neither a closed nor an aborted workbook leaves a
// temporary file behind.
func TestXLSXWritesInConstantMemoryAndLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	live := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	for _, abort := range []bool{false, true} {
		var out countingWriter
		w, err := tabular.NewXLSX(&out, tabular.XLSXOptions{Locale: tabular.German, Zone: berlin})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Header([]string{"Name", "Formel"}); err != nil {
			t.Fatal(err)
		}
		before := live()
		var most uint64
		for i := range 100_000 {
			cells := row()
			cells[0] = tabular.Text(fmt.Sprintf("Person %d mit einem längeren Namen, Straße und Ort", i))
			if err := w.Row(cells); err != nil {
				t.Fatal(err)
			}
			if i%20_000 == 19_999 {
				most = max(most, live())
			}
		}
		if most > before+4<<20 {
			t.Errorf("the heap grew by %d KiB while the rows were written", (most-before)>>10)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("the rows are not in one temporary file: %d files", len(entries))
		}
		if abort {
			w.Abort()
			if out.n != 0 {
				t.Errorf("an aborted workbook wrote %d bytes", out.n)
			}
		} else if err := w.Close(); err != nil || out.n < 1<<20 {
			t.Errorf("closed: %v, %d bytes", err, out.n)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("left behind: %v", entries)
		}
	}
}

type countingWriter struct{ n int }

func (c *countingWriter) Write(b []byte) (int, error) { c.n += len(b); return len(b), nil }
