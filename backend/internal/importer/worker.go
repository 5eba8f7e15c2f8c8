package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// WorkerOptions tune the worker; zero values take the defaults.
type WorkerOptions struct {
	// Poll is how often an idle worker looks for queued imports (default 1 s).
	Poll time.Duration
	// Lease is how long a claimed import is the worker's without a batch committed (default 2 min): then another
	// worker resumes it.
	Lease time.Duration
	// Batch is how many rows one transaction imports (default 1000).
	Batch int
}

func (o WorkerOptions) withDefaults() WorkerOptions {
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	if o.Batch <= 0 {
		o.Batch = 1000
	}
	return o
}

// Worker runs started imports, one at a time, in every backend instance.
type Worker struct {
	s    *Service
	o    WorkerOptions
	log  *slog.Logger
	stop func(id uuid.UUID, batch int) bool
}

// NewWorker builds a worker of the service.
func NewWorker(s *Service, o WorkerOptions) *Worker {
	return &Worker{s: s, o: o.withDefaults(), log: s.log}
}

// With is a worker of the same service with other options (tests: small batches, short leases).
func (w *Worker) With(o WorkerOptions) *Worker { return NewWorker(w.s, o) }

// StopAfter makes the worker stop an import (as a dying instance would: the batches so far committed, the lease
// left to run out) when stop says so after a batch; for tests of the resume.
func (w *Worker) StopAfter(stop func(id uuid.UUID, batch int) bool) { w.stop = stop }

// Run works until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	db.Poll(ctx, w.o.Poll, nil, func(ctx context.Context) (int, error) {
		found, err := w.Step(ctx)
		if found {
			return 1, err
		}
		return 0, err
	}, func(err error) { w.log.Warn("import worker", "err", err) })
}

type claim struct {
	TenantID uuid.UUID `bun:"tenant_id"`
	ID       uuid.UUID `bun:"id"`
	Attempts int       `bun:"attempts"`
}

// Step claims one import (queued, or running with a lease that ran out) and runs it to its end; it reports
// whether it found one.
func (w *Worker) Step(ctx context.Context) (bool, error) {
	cs, err := db.Claim[claim](ctx, w.s.db, "import_claim", w.o.Lease.Seconds())
	if err != nil || len(cs) == 0 || cs[0].ID == uuid.Nil {
		return false, err
	}
	c := cs[0]
	start := time.Now()
	err = w.run(ctx, c)
	var he *httpx.Error
	switch {
	case errors.Is(err, errLeaseLost) || errors.Is(err, errStopped):
		w.log.Info("import given up", "import", c.ID, "reason", err.Error())
		return true, nil
	case errors.As(err, &he) && he.Status < 500 || errors.Is(err, errFinal):
		code := api.CodeInternal
		if he != nil {
			code = he.Code
		}
		w.log.Info("import failed", "import", c.ID, "code", code)
		return true, w.finish(ctx, c, api.ImportFailed, code)
	case err != nil:
		// The lease runs out and the import is tried again (at most 5 times).
		return true, fmt.Errorf("importer: run %s: %w", c.ID, err)
	}
	w.log.Info("import done", "import", c.ID, "duration", time.Since(start).String())
	return true, nil
}

var (
	errLeaseLost = errors.New("another worker took the import over")
	errStopped   = errors.New("stopped")
	errFinal     = errors.New("the import cannot go on")
)

// finish ends an import with status and code (its lease still this worker's).
func (w *Worker) finish(ctx context.Context, c claim, status api.ImportStatus, code api.ErrorCode) error {
	return db.InTenant(ctx, w.s.db, c.TenantID, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewRaw(`UPDATE imports SET status = ?, error_code = ?, finished_at = now(), lease_until = NULL,
				expires_at = now() + make_interval(secs => ?), version = version + 1, updated_at = now()
			WHERE id = ? AND attempts = ? AND status = 'running'`,
			status, string(code), finishedFileLife.Seconds(), c.ID, c.Attempts).Exec(ctx)
		return err
	})
}

// run imports a claimed import's rows from the first not yet done, batch by batch.
func (w *Worker) run(ctx context.Context, c claim) error {
	var imp *Import
	var a *access.Actor
	err := db.InTenant(ctx, w.s.db, c.TenantID, func(ctx context.Context, tx bun.Tx) error {
		imp = new(Import)
		if err := selectImports(tx).Model(imp).Where("i.id = ?", c.ID).Scan(ctx); err != nil {
			return fmt.Errorf("importer: load %s: %w", c.ID, err)
		}
		actors, err := auth.Actors(ctx, tx, c.TenantID, []uuid.UUID{imp.CreatedBy})
		a = actors[imp.CreatedBy]
		return err
	})
	if err != nil {
		return err
	}
	if a == nil || imp.Settings == nil {
		return httpx.ErrForbidden // the importer was deactivated meanwhile
	}
	ctx = access.WithActor(ctx, a)
	t, done, err := w.s.dataRows(ctx, imp)
	if err != nil {
		return err
	}
	defer done()
	var r *run
	err = db.InTenant(ctx, w.s.db, c.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if err := mayImport(a, imp.RecordType); err != nil {
			return err
		}
		r, err = w.s.newRun(ctx, tx, a, imp, *imp.Settings, false)
		return err
	})
	if err != nil {
		return err
	}
	columns := len(imp.Headers)
	for skipped := 0; skipped < imp.RowsDone; skipped++ {
		if l, err := nextLine(t, r.p, columns); err != nil || l == nil {
			return errors.Join(errFinal, err)
		}
	}
	imported := history.Imported(ctx, imp.FileName)
	batches, stopReading := w.read(ctx, t, r.p, columns)
	defer stopReading()
	var carry []*line
	for batch := 1; ; batch++ {
		next, ok := <-batches
		if !ok && ctx.Err() != nil {
			return ctx.Err() // stopped, not at the end
		}
		if next.err != nil {
			return next.err
		}
		lines := append(carry, next.lines...)
		if len(lines) == 0 {
			return w.finish(ctx, c, api.ImportDone, "")
		}
		carry = nil
		err := db.InTenant(imported, w.s.db, c.TenantID, func(ctx context.Context, tx bun.Tx) error {
			cut, err := r.kind.decide(ctx, tx, r, lines)
			if err != nil {
				return err
			}
			if cut < len(lines) {
				carry = fresh(r.p, lines[cut:], columns)
				lines = lines[:cut]
			}
			wr, err := r.kind.write(ctx, tx, r, lines)
			if err != nil {
				return err
			}
			return w.record(ctx, tx, c, r, lines, wr)
		})
		if err != nil {
			return err
		}
		if w.stop != nil && w.stop(c.ID, batch) {
			return errStopped
		}
	}
}

