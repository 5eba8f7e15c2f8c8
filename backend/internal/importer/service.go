package importer

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/deal"
	"github.com/1sales/app/backend/internal/document"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/lead"
	"github.com/1sales/app/backend/internal/organization"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/shared/api"
)

// Service runs imports: upload and analysis, preview, start, the jobs' state, their failed rows and undo.
type Service struct {
	db    *bun.DB
	store blob.Store
	log   *slog.Logger
	kinds map[api.RecordType]kind
}

// NewService builds the service on the pool and the document store (where the files are kept).
func NewService(pool *bun.DB, store blob.Store, log *slog.Logger) *Service {
	return &Service{db: pool, store: store, log: log, kinds: map[api.RecordType]kind{
		api.RecordPerson:       newPersons(person.NewService(pool)),
		api.RecordOrganization: newOrganizations(organization.NewService(pool)),
		api.RecordDeal:         newDeals(deal.NewService(pool)),
		api.RecordLead:         newLeads(lead.NewService(pool)),
	}}
}

// fieldsOf loads what a record type offers: the custom fields of the types it touches and its targets.
func fieldsOf(ctx context.Context, tx bun.IDB, rt api.RecordType) (fieldSet, map[api.RecordType]customfield.Fields, error) {
	fs := map[api.RecordType]customfield.Fields{}
	for _, t := range []api.RecordType{rt, api.RecordOrganization} {
		f, err := customfield.Load(ctx, tx, t)
		if err != nil {
			return fieldSet{}, nil, err
		}
		fs[t] = f
	}
	switch rt {
	case api.RecordPerson:
		return personFields(fs[api.RecordPerson], fs[api.RecordOrganization]), fs, nil
	case api.RecordDeal:
		return dealFields(fs[api.RecordDeal], fs[api.RecordOrganization]), fs, nil
	case api.RecordLead:
		return leadFields(fs[api.RecordLead]), fs, nil
	default:
		return organizationFields(fs[api.RecordOrganization]), fs, nil
	}
}

// mayImport refuses (403) an actor whose role cannot create records of the type.
func mayImport(a *access.Actor, rt api.RecordType) error {
	if a.Scope(rt, api.ActionCreate) == api.ScopeNone {
		return httpx.ErrForbidden
	}
	return nil
}

// Upload is a file arriving for an import.
type Upload struct {
	RecordType api.RecordType
	FileName   string
	// Size is the announced length (-1 unknown); Body yields at most api.MaxImportBytes (the handler limits it).
	Size int64
	Body io.Reader
}

func tooLarge() error {
	e := httpx.NewError(http.StatusRequestEntityTooLarge, api.CodeBodyTooLarge,
		fmt.Sprintf("an import file may have at most %d bytes", api.MaxImportBytes))
	e.Fields = map[string]api.FieldCode{"file": api.FieldTooLarge}
	return e
}

// Upload stores a file for an import of records of its type and describes it (ImportAnalysis). Nothing is kept
// of a file that cannot be imported (422), and the row is committed before the bytes are stored, so that
// housekeeping finds whatever a failure leaves.
func (s *Service) Upload(ctx context.Context, a *access.Actor, in Upload) (*api.ImportAnalysis, error) {
	if _, ok := s.kinds[in.RecordType]; !ok {
		return nil, httpx.FieldError("recordType", api.FieldInvalid)
	}
	if err := mayImport(a, in.RecordType); err != nil {
		return nil, err
	}
	name := document.SanitizeFileName(in.FileName)
	if in.FileName == "" {
		return nil, httpx.FieldError("fileName", api.FieldRequired)
	}
	format, ok := formatOf(name)
	if !ok {
		return nil, fileError("fileName", api.FieldType, "import files are .xlsx or .csv")
	}
	if in.Size > api.MaxImportBytes {
		return nil, tooLarge()
	}
	path, size, err := spool(in.Body)
	if err != nil {
		return nil, err
	}
	defer os.Remove(path)
	if err := checkFile(path, format); err != nil {
		return nil, err
	}
	t, err := openTable(path, format, api.ImportReadOptions{})
	if err != nil {
		return nil, err
	}
	defer t.close()
	an, err := analyse(t, 0)
	if err != nil {
		return nil, err
	}
	key := s.storageKey(a.TenantID)
	imp := &Import{ID: uuid.New(), TenantID: a.TenantID, CreatedBy: a.UserID, RecordType: in.RecordType, FileName: name,
		Format: format, SizeBytes: size, StorageKey: &key, Status: api.ImportAnalysed, Version: 1,
		ExpiresAt: time.Now().Add(analysedFileLife)}
	an.apply(imp)
	var out api.ImportAnalysis
	err = db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		set, _, err := fieldsOf(ctx, tx, in.RecordType)
		if err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(imp).Returning("created_at, updated_at").Exec(ctx); err != nil {
			return fmt.Errorf("importer: insert: %w", err)
		}
		out = an.describe(imp, set)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.keep(ctx, key, path, size); err != nil {
		if derr := s.drop(context.WithoutCancel(ctx), a, imp.ID); derr != nil {
			s.log.Warn("importer: an upload's row stays for housekeeping", "import", imp.ID, "err", derr)
		}
		return nil, err
	}
	return &out, nil
}

