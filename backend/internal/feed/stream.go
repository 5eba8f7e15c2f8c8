package feed

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// Authenticator loads the user of a bearer token again (auth.Service): a stream lives longer than a request, so
// it checks now and then that its token, session and user still hold, and takes their current rights.
type Authenticator interface {
	Authenticate(ctx context.Context, bearer string) (*access.Actor, error)
}

// Options tunes the streams. Zero values take the defaults.
type Options struct {
	// Heartbeat is how often an idle stream sends a comment line (default 15 s).
	Heartbeat time.Duration
	// Recheck is how often a stream loads its user again (default 30 s): an expired token, a revoked session or a
	// deactivated user ends it, a new role narrows it.
	Recheck time.Duration
	// WriteTimeout drops a client that does not take a write within it (default 10 s).
	WriteTimeout time.Duration
}

// Streams serves GET /api/v1/events.
type Streams struct {
	hub  *Hub
	db   *bun.DB
	auth Authenticator
	log  *slog.Logger
	opts Options
}

// NewStreams serves streams from hub.
func NewStreams(hub *Hub, bdb *bun.DB, auth Authenticator, log *slog.Logger, opts Options) *Streams {
	if opts.Heartbeat <= 0 {
		opts.Heartbeat = 15 * time.Second
	}
	if opts.Recheck <= 0 {
		opts.Recheck = 30 * time.Second
	}
	if opts.WriteTimeout <= 0 {
		opts.WriteTimeout = 10 * time.Second
	}
	return &Streams{hub: hub, db: bdb, auth: auth, log: log, opts: opts}
}

// retryMillis is the reconnection delay the stream suggests to EventSource clients.
const retryMillis = 2000

// Handler streams the caller's events as Server-Sent Events. With Last-Event-ID (header, or the lastEventId query
// parameter) it first sends what the caller missed since that position, or a resync event when the feed no longer
// keeps it; then a ready event; then every event as it happens, with heartbeats between. Errors before the stream
// begins are error envelopes (400 for a malformed position); afterwards the stream just ends, and the client
// reconnects with the last id it received.
func (s *Streams) Handler(w http.ResponseWriter, r *http.Request) error {
	actor, err := access.FromRequest(r)
	if err != nil {
		return err
	}
	bearer := auth.Bearer(r)
	var resume *Position
	if raw := lastEventID(r); raw != "" {
		p, err := ParsePosition(raw)
		if err != nil {
			var v httpx.Validation
			v.Field("lastEventId", api.FieldInvalid)
			return v.Err()
		}
		resume = &p
	}

	ctx := r.Context()
	sub, head, err := s.hub.Subscribe(ctx, actor)
	if err != nil {
		return err
	}
	defer s.hub.Unsubscribe(sub)

	var replay []Delivery
	resync := false
	if resume != nil {
		replay, resync, err = s.missed(ctx, actor, *resume)
		if err != nil {
			return err
		}
	}

	rc := http.NewResponseController(w)
	// A stream outlives the server's read and write timeouts, which are meant for requests: each write gets a
	// deadline of its own instead, and the read side stays open (the client sends nothing more).
	_ = rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // a proxy in front must pass events on at once
	w.WriteHeader(http.StatusOK)
	out := &sseWriter{w: w, rc: rc, timeout: s.opts.WriteTimeout}
	started := time.Now()
	sent := 0
	defer func() {
		s.log.Info("feed: stream ended", "user", actor.UserID, "events", sent, "durationMs", time.Since(started).Milliseconds())
	}()

	if err := out.raw(fmt.Sprintf("retry: %d\n\n", retryMillis)); err != nil {
		return nil
	}
	if resync {
		if out.event(api.StreamEventResync, head, api.StreamPosition{ID: head.String()}) != nil {
			return nil
		}
	}
	// The events the stream sent from the table, which the hub may hand it once more.
	replayed := make(map[int64]bool, len(replay))
	ready := head
	for _, d := range replay {
		if out.event(api.StreamEventChange, d.Resume, d.Event) != nil {
			return nil
		}
		replayed[d.Pos.ID] = true
		if ready.Before(d.Resume) {
			ready = d.Resume
		}
		sent++
	}
	if out.event(api.StreamEventReady, ready, api.StreamPosition{ID: ready.String()}) != nil {
		return nil
	}

	beat := time.NewTicker(s.opts.Heartbeat)
	defer beat.Stop()
	// The periodic check comes at a jittered time per stream, so that streams opened together (all desktops
	// reconnecting after a restart) do not all ask at once; a check asked for by the hub waits up to a second.
	check := time.NewTimer(jitter(s.opts.Recheck, s.opts.Recheck/5))
	defer check.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-s.hub.Stopped():
			return nil
		case <-sub.Dropped():
			s.log.Info("feed: stream fell behind and was dropped", "user", actor.UserID)
			return nil
		case d := <-sub.Events():
			if replayed[d.Pos.ID] {
				continue
			}
			if out.encoded(api.StreamEventChange, d.Resume, d.data) != nil {
				return nil
			}
			sent++
			beat.Reset(s.opts.Heartbeat)
		case <-beat.C:
			if out.raw(": ping\n\n") != nil {
				return nil
			}
		case <-sub.Recheck():
			check.Reset(jitter(0, time.Second))
		case <-check.C:
			if !s.recheck(ctx, sub, bearer) {
				return nil
			}
			check.Reset(jitter(s.opts.Recheck, s.opts.Recheck/5))
		}
	}
}

