package importer

import (
	"errors"
	"io"
	"slices"

	"github.com/1sales/app/shared/api"
)

// sampleRows is how many data rows the analysis detects value forms from; samplesShown how many values of a
// column it shows.
const (
	sampleRows   = 1000
	samplesShown = 5
)

// analysis is what reading a whole file found.
type analysis struct {
	t         *table
	headerRow int
	headers   []string
	rows      int
	// samples are the first data rows' values by column.
	samples [][]string
}

// analyse reads the table to its end: the header (opts.HeaderRow, else the first row with a value), the data
// rows below it counted, the first sampleRows kept by column. A file without a value is empty, one with only a
// header has no rows (422).
func analyse(t *table, headerRow int) (*analysis, error) {
	a := &analysis{t: t}
	for {
		no, cells, err := t.next()
		var re *rowError
		switch {
		case errors.Is(err, io.EOF):
			if a.headers == nil {
				return nil, fileError("file", api.FieldEmpty, "the file has no values")
			}
			if a.rows == 0 {
				return nil, fileError("file", api.FieldNoRows, "the file has a header and no rows")
			}
			return a, nil
		case errors.As(err, &re):
			if a.headers != nil {
				a.rows++
			}
			continue
		case err != nil:
			return nil, err
		}
		if a.headers == nil {
			if headerRow > 0 && no < headerRow {
				continue
			}
			a.headerRow, a.headers = no, cells
			continue
		}
		a.rows++
		if a.rows <= sampleRows {
			for i, c := range cells {
				if i >= len(a.headers) {
					break
				}
				for len(a.samples) <= i {
					a.samples = append(a.samples, nil)
				}
				if c != "" {
					a.samples[i] = append(a.samples[i], c)
				}
			}
		}
	}
}

// describe makes the analysis the wire's, with the targets set offers and the suggested settings (the matched
// columns with their detected forms, duplicates by the set's first duplicate target (e-mail, or an
// organisation's name) skipped, the importer owning the rows).
func (a *analysis) describe(imp *Import, set fieldSet) api.ImportAnalysis {
	out := api.ImportAnalysis{ID: imp.ID.String(), RecordType: imp.RecordType, FileName: imp.FileName, Format: imp.Format,
		Encoding: a.t.encoding, Delimiter: a.t.delimiter, Sheet: a.t.sheet, Sheets: a.t.sheets, HeaderRow: a.headerRow,
		Rows: a.rows, Fields: set.api(), ExpiresAt: imp.ExpiresAt,
		Suggested: api.ImportSettings{Columns: []api.ImportMapping{}, Duplicates: api.ImportDuplicates{Action: api.DuplicateSkip}}}
	if out.Sheets == nil {
		out.Sheets = []string{}
	}
	targets := set.suggestTargets(a.headers)
	for i, h := range a.headers {
		var values []string
		if i < len(a.samples) {
			values = a.samples[i]
		}
		col := api.ImportColumn{Index: i, Header: h, Samples: values[:min(len(values), samplesShown)], Target: targets[i],
			Number: detectNumber(values), Date: detectDate(values, false)}
		if col.Samples == nil {
			col.Samples = []string{}
		}
		f, ok := set.byTarget(col.Target)
		if ok && f.Kind == api.ImportValueDate && col.Date == "" && imp.Format == api.ImportXLSX {
			col.Date = detectDate(values, true)
		}
		out.Columns = append(out.Columns, col)
		if !ok {
			continue
		}
		m := api.ImportMapping{Column: i, Target: col.Target}
		switch f.Kind {
		case api.ImportValueNumber:
			m.Number = col.Number
			if m.Number == "" {
				m.Number = api.NumberDE
			}
		case api.ImportValueDate:
			m.Date = col.Date
			if m.Date == "" {
				m.Date = api.DateDMY
			}
		}
		out.Suggested.Columns = append(out.Suggested.Columns, m)
	}
	if i := slices.IndexFunc(set.list, func(f field) bool { return f.Duplicates && f.custom == nil }); i >= 0 {
		t := set.list[i].Target
		if slices.ContainsFunc(out.Suggested.Columns, func(m api.ImportMapping) bool { return m.Target == t }) {
			out.Suggested.Duplicates.Target = t
		}
	}
	return out
}