// apply stores how the file was read on the import.
func (an *analysis) apply(imp *Import) {
	imp.Encoding, imp.Delimiter, imp.Sheet = an.t.encoding, an.t.delimiter, an.t.sheet
	imp.HeaderRow, imp.Headers, imp.Rows = an.headerRow, an.headers, an.rows
}

// spool writes an upload's body to a temporary file (at most api.MaxImportBytes: more is 413) and reports its
// size.
func spool(body io.Reader) (string, int64, error) {
	f, err := os.CreateTemp("", "onesales-import-*")
	if err != nil {
		return "", 0, fmt.Errorf("importer: spool: %w", err)
	}
	n, err := io.Copy(f, io.LimitReader(body, api.MaxImportBytes+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return "", 0, tooLarge()
		}
		return "", 0, httpx.BodyError(err)
	}
	if n > api.MaxImportBytes {
		os.Remove(f.Name())
		return "", 0, tooLarge()
	}
	return f.Name(), n, nil
}

// checkFile compares the file's first bytes with its format (checkContent).
func checkFile(path string, format api.ImportFileFormat) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("importer: open: %w", err)
	}
	defer f.Close()
	head := make([]byte, 8<<10)
	n, _ := io.ReadFull(f, head)
	return checkContent(format, head[:n])
}

// storageKey is <store prefix>imports/<tenant>/<32 hex>: random, never derived from the file's name, and of
// another shape than the documents' keys (their orphan sweep leaves it alone).
func (s *Service) storageKey(tenantID uuid.UUID) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return s.store.Prefix() + "imports/" + tenantID.String() + "/" + hex.EncodeToString(b[:])
}

// keep stores the file's bytes.
func (s *Service) keep(ctx context.Context, key, path string, size int64) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("importer: open: %w", err)
	}
	defer f.Close()
	if _, err := s.store.Put(ctx, key, f, size); err != nil {
		if errors.Is(err, blob.ErrUnavailable) {
			e := httpx.NewError(http.StatusServiceUnavailable, api.CodeStorageUnavailable, "the document store is unavailable; try again shortly")
			e.Header = http.Header{"Retry-After": {"10"}}
			return e.WithCause(err)
		}
		return fmt.Errorf("importer: store: %w", err)
	}
	return nil
}

// drop removes an import whose file could not be stored.
func (s *Service) drop(ctx context.Context, a *access.Actor, id uuid.UUID) error {
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewDelete().TableExpr("imports").Where("id = ?", id).Exec(ctx)
		return err
	})
}