// jitter is d plus a random share of up to spread.
func jitter(d, spread time.Duration) time.Duration {
	if spread <= 0 {
		return d
	}
	return d + rand.N(spread)
}

// recheck loads the stream's user again; false ends the stream (token expired, session revoked, user gone).
func (s *Streams) recheck(ctx context.Context, sub *Sub, bearer string) bool {
	a, err := s.auth.Authenticate(ctx, bearer)
	if err != nil {
		return false
	}
	sub.SetActor(a)
	return true
}

// maxReplay bounds the events a resuming stream is sent from the table; a client further behind loads everything
// again (resync), which is cheaper for both.
const maxReplay = 10000

// replayQuery reads the tenant's events after a position (row-level security keeps them to the tenant), each with
// its details.
var replayQuery = eventSelect("true") + ` FROM (SELECT c.*, c.xid < pg_snapshot_xmin(pg_current_snapshot()) AS final
	FROM change_events AS c WHERE (c.xid, c.id) > (?::xid8, ?) ORDER BY c.xid, c.id LIMIT ?) AS e ORDER BY e.xid, e.id`

// missed returns the committed events after from that actor may see, or resync when the feed no longer keeps
// from (pruned, or a position it never had) or the client is too far behind.
func (s *Streams) missed(ctx context.Context, actor *access.Actor, from Position) ([]Delivery, bool, error) {
	var out []Delivery
	resync := false
	err := db.InTenant(ctx, s.db, actor.TenantID, func(ctx context.Context, tx bun.Tx) error {
		// A stream is only ever given final positions: one after the newest final event is not this feed's.
		var bounds []struct {
			Kind string `bun:"kind"`
			Xid  string `bun:"xid"`
			ID   int64  `bun:"id"`
		}
		if err := tx.NewRaw(`SELECT 'pruned' AS kind, xid::text AS xid, id FROM change_feed_pruned
			UNION ALL SELECT 'head', h.xid::text, h.id FROM change_events_head() AS h`).Scan(ctx, &bounds); err != nil {
			return fmt.Errorf("feed: bounds: %w", err)
		}
		head := Position{}
		for _, b := range bounds {
			p, err := positionOf(b.Xid, b.ID)
			if err != nil {
				return err
			}
			switch {
			case b.Kind == "pruned" && from.Before(p):
				resync = true // pruned
				return nil
			case b.Kind == "head":
				head = p
			}
		}
		if head.Before(from) {
			resync = true // not a position of this feed
			return nil
		}
		rows, err := queryEvents(ctx, tx, replayQuery, strconv.FormatUint(from.Xid, 10), from.ID, maxReplay+1)
		if err != nil {
			return fmt.Errorf("feed: replay: %w", err)
		}
		if len(rows) > maxReplay {
			resync = true
			return nil
		}
		u := s.hub.unitsOf(actor.TenantID)
		final := from
		for i := range rows {
			e := &rows[i]
			if e.Final {
				final = e.Pos // the final events are a prefix of the rows
			}
			if ev, ok := scope(actor, u, e); ok {
				out = append(out, Delivery{Pos: e.Pos, Resume: final, Event: ev})
			}
		}
		return nil
	})
	if resync {
		return nil, true, err
	}
	return out, false, err
}

func lastEventID(r *http.Request) string {
	if v := r.Header.Get("Last-Event-ID"); v != "" {
		return v
	}
	return r.URL.Query().Get("lastEventId")
}

// sseWriter writes Server-Sent Events, each flushed at once within a write deadline.
type sseWriter struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
}

func (o *sseWriter) raw(s string) error {
	_ = o.rc.SetWriteDeadline(time.Now().Add(o.timeout))
	if _, err := o.w.Write([]byte(s)); err != nil {
		return err
	}
	return o.rc.Flush()
}

func (o *sseWriter) event(name string, pos Position, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	return o.encoded(name, pos, b)
}

// encoded writes an event whose data is JSON already.
func (o *sseWriter) encoded(name string, pos Position, data []byte) error {
	return o.raw("event: " + name + "\nid: " + pos.String() + "\ndata: " + string(data) + "\n\n")
}
