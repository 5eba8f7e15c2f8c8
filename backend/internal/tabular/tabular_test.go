package tabular_test

import (
	"bytes"
	"encoding/csv"
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