// fetch copies an import's stored file to a temporary file; remove it with the returned function.
func (s *Service) fetch(ctx context.Context, imp *Import) (string, func(), error) {
	if imp.StorageKey == nil {
		return "", nil, httpx.NewError(http.StatusConflict, api.CodeImportState, "the import's file was deleted")
	}
	obj, err := s.store.Open(ctx, *imp.StorageKey)
	if err != nil {
		if errors.Is(err, blob.ErrUnavailable) {
			e := httpx.NewError(http.StatusServiceUnavailable, api.CodeStorageUnavailable, "the document store is unavailable; try again shortly")
			e.Header = http.Header{"Retry-After": {"10"}}
			return "", nil, e.WithCause(err)
		}
		return "", nil, fmt.Errorf("importer: open the file of %s: %w", imp.ID, err)
	}
	defer obj.Close()
	f, err := os.CreateTemp("", "onesales-import-*")
	if err != nil {
		return "", nil, fmt.Errorf("importer: fetch: %w", err)
	}
	_, err = io.Copy(f, obj)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", nil, fmt.Errorf("importer: fetch %s: %w", imp.ID, err)
	}
	return f.Name(), func() { os.Remove(f.Name()) }, nil
}

// load reads an import the actor may see (their own; an admin's: any), locked when forUpdate; others are 404.
func load(ctx context.Context, tx bun.IDB, a *access.Actor, id uuid.UUID, forUpdate bool) (*Import, error) {
	imp := new(Import)
	q := selectImports(tx).Model(imp).Where("i.id = ?", id)
	if !a.IsAdmin {
		q = q.Where("i.created_by = ?", a.UserID)
	}
	if forUpdate {
		q = q.For("UPDATE OF i")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, httpx.Missing(err, fmt.Sprintf("importer: get %s", id))
	}
	imp.canUndo = imp.undoable(time.Now())
	return imp, nil
}

func selectImports(tx bun.IDB) *bun.SelectQuery {
	return tx.NewSelect().ColumnExpr("i.*").ColumnExpr("coalesce((SELECT u.name FROM users AS u WHERE u.id = i.created_by), '') AS created_by_name")
}

// own reads an import of the actor's own (the importer's settings act in the importer's scope: an admin may look
// at another's import, not run it), locked.
func own(ctx context.Context, tx bun.IDB, a *access.Actor, id uuid.UUID) (*Import, error) {
	imp, err := load(ctx, tx, a, id, true)
	if err != nil {
		return nil, err
	}
	if imp.CreatedBy != a.UserID {
		return nil, httpx.ErrForbidden
	}
	return imp, nil
}

func stateError(message string) error {
	return httpx.NewError(http.StatusConflict, api.CodeImportState, message)
}

// Get returns an import.
func (s *Service) Get(ctx context.Context, a *access.Actor, id uuid.UUID) (*Import, error) {
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (*Import, error) {
		return load(ctx, tx, a, id, false)
	})
}

// List returns the actor's imports (an admin's: everyone's), newest first, at most 100.
func (s *Service) List(ctx context.Context, a *access.Actor) (api.ImportJobList, error) {
	out := api.ImportJobList{Items: []api.ImportJob{}}
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var imps []*Import
		q := selectImports(tx).Model(&imps).OrderExpr("i.created_at DESC, i.id DESC").Limit(100)
		if !a.IsAdmin {
			q = q.Where("i.created_by = ?", a.UserID)
		}
		if err := q.Scan(ctx); err != nil {
			return fmt.Errorf("importer: list: %w", err)
		}
		now := time.Now()
		for _, imp := range imps {
			imp.canUndo = imp.undoable(now)
			out.Items = append(out.Items, imp.API())
		}
		return nil
	})
	return out, err
}

