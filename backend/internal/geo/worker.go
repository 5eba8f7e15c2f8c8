package geo

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/shared/api"
)

// WorkerOptions tune the worker; the zero value gives the defaults.
type WorkerOptions struct {
	// Poll is the pause when the queue is empty (1 s).
	Poll time.Duration
	// Lease is how long a claimed job stays with this worker before another may take it (2 min; 1 s to 1 h, the
	// bounds geocode_claim accepts).
	Lease time.Duration
	// Backoff is the wait before the second attempt after the online geocoder failed; it doubles with every
	// attempt up to MaxBackoff (30 s, 1 h).
	Backoff, MaxBackoff time.Duration
	// MaxAttempts ends the retries (8): the record keeps the gazetteer's position, or is not_found.
	MaxAttempts int
	// Batch is how many jobs one claim takes (5; at most 100, as geocode_claim accepts).
	Batch int
}

func (o WorkerOptions) withDefaults() WorkerOptions {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.Poll, time.Second)
	def(&o.Lease, 2*time.Minute)
	def(&o.Backoff, 30*time.Second)
	def(&o.MaxBackoff, time.Hour)
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 8
	}
	if o.Batch <= 0 {
		o.Batch = 5
	}
	o.Batch = min(o.Batch, 100)
	o.Lease = min(max(o.Lease, time.Second), time.Hour)
	return o
}

// Worker works off the geocoding queue. Every backend instance runs one; they share the queue through
// PostgreSQL.
type Worker struct {
	db  *bun.DB
	g   *Geocoder
	o   WorkerOptions
	log *slog.Logger
}

// NewWorker builds a worker on the application's pool.
func NewWorker(db *bun.DB, g *Geocoder, o WorkerOptions, log *slog.Logger) *Worker {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Worker{db: db, g: g, o: o.withDefaults(), log: log}
}

// Run works until ctx ends: due jobs first, then records never looked at (Backfill), then a pause; expired cache
// entries are deleted every hour.
func (w *Worker) Run(ctx context.Context) {
	var purged time.Time
	logErr := func(err error) { w.log.Warn("geocoding worker", "err", err) }
	db.Poll(ctx, w.o.Poll, nil, func(ctx context.Context) (int, error) {
		n, err := w.Step(ctx)
		if err == nil && n == 0 {
			n, err = w.Backfill(ctx, 200)
		}
		if time.Since(purged) > time.Hour {
			if err := PurgeCache(ctx, w.db); err != nil && ctx.Err() == nil {
				logErr(err)
			}
			purged = time.Now()
		}
		return n, err
	}, logErr)
}

// place is a record's address as the owner-run functions hand it out (a queued job, an untracked record).
type place struct {
	TenantID   uuid.UUID      `bun:"tenant_id"`
	RecordType api.RecordType `bun:"record_type"`
	RecordID   uuid.UUID      `bun:"record_id"`
	Street     string         `bun:"street"`
	PostalCode string         `bun:"postal_code"`
	City       string         `bun:"city"`
	Country    string         `bun:"country"`
}

func (p place) address() api.Address {
	return api.Address{Street: p.Street, PostalCode: p.PostalCode, City: p.City, Country: p.Country}
}

type job struct {
	place
	Key      string `bun:"address_key"`
	Attempts int    `bun:"attempts"`
}

// Step claims due jobs and works them off; it returns how many it claimed.
func (w *Worker) Step(ctx context.Context) (int, error) {
	return db.WorkClaimed(ctx, w.db, w.work, "geocode_claim", w.o.Batch, w.o.Lease.Seconds())
}

func (w *Worker) work(ctx context.Context, j job) error {
	q := Query{Address: j.address()}
	res, err := w.g.Resolve(ctx, q, Mode{Worker: true})
	if err != nil {
		return err // the lease ends and another attempt follows
	}
	return db.InTenant(ctx, w.db, j.TenantID, func(ctx context.Context, tx bun.Tx) error {
		done := res.Final || j.Attempts >= w.o.MaxAttempts
		switch {
		case res.Result.Found() || done:
			if err := write(ctx, tx, j.RecordType, j.RecordID, j.Key, res.Result); err != nil {
				return err
			}
		}
		if done {
			_, err := tx.NewDelete().TableExpr("geocode_jobs").
				Where("record_type = ? AND record_id = ? AND address_key = ?", j.RecordType, j.RecordID, j.Key).Exec(ctx)
			return err
		}
		wait := db.Backoff(w.o.Backoff, w.o.MaxBackoff, j.Attempts)
		w.log.Info("geocoding retried later", "record", j.RecordID, "attempt", j.Attempts, "in", wait.String(), "err", res.Err)
		_, err := tx.NewRaw(`UPDATE geocode_jobs SET next_attempt_at = clock_timestamp() + make_interval(secs => ?), last_error = ?
			WHERE record_type = ? AND record_id = ? AND address_key = ?`,
			wait.Seconds(), Clean(fmt.Sprint(res.Err), 500), j.RecordType, j.RecordID, j.Key).Exec(ctx)
		return err
	})
}

// write stores a result on the record, unless its address changed since the job was queued.
func write(ctx context.Context, tx bun.IDB, rt api.RecordType, id uuid.UUID, key string, r Result) error {
	table, ok := tables[rt]
	if !ok {
		return fmt.Errorf("geo: write: record type %s has no position", rt)
	}
	q := tx.NewUpdate().TableExpr(table).Set("geo_precision = ?, geo_source = ?, geo_at = now()", r.Precision, r.Source).
		Where("id = ? AND geo_key = ?", id, key)
	if r.Found() {
		q = q.Set("geo_lat = ?, geo_lng = ?, geo_earth = ll_to_earth(?, ?)", r.Lat(), r.Lng(), r.Lat(), r.Lng())
	} else {
		q = q.Set("geo_lat = NULL, geo_lng = NULL, geo_earth = NULL")
	}
	if _, err := q.Exec(ctx); err != nil {
		return fmt.Errorf("geo: store position of %s %s: %w", rt, id, err)
	}
	return nil
}

// Backfill tracks up to limit records of every table whose address was never looked at (written before positions
// existed, or by hand) as if they had just been saved, and reports how many it queued or settled.
func (w *Worker) Backfill(ctx context.Context, limit int) (int, error) {
	var rows []place
	if err := w.db.NewRaw("SELECT * FROM geocode_untracked(?)", limit).Scan(ctx, &rows); err != nil {
		if db.IsNoRows(err) {
			return 0, nil
		}
		return 0, fmt.Errorf("geo: backfill: %w", err)
	}
	byTenant := map[uuid.UUID][]int{}
	for i, r := range rows {
		byTenant[r.TenantID] = append(byTenant[r.TenantID], i)
	}
	n := 0
	for tenant, idx := range byTenant {
		err := db.InTenant(ctx, w.db, tenant, func(ctx context.Context, tx bun.Tx) error {
			for _, i := range idx {
				r := rows[i]
				addr := r.address()
				changed, err := track(ctx, tx, tenant, r.RecordType, r.RecordID, addr, AddressKey(addr), true)
				if err != nil {
					return err
				}
				if changed {
					n++
				}
			}
			return nil
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
