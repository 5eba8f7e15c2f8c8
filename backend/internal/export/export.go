// Package export writes record lists to files (issue 15): every record a list query selects, in the list's order,
// that the caller may both see and export, as an Excel workbook or a CSV (package tabular), streamed to the client
// in constant memory. The rows are the list's own: each page comes from the kind's list code (listquery and the
// kind's columns, the activity list), run for the caller narrowed to their export scope (access.Actor.Within), so
// an export holds exactly what the list shows, linked records the caller may not see included as empty cells.
// Every export is recorded for the admins (table exports, GET /api/v1/exports).
package export

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/activity"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/deal"
	"github.com/1sales/app/backend/internal/document"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/lead"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/backend/internal/organization"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/tabular"
	"github.com/1sales/app/shared/api"
)

// Options configure the service.
type Options struct {
	// MaxBody bounds the request body (the query and the options).
	MaxBody int64
	// Idle ends an export whose client takes no byte for this long.
	Idle time.Duration
}

// Service runs exports and lists them.
type Service struct {
	db       *bun.DB
	log      *slog.Logger
	opts     Options
	handlers map[api.RecordType]rest.Endpoint
}

// NewService builds the service with the exports of every record type.
func NewService(pool *bun.DB, log *slog.Logger, opts Options) *Service {
	s := &Service{db: pool, log: log, opts: opts}
	s.handlers = map[api.RecordType]rest.Endpoint{
		api.RecordPerson: endpoint(s, source[api.Person, api.ListQuery]{rt: api.RecordPerson, columns: personColumns,
			custom: func(p *api.Person) api.CustomValues { return p.Custom },
			page: listPage(func(ctx context.Context, tx bun.IDB, a *access.Actor, q api.ListQuery) ([]api.Person, string, error) {
				p, err := person.Query(ctx, tx, a, q, false)
				return pageOf(p, err, func(p *api.PersonPage) ([]api.Person, string) { return p.Items, p.NextCursor })
			})}),
		api.RecordOrganization: endpoint(s, source[api.Organization, api.ListQuery]{rt: api.RecordOrganization,
			columns: organizationColumns, custom: func(o *api.Organization) api.CustomValues { return o.Custom },
			page: listPage(func(ctx context.Context, tx bun.IDB, a *access.Actor, q api.ListQuery) ([]api.Organization, string, error) {
				p, err := organization.Query(ctx, tx, a, q, false)
				return pageOf(p, err, func(p *api.OrganizationPage) ([]api.Organization, string) { return p.Items, p.NextCursor })
			})}),
		api.RecordDeal: endpoint(s, source[api.Deal, api.ListQuery]{rt: api.RecordDeal, columns: dealColumns,
			custom: func(d *api.Deal) api.CustomValues { return d.Custom },
			page: listPage(func(ctx context.Context, tx bun.IDB, a *access.Actor, q api.ListQuery) ([]api.Deal, string, error) {
				p, err := deal.Query(ctx, tx, a, q, false)
				return pageOf(p, err, func(p *api.DealPage) ([]api.Deal, string) { return p.Items, p.NextCursor })
			})}),
		api.RecordLead: endpoint(s, source[api.Lead, api.ListQuery]{rt: api.RecordLead, columns: leadColumns,
			custom: func(l *api.Lead) api.CustomValues { return l.Custom },
			page: listPage(func(ctx context.Context, tx bun.IDB, a *access.Actor, q api.ListQuery) ([]api.Lead, string, error) {
				p, err := lead.Query(ctx, tx, a, q, false)
				return pageOf(p, err, func(p *api.LeadPage) ([]api.Lead, string) { return p.Items, p.NextCursor })
			})}),
		api.RecordActivity: endpoint(s, source[api.Activity, api.ActivityQuery]{rt: api.RecordActivity, columns: activityColumns,
			page: func(ctx context.Context, tx bun.IDB, a *access.Actor, q api.ActivityQuery, cursor string) ([]api.Activity, string, error) {
				q.Cursor, q.Limit = cursor, activity.MaxLimit
				p, err := activity.Query(ctx, tx, a, q)
				return pageOf(p, err, func(p *api.ActivityPage) ([]api.Activity, string) { return p.Items, p.NextCursor })
			},
			filter: func(q api.ActivityQuery) any { q.Cursor, q.Limit = "", 0; return q }}),
	}
	return s
}

// Handler is the route of a record type's export: POST /api/v1/<kind>/export (and /activities/export). A record
// type without an export is a programming error that stops the app from starting.
func (s *Service) Handler(rt api.RecordType) rest.Endpoint {
	e, ok := s.handlers[rt]
	if !ok {
		panic("export: no export of the record type " + string(rt))
	}
	return e
}

