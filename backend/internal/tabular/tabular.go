// Package tabular writes tables (a header and rows of typed cells) as CSV or as an Excel workbook, in constant
// memory: the export of record lists writes with it, and so can any other file of rows the backend hands out
// (an import's failed rows). What a table holds is the caller's business; how its cells look is this package's:
// numbers and dates in the forms of a language (CSV) or as typed cells with number formats (XLSX), and text that
// a spreadsheet would run as a formula neutralised.
package tabular

import (
	"strconv"
	"strings"
	"time"
)

// Writer writes one table.
type Writer interface {
	// Header writes the first row: the columns' names (bold in a workbook, and kept in view while scrolling).
	Header(names []string) error
	// Row writes the next row.
	Row(cells []Cell) error
	// Flush hands what is written so far to the output (CSV; a workbook is written whole by Close).
	Flush() error
	// Close finishes the file: a workbook is written to the output only now.
	Close() error
	// Abort gives the file up after an error: a workbook writes nothing (its temporary file is removed), a CSV
	// stays as far as it was written. Abort after Close does nothing.
	Abort()
}

// Locale is how numbers and dates look in CSV, and which number formats a workbook's date cells get.
type Locale struct {
	// Decimal separates the decimals of a number in CSV ("12345,67"); there is no grouping.
	Decimal byte
	// Date and DateTime are the Go layouts of days and moments in CSV.
	Date, DateTime string
	// XLSXDate and XLSXDateTime are the workbook's number formats of days and moments.
	XLSXDate, XLSXDateTime string
}

// The locales of the UI's languages.
var (
	German = Locale{Decimal: ',', Date: "02.01.2006", DateTime: "02.01.2006 15:04",
		XLSXDate: "dd.mm.yyyy", XLSXDateTime: "dd.mm.yyyy hh:mm"}
	English = Locale{Decimal: '.', Date: "2006-01-02", DateTime: "2006-01-02 15:04",
		XLSXDate: "yyyy-mm-dd", XLSXDateTime: "yyyy-mm-dd hh:mm"}
)

type kind uint8

const (
	kindText kind = iota
	kindNumber
	kindDate
	kindDateTime
)

// Cell is one value of a row. The zero Cell is empty.
type Cell struct {
	kind kind
	text string
	// decimals fixes the decimals of a number (-1: as it is).
	decimals int
	at       time.Time
}

// Text is a text cell. Text that a spreadsheet would take for a formula is neutralised (see Neutralise).
func Text(s string) Cell { return Cell{kind: kindText, text: s} }

// texts are text cells of names (a header's).
func texts(names []string) []Cell {
	cells := make([]Cell, len(names))
	for i, n := range names {
		cells[i] = Text(n)
	}
	return cells
}

// Number is a number cell from its canonical text ("1234.5", "-3": a dot, no grouping); text that is no number
// is written as text.
func Number(canonical string) Cell { return number(canonical, -1) }

// Money is a number cell with two decimals ("1234.5" is written 1234,50 or 1234.50, and as 1,234.50 in a
// workbook's number format).
func Money(canonical string) Cell { return number(canonical, 2) }

// Int is a whole number.
func Int(n int) Cell { return Cell{kind: kindNumber, text: strconv.Itoa(n), decimals: -1} }

func number(canonical string, decimals int) Cell {
	s := strings.TrimSpace(canonical)
	if s == "" {
		return Cell{}
	}
	if _, err := strconv.ParseFloat(s, 64); err != nil || strings.ContainsAny(s, "eEinfINFxX_") {
		return Text(canonical)
	}
	return Cell{kind: kindNumber, text: s, decimals: decimals}
}

// Date is a calendar day: the year, month and day of t as they are (no time zone applies).
func Date(t time.Time) Cell { return Cell{kind: kindDate, at: t} }

// DateTime is a moment, written as the wall clock of the writer's zone shows it.
func DateTime(t time.Time) Cell { return Cell{kind: kindDateTime, at: t} }

// Empty reports whether the cell has no value.
func (c Cell) Empty() bool {
	return (c.kind == kindText || c.kind == kindNumber) && c.text == "" || (c.kind == kindDate || c.kind == kindDateTime) && c.at.IsZero()
}

// Neutralise makes text safe from formula injection: a text that begins (after spaces, tabs and line breaks) with
// =, +, - or @ would be run as a formula by a spreadsheet that opens the file; it gets a leading apostrophe, which
// spreadsheets show as text. Other text is returned as it is.
func Neutralise(s string) string {
	t := strings.TrimLeft(s, " \t\r\n")
	if t != "" && strings.IndexByte("=+-@", t[0]) >= 0 {
		return "'" + s
	}
	return s
}

// decimalText is a number's canonical text with its decimals fixed (-1: as it is) and dec as the separator.
func decimalText(canonical string, decimals int, dec byte) string {
	s := canonical
	if decimals >= 0 {
		whole, frac, _ := strings.Cut(s, ".")
		if len(frac) < decimals {
			frac += strings.Repeat("0", decimals-len(frac))
		}
		if len(frac) > decimals { // canonical amounts have at most two decimals: round like strconv does
			f, _ := strconv.ParseFloat(s, 64)
			s = strconv.FormatFloat(f, 'f', decimals, 64)
			whole, frac, _ = strings.Cut(s, ".")
		}
		s = whole
		if decimals > 0 {
			s += "." + frac
		}
	}
	if dec != '.' {
		s = strings.Replace(s, ".", string(dec), 1)
	}
	return s
}
