package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/driver/pgdriver"

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
	// MaxAttempts is how often an event whose notifications cannot be made is tried before it is skipped; default 5.
	MaxAttempts int
	// Backoff is the pause after an event's first failed attempt, doubled after each further one up to
	// MaxBackoff; defaults 1 s and 30 s. Meanwhile the rounds derive the events after it and do not try it.
	Backoff, MaxBackoff time.Duration
}

// Worker derives notifications; see Run.
type Worker struct {
	db  *bun.DB
	log *slog.Logger
	opt WorkerOptions

	mu       sync.Mutex
	failures map[int64]*failure // event ID -> its failed derivations (see failed)
	// skipped counts the events given up (the metric onesales_notification_events_skipped_total).
	skipped atomic.Int64
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
	if opt.MaxAttempts <= 0 {
		opt.MaxAttempts = 5
	}
	if opt.Backoff <= 0 {
		opt.Backoff = time.Second
	}
	if opt.MaxBackoff < opt.Backoff {
		opt.MaxBackoff = max(30*time.Second, opt.Backoff)
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

// errRetry: an event failed to be derived and is tried again at a later round (deriveTenant).
var errRetry = errors.New("tried again at a later round")

// locked runs fn in a transaction that holds the cursor; when another instance holds it, nothing happens.
func (w *Worker) locked(ctx context.Context, fn func(ctx context.Context, tx bun.Tx, cur feed.Position) error) error {
	err := w.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		cur, ok, err := feed.ReadPosition(ctx, tx, "SELECT xid::text AS xid, id FROM notify_cursor FOR UPDATE SKIP LOCKED")
		if err != nil {
			return fmt.Errorf("notify: lock cursor: %w", err)
		}
		if !ok {
			return errBusy
		}
		return fn(ctx, tx, cur)
	})
	if errors.Is(err, errBusy) {
		return nil
	}
	return err
}

// step derives one batch: it returns how many events it read and how many notifications it made. When an event
// fails (and has attempts left), the notifications of the batch's other events are kept all the same and the cursor
// stops before the failed event: the events after it are announced now, and derived once more (a no-op: the unique
// keys) when the cursor passes them after the failed one; the step then returns errRetry.
func (w *Worker) step(ctx context.Context) (events, made int, err error) {
	var retry error
	err = w.locked(ctx, func(ctx context.Context, tx bun.Tx, cur feed.Position) error {
		evs, err := feed.Read(ctx, tx, cur, w.opt.Batch)
		if err != nil {
			return fmt.Errorf("notify: %w", err)
		}
		// Only final events: the cursor must not pass an event whose older transaction may still commit before it.
		// (The feed hands the others out to streams at once; notifications wait the moment until they are final.)
		evs = feed.Final(evs)
		if len(evs) == 0 {
			return nil
		}
		var failed *feed.Position // the first event that failed, in the feed's order
		tenants, batches := byTenant(evs, func(e feed.Event) uuid.UUID { return e.TenantID })
		for _, t := range tenants {
			n, first, firstErr, err := w.deriveTenant(ctx, tx, t, batches[t])
			if err != nil {
				return err
			}
			if first != nil && (failed == nil || first.Pos.Before(*failed)) {
				failed = &first.Pos
				retry = fmt.Errorf("notify: tenant %s, event %d: %w: %w", t, first.ID, errRetry, firstErr)
			}
			made += n
		}
		done := evs
		if failed != nil {
			done = evs[:0]
			for _, e := range evs {
				if !e.Pos.Before(*failed) {
					break
				}
				done = append(done, e)
			}
		}
		if len(done) == 0 {
			return nil
		}
		last := done[len(done)-1].Pos
		if _, err := tx.NewRaw("UPDATE notify_cursor SET xid = ?::xid8, id = ?", strconv.FormatUint(last.Xid, 10), last.ID).
			Exec(ctx); err != nil {
			return fmt.Errorf("notify: move cursor: %w", err)
		}
		events = len(done)
		return nil
	})
	if err != nil {
		// The transaction itself failed (the database went away, say): the failures counted meanwhile may be
		// that, not the events'.
		w.mu.Lock()
		w.failures = nil
		w.mu.Unlock()
		return 0, 0, err
	}
	return events, made, retry
}