// source is what an export needs of one record type: its list, page by page, as the list route answers it (W is
// the list's wire type, Q its query), and the cells of its columns.
type source[W, Q any] struct {
	rt      api.RecordType
	columns map[api.ExportColumn]cellFunc[W]
	// custom gives a record's custom values (nil: the type has no custom fields).
	custom func(*W) api.CustomValues
	// page lists the records after cursor ("" for the first page): the items and the cursor of the next page ("":
	// none).
	page func(ctx context.Context, tx bun.IDB, a *access.Actor, q Q, cursor string) ([]W, string, error)
	// filter is the query as the record of the export keeps it (without cursor and limit).
	filter func(Q) any
}

// listPage pages a record kind's list (api.ListQuery) in its largest pages.
func listPage[W any](list func(ctx context.Context, tx bun.IDB, a *access.Actor, q api.ListQuery) ([]W, string, error)) func(context.Context, bun.IDB, *access.Actor, api.ListQuery, string) ([]W, string, error) {
	return func(ctx context.Context, tx bun.IDB, a *access.Actor, q api.ListQuery, cursor string) ([]W, string, error) {
		q.Cursor, q.Limit = cursor, listquery.MaxLimit
		return list(ctx, tx, a, q)
	}
}

func pageOf[P, W any](p *P, err error, items func(*P) ([]W, string)) ([]W, string, error) {
	if err != nil {
		return nil, "", err
	}
	out, next := items(p)
	return out, next, nil
}

// endpoint is the route of a source: its body is the query and the options, its answer the file.
func endpoint[W, Q any](s *Service, src source[W, Q]) rest.Endpoint {
	if src.filter == nil {
		src.filter = func(q Q) any {
			if lq, ok := any(q).(api.ListQuery); ok {
				lq.Cursor, lq.Limit = "", 0
				return lq
			}
			return q
		}
	}
	in := reflect.TypeFor[api.ExportRequest]()
	if src.rt == api.RecordActivity {
		in = reflect.TypeFor[api.ActivityExportRequest]()
	}
	return rest.Endpoint{Handler: func(w http.ResponseWriter, r *http.Request) error { return serve(s, src, w, r) },
		Spec: rest.Spec{In: in, Status: http.StatusOK, Download: true}}
}

// rowsPerBatch is how many rows are read (in pages of the list, in one transaction) before they are written.
const rowsPerBatch = 1000

// plan is a validated export.
type plan struct {
	format  api.ExportFormat
	style   api.CSVStyle
	words   *words
	columns []string
	fields  customfield.Fields
}

