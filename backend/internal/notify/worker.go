package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/feed"
)

// The worker derives the notifications from the change feed. Every backend instance runs one; the row of
// notify_cursor, locked FOR UPDATE SKIP LOCKED in the worker's transaction, lets one work at a time while the
// others skip. That transaction reads the events after the cursor (change_events_after, across tenants), inserts
// their notifications tenant by tenant (db.InTenant on the transaction: a savepoint under the tenant's row-level
// security) and moves the cursor past them: a batch commits with its notifications or not at all, so each event
// is derived exactly once. The unique keys of notifications make deriving one again a no-op besides.

// WorkerOptions tune the worker; zero values take the defaults.
type WorkerOptions struct {
	// Poll is how often the worker looks for events without a wake-up (NOTIFY change_events); default 1 s.
	Poll time.Duration
	// DueEvery is how often it looks for activities due soon; default 30 s.
	DueEvery time.Duration
	// Batch is how many events one transaction takes at most; default 500.
	Batch int
}

// Worker derives notifications; see Run.
type Worker struct {
	db  *bun.DB
	log *slog.Logger
	opt WorkerOptions

	mu       sync.Mutex
	failures map[int64]int // event ID -> failed derivations (see failed)
}

// NewWorker builds the worker on the service's pool.
func NewWorker(bdb *bun.DB, log *slog.Logger, opt WorkerOptions) *Worker {
	if opt.Poll <= 0 {
		opt.Poll = time.Second
	}
	if opt.DueEvery <= 0 {
		opt.DueEvery = 30 * time.Second
	}
	if opt.Batch <= 0 {
		opt.Batch = 500
	}
	return &Worker{db: bdb, log: log, opt: opt}
}

// DueWithin is how long before an activity is due its assignee is told.
const DueWithin = 15 * time.Minute

// Run derives notifications until ctx ends: at once when the change feed's NOTIFY wakes it, else every Poll, and
// it announces the activities due soon every DueEvery.
func (w *Worker) Run(ctx context.Context) {
	wake := make(chan struct{}, 1)
	go feed.Wake(ctx, w.db, wake)
	poll := time.NewTicker(w.opt.Poll)
	defer poll.Stop()
	due := time.NewTicker(w.opt.DueEvery)
	defer due.Stop()
	w.logged(ctx, "activities due", w.AnnounceDue)
	for {
		w.logged(ctx, "change feed", w.Work)
		select {
		case <-ctx.Done():
			return
		case <-wake:
		case <-poll.C:
		case <-due.C:
			w.logged(ctx, "activities due", w.AnnounceDue)
		}
	}
}

// logged runs one round of work and logs its failure; a failed round is tried again at the next tick.
func (w *Worker) logged(ctx context.Context, what string, fn func(context.Context) (int, error)) {
	start := time.Now()
	n, err := fn(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		w.log.Warn("notifications: deriving failed", "from", what, "err", err, "ms", time.Since(start).Milliseconds())
	case n > 0:
		w.log.Debug("notifications: derived", "from", what, "notifications", n, "ms", time.Since(start).Milliseconds())
	}
}

// Work derives the notifications of every event up to now (in batches) and returns how many it made. It makes
// none and returns at once when another instance is working.
func (w *Worker) Work(ctx context.Context) (int, error) {
	total := 0
	for {
		events, made, err := w.step(ctx)
		total += made
		if err != nil || events < w.opt.Batch {
			return total, err
		}
	}
}

// errBusy: another instance holds the cursor.
var errBusy = errors.New("notify: busy")

// errRetry: an event failed to be derived and is tried again at the next round (deriveTenant).
var errRetry = errors.New("tried again at the next round")

// locked runs fn in a transaction that holds the cursor; when another instance holds it, nothing happens.
func (w *Worker) locked(ctx context.Context, fn func(ctx context.Context, tx bun.Tx, cur position) error) error {
	err := w.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var cur position
		err := tx.NewRaw("SELECT xid::text AS xid, id FROM notify_cursor FOR UPDATE SKIP LOCKED").Scan(ctx, &cur)
		if db.IsNoRows(err) {
			return errBusy
		}
		if err != nil {
			return fmt.Errorf("notify: lock cursor: %w", err)
		}
		return fn(ctx, tx, cur)
	})
	if errors.Is(err, errBusy) {
		return nil
	}
	return err
}

// position is a place in the change feed, as change_events_after takes it (xid8 travels as text).
type position struct {
	Xid string `bun:"xid"`
	ID  int64  `bun:"id"`
}

