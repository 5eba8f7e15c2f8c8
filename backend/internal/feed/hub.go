// Package feed is the change feed: the events that the database's triggers append with every change (table
// change_events, an outbox written in the transaction of the change), fanned out by every backend instance to the
// streams of the signed-in desktops (GET /api/v1/events), each event only to users who may see its subject at the
// time of the change. NOTIFY change_events wakes the instances at commit; the table is the truth, so an instance
// that missed a wake-up (the database restarted, the connection dropped) reads what it missed.
package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/driver/pgdriver"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// Position is a place in the feed. Events are ordered by (xid, id), the writing transaction and then the event, and
// only events of transactions older than every running one are read: an id is handed out before commit, so an
// order by id alone would skip an event whose transaction commits after a later one's.
type Position struct {
	Xid uint64
	ID  int64
}

// String is the position as a stream sends it (the SSE id, which comes back as Last-Event-ID).
func (p Position) String() string {
	return strconv.FormatUint(p.Xid, 10) + "-" + strconv.FormatInt(p.ID, 10)
}

// Before reports whether p comes before q.
func (p Position) Before(q Position) bool { return p.Xid < q.Xid || (p.Xid == q.Xid && p.ID < q.ID) }

// ParsePosition reads a position as String writes it.
func ParsePosition(s string) (Position, error) {
	x, i, ok := strings.Cut(s, "-")
	if !ok || len(s) > 41 {
		return Position{}, errors.New("feed: not a position")
	}
	xid, err := strconv.ParseUint(x, 10, 64)
	if err != nil {
		return Position{}, errors.New("feed: not a position")
	}
	id, err := strconv.ParseInt(i, 10, 64)
	if err != nil || id < 0 {
		return Position{}, errors.New("feed: not a position")
	}
	return Position{Xid: xid, ID: id}, nil
}

// public is the event as a stream sends it: ids and versions, never contents.
func (e *Event) public() api.ChangeEvent {
	out := api.ChangeEvent{ID: e.Pos.String(), Topic: e.Topic, Change: e.Change, At: e.At}
	if e.RecordID != nil {
		out.RecordID = e.RecordID.String()
	}
	if e.Version != nil {
		out.Version = *e.Version
	}
	if e.ActorID != nil {
		out.ActorID = e.ActorID.String()
	}
	if e.ParentType != nil && e.ParentID != nil {
		out.ParentType, out.ParentID = *e.ParentType, e.ParentID.String()
	}
	return out
}

// Delivery is an event for a stream, at its position. The hub hands the streams that receive an event alike one
// shared Delivery, with the event's JSON encoded once for all of them.
type Delivery struct {
	// Pos is the event's place in the feed; Resume the position a stream that received it resumes from: Pos for a
	// final event, else the last final position before it (an event before it may still commit).
	Pos, Resume Position
	Event       api.ChangeEvent
	// data is Event as JSON; nil for the deliveries the stream makes itself (missed events), encoded on writing.
	data []byte
}

func newDelivery(pos, resume Position, ev api.ChangeEvent) (*Delivery, error) {
	data, err := json.Marshal(ev)
	if err != nil {
		return nil, fmt.Errorf("feed: encode event %s: %w", pos, err)
	}
	return &Delivery{Pos: pos, Resume: resume, Event: ev, data: data}, nil
}

// subBuffer is how many events a stream may lag behind before it is dropped: its client reconnects and resumes
// from the table, so a slow reader costs a reconnect, never unbounded memory. The buffer holds pointers (8 KiB a
// stream): a buffer of Delivery values would take 160 KiB a stream, which 1,000 streams fill as they go, and which
// the garbage collector's heap goal doubles.
const subBuffer = 1024

// Sub is a stream's subscription to its tenant's events.
type Sub struct {
	tenant uuid.UUID
	actor  atomic.Pointer[access.Actor]
	out    chan *Delivery
	// recheck asks the stream to load its user's rights again (a role, unit or user changed).
	recheck chan struct{}
	dropped chan struct{}
	once    sync.Once
}