// deriveTenant derives a tenant's events of a batch, all in one savepoint, but those that wait for their next
// attempt after a failure. When that fails it derives them one by one, each in its own savepoint: an event that
// fails waits Backoff (doubling with each failure, up to MaxBackoff) for its next attempt, and after MaxAttempts
// failures it is skipped (logged with its ids only, and counted). It returns the first event that failed or waits,
// which the step does not pass yet, and its error.
func (w *Worker) deriveTenant(ctx context.Context, tx bun.Tx, tenant uuid.UUID, batch []feed.Event) (
	made int, first *feed.Event, firstErr, err error) {
	one := func(evs []feed.Event) (int, error) {
		return db.InTenantValue(ctx, tx, tenant, func(ctx context.Context, tx bun.Tx) (int, error) {
			return derive(ctx, tx, evs)
		})
	}
	now := time.Now()
	stuck := map[int64]error{}
	ready := make([]feed.Event, 0, len(batch))
	for _, e := range batch {
		if err := w.waiting(e.ID, now); err != nil {
			stuck[e.ID] = err
			continue
		}
		ready = append(ready, e)
	}
	if len(ready) > 0 {
		if made, err = one(ready); err != nil && ctx.Err() != nil {
			return 0, nil, nil, err
		}
	}
	if err != nil {
		made = 0
		for i, e := range ready {
			n, err := one(ready[i : i+1])
			if err == nil {
				made += n
				continue
			}
			if ctx.Err() != nil {
				return 0, nil, nil, err
			}
			if attempt := w.failed(e.ID, now, err); attempt < w.opt.MaxAttempts {
				w.log.Warn("notifications: deriving an event failed; trying again later", "tenant", tenant, "event", e.ID,
					"topic", e.Topic, "record", e.RecordID, "attempt", attempt, "code", sqlState(err))
				stuck[e.ID] = err
				continue
			}
			w.skipped.Add(1)
			// Ids and the database's error code only: the error's text may quote a record's values.
			w.log.Error("notifications: event skipped after repeated failures", "tenant", tenant, "event", e.ID,
				"topic", e.Topic, "record", e.RecordID, "attempts", w.opt.MaxAttempts, "code", sqlState(err))
		}
	}
	for i, e := range batch {
		if err, ok := stuck[e.ID]; ok {
			return made, &batch[i], err, nil
		}
	}
	return made, nil, nil, nil
}

// sqlState is the SQLSTATE of a database error ("" for another error).
func sqlState(err error) string {
	var pg pgdriver.Error
	if errors.As(err, &pg) {
		return pg.Field('C')
	}
	return ""
}

// Skipped is how many events the worker gave up after MaxAttempts failures.
func (w *Worker) Skipped() int64 { return w.skipped.Load() }

// failure is what the worker remembers of an event that failed to be derived.
type failure struct {
	attempts int
	next     time.Time // its next attempt
	err      error     // its last attempt's
}

// errWaiting: the event waits for its next attempt.
var errWaiting = errors.New("waiting for its next attempt")

// waiting returns the last error of an event that waits for its next attempt at now, nil for any other event.
func (w *Worker) waiting(eventID int64, now time.Time) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if f := w.failures[eventID]; f != nil && now.Before(f.next) {
		return fmt.Errorf("%w after: %w", errWaiting, f.err)
	}
	return nil
}

// failed counts a failure to derive an event at now, sets the time of its next attempt and returns how often it
// failed so far. The count lives in this instance only: another instance that takes over tries the event afresh,
// which bounds the retries all the same.
func (w *Worker) failed(eventID int64, now time.Time, err error) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.failures == nil || len(w.failures) > 1000 {
		w.failures = map[int64]*failure{}
	}
	f := w.failures[eventID]
	if f == nil {
		f = &failure{}
		w.failures[eventID] = f
	}
	f.attempts++
	f.err = err
	f.next = now.Add(min(w.opt.Backoff<<min(f.attempts-1, 20), w.opt.MaxBackoff))
	if f.attempts >= w.opt.MaxAttempts {
		delete(w.failures, eventID)
	}
	return f.attempts
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
	err := w.locked(ctx, func(ctx context.Context, tx bun.Tx, _ feed.Position) error {
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
