package importer

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/document"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/tabular"
	"github.com/1sales/app/shared/api"
)

// failure is a failed row as kept.
type failure struct {
	Row    int                      `bun:"row_no"`
	Cells  []string                 `bun:"cells,array"`
	Errors map[string]api.FieldCode `bun:"errors,type:jsonb"`
}

// FailedRowsHandler handles GET /api/v1/imports/{importID}/failed-rows?format=xlsx|csv&lang=de|en: the failed
// rows with the file's columns and one more, "Fehler" ("Error"), the reasons in words, in the order of the file;
// as XLSX (default) or as CSV for German Excel (semicolons, UTF-8 with byte order mark; a cell that would start a
// formula gets a leading quote, which an import takes off again).
func (s *Service) FailedRowsHandler(w http.ResponseWriter, r *http.Request) error {
	a, id, err := rest.Target(r, "importID")
	if err != nil {
		return err
	}
	format := api.ImportFileFormat(r.URL.Query().Get("format"))
	if format == "" {
		format = api.ImportXLSX
	}
	if !slices.Contains(api.AllImportFileFormats, format) {
		return httpx.FieldError("format", api.FieldInvalid)
	}
	lang := r.URL.Query().Get("lang")
	switch lang {
	case "":
		lang = "de"
	case "de", "en":
	default:
		return httpx.FieldError("lang", api.FieldInvalid)
	}
	imp, rows, err := s.failures(r.Context(), a, id)
	if err != nil {
		return err
	}
	ts := texts[lang]
	header := append(slices.Clone(imp.Headers), ts.column)
	set := imp.fieldLabels(r.Context(), s, a)
	name := strings.TrimSuffix(imp.FileName, filepath.Ext(imp.FileName)) + "-" + ts.suffix + "." + string(format)
	w.Header().Set("Content-Disposition", document.ContentDisposition(name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if format == api.ImportCSV {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		return writeCSV(w, header, rows, len(imp.Headers), func(f failure) string { return ts.reasons(f.Errors, set) })
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	return writeXLSX(w, header, rows, len(imp.Headers), func(f failure) string { return ts.reasons(f.Errors, set) })
}

// failures loads an import (the importer's or an admin's) and its failed rows.
func (s *Service) failures(ctx context.Context, a *access.Actor, id uuid.UUID) (*Import, []failure, error) {
	var imp *Import
	var rows []failure
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if imp, err = load(ctx, tx, a, id, false); err != nil {
			return err
		}
		if err := tx.NewRaw("SELECT row_no, cells, errors FROM import_failures WHERE import_id = ? ORDER BY row_no", id).Scan(ctx, &rows); err != nil && !db.IsNoRows(err) {
			return fmt.Errorf("importer: failed rows of %s: %w", id, err)
		}
		return nil
	})
	return imp, rows, err
}

// fieldLabels names the custom fields of the import's record types for the reasons ("Kundennummer: ...").
func (imp *Import) fieldLabels(ctx context.Context, s *Service, a *access.Actor) map[string]string {
	out := map[string]string{}
	_ = db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		set, _, err := fieldsOf(ctx, tx, imp.RecordType)
		for _, f := range set.list {
			if f.custom != nil {
				out[f.Target] = f.Label
			}
		}
		return err
	})
	return out
}

// cellsOf is a failed row's cells, as many as the header has (and more, when the row had more).
func cellsOf(f failure, columns int) []string {
	out := slices.Clone(f.Cells)
	for len(out) < columns {
		out = append(out, "")
	}
	return out
}

func writeCSV(w io.Writer, header []string, rows []failure, columns int, reason func(failure) string) error {
	if _, err := w.Write(bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	if err := cw.Write(neutral(header)); err != nil {
		return err
	}
	for _, f := range rows {
		cells := cellsOf(f, columns)
		cells = append(cells[:columns:columns], reason(f))
		if err := cw.Write(neutral(append(cells, f.Cells[min(columns, len(f.Cells)):]...))); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// neutral puts a quote before a cell that a spreadsheet would take for a formula (=, +, -, @; not a number).
func neutral(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			if _, ok := parseNumber(c, api.NumberDE); ok {
				continue
			}
			if _, ok := parseNumber(c, api.NumberEN); ok {
				continue
			}
			out[i] = "'" + c
		}
	}
	return out
}

func writeXLSX(w io.Writer, header []string, rows []failure, columns int, reason func(failure) string) error {
	tw, err := tabular.NewXLSX(w, tabular.XLSXOptions{})
	if err != nil {
		return err
	}
	defer tw.Abort()
	if err := tw.Header(header); err != nil {
		return err
	}
	var cells []tabular.Cell
	for _, fr := range rows {
		texts := cellsOf(fr, columns)
		texts = append(texts[:columns:columns], reason(fr))
		cells = cells[:0]
		for _, c := range append(texts, fr.Cells[min(columns, len(fr.Cells)):]...) {
			cells = append(cells, tabular.Text(c)) // text cells: a value is never a formula
		}
		if err := tw.Row(cells); err != nil {
			return err
		}
	}
	return tw.Close()
}

// reasons are a failed row's problems in words, in a stable order: "E-Mail: ungültig; Besitzer: nicht gefunden".
func (ts wordSet) reasons(errs map[string]api.FieldCode, labels map[string]string) string {
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, ts.label(k, labels)+": "+ts.code(errs[k]))
	}
	return strings.Join(parts, "; ")
}

func (ts wordSet) label(target string, labels map[string]string) string {
	if l, ok := labels[target]; ok {
		if strings.HasPrefix(target, "organization.") {
			return ts.targets[string(api.TargetOrganization)] + " " + l
		}
		return l
	}
	if l, ok := ts.targets[target]; ok {
		return l
	}
	return target
}

func (ts wordSet) code(c api.FieldCode) string {
	if t, ok := ts.codes[c]; ok {
		return t
	}
	return string(c)
}

// failuresJSON is the errors of a failure as kept (for tests).
func failuresJSON(errs map[string]api.FieldCode) string {
	b, _ := json.Marshal(errs)
	return string(b)
}