// Events delivers the subscription's events.
func (s *Sub) Events() <-chan *Delivery { return s.out }

// Dropped is closed when the hub dropped the subscription because it fell behind.
func (s *Sub) Dropped() <-chan struct{} { return s.dropped }

// Recheck is signalled when the rights of the tenant's users may have changed.
func (s *Sub) Recheck() <-chan struct{} { return s.recheck }

// SetActor replaces the user's rights the subscription is scoped by.
func (s *Sub) SetActor(a *access.Actor) { s.actor.Store(a) }

func (s *Sub) drop() { s.once.Do(func() { close(s.dropped) }) }

// tenantSubs are a tenant's subscriptions and the units of its users (a unit scope follows the owner's unit).
type tenantSubs struct {
	subs  map[*Sub]struct{}
	units units
}

// units maps a tenant's users to their units. A map is never changed once built: a change builds a new one.
type units map[uuid.UUID]uuid.UUID

// Hub reads the feed and hands each event to the subscriptions that may see it. One runs per backend instance.
type Hub struct {
	db  *bun.DB
	log *slog.Logger
	// poll is how often the hub reads the feed without a wake-up: it catches events held back behind a
	// transaction that was still running at the wake-up, and a wake-up lost while the listener reconnected.
	poll time.Duration

	mu sync.Mutex
	// pos is the last final position: every event up to it has been handed out, and none before it can commit
	// any more. ahead are the events after it that were handed out already (committed while an older transaction
	// still ran); they are read again until they become final, and not handed out twice.
	pos     Position
	ahead   map[int64]bool
	tenants map[uuid.UUID]*tenantSubs
	ready   chan struct{}
	wake    chan struct{}
	// stopped is closed when Run returns: the streams end with it (a shutdown need not wait for them).
	stopped chan struct{}
	// committed is signalled after this instance committed a write (afterCommit); notify wakes the others.
	committed chan struct{}
	// runCtx is Run's; listening starts with the first stream (listen).
	runCtx context.Context
	listen sync.Once
	// delivered counts events handed to subscriptions (tests and benchmarks read it).
	delivered atomic.Int64
}

// NewHub makes a hub; Run starts it.
func NewHub(bdb *bun.DB, log *slog.Logger) *Hub {
	h := &Hub{db: bdb, log: log, poll: 100 * time.Millisecond, tenants: map[uuid.UUID]*tenantSubs{}, ahead: map[int64]bool{},
		ready: make(chan struct{}), wake: make(chan struct{}, 1), stopped: make(chan struct{}),
		committed: make(chan struct{}, 1)}
	db.OnCommittedWrites(bdb, h.afterCommit)
	return h
}

// Run reads the feed until ctx ends: from its newest position at the start, woken by NOTIFY change_events and
// every poll interval. A database outage pauses it; it goes on from where it was, so no event is lost.
func (h *Hub) Run(ctx context.Context) {
	defer close(h.stopped)
	h.mu.Lock()
	h.runCtx = ctx
	h.mu.Unlock()
	go h.notify(ctx)
	for wait := time.Second; ; wait = min(2*wait, 30*time.Second) {
		err := h.start(ctx)
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			return
		}
		h.log.Warn("feed: cannot read the head of the change feed", "err", err, "retryIn", wait.String())
		if !sleep(ctx, wait) {
			return
		}
	}
	close(h.ready)
	tick := time.NewTicker(h.poll)
	defer tick.Stop()
	failing := false
	for {
		if err := h.pump(ctx); err != nil {
			if ctx.Err() != nil {
				return
			}
			if !failing {
				h.log.Warn("feed: reading the change feed failed; retrying", "err", err)
			}
			failing = true
		} else if failing {
			h.log.Info("feed: reading the change feed again", "position", h.position().String())
			failing = false
		}
		select {
		case <-ctx.Done():
			return
		case <-h.wake:
		case <-tick.C:
		}
	}
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// wakeOnNotify turns NOTIFY change_events into wake-ups, from the first stream of the instance on: an instance
// without streams has nobody to hurry for and keeps no listening connection (the poll reads the feed all the
// same).
func (h *Hub) wakeOnNotify(ctx context.Context) { Wake(ctx, h.db, h.wake) }

