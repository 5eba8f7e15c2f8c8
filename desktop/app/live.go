package app

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// The live workspace (issue 14): while a user is signed in, the desktop keeps one change stream open
// (GET /api/v1/events, client.Events) and hands what it brings to the UI as Wails events, which invalidate the
// queries the UI shows. The stream belongs to the session like the assigned-leads poller (intake.go): it starts in
// install and stops at sign-out, expiry and shutdown.

// Wails events of the change stream.
const (
	// EventLiveChanges carries a []api.ChangeEvent: the changes of about LiveTiming.Batch, in stream order.
	EventLiveChanges = "live:changes"
	// EventLiveResync (no data) says that changes were missed: the UI reloads everything it shows.
	EventLiveResync = "live:resync"
	// EventLiveStatus carries the LiveStatus whenever it changes.
	EventLiveStatus = "live:status"
)

// LiveStatus says whether the UI is current: the stream is live, or the desktop is (re)connecting, during which
// changes are not shown until it is back (they are not lost: it resumes where it left off).
type LiveStatus string

const (
	LiveConnected    LiveStatus = "connected"
	LiveReconnecting LiveStatus = "reconnecting"
)

// AllLiveStatuses lists every LiveStatus (bound with EnumBind).
var AllLiveStatuses = []LiveStatus{LiveConnected, LiveReconnecting}

// LiveTiming is how the stream batches and reconnects; the zero value gives the defaults.
type LiveTiming struct {
	// Batch is how long changes are collected before they go to the UI in one event (default 100 ms): a bulk
	// change or a resumed stream then costs the UI one reload, not hundreds.
	Batch time.Duration
	// MinBackoff and MaxBackoff bound the pause before a reconnect (default 0.5 s and 30 s); it doubles after every
	// failed attempt and starts again from MinBackoff once a connection was live.
	MinBackoff, MaxBackoff time.Duration
}

const (
	defaultLiveBatch      = 100 * time.Millisecond
	defaultLiveMinBackoff = 500 * time.Millisecond
	defaultLiveMaxBackoff = 30 * time.Second
	// maxLiveBatch sends a batch at once when it is this large (a resumed stream replaying many changes).
	maxLiveBatch = 500
)

func (t LiveTiming) withDefaults() LiveTiming {
	if t.Batch <= 0 {
		t.Batch = defaultLiveBatch
	}
	if t.MinBackoff <= 0 {
		t.MinBackoff = defaultLiveMinBackoff
	}
	if t.MaxBackoff < t.MinBackoff {
		t.MaxBackoff = max(defaultLiveMaxBackoff, t.MinBackoff)
	}
	return t
}

// LiveState is the change stream as the UI's indicator shows it.
type LiveState struct {
	// Status is reconnecting while signed out too.
	Status LiveStatus `json:"status"`
	// LastChange is the last change the stream brought, if any.
	LastChange *api.ChangeEvent `json:"lastChange,omitempty"`
}