// Reanalyse reads an analysed import's file again as opts says (another sheet, header row, encoding or
// delimiter) and keeps that reading.
func (s *Service) Reanalyse(ctx context.Context, a *access.Actor, id uuid.UUID, opts api.ImportReadOptions) (*api.ImportAnalysis, error) {
	if opts.HeaderRow < 0 {
		return nil, httpx.FieldError("headerRow", api.FieldInvalid)
	}
	imp, err := s.Get(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if imp.CreatedBy != a.UserID {
		return nil, httpx.ErrForbidden
	}
	if imp.Status != api.ImportAnalysed {
		return nil, stateError("the import was started")
	}
	path, done, err := s.fetch(ctx, imp)
	if err != nil {
		return nil, err
	}
	defer done()
	t, err := openTable(path, imp.Format, opts)
	if err != nil {
		return nil, err
	}
	defer t.close()
	an, err := analyse(t, opts.HeaderRow)
	if err != nil {
		return nil, err
	}
	var out api.ImportAnalysis
	err = db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		imp, err := own(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if imp.Status != api.ImportAnalysed {
			return stateError("the import was started")
		}
		an.apply(imp)
		if _, err := tx.NewUpdate().Model(imp).Column("encoding", "delimiter", "sheet", "header_row", "headers", "rows").
			Set("version = version + 1").Set("updated_at = now()").WherePK().Returning("version").Exec(ctx); err != nil {
			return fmt.Errorf("importer: reanalyse %s: %w", id, err)
		}
		set, _, err := fieldsOf(ctx, tx, imp.RecordType)
		out = an.describe(imp, set)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// readOptions are how the import's file was last read.
func (imp *Import) readOptions() api.ImportReadOptions {
	return api.ImportReadOptions{Sheet: imp.Sheet, HeaderRow: imp.HeaderRow, Encoding: imp.Encoding, Delimiter: imp.Delimiter}
}

// newRun prepares an import's work for the actor in tx: the targets, the checked settings (422), the users.
func (s *Service) newRun(ctx context.Context, tx bun.IDB, a *access.Actor, imp *Import, settings api.ImportSettings, preview bool) (*run, error) {
	set, fields, err := fieldsOf(ctx, tx, imp.RecordType)
	if err != nil {
		return nil, err
	}
	p, err := check(ctx, tx, a, imp.RecordType, set, len(imp.Headers), settings)
	if err != nil {
		return nil, err
	}
	us, err := loadUsers(ctx, tx)
	if err != nil {
		return nil, err
	}
	return &run{imp: imp, a: a, p: p, kind: s.kinds[imp.RecordType], fields: fields, users: us,
		owners: map[ownerCheck]api.FieldCode{}, preview: preview}, nil
}

// dataRows opens the import's stored file and positions it after the header row: next gives the data rows
// (unreadable ones as lines with a row error).
func (s *Service) dataRows(ctx context.Context, imp *Import) (*table, func(), error) {
	path, done, err := s.fetch(ctx, imp)
	if err != nil {
		return nil, nil, err
	}
	t, err := openTable(path, imp.Format, imp.readOptions())
	if err != nil {
		done()
		return nil, nil, err
	}
	closeAll := func() { _ = t.close(); done() }
	for {
		no, _, err := t.next()
		var re *rowError
		if err != nil && !errors.As(err, &re) {
			closeAll()
			if errors.Is(err, io.EOF) {
				return nil, nil, fileError("file", api.FieldNoRows, "the file has no rows")
			}
			return nil, nil, err
		}
		if no >= imp.HeaderRow {
			return t, closeAll, nil
		}
	}
}

// nextLine reads the next data row as a line (nil at the end).
func nextLine(t *table, p *plan, columns int) (*line, error) {
	no, cells, err := t.next()
	var re *rowError
	switch {
	case errors.Is(err, io.EOF):
		return nil, nil
	case errors.As(err, &re):
		return parse(p, no, nil, columns, true), nil
	case err != nil:
		return nil, err
	}
	return parse(p, no, unquote(cells), columns, false), nil
}

// unquote takes back the quote the failed-rows file puts before a CSV cell that would start a formula.
func unquote(cells []string) []string {
	for i, c := range cells {
		if len(c) > 1 && c[0] == '\'' && bytes.ContainsRune([]byte("=+-@"), rune(c[1])) {
			cells[i] = c[1:]
		}
	}
	return cells
}

// Preview runs the settings on the file's first rows: their values, errors and outcomes; nothing is written.
func (s *Service) Preview(ctx context.Context, a *access.Actor, id uuid.UUID, settings api.ImportSettings) (*api.ImportPreview, error) {
	imp, err := s.Get(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if imp.CreatedBy != a.UserID {
		return nil, httpx.ErrForbidden
	}
	if imp.Status != api.ImportAnalysed {
		return nil, stateError("the import was started")
	}
	out := &api.ImportPreview{Rows: []api.ImportPreviewRow{}}
	err = db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		r, err := s.newRun(ctx, tx, a, imp, settings, true)
		if err != nil {
			return err
		}
		t, done, err := s.dataRows(ctx, imp)
		if err != nil {
			return err
		}
		defer done()
		var lines []*line
		for len(lines) < api.ImportPreviewRows {
			l, err := nextLine(t, r.p, len(imp.Headers))
			if err != nil {
				return err
			}
			if l == nil {
				break
			}
			lines = append(lines, l)
		}
		if _, err := r.kind.decide(ctx, tx, r, lines); err != nil {
			return err
		}
		for _, l := range lines {
			out.Rows = append(out.Rows, r.previewRow(l))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// previewRow shows a decided line: its mapped cells with their values (an owner by name) and errors, the errors
// of no mapped cell, the match.
func (r *run) previewRow(l *line) api.ImportPreviewRow {
	out := api.ImportPreviewRow{Row: l.no, Outcome: l.outcome, Cells: []api.ImportCell{}}
	shown := map[string]bool{}
	for _, m := range r.p.maps {
		c := api.ImportCell{Column: m.Column, Target: m.Target, Value: l.values[m.Target], Error: l.errs[m.Target]}
		if m.Target == string(api.TargetOwner) && l.ownerName != "" {
			c.Value = l.ownerName
		}
		out.Cells = append(out.Cells, c)
		shown[m.Target] = true
	}
	for t, code := range l.errs {
		if !shown[t] {
			if out.Errors == nil {
				out.Errors = map[string]api.FieldCode{}
			}
			out.Errors[t] = code
		}
	}
	switch {
	case l.match != nil:
		out.MatchID, out.MatchName = l.match.ID.String(), l.match.Name
	case l.matchLine != nil:
		out.MatchName = fmt.Sprintf("#%d", l.matchLine.no)
	}
	return out
}

// Start queues an analysed import with its settings (checked as for a preview) for a worker: 202 with the job.
func (s *Service) Start(ctx context.Context, a *access.Actor, id uuid.UUID, settings api.ImportSettings) (*api.ImportJob, error) {
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.ImportJob, error) {
		imp, err := own(ctx, tx, a, id)
		if err != nil {
			return nil, err
		}
		if err := mayImport(a, imp.RecordType); err != nil {
			return nil, err
		}
		if imp.Status != api.ImportAnalysed {
			return nil, stateError("the import was started")
		}
		if imp.StorageKey == nil {
			return nil, stateError("the import's file was deleted")
		}
		if _, err := s.newRun(ctx, tx, a, imp, settings, false); err != nil {
			return nil, err
		}
		imp.Settings, imp.Status = &settings, api.ImportQueued
		if _, err := tx.NewUpdate().Model(imp).Column("settings", "status").Set("version = version + 1").
			Set("updated_at = now()").WherePK().Returning("version, updated_at").Exec(ctx); err != nil {
			return nil, fmt.Errorf("importer: start %s: %w", id, err)
		}
		job := imp.API()
		return &job, nil
	})
}

// Cleanup deletes the stored files whose time is up (housekeeping, every instance; at most 100 a call) and
// reports how many.
func (s *Service) Cleanup(ctx context.Context) (int, error) {
	var due []struct {
		TenantID   uuid.UUID `bun:"tenant_id"`
		ID         uuid.UUID `bun:"id"`
		StorageKey string    `bun:"storage_key"`
	}
	if err := s.db.NewRaw("SELECT * FROM import_files_expired(100)").Scan(ctx, &due); err != nil && !db.IsNoRows(err) {
		return 0, fmt.Errorf("importer: cleanup: %w", err)
	}
	n := 0
	for _, d := range due {
		if err := s.store.Delete(ctx, d.StorageKey); err != nil {
			return n, fmt.Errorf("importer: cleanup %s: %w", d.ID, err)
		}
		if err := db.InTenant(ctx, s.db, d.TenantID, func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewRaw("UPDATE imports SET storage_key = NULL WHERE id = ? AND storage_key = ?", d.ID, d.StorageKey).Exec(ctx)
			return err
		}); err != nil {
			return n, fmt.Errorf("importer: cleanup %s: %w", d.ID, err)
		}
		n++
	}
	return n, nil
}