// Wake turns the change feed's NOTIFY (sent when events commit) into non-blocking sends on wake until ctx ends:
// the one listener of the feed, for the hub and for every other reader of the feed (the notification worker).
// The NOTIFY only hurries a reader; a reader polls the feed all the same, which covers a lost connection (the
// listener reconnects by itself) and NOTIFYs that were never sent.
func Wake(ctx context.Context, bdb *bun.DB, wake chan<- struct{}) {
	ln := pgdriver.NewListener(bdb)
	defer func() { _ = ln.Close() }()
	for ctx.Err() == nil {
		if err := ln.Listen(ctx, "change_events"); err != nil {
			if !sleep(ctx, time.Second) {
				return
			}
			continue
		}
		break
	}
	ch := ln.Channel(pgdriver.WithChannelSize(64), pgdriver.WithChannelOverflowHandler(func(pgdriver.Notification) {}))
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-ch:
			if !ok {
				return
			}
			select {
			case wake <- struct{}{}:
			default:
			}
		}
	}
}

// start takes the feed's newest final position.
func (h *Hub) start(ctx context.Context) error {
	pos, ok, err := ReadPosition(ctx, h.db, "SELECT xid::text AS xid, id FROM change_events_head()")
	if err != nil || !ok {
		return err
	}
	h.mu.Lock()
	h.pos = pos
	h.mu.Unlock()
	return nil
}

func (h *Hub) position() Position {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.pos
}

// afterCommit is called after a transaction of this instance committed a write: its events are in the table now.
func (h *Hub) afterCommit() {
	select {
	case h.committed <- struct{}{}:
	default:
	}
}

// notifyEvery coalesces the wake-ups an instance sends: at most one NOTIFY per interval, however many commits.
const notifyEvery = 50 * time.Millisecond

// notify wakes this instance's hub and, with NOTIFY change_events, every other instance's after this instance
// committed writes. The NOTIFY is a statement of its own after the commit, not part of the writing transaction:
// a transaction that notifies takes a lock of the whole cluster while it commits, which serialised every writing
// request (the crash test saw a third of its throughput). The poll still reads what a lost wake-up missed.
func (h *Hub) notify(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-h.committed:
		}
		select {
		case h.wake <- struct{}{}:
		default:
		}
		if _, err := h.db.ExecContext(ctx, "SELECT pg_notify('change_events', '')"); err != nil && ctx.Err() == nil {
			h.log.Debug("feed: NOTIFY failed; the others read on their poll", "err", err)
		}
		if !sleep(ctx, notifyEvery) {
			return
		}
	}
}

// Subscriptions counts the open subscriptions of all tenants.
func (h *Hub) Subscriptions() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, t := range h.tenants {
		n += len(t.subs)
	}
	return n
}

// Stopped is closed when Run has returned.
func (h *Hub) Stopped() <-chan struct{} { return h.stopped }

// Delivered is how many events the hub has handed to subscriptions.
func (h *Hub) Delivered() int64 { return h.delivered.Load() }

// batch is how many events the hub reads at a time.
const batch = 1000

