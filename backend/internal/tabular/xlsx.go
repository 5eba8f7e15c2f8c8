package tabular

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// XLSXOptions say how a workbook is written.
type XLSXOptions struct {
	// Sheet names the one sheet (at most 31 characters, none of []:*?/\; "Sheet1" if empty).
	Sheet  string
	Locale // English if zero
	// Zone is the time zone of DateTime cells (a workbook's times have none: they are written as its wall clock).
	Zone *time.Location
}

// xlsxWriter writes a workbook of one sheet in constant memory. excelize makes the package: content types,
// workbook, styles, and the sheet's XML around its rows (the frozen header, the column widths). The rows are
// written here, as excelize's StreamWriter writes them (inline strings, no shared string table), but straight into
// a deflated zip entry of a temporary file as they come: the StreamWriter holds up to 16 MiB of sheet XML in a
// growing buffer (about 25 MiB of heap, twice that before a collection) and then keeps the whole sheet
// uncompressed on disk (about 900 MB for 1,000,000 persons) to compress it when the workbook is written. Close
// copies excelize's parts and the compressed sheet entry to the output without compressing anything again.
type xlsxWriter struct {
	out    io.Writer
	f      *excelize.File
	opts   XLSXOptions
	styles struct{ header, date, dateTime, money int }

	// Set by begin: the temporary zip, the sheet's entry in it, and excelize's package without the rows.
	tmp   *os.File
	tz    *zip.Writer
	xml   *bufio.Writer
	parts *zip.Reader
	part  string // the sheet's name in the package
	tail  string // the sheet's XML after its rows

	cols   []string // column letters by index, as far as used
	row    int
	rowNum []byte // the row's number as text
	num    []byte // scratch
	closed bool
}

