package tabular

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// XLSXOptions say how a workbook is written.
type XLSXOptions struct {
	// Sheet names the one sheet (at most 31 characters, none of []:*?/\).
	Sheet string
	Locale
	// Zone is the time zone of DateTime cells (a workbook's times have none: they are written as its wall clock).
	Zone *time.Location
}

// xlsxWriter writes a workbook with excelize's StreamWriter: the rows go to a temporary file as they come
// (excelize keeps 16 MiB in memory, the rest on disk), and Close writes the zip straight to the output, so that
// memory stays flat however many rows there are. Text is written as inline strings (never as a formula, and
// without a shared string table, which would hold every distinct text in memory).
type xlsxWriter struct {
	out    io.Writer
	f      *excelize.File
	sw     *excelize.StreamWriter
	zone   *time.Location
	row    int
	styles struct{ header, date, dateTime, money int }
	vals   []any
	closed bool
}

// NewXLSX starts a workbook that Close writes to out.
func NewXLSX(out io.Writer, opts XLSXOptions) (Writer, error) {
	if opts.Zone == nil {
		opts.Zone = time.UTC
	}
	f := excelize.NewFile()
	// excelize writes a workbook into a buffer in memory and copies that to the writer; its zip writer can be
	// replaced, and this one writes to out directly.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(out) })
	x := &xlsxWriter{out: out, f: f, zone: opts.Zone}
	fail := func(err error) (Writer, error) {
		_ = f.Close()
		return nil, fmt.Errorf("tabular: xlsx: %w", err)
	}
	sheet := opts.Sheet
	if sheet == "" {
		sheet = "Sheet1"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fail(err)
	}
	var err error
	if x.styles.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return fail(err)
	}
	if x.styles.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &opts.XLSXDate}); err != nil {
		return fail(err)
	}
	if x.styles.dateTime, err = f.NewStyle(&excelize.Style{CustomNumFmt: &opts.XLSXDateTime}); err != nil {
		return fail(err)
	}
	if x.styles.money, err = f.NewStyle(&excelize.Style{NumFmt: 4}); err != nil { // #,##0.00
		return fail(err)
	}
	if x.sw, err = f.NewStreamWriter(sheet); err != nil {
		return fail(err)
	}
	return x, nil
}

func (x *xlsxWriter) Header(names []string) error {
	if len(names) > 0 {
		if err := x.sw.SetColWidth(1, len(names), 20); err != nil {
			return err
		}
	}
	if err := x.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	x.vals = x.vals[:0]
	for _, n := range names {
		x.vals = append(x.vals, excelize.Cell{StyleID: x.styles.header, Value: n})
	}
	return x.next()
}

func (x *xlsxWriter) Row(cells []Cell) error {
	x.vals = x.vals[:0]
	for _, c := range cells {
		x.vals = append(x.vals, x.value(c))
	}
	return x.next()
}

func (x *xlsxWriter) next() error {
	x.row++
	cell, _ := excelize.CoordinatesToCellName(1, x.row)
	return x.sw.SetRow(cell, x.vals)
}

// value is a cell as excelize takes it: numbers as numbers, dates as the wall clock (excelize turns a time into
// Excel's day number as it reads: no zone), text as text.
func (x *xlsxWriter) value(c Cell) any {
	if c.Empty() {
		return nil
	}
	switch c.kind {
	case kindNumber:
		f, _ := strconv.ParseFloat(c.text, 64) // number() checked it
		if c.decimals == 2 {
			return excelize.Cell{StyleID: x.styles.money, Value: f}
		}
		return f
	case kindDate:
		y, m, d := c.at.Date()
		return excelize.Cell{StyleID: x.styles.date, Value: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
	case kindDateTime:
		t := c.at.In(x.zone)
		return excelize.Cell{StyleID: x.styles.dateTime, Value: time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)}
	default:
		return c.text
	}
}

func (x *xlsxWriter) Flush() error { return nil }

func (x *xlsxWriter) Abort() {
	if !x.closed {
		x.closed = true
		_ = x.f.Close()
	}
}

func (x *xlsxWriter) Close() error {
	if x.closed {
		return nil
	}
	x.closed = true
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return fmt.Errorf("tabular: xlsx: %w", err)
	}
	// The zip goes to out through the zip writer set above; what excelize copies to this writer is empty.
	if err := x.f.Write(io.Discard); err != nil {
		return fmt.Errorf("tabular: xlsx: %w", err)
	}
	return nil
}