// pump reads and hands out every committed event after the hub's position. The position moves over the final
// events read; the committed events after them that are not final yet are handed out at once all the same (a
// transaction that is still running elsewhere, even in another database of the cluster, must not hold the feed
// back) and remembered in ahead, so that the next read, which meets them again, skips them.
func (h *Hub) pump(ctx context.Context) error {
	from := h.position()
	for {
		rows, err := read(ctx, h.db, from, batch, false, h.subscribedTenants())
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		err = h.dispatch(ctx, rows)
		if errors.Is(err, errUndetailed) {
			continue // a tenant subscribed while the batch was read: read it again with its details
		}
		if err != nil {
			return err
		}
		if len(rows) < batch {
			return nil
		}
		from = rows[len(rows)-1].Pos
	}
}

// subscribedTenants are the tenants with subscriptions now: the hub reads their events with details.
func (h *Hub) subscribedTenants() []uuid.UUID {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]uuid.UUID, 0, len(h.tenants))
	for t := range h.tenants {
		out = append(out, t)
	}
	return out
}

// errUndetailed: dispatch got an event without details of a tenant that has a subscription now.
var errUndetailed = errors.New("feed: an event of a subscribed tenant was read without its details")

// accessChange is what a batch changed of a tenant's users, units and roles: what its users may see may have
// changed with it.
type accessChange struct {
	users, roles map[uuid.UUID]bool
	units        bool
}

// affects reports whether the change may change what the user of s may see: a change of the user or the user's role
// does; a change of units may move any user's unit tree.
func (c *accessChange) affects(a *access.Actor) bool {
	return c.units || c.users[a.UserID] || c.roles[a.RoleID]
}

// dispatch hands rows to the subscriptions and moves the hub's position past them.
func (h *Hub) dispatch(ctx context.Context, rows []Event) error {
	// The units of the tenants with subscriptions whose users or units changed are read again first (outside the
	// lock: Subscribe must not wait for the database).
	changes := map[uuid.UUID]*accessChange{}
	h.mu.Lock()
	for i := range rows {
		e := &rows[i]
		topic := e.Topic
		if h.tenants[e.TenantID] == nil || (topic != api.TopicUser && topic != api.TopicUnit && topic != api.TopicRole) {
			continue
		}
		c := changes[e.TenantID]
		if c == nil {
			c = &accessChange{users: map[uuid.UUID]bool{}, roles: map[uuid.UUID]bool{}}
			changes[e.TenantID] = c
		}
		switch {
		case topic == api.TopicUnit || e.RecordID == nil:
			c.units = true
		case topic == api.TopicUser:
			c.users[*e.RecordID] = true
		default:
			c.roles[*e.RecordID] = true
		}
	}
	h.mu.Unlock()
	fresh := map[uuid.UUID]units{}
	for tenant := range changes {
		u, err := loadUnits(ctx, h.db, tenant)
		if err != nil {
			return err
		}
		fresh[tenant] = u
	}

	h.mu.Lock()
	defer h.mu.Unlock()
	// Nothing is changed before this check: the batch is read again as it is.
	for i := range rows {
		if !rows[i].Detailed && h.tenants[rows[i].TenantID] != nil {
			return errUndetailed
		}
	}
	for tenant, u := range fresh {
		t := h.tenants[tenant]
		if t == nil {
			continue
		}
		t.units = u
		// Only the streams whose rights may have changed load their user again (each after a jitter of its own,
		// so that a change of units does not send every stream of the tenant to the database at once).
		for s := range t.subs {
			if changes[tenant].affects(s.actor.Load()) {
				select {
				case s.recheck <- struct{}{}:
				default:
				}
			}
		}
	}
	// The final events that follow the position without a gap move it; the rows come in (xid, id) order, so
	// they are a prefix of what was read after the position.
	final := h.pos
	moving := true
	for i := range rows {
		e := &rows[i]
		resume := final
		if moving && e.Final {
			final, resume = e.Pos, e.Pos
		} else {
			moving = false
		}
		if h.ahead[e.ID] {
			if e.Pos == final {
				delete(h.ahead, e.ID)
			}
			continue
		}
		if !e.Final {
			h.ahead[e.ID] = true
		}
		t := h.tenants[e.TenantID]
		if t == nil {
			continue
		}
		// The readers that see the event as it is share one delivery, those told of a removal another.
		var plain, removal *Delivery
		for s := range t.subs {
			ev, ok := scope(s.actor.Load(), t.units, e)
			if !ok {
				continue
			}
			shared := &plain
			if ev.Change == api.ChangeRemoved {
				shared = &removal
			}
			if *shared == nil {
				d, err := newDelivery(e.Pos, resume, ev)
				if err != nil {
					return err
				}
				*shared = d
			}
			select {
			case s.out <- *shared:
				h.delivered.Add(1)
			default:
				h.remove(t, s)
				s.drop()
			}
		}
	}
	h.pos = final
	return nil
}