// NewXLSX starts a workbook that Close writes to out.
func NewXLSX(out io.Writer, opts XLSXOptions) (Writer, error) {
	if opts.Zone == nil {
		opts.Zone = time.UTC
	}
	if opts.Sheet == "" {
		opts.Sheet = "Sheet1"
	}
	if opts.Locale == (Locale{}) {
		opts.Locale = English
	}
	f := excelize.NewFile()
	x := &xlsxWriter{out: out, f: f, opts: opts}
	fail := func(err error) (Writer, error) {
		_ = f.Close()
		return nil, fmt.Errorf("tabular: xlsx: %w", err)
	}
	if err := f.SetSheetName("Sheet1", opts.Sheet); err != nil {
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
	return x, nil
}

// sheetData is the empty rows element of excelize's sheet XML, where the rows go.
const sheetData = "<sheetData></sheetData>"

// begin lets excelize write the package with the sheet's settings (a header of n columns, kept in view, if
// header) and starts the sheet's entry in the temporary zip with the XML before the rows.
func (x *xlsxWriter) begin(n int, header bool) error {
	if x.xml != nil {
		return nil
	}
	if x.closed {
		return errors.New("tabular: xlsx: the workbook is closed")
	}
	if n > 0 {
		last, err := excelize.ColumnNumberToName(n)
		if err != nil {
			return fmt.Errorf("tabular: xlsx: %w", err)
		}
		if err := x.f.SetColWidth(x.opts.Sheet, "A", last, 20); err != nil {
			return fmt.Errorf("tabular: xlsx: %w", err)
		}
	}
	if header {
		if err := x.f.SetPanes(x.opts.Sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return fmt.Errorf("tabular: xlsx: %w", err)
		}
	}
	var pkg bytes.Buffer
	if err := x.f.Write(&pkg); err != nil {
		return fmt.Errorf("tabular: xlsx: %w", err)
	}
	parts, err := zip.NewReader(bytes.NewReader(pkg.Bytes()), int64(pkg.Len()))
	if err != nil {
		return fmt.Errorf("tabular: xlsx: %w", err)
	}
	x.parts = parts
	// The workbook's one sheet is its one worksheet part.
	var sheetXML []byte
	for _, p := range parts.File {
		if strings.HasPrefix(p.Name, "xl/worksheets/") && strings.HasSuffix(p.Name, ".xml") {
			x.part = p.Name
			if sheetXML, err = readPart(p); err != nil {
				return fmt.Errorf("tabular: xlsx: %w", err)
			}
		}
	}
	head, tail, ok := strings.Cut(string(sheetXML), sheetData)
	if !ok {
		return fmt.Errorf("tabular: xlsx: the sheet %s has no %s", x.part, sheetData)
	}
	x.tail = tail
	if x.tmp, err = os.CreateTemp("", "onesales-sheet-*.zip"); err != nil {
		return fmt.Errorf("tabular: xlsx: %w", err)
	}
	x.tz = zip.NewWriter(x.tmp)
	entry, err := x.tz.CreateHeader(&zip.FileHeader{Name: x.part, Method: zip.Deflate})
	if err != nil {
		return fmt.Errorf("tabular: xlsx: %w", err)
	}
	x.xml = bufio.NewWriterSize(entry, 64<<10)
	_, _ = x.xml.WriteString(head)
	_, err = x.xml.WriteString("<sheetData>")
	return err
}

// readPart reads one (small) part of excelize's package.
func readPart(p *zip.File) ([]byte, error) {
	r, err := p.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func (x *xlsxWriter) Header(names []string) error {
	if err := x.begin(len(names), true); err != nil {
		return err
	}
	return x.write(texts(names), x.styles.header)
}

func (x *xlsxWriter) Row(cells []Cell) error {
	if err := x.begin(0, false); err != nil {
		return err
	}
	return x.write(cells, 0)
}

// write writes one row; style (if not 0) is the style of its text cells.
func (x *xlsxWriter) write(cells []Cell, style int) error {
	x.row++
	w := x.xml
	x.rowNum = strconv.AppendInt(x.rowNum[:0], int64(x.row), 10)
	_, _ = w.WriteString(`<row r="`)
	_, _ = w.Write(x.rowNum)
	_, _ = w.WriteString(`">`)
	for i, c := range cells {
		if c.Empty() {
			continue
		}
		for len(x.cols) <= i {
			name, err := excelize.ColumnNumberToName(len(x.cols) + 1)
			if err != nil {
				return fmt.Errorf("tabular: xlsx: %w", err)
			}
			x.cols = append(x.cols, name)
		}
		_, _ = w.WriteString(`<c r="`)
		_, _ = w.WriteString(x.cols[i])
		_, _ = w.Write(x.rowNum)
		_ = w.WriteByte('"')
		switch c.kind {
		case kindNumber:
			if c.decimals == 2 {
				x.style(x.styles.money)
			}
			f, _ := strconv.ParseFloat(c.text, 64) // number() checked it
			x.value(strconv.FormatFloat(f, 'f', -1, 64))
		case kindDate:
			y, m, d := c.at.Date()
			x.moment(time.Date(y, m, d, 0, 0, 0, 0, time.UTC), x.styles.date, x.opts.Date)
		case kindDateTime:
			t := c.at.In(x.opts.Zone)
			x.moment(time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC),
				x.styles.dateTime, x.opts.DateTime)
		default:
			x.style(style)
			x.text(c.text)
		}
	}
	_, err := w.WriteString(`</row>`)
	return err
}

func (x *xlsxWriter) style(id int) {
	if id != 0 {
		x.num = strconv.AppendInt(append(x.num[:0], ` s="`...), int64(id), 10)
		_, _ = x.xml.Write(x.num)
		_ = x.xml.WriteByte('"')
	}
}

// value ends a cell with a number.
func (x *xlsxWriter) value(v string) {
	_, _ = x.xml.WriteString(`><v>`)
	_, _ = x.xml.WriteString(v)
	_, _ = x.xml.WriteString(`</v></c>`)
}

// Excel's day numbers in the 1900 date system count from 1 January 1900 (day 1) and have a 29 February 1900 (day
// 60), as Lotus 1-2-3 had: from 1 March 1900 on they count from 30 December 1899.
var (
	excelFirstDay = time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)
	excelLeapDay  = time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC)
)