// serve runs one export: the right is checked before anything is read, then the body, the options and the first
// batch (so that a bad query is a 422 before the file starts); the rest follows in batches, each read in a
// transaction of its own and written after it, so that a slow client holds no transaction.
func serve[W, Q any](s *Service, src source[W, Q], w http.ResponseWriter, r *http.Request) error {
	a, err := access.FromRequest(r)
	if err != nil {
		return err
	}
	if a.Scope(src.rt, api.ActionExport) == api.ScopeNone {
		return httpx.ErrForbidden
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBody)
	var in struct {
		Query Q `json:"query"`
		api.ExportOptions
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	start := time.Now()
	ctx := r.Context()
	within := a.Within(src.rt, api.ActionExport)

	var (
		p         *plan
		batch     []W
		next      string
		exportID  uuid.UUID
		pipelines map[string]string
	)
	err = db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if p, err = s.plan(ctx, tx, src.rt, in.ExportOptions); err != nil {
			return err
		}
		if batch, next, err = readBatch(ctx, tx, src, within, in.Query, ""); err != nil {
			return queryError(err)
		}
		if pipelines, err = pipelineNames(ctx, tx, src.rt); err != nil {
			return err
		}
		filter := compact(src.filter(in.Query))
		return tx.NewRaw(`INSERT INTO exports (tenant_id, user_id, record_type, format, filter, columns)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, a.TenantID, a.UserID, src.rt, p.format, filter,
			pgdialect.Array(p.columns)).Scan(ctx, &exportID)
	})
	if err != nil {
		return err
	}

	out := newOutput(w, s.opts.Idle)
	tw, err := p.writer(out, src.rt)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Disposition", document.ContentDisposition(fileName(p.words, src.rt, p.format, start, listquery.Berlin())))
	h.Set("X-Content-Type-Options", "nosniff")
	if p.format == api.ExportCSV {
		// A CSV goes out as it is written: its row count follows as a trailer.
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Trailer", api.HeaderExportRows)
		w.WriteHeader(http.StatusOK)
	}

	rw := row{w: p.words, pipelines: pipelines}
	rows := 0
	err = func() error {
		if err := tw.Header(p.headers()); err != nil {
			return err
		}
		cells := make([]tabular.Cell, len(p.columns))
		for {
			for i := range batch {
				src.fill(p, rw, &batch[i], cells)
				if err := tw.Row(cells); err != nil {
					return err
				}
			}
			rows += len(batch)
			if err := tw.Flush(); err != nil {
				return err
			}
			out.flush()
			if next == "" {
				return nil
			}
			if err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
				var err error
				batch, next, err = readBatch(ctx, tx, src, within, in.Query, next)
				return err
			}); err != nil {
				return err
			}
		}
	}()
	if err == nil && p.format == api.ExportXLSX {
		// The workbook is written whole now: its headers can still say how many rows it has.
		h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		h.Set(api.HeaderExportRows, strconv.Itoa(rows))
		w.WriteHeader(http.StatusOK)
		err = tw.Close()
	} else if err == nil {
		if err = tw.Close(); err == nil {
			h.Set(api.HeaderExportRows, strconv.Itoa(rows))
		}
	} else {
		tw.Abort()
	}
	s.finish(ctx, a, exportID, src.rt, p.format, rows, time.Since(start), err == nil)
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return nil // the client went away: there is nobody to tell
	case p.format == api.ExportXLSX && !out.started:
		return err // nothing went out yet: the error envelope
	}
	// Part of the file went out with status 200: cut the connection, so that the client sees a file that ended
	// early (and no row count) instead of a short file that looks whole.
	s.log.ErrorContext(ctx, "export: failed after the file started", "exportId", exportID, "recordType", src.rt, "rows", rows,
		"err", db.Redact(err))
	panic(http.ErrAbortHandler)
}

// compact is the JSON of a query without its empty conditions, as the record of an export keeps it.
func compact(q any) string {
	raw, _ := json.Marshal(q)
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return string(raw)
	}
	for k, v := range m {
		switch v := v.(type) {
		case nil:
			delete(m, k)
		case string, bool, float64:
			if reflect.ValueOf(v).IsZero() {
				delete(m, k)
			}
		case []any:
			if len(v) == 0 {
				delete(m, k)
			}
		}
	}
	out, _ := json.Marshal(m)
	return string(out)
}

// readBatch reads up to rowsPerBatch rows (pages of the list) after cursor.
func readBatch[W, Q any](ctx context.Context, tx bun.IDB, src source[W, Q], a *access.Actor, q Q, cursor string) ([]W, string, error) {
	var out []W
	for {
		items, next, err := src.page(ctx, tx, a, q, cursor)
		if err != nil {
			return nil, "", err
		}
		out = append(out, items...)
		if next == "" || len(out) >= rowsPerBatch {
			return out, next, nil
		}
		cursor = next
	}
}

// queryError names a wrong part of the query as a field of the body's query ("query.sort").
func queryError(err error) error {
	e, ok := httpx.AsError(err)
	if !ok || len(e.Fields) == 0 {
		return err
	}
	c := *e
	c.Fields = make(map[string]api.FieldCode, len(e.Fields))
	for name, code := range e.Fields {
		c.Fields["query."+name] = code
	}
	return &c
}

// plan validates the options: the format, the CSV style, the language and the columns (standard columns of the
// type and the custom fields it has, each once).
func (s *Service) plan(ctx context.Context, tx bun.IDB, rt api.RecordType, o api.ExportOptions) (*plan, error) {
	p := &plan{format: o.Format, style: o.CSVStyle}
	var v httpx.Validation
	if p.format == "" {
		p.format = api.ExportXLSX
	}
	if !slices.Contains(api.AllExportFormats, p.format) {
		v.Field("format", api.FieldInvalid)
	}
	if p.style == "" {
		p.style = api.CSVExcel
	}
	if !slices.Contains(api.AllCSVStyles, p.style) {
		v.Field("csvStyle", api.FieldInvalid)
	}
	lang := o.Language
	if lang == "" {
		lang = api.LanguageDE
	}
	w, ok := languages[lang]
	if !ok {
		v.Field("language", api.FieldInvalid)
	}
	p.words = &w
	if slices.Contains(api.CustomFieldTypes, rt) {
		var err error
		if p.fields, err = customfield.Load(ctx, tx, rt); err != nil {
			return nil, err
		}
	}
	standard := api.ExportColumnsByType[rt]
	p.columns = o.Columns
	if len(p.columns) == 0 {
		p.columns = make([]string, 0, len(standard)+len(p.fields))
		for _, c := range standard {
			p.columns = append(p.columns, string(c))
		}
		for _, f := range p.fields {
			if f.ArchivedAt == nil {
				p.columns = append(p.columns, api.ExportCustomPrefix+f.ID.String())
			}
		}
	}
	seen := map[string]bool{}
	for i, c := range p.columns {
		name := fmt.Sprintf("columns[%d]", i)
		if seen[c] {
			v.Field(name, api.FieldDuplicate)
		}
		seen[c] = true
		if id, ok := strings.CutPrefix(c, api.ExportCustomPrefix); ok {
			if f := p.fields.ByID(id); !validFieldID(id) || f == nil || f.ArchivedAt != nil {
				v.Field(name, api.FieldUnknown)
			}
		} else if !slices.Contains(standard, api.ExportColumn(c)) {
			v.Field(name, api.FieldUnknown)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// headers are the columns' headers: the language's words, a custom field's label.
func (p *plan) headers() []string {
	out := make([]string, len(p.columns))
	for i, c := range p.columns {
		if id, ok := strings.CutPrefix(c, api.ExportCustomPrefix); ok {
			out[i] = p.fields.ByID(id).Label
			continue
		}
		out[i] = p.words.headers[api.ExportColumn(c)]
	}
	return out
}

// fill makes the cells of a record's row.
func (src source[W, Q]) fill(p *plan, rw row, rec *W, cells []tabular.Cell) {
	var custom api.CustomValues
	if src.custom != nil {
		custom = src.custom(rec)
	}
	for i, c := range p.columns {
		if id, ok := strings.CutPrefix(c, api.ExportCustomPrefix); ok {
			cells[i] = rw.custom(p.fields.ByID(id).Kind, custom[id])
			continue
		}
		cells[i] = src.columns[api.ExportColumn(c)](rw, rec)
	}
}

// writer starts the file of the plan's format on out.
func (p *plan) writer(out io.Writer, rt api.RecordType) (tabular.Writer, error) {
	zone := listquery.Berlin()
	if p.format == api.ExportXLSX {
		return tabular.NewXLSX(out, tabular.XLSXOptions{Sheet: p.words.plural[rt], Locale: p.words.locale, Zone: zone})
	}
	opts := tabular.CSVOptions{Comma: ';', BOM: true, Locale: p.words.locale, Zone: zone}
	if p.style == api.CSVComma {
		opts.Comma, opts.BOM = ',', false
	}
	return tabular.NewCSV(out, opts), nil
}

// pipelineNames are the names of the tenant's pipelines of a type with pipelines, by ID (lists carry a deal's or
// a lead's pipeline by its ID).
func pipelineNames(ctx context.Context, tx bun.IDB, rt api.RecordType) (map[string]string, error) {
	out := map[string]string{}
	if rt != api.RecordDeal && rt != api.RecordLead {
		return out, nil
	}
	var rows []struct {
		ID   uuid.UUID `bun:"id"`
		Name string    `bun:"name"`
	}
	if err := tx.NewRaw("SELECT id, name FROM pipelines WHERE record_type = ?", rt).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("export: pipelines: %w", err)
	}
	for _, r := range rows {
		out[r.ID.String()] = r.Name
	}
	return out, nil
}

// finish completes the record of an export (also when the request was cancelled) and logs it: ids, counts and
// time, nothing of the records.
func (s *Service) finish(ctx context.Context, a *access.Actor, id uuid.UUID, rt api.RecordType, format api.ExportFormat,
	rows int, took time.Duration, completed bool) {
	ctx = context.WithoutCancel(ctx)
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewRaw("UPDATE exports SET rows = ?, duration_ms = ?, completed = ?, finished_at = now() WHERE id = ?",
			rows, took.Milliseconds(), completed, id).Exec(ctx)
		return err
	})
	if err != nil {
		s.log.WarnContext(ctx, "export: recording the end failed", "exportId", id, "err", db.Redact(err))
	}
	s.log.InfoContext(ctx, "export", "exportId", id, "recordType", rt, "format", format, "rows", rows,
		"durationMs", took.Milliseconds(), "completed", completed)
}

// output is the response as the file's writer sees it: every write renews the connection's write deadline (an
// export takes as long as it takes, but a client that takes nothing for the idle time is given up), and it notes
// when the first byte went out.
type output struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	dl      *httpx.IdleDeadline
	started bool
}

func newOutput(w http.ResponseWriter, idle time.Duration) *output {
	rc := http.NewResponseController(w)
	// The server's write deadline counts from the request's start; an export's file comes when it is ready.
	_ = rc.SetWriteDeadline(time.Time{})
	return &output{w: w, rc: rc, dl: &httpx.IdleDeadline{Set: rc.SetWriteDeadline, Idle: idle}}
}

func (o *output) Write(b []byte) (int, error) {
	o.dl.Touch()
	o.started = true
	return o.w.Write(b)
}

// flush sends what the response buffers (CSV rows as they are written).
func (o *output) flush() {
	if o.started {
		_ = o.rc.Flush()
	}
}