// Subscribe registers a stream of actor's tenant and returns the position from which it receives events: every
// event after it that actor may see is delivered to the subscription. It waits until the hub has started.
func (h *Hub) Subscribe(ctx context.Context, actor *access.Actor) (*Sub, Position, error) {
	select {
	case <-h.ready:
	case <-h.stopped:
		return nil, Position{}, httpx.Unavailable("the change feed is shutting down")
	case <-ctx.Done():
		return nil, Position{}, ctx.Err()
	}
	h.mu.Lock()
	t := h.tenants[actor.TenantID]
	h.mu.Unlock()
	if t == nil {
		u, err := loadUnits(ctx, h.db, actor.TenantID)
		if err != nil {
			return nil, Position{}, err
		}
		h.mu.Lock()
		if t = h.tenants[actor.TenantID]; t == nil {
			t = &tenantSubs{subs: map[*Sub]struct{}{}, units: u}
			h.tenants[actor.TenantID] = t
		}
		h.mu.Unlock()
	}
	h.listen.Do(func() {
		h.mu.Lock()
		ctx := h.runCtx
		h.mu.Unlock()
		go h.wakeOnNotify(ctx)
	})
	s := &Sub{tenant: actor.TenantID, out: make(chan *Delivery, subBuffer), recheck: make(chan struct{}, 1),
		dropped: make(chan struct{})}
	s.SetActor(actor)
	h.mu.Lock()
	defer h.mu.Unlock()
	// The tenant's entry may have gone with its last subscription meanwhile.
	if cur := h.tenants[actor.TenantID]; cur != nil {
		t = cur
	} else {
		h.tenants[actor.TenantID] = t
	}
	t.subs[s] = struct{}{}
	return s, h.pos, nil
}

// Unsubscribe ends a subscription.
func (h *Hub) Unsubscribe(s *Sub) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := h.tenants[s.tenant]; t != nil {
		h.remove(t, s)
	}
}

// remove takes s from t, and t from the hub with its last subscription. The caller holds h.mu.
func (h *Hub) remove(t *tenantSubs, s *Sub) {
	delete(t.subs, s)
	if len(t.subs) == 0 && h.tenants[s.tenant] == t {
		delete(h.tenants, s.tenant)
	}
}

// unitsOf returns the units map the hub keeps for a tenant (nil without subscriptions).
func (h *Hub) unitsOf(tenant uuid.UUID) units {
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := h.tenants[tenant]; t != nil {
		return t.units
	}
	return nil
}

// loadUnits reads the units of a tenant's users.
func loadUnits(ctx context.Context, bdb *bun.DB, tenant uuid.UUID) (units, error) {
	var rows []struct {
		ID     uuid.UUID `bun:"id"`
		UnitID uuid.UUID `bun:"unit_id"`
	}
	err := db.InTenant(ctx, bdb, tenant, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewRaw("SELECT id, unit_id FROM users").Scan(ctx, &rows)
	})
	if err != nil && !db.IsNoRows(err) {
		return nil, fmt.Errorf("feed: units of %s: %w", tenant, err)
	}
	u := make(units, len(rows))
	for _, r := range rows {
		u[r.ID] = r.UnitID
	}
	return u, nil
}
