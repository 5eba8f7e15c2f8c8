package tabular

import (
	"bufio"
	"encoding/csv"
	"io"
	"time"
)

// CSVOptions say how a CSV is written.
type CSVOptions struct {
	// Comma separates the fields (';' for German Excel, ',' otherwise).
	Comma rune
	// BOM starts the file with UTF-8's byte order mark, by which Excel recognises the encoding.
	BOM bool
	Locale
	// Zone is the time zone of DateTime cells.
	Zone *time.Location
}

// csvWriter writes CSV straight to its output (through a small buffer): CRLF line ends, fields quoted where
// needed.
type csvWriter struct {
	opts CSVOptions
	buf  *bufio.Writer
	w    *csv.Writer
	rec  []string
	err  error
}

// NewCSV writes a CSV to out.
func NewCSV(out io.Writer, opts CSVOptions) Writer {
	if opts.Zone == nil {
		opts.Zone = time.UTC
	}
	buf := bufio.NewWriterSize(out, 32<<10)
	w := csv.NewWriter(buf)
	w.Comma, w.UseCRLF = opts.Comma, true
	c := &csvWriter{opts: opts, buf: buf, w: w}
	if opts.BOM {
		_, c.err = buf.WriteString("\uFEFF")
	}
	return c
}

func (c *csvWriter) Header(names []string) error { return c.Row(texts(names)) }

func (c *csvWriter) Row(cells []Cell) error {
	if c.err != nil {
		return c.err
	}
	c.rec = c.rec[:0]
	for _, cell := range cells {
		c.rec = append(c.rec, c.text(cell))
	}
	c.err = c.w.Write(c.rec)
	return c.err
}

// text is a cell as CSV shows it in the locale.
func (c *csvWriter) text(cell Cell) string {
	if cell.Empty() {
		return ""
	}
	switch cell.kind {
	case kindNumber:
		return decimalText(cell.text, cell.decimals, c.opts.Decimal)
	case kindDate:
		return cell.at.Format(c.opts.Date)
	case kindDateTime:
		return cell.at.In(c.opts.Zone).Format(c.opts.DateTime)
	default:
		return Neutralise(cell.text)
	}
}

func (c *csvWriter) Flush() error {
	if c.err != nil {
		return c.err
	}
	c.w.Flush()
	if c.err = c.w.Error(); c.err == nil {
		c.err = c.buf.Flush()
	}
	return c.err
}

func (c *csvWriter) Close() error { return c.Flush() }

func (c *csvWriter) Abort() {}