// Live reports the change stream's state (the indicator asks once, then follows EventLiveStatus).
func (s *Session) Live() (LiveState, error) {
	s.c.mu.Lock()
	l := s.c.live
	s.c.mu.Unlock()
	if l == nil {
		return LiveState{Status: LiveReconnecting}, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return LiveState{Status: l.status, LastChange: l.last}, nil
}

// live is the change stream of one session.
type live struct {
	c      *core
	cl     *client.Client
	timing LiveTiming
	cancel context.CancelFunc
	done   chan struct{} // closed when run has returned

	mu      sync.Mutex // guards what follows, and orders every emit before stop
	stopped bool
	status  LiveStatus
	last    *api.ChangeEvent // the last change received
	pending []api.ChangeEvent
	flushAt *time.Timer // runs flush while pending is not empty
}

// startLiveLocked starts the stream of cl's session and stops the one before; called with c.mu held. The new
// stream connects only once the old one has returned, so that there are never two (a sign-out followed by
// another user's sign-in must not leave the first user's stream running).
func (c *core) startLiveLocked(cl *client.Client) {
	prev := c.stopLiveLocked()
	ctx, cancel := context.WithCancel(c.ctx)
	l := &live{c: c, cl: cl, timing: c.cfg.Live.withDefaults(), cancel: cancel, done: make(chan struct{}),
		status: LiveReconnecting}
	c.live = l
	go l.run(ctx, prev)
}

// stopLiveLocked stops the session's stream, if any, and returns a channel closed once it has returned; called
// with c.mu held. Nothing is emitted for the stopped stream after it returns.
func (c *core) stopLiveLocked() <-chan struct{} {
	l := c.live
	if l == nil {
		done := make(chan struct{})
		close(done)
		return done
	}
	c.live = nil
	l.mu.Lock()
	l.stopped = true
	l.pending = nil
	if l.flushAt != nil {
		l.flushAt.Stop()
		l.flushAt = nil
	}
	l.mu.Unlock()
	l.cancel()
	return l.done
}

// run keeps the stream open until ctx ends or the session is over, reconnecting after every drop with the last
// position seen, so that nothing is missed. prev is the previous session's stream, awaited first.
func (l *live) run(ctx context.Context, prev <-chan struct{}) {
	defer close(l.done)
	select {
	case <-prev:
	case <-ctx.Done():
		return
	}
	log := l.c.log
	var last string // the position to resume after: the last id the server sent, of any event
	failures := 0
	for {
		started := time.Now()
		wasLive := false // the connection reached ready (the backoff starts afresh)
		err := l.cl.Events(ctx, last, func(ev client.StreamEvent) {
			if ev.ID != "" {
				last = ev.ID
			}
			if l.handle(ev) {
				wasLive = true
				failures = 0
				log.Info("live: stream connected", "position", last, "took", time.Since(started))
			}
		})
		if ctx.Err() != nil {
			return
		}
		if !l.cl.SignedIn() { // the refresh after a 401 was refused: the session is over (expired stops us too)
			log.Info("live: session over, stream stopped")
			return
		}
		if ae, ok := client.AsAPIError(err); ok && ae.Fields["lastEventId"] != "" {
			// The server no longer understands the position (an upgrade changed its form): start from now and
			// let the UI reload what it shows, since what came in between is unknown.
			log.Warn("live: position refused, starting afresh", "position", last)
			last = ""
			l.resync()
		}
		l.setStatus(LiveReconnecting)
		wait := l.backoff(failures)
		failures++
		log.Info("live: stream dropped", "err", err, "wasLive", wasLive, "connectedFor", time.Since(started),
			"retryIn", wait)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return
		}
	}
}

// backoff is the pause before the next attempt after failures failed ones: MinBackoff doubled per failure up to
// MaxBackoff, of which a random half is taken off, so that desktops dropped together do not return together.
func (l *live) backoff(failures int) time.Duration {
	d := l.timing.MinBackoff
	for i := 0; i < failures && d < l.timing.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, l.timing.MaxBackoff)
	return d/2 + rand.N(d/2+1)
}

// handle takes one event of the stream and reports whether it was ready (the stream is live).
func (l *live) handle(ev client.StreamEvent) bool {
	switch ev.Name {
	case api.StreamEventChange:
		var change api.ChangeEvent
		if err := json.Unmarshal([]byte(ev.Data), &change); err != nil {
			l.c.log.Warn("live: unreadable change skipped", "position", ev.ID, "err", err)
			return false
		}
		if change.ID == "" {
			change.ID = ev.ID
		}
		l.add(change)
	case api.StreamEventReady:
		l.setStatus(LiveConnected)
		return true
	case api.StreamEventResync:
		l.resync()
	}
	return false
}

// add queues a change for the next batch.
func (l *live) add(change api.ChangeEvent) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stopped {
		return
	}
	l.pending = append(l.pending, change)
	l.last = &change
	if len(l.pending) >= maxLiveBatch {
		l.flushLocked()
		return
	}
	if l.flushAt == nil {
		l.flushAt = time.AfterFunc(l.timing.Batch, l.flush)
	}
}

func (l *live) flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flushLocked()
}

// flushLocked emits the pending changes; called with l.mu held.
func (l *live) flushLocked() {
	if l.flushAt != nil {
		l.flushAt.Stop()
		l.flushAt = nil
	}
	batch := l.pending
	l.pending = nil
	if l.stopped || len(batch) == 0 {
		return
	}
	l.c.emit(EventLiveChanges, batch)
}

// resync sends what is pending, then tells the UI to reload everything.
func (l *live) resync() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flushLocked()
	if !l.stopped {
		l.c.emit(EventLiveResync)
	}
}

func (l *live) setStatus(s LiveStatus) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stopped || l.status == s {
		return
	}
	l.status = s
	l.c.emit(EventLiveStatus, s)
}
