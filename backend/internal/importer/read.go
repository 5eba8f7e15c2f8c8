package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// A file is read as a table of rows of text cells: CSV with encoding/csv (lazy quotes, rows of any length) after
// its encoding is decoded, XLSX with excelize's row iterator (the sheet's XML streamed, large parts spilled to
// temporary files), each cell as the spreadsheet shows it (its number format applied, dates of the built-in
// short format as yyyy-mm-dd).

// formatOf tells the format a file's name promises: .xlsx (and .xlsm) XLSX; .csv, .tsv and .txt CSV.
func formatOf(fileName string) (api.ImportFileFormat, bool) {
	switch strings.ToLower(filepath.Ext(fileName)) {
	case ".xlsx", ".xlsm":
		return api.ImportXLSX, true
	case ".csv", ".tsv", ".txt":
		return api.ImportCSV, true
	}
	return "", false
}

// fileError is the answer for a file that cannot be imported (422 import.file_invalid) with field's code.
func fileError(field string, code api.FieldCode, message string) error {
	e := httpx.NewError(http.StatusUnprocessableEntity, api.CodeImportFileInvalid, message)
	e.Fields = map[string]api.FieldCode{field: code}
	return e
}

// checkContent compares a file's first bytes with the format its name promises: an XLSX file is a ZIP archive;
// a CSV file is text (no NUL bytes, no archive or PDF). An empty file is refused as empty.
func checkContent(format api.ImportFileFormat, head []byte) error {
	if len(bytes.TrimSpace(bytes.TrimPrefix(head, bom))) == 0 {
		return fileError("file", api.FieldEmpty, "the file is empty")
	}
	zip := bytes.HasPrefix(head, []byte("PK\x03\x04"))
	switch format {
	case api.ImportXLSX:
		if !zip {
			return fileError("file", api.FieldMismatch, "the file is no XLSX workbook")
		}
	default:
		if zip || bytes.HasPrefix(head, []byte("%PDF")) || bytes.IndexByte(head, 0) >= 0 ||
			bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
			return fileError("file", api.FieldMismatch, "the file is no CSV text")
		}
	}
	return nil
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// table is an open file being read row by row.
type table struct {
	format    api.ImportFileFormat
	encoding  api.ImportEncoding
	delimiter string
	sheet     string
	sheets    []string
	// next gives the next row with a value: its number in the file (from 1: the line of a CSV file, the row of a
	// sheet) and its cells (trailing empty cells cut). A row that cannot be parsed comes with a *rowError and no
	// cells. io.EOF ends the table.
	next  func() (int, []string, error)
	close func() error
}

// rowError is a row the reader could not parse (a CSV line with a stray quote).
type rowError struct{ line int }

func (e *rowError) Error() string { return fmt.Sprintf("row %d cannot be read", e.line) }

// openTable opens the file at path as format, read as opts says (empty options are detected).
func openTable(path string, format api.ImportFileFormat, opts api.ImportReadOptions) (*table, error) {
	if format == api.ImportXLSX {
		return openXLSX(path, opts)
	}
	return openCSV(path, opts)
}

// openXLSX opens a workbook's sheet (opts.Sheet, else the first).
func openXLSX(path string, opts api.ImportReadOptions) (*table, error) {
	f, err := excelize.OpenFile(path, excelize.Options{ShortDatePattern: "yyyy-mm-dd", UnzipSizeLimit: 1 << 30,
		TmpDir: os.TempDir()})
	if err != nil {
		return nil, fileError("file", api.FieldInvalid, "the workbook cannot be read")
	}
	daysAsISO(f)
	t := &table{format: api.ImportXLSX, sheets: f.GetSheetList(), close: f.Close}
	if len(t.sheets) == 0 {
		_ = f.Close()
		return nil, fileError("file", api.FieldEmpty, "the workbook has no sheet")
	}
	t.sheet = t.sheets[0]
	if opts.Sheet != "" {
		if !slices.Contains(t.sheets, opts.Sheet) {
			_ = f.Close()
			return nil, fileError("sheet", api.FieldNotFound, "the workbook has no such sheet")
		}
		t.sheet = opts.Sheet
	}
	rows, err := f.Rows(t.sheet)
	if err != nil {
		_ = f.Close()
		return nil, fileError("file", api.FieldInvalid, "the sheet cannot be read")
	}
	t.close = func() error { return errors.Join(rows.Close(), f.Close()) }
	n := 0
	t.next = func() (int, []string, error) {
		for rows.Next() {
			n++
			cells, err := rows.Columns()
			if err != nil {
				return n, nil, fmt.Errorf("importer: sheet row %d: %w", n, err)
			}
			if cells = trimCells(cells); len(cells) > 0 {
				return n, cells, nil
			}
		}
		if err := rows.Error(); err != nil {
			return n, nil, fmt.Errorf("importer: sheet: %w", err)
		}
		return n, nil, io.EOF
	}
	return t, nil
}

// daysAsISO makes every date format of the workbook the built-in short date, which the file is opened to show as
// yyyy-mm-dd: a cell shows its day whatever its format (Excel's "Apr-98" for the first of April 1998 would lose
// it), in one form the import reads. Time-only formats stay.
func daysAsISO(f *excelize.File) {
	if _, err := f.GetStyle(0); err != nil || f.Styles == nil || f.Styles.CellXfs == nil {
		return
	}
	custom := map[int]string{}
	if f.Styles.NumFmts != nil {
		for _, n := range f.Styles.NumFmts.NumFmt {
			custom[n.NumFmtID] = n.FormatCode
		}
	}
	short := 14
	for i := range f.Styles.CellXfs.Xf {
		xf := &f.Styles.CellXfs.Xf[i]
		if xf.NumFmtID != nil && isDateFormat(*xf.NumFmtID, custom) {
			xf.NumFmtID = &short
		}
	}
}