// readBatch is the next batch of lines a reader parsed, or why it could not.
type readBatch struct {
	lines []*line
	err   error
}

// read reads and parses the table's rows in batches in a goroutine of its own, one batch ahead: the file is read
// (the XML of a workbook decoded) while the database writes the batch before. An empty batch is the end. stop ends
// the reading early. After the end the channel is closed (every further batch is empty).
func (w *Worker) read(ctx context.Context, t *table, p *plan, columns int) (<-chan readBatch, func()) {
	out := make(chan readBatch, 1)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(out)
		for {
			var b readBatch
			for len(b.lines) < w.o.Batch {
				l, err := nextLine(t, p, columns)
				if err != nil {
					b.err = err
					break
				}
				if l == nil {
					break
				}
				b.lines = append(b.lines, l)
			}
			select {
			case out <- b:
			case <-ctx.Done():
				return
			}
			if b.err != nil || len(b.lines) == 0 {
				return
			}
		}
	}()
	return out, func() { cancel(); <-done }
}

// fresh parses lines again (a carried line is decided anew in the next batch).
func fresh(p *plan, lines []*line, columns int) []*line {
	out := make([]*line, len(lines))
	for i, l := range lines {
		out[i] = parse(p, l.no, l.cells, columns, l.errs[rowKey] == api.FieldInvalid && l.cells == nil)
	}
	return out
}

// record keeps what a batch did in its transaction: the undo log, the failed rows and the import's progress
// (the lease renewed); a worker that lost the import meanwhile rolls its batch back.
func (w *Worker) record(ctx context.Context, tx bun.IDB, c claim, r *run, lines []*line, wr written) error {
	for rt, ids := range wr.created {
		if len(ids) == 0 {
			continue
		}
		if _, err := tx.NewRaw("INSERT INTO import_created (tenant_id, import_id, record_type, ids) VALUES (?, ?, ?, ?)",
			c.TenantID, c.ID, rt, pgdialect.Array(ids)).Exec(ctx); err != nil {
			return fmt.Errorf("importer: log created: %w", err)
		}
	}
	for _, u := range wr.updated {
		before, err := json.Marshal(u.before)
		if err != nil {
			return err
		}
		if _, err := tx.NewRaw(`INSERT INTO import_updated (tenant_id, import_id, record_type, record_id, version, before)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (import_id, record_type, record_id) DO UPDATE SET version = EXCLUDED.version`,
			c.TenantID, c.ID, u.rt, u.id, u.version, string(before)).Exec(ctx); err != nil {
			return fmt.Errorf("importer: log updated: %w", err)
		}
	}
	var failed []*line
	counts := map[api.ImportOutcome]int{}
	for _, l := range lines {
		counts[l.outcome]++
		if l.outcome == api.ImportRowFailed {
			failed = append(failed, l)
		}
	}
	if err := db.InsertAll(ctx, tx, "import_failures", failureColumns(c), failed, "", nil); err != nil {
		return fmt.Errorf("importer: %w", err)
	}
	res, err := tx.NewRaw(`UPDATE imports SET rows_done = rows_done + ?, created = created + ?, updated = updated + ?,
			skipped = skipped + ?, failed = failed + ?, lease_until = clock_timestamp() + make_interval(secs => ?),
			version = version + 1, updated_at = now()
		WHERE id = ? AND attempts = ? AND status = 'running'`,
		len(lines), counts[api.ImportRowCreated], counts[api.ImportRowUpdated], counts[api.ImportRowSkipped],
		counts[api.ImportRowFailed], w.o.Lease.Seconds(), c.ID, c.Attempts).Exec(ctx)
	if err != nil {
		return fmt.Errorf("importer: progress: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errLeaseLost
	}
	return nil
}

// failureColumns are the columns of a failed row (import_failures).
func failureColumns(c claim) []db.Column[*line] {
	return []db.Column[*line]{
		{Name: "tenant_id", Type: "uuid", Value: func(*line) *string { return db.Text(c.TenantID.String()) }},
		{Name: "import_id", Type: "uuid", Value: func(*line) *string { return db.Text(c.ID.String()) }},
		{Name: "row_no", Type: "integer", Value: func(l *line) *string { return db.Text(fmt.Sprint(l.no)) }},
		{Name: "cells", Type: "text[]", Value: func(l *line) *string { return db.TextArray(l.cells) }},
		{Name: "errors", Type: "jsonb", Value: func(l *line) *string { return db.JSON(l.errs) }},
	}
}

// statusError is an import's failure code as an error for Step (a file that became unreadable).
func statusError(code api.ErrorCode) error {
	return httpx.NewError(http.StatusUnprocessableEntity, code, "the import cannot go on")
}