// step derives one batch: it returns how many events it read and how many notifications it made.
func (w *Worker) step(ctx context.Context) (events, made int, err error) {
	err = w.locked(ctx, func(ctx context.Context, tx bun.Tx, cur position) error {
		var evs []event
		if err := tx.NewRaw(`SELECT id, xid::text AS xid, tenant_id, topic, record_id, change, actor_id, owner_id,
				old_owner_id, parent_type, parent_id, state, old_state, at, final
			FROM change_events_after(?::xid8, ?, ?)`, cur.Xid, cur.ID, w.opt.Batch).Scan(ctx, &evs); err != nil {
			return fmt.Errorf("notify: read events after %s/%d: %w", cur.Xid, cur.ID, err)
		}
		// Only final events: the cursor must not pass an event whose older transaction may still commit before it.
		// (The feed hands the others out to streams at once; notifications wait the moment until they are final.)
		for i, e := range evs {
			if !e.Final {
				evs = evs[:i]
				break
			}
		}
		if len(evs) == 0 {
			return nil
		}
		tenants, batches := byTenant(evs, func(e event) uuid.UUID { return e.TenantID })
		for _, t := range tenants {
			n, err := w.deriveTenant(ctx, tx, t, batches[t])
			if err != nil {
				return err
			}
			made += n
		}
		last := evs[len(evs)-1]
		if _, err := tx.NewRaw("UPDATE notify_cursor SET xid = ?::xid8, id = ?", last.Xid, last.ID).Exec(ctx); err != nil {
			return fmt.Errorf("notify: move cursor: %w", err)
		}
		events = len(evs)
		return nil
	})
	if err != nil {
		if !errors.Is(err, errRetry) {
			// The transaction itself failed (the database went away, say): the failures counted meanwhile may be
			// that, not the events'.
			w.mu.Lock()
			w.failures = nil
			w.mu.Unlock()
		}
		return 0, 0, err
	}
	return events, made, nil
}

// attempts is how often an event may fail to be derived before the worker gives it up: a failure that persists (a
// bug, a record in a state nobody foresaw) must not hold back every later notification of every tenant.
const attempts = 3

// deriveTenant derives a tenant's events of a batch, all in one savepoint. When that fails it derives them one by
// one, each in its own savepoint, and gives up the events that failed attempts times (logged with their ids); a
// failure below that fails the step, so that the batch is tried again whole at the next round.
func (w *Worker) deriveTenant(ctx context.Context, tx bun.Tx, tenant uuid.UUID, batch []event) (int, error) {
	one := func(evs []event) (int, error) {
		return db.InTenantValue(ctx, tx, tenant, func(ctx context.Context, tx bun.Tx) (int, error) {
			return derive(ctx, tx, evs)
		})
	}
	made, err := one(batch)
	if err == nil {
		return made, nil
	}
	made = 0
	var retry error
	for _, e := range batch {
		n, err := one([]event{e})
		if err == nil {
			made += n
			continue
		}
		if w.failed(e.ID) < attempts {
			retry = fmt.Errorf("notify: tenant %s, event %d: %w: %w", tenant, e.ID, errRetry, err)
			continue
		}
		w.log.Error("notifications: event given up after repeated failures", "tenant", tenant, "event", e.ID,
			"topic", e.Topic, "record", e.RecordID, "attempts", attempts, "err", err)
	}
	return made, retry
}

// failed counts a failure to derive an event and returns how often it failed so far. The count lives in this
// instance only: another instance that takes over tries the event afresh, which bounds the retries all the same.
func (w *Worker) failed(eventID int64) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.failures == nil || len(w.failures) > 1000 {
		w.failures = map[int64]int{}
	}
	w.failures[eventID]++
	return w.failures[eventID]
}

// byTenant groups items by tenant, each group in the items' order; tenants lists the tenants in the order of
// their first item.
func byTenant[T any](items []T, tenant func(T) uuid.UUID) (tenants []uuid.UUID, groups map[uuid.UUID][]T) {
	groups = map[uuid.UUID][]T{}
	for _, it := range items {
		t := tenant(it)
		if _, ok := groups[t]; !ok {
			tenants = append(tenants, t)
		}
		groups[t] = append(groups[t], it)
	}
	return tenants, groups
}

// AnnounceDue tells the assignees of open activities due within DueWithin, once per activity and due time, and
// returns how many it told. Like Work, it does nothing while another instance works.
func (w *Worker) AnnounceDue(ctx context.Context) (int, error) {
	made := 0
	err := w.locked(ctx, func(ctx context.Context, tx bun.Tx, _ position) error {
		var due []dueActivity
		if err := tx.NewRaw("SELECT tenant_id, id, assignee_id, due_at FROM notify_activities_due(make_interval(secs => ?), 1000)",
			DueWithin.Seconds()).Scan(ctx, &due); err != nil {
			return fmt.Errorf("notify: activities due: %w", err)
		}
		tenants, groups := byTenant(due, func(d dueActivity) uuid.UUID { return d.TenantID })
		for _, t := range tenants {
			n, err := db.InTenantValue(ctx, tx, t, func(ctx context.Context, tx bun.Tx) (int, error) {
				return deriveDue(ctx, tx, groups[t])
			})
			if err != nil {
				return fmt.Errorf("notify: tenant %s: activities due: %w", t, err)
			}
			made += n
		}
		return nil
	})
	return made, err
}