// isDateFormat tells a number format that shows a day: the built-in date formats, or a format code with a year
// or day token (outside quotes and brackets) and no digit placeholders.
func isDateFormat(id int, custom map[int]string) bool {
	switch {
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return true
	}
	code, ok := custom[id]
	if !ok {
		return false
	}
	inQuote, inBracket, day := false, false, false
	for _, r := range strings.ToLower(code) {
		switch {
		case r == '"':
			inQuote = !inQuote
		case inQuote:
		case r == '[':
			inBracket = true
		case r == ']':
			inBracket = false
		case inBracket:
		case r == 'y' || r == 'd':
			day = true
		case r == '0' || r == '#':
			return false
		}
	}
	return day
}

// trimCells trims the cells' surrounding spaces and cuts the empty ones at the end; a row of empty cells is
// empty.
func trimCells(cells []string) []string {
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	end := len(cells)
	for end > 0 && cells[end-1] == "" {
		end--
	}
	return cells[:end]
}

// openCSV opens a CSV file: its encoding (opts.Encoding, else detected: a UTF-8 byte order mark, else valid
// UTF-8, else Windows-1252) decoded, its delimiter (opts.Delimiter, else detected from the first lines).
func openCSV(path string, opts api.ImportReadOptions) (*table, error) {
	enc := opts.Encoding
	if enc == "" {
		var err error
		if enc, err = detectEncoding(path); err != nil {
			return nil, err
		}
	}
	if !slices.Contains(api.AllImportEncodings, enc) {
		return nil, httpx.FieldError("encoding", api.FieldInvalid)
	}
	delim := opts.Delimiter
	if delim != "" && delim != "," && delim != ";" && delim != "\t" {
		return nil, httpx.FieldError("delimiter", api.FieldInvalid)
	}
	open := func() (*os.File, io.Reader, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, fmt.Errorf("importer: open: %w", err)
		}
		br := bufio.NewReaderSize(f, 64<<10)
		var r io.Reader = br
		switch enc {
		case api.EncodingWindows1252:
			r = transform.NewReader(br, charmap.Windows1252.NewDecoder())
		default:
			if head, _ := br.Peek(3); bytes.Equal(head, bom) {
				_, _ = br.Discard(3)
			}
		}
		return f, r, nil
	}
	if delim == "" {
		f, r, err := open()
		if err != nil {
			return nil, err
		}
		delim = detectDelimiter(r)
		_ = f.Close()
	}
	f, r, err := open()
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(r)
	cr.Comma = rune(delim[0])
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	t := &table{format: api.ImportCSV, encoding: enc, delimiter: delim, close: f.Close}
	t.next = func() (int, []string, error) {
		for {
			rec, err := cr.Read()
			var pe *csv.ParseError
			switch {
			case errors.As(err, &pe):
				return pe.StartLine, nil, &rowError{line: pe.StartLine}
			case err == io.EOF:
				return 0, nil, io.EOF
			case err != nil:
				return 0, nil, fmt.Errorf("importer: csv: %w", err)
			}
			line, _ := cr.FieldPos(0)
			if cells := trimCells(slices.Clone(rec)); len(cells) > 0 {
				return line, cells, nil
			}
		}
	}
	return t, nil
}

// detectEncoding reads the whole file: a UTF-8 byte order mark, else UTF-8 when every byte sequence is valid
// UTF-8, else Windows-1252 (which every byte sequence is).
func detectEncoding(path string) (api.ImportEncoding, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("importer: open: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	if head, _ := br.Peek(3); bytes.Equal(head, bom) {
		return api.EncodingUTF8BOM, nil
	}
	buf := make([]byte, 64<<10)
	var carry []byte
	for {
		n, err := br.Read(buf)
		chunk := append(carry, buf[:n]...)
		// Keep an incomplete rune at the end for the next chunk.
		cut := len(chunk)
		for i := 1; i <= 3 && i <= len(chunk); i++ {
			if c := chunk[len(chunk)-i]; c >= 0xC0 {
				if !utf8.FullRune(chunk[len(chunk)-i:]) {
					cut = len(chunk) - i
				}
				break
			} else if c < 0x80 {
				break
			}
		}
		if !utf8.Valid(chunk[:cut]) {
			return api.EncodingWindows1252, nil
		}
		carry = append(carry[:0:0], chunk[cut:]...)
		if err == io.EOF {
			if len(carry) > 0 {
				return api.EncodingWindows1252, nil
			}
			return api.EncodingUTF8, nil
		}
		if err != nil {
			return "", fmt.Errorf("importer: read: %w", err)
		}
	}
}

// detectDelimiter reads the first lines (at most 64 KiB, 50 records) with each candidate and takes the one that
// splits most lines into the same number of fields (more than one); ties go to the earlier candidate
// (semicolon, comma, tab). One column: a comma.
func detectDelimiter(r io.Reader) string {
	sample, _ := io.ReadAll(io.LimitReader(r, 64<<10))
	if i := bytes.LastIndexByte(sample, '\n'); i > 0 && len(sample) == 64<<10 {
		sample = sample[:i+1]
	}
	best, bestScore := ",", 0
	for _, c := range []string{";", ",", "\t"} {
		cr := csv.NewReader(bytes.NewReader(sample))
		cr.Comma, cr.LazyQuotes, cr.FieldsPerRecord = rune(c[0]), true, -1
		counts := map[int]int{}
		for i := 0; i < 50; i++ {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				continue
			}
			if len(rec) > 1 {
				counts[len(rec)]++
			}
		}
		score := 0
		for n, k := range counts {
			if s := k*1000 + n; s > score {
				score = s
			}
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}