// moment ends a cell with a wall clock time as Excel's day number and its date format; a time before Excel's
// first day is written as text in the locale's layout.
func (x *xlsxWriter) moment(t time.Time, style int, layout string) {
	if t.Before(excelFirstDay) {
		x.text(t.Format(layout))
		return
	}
	x.style(style)
	day0 := excelFirstDay.AddDate(0, 0, -1)
	if !t.Before(excelLeapDay) {
		day0 = day0.AddDate(0, 0, -1)
	}
	secs := int64(t.Sub(day0) / time.Second)
	if secs%86400 == 0 {
		x.value(strconv.FormatInt(secs/86400, 10))
	} else {
		x.value(strconv.FormatFloat(float64(secs)/86400, 'f', -1, 64))
	}
}

// maxCellChars is the most characters a cell holds in Excel; excelize cuts longer text there too.
const maxCellChars = 32767

// escapedChar is a text that Excel would read as an escaped character (_x0041_ is "A"); its underscore is escaped
// itself, as excelize does, so that the text stays as it is.
var escapedChar = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)

// text ends a cell with an inline string: never a formula, characters XML cannot hold replaced (encoding/xml
// writes U+FFFD), leading and trailing white space kept.
func (x *xlsxWriter) text(s string) {
	if len(s) > maxCellChars && utf8.RuneCountInString(s) > maxCellChars {
		s = string([]rune(s)[:maxCellChars])
	}
	if strings.Contains(s, "_x") {
		s = escapedChar.ReplaceAllString(s, "_x005F$0")
	}
	_, _ = x.xml.WriteString(` t="inlineStr"><is><t`)
	if s != "" && (strings.IndexByte(" \t\r\n", s[0]) >= 0 || strings.IndexByte(" \t\r\n", s[len(s)-1]) >= 0) {
		_, _ = x.xml.WriteString(` xml:space="preserve"`)
	}
	_ = x.xml.WriteByte('>')
	_ = xml.EscapeText(x.xml, []byte(s))
	_, _ = x.xml.WriteString(`</t></is></c>`)
}

func (x *xlsxWriter) Flush() error { return nil }

func (x *xlsxWriter) Abort() {
	if !x.closed {
		x.closed = true
		x.release()
	}
}

// release closes excelize's file and removes the temporary one.
func (x *xlsxWriter) release() {
	_ = x.f.Close()
	if x.tmp != nil {
		_ = x.tmp.Close()
		_ = os.Remove(x.tmp.Name())
	}
}

func (x *xlsxWriter) Close() error {
	if x.closed {
		return nil
	}
	err := x.begin(0, false)
	x.closed = true
	defer x.release()
	if err != nil {
		return err
	}
	if err := x.finish(); err != nil {
		return fmt.Errorf("tabular: xlsx: %w", err)
	}
	return nil
}

// finish ends the sheet and writes the package to the output: excelize's parts first, then the sheet's entry
// as it was compressed.
func (x *xlsxWriter) finish() error {
	_, _ = x.xml.WriteString("</sheetData>")
	_, _ = x.xml.WriteString(x.tail)
	if err := x.xml.Flush(); err != nil {
		return err
	}
	if err := x.tz.Close(); err != nil {
		return err
	}
	size, err := x.tmp.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	sheet, err := zip.NewReader(x.tmp, size)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(x.out)
	for _, p := range x.parts.File {
		if p.Name != x.part {
			if err := zw.Copy(p); err != nil {
				return err
			}
		}
	}
	for _, p := range sheet.File {
		if err := zw.Copy(p); err != nil {
			return err
		}
	}
	return zw.Close()
}
