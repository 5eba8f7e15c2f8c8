package apptest

import (
	"bufio"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/shared/api"
)

// Instance starts a second backend instance on the environment's database, with a pool and a change feed of its
// own (as another server behind the load balancer), and returns its base URL.
func (e *Env) Instance() string {
	e.T.Helper()
	pool, err := db.Open(context.Background(), e.DB.AppURL, nil)
	if err != nil {
		e.T.Fatalf("apptest: second instance: %v", err)
	}
	a := app.New(e.Config, pool, slog.New(slog.DiscardHandler), app.WithBlobStore(e.Blobs))
	ctx, stop := context.WithCancel(context.Background())
	go a.Feed().Run(ctx)
	srv := httptest.NewServer(a.Handler())
	e.T.Cleanup(func() { _ = pool.Close() })
	e.T.Cleanup(srv.Close)
	e.T.Cleanup(stop)
	return srv.URL
}

// SSE is one Server-Sent Event as a stream delivered it.
type SSE struct {
	Name string
	ID   string
	Data string
}

// Change decodes a change event's data.
func (s SSE) Change(t testing.TB) api.ChangeEvent {
	t.Helper()
	var c api.ChangeEvent
	if err := json.Unmarshal([]byte(s.Data), &c); err != nil {
		t.Fatalf("change event %q: %v", s.Data, err)
	}
	return c
}

// Stream is an open GET /api/v1/events.
type Stream struct {
	t      testing.TB
	Status int
	// Error is the error envelope of a refused stream.
	Error  api.Error
	events chan SSE
	// Comments counts the comment lines (heartbeats) received.
	comments chan struct{}
	cancel   context.CancelFunc
	done     chan struct{}
}

// OpenStream opens the event stream of token at base ("" for the environment's server), resuming after
// lastEventID when it is not empty. A refused stream has its status and error; an open one is read in the
// background until Close or the end of the test.
func (e *Env) OpenStream(base, token, lastEventID string) *Stream {
	e.T.Helper()
	if base == "" {
		base = e.Server.URL
	}
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/events", nil)
	if err != nil {
		e.T.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if lastEventID != "" {
		req.Header.Set("Last-Event-ID", lastEventID)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		e.T.Fatalf("open stream: %v", err)
	}
	s := &Stream{t: e.T, Status: resp.StatusCode, events: make(chan SSE, 10000), comments: make(chan struct{}, 10000),
		cancel: cancel, done: make(chan struct{})}
	e.T.Cleanup(s.Close)
	if resp.StatusCode != http.StatusOK {
		var env api.ErrorEnvelope
		_ = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		s.Error = env.Error
		close(s.done)
		close(s.events)
		return s
	}
	go func() {
		defer close(s.done)
		defer close(s.events)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var cur SSE
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if cur.Name != "" || cur.Data != "" {
					s.events <- cur
				}
				cur = SSE{}
			case strings.HasPrefix(line, ":"):
				select {
				case s.comments <- struct{}{}:
				default:
				}
			case strings.HasPrefix(line, "event: "):
				cur.Name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "id: "):
				cur.ID = strings.TrimPrefix(line, "id: ")
			case strings.HasPrefix(line, "data: "):
				cur.Data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return s
}

// Next returns the next event within d; false when none came or the stream ended.
func (s *Stream) Next(d time.Duration) (SSE, bool) {
	select {
	case ev, ok := <-s.events:
		return ev, ok
	case <-time.After(d):
		return SSE{}, false
	}
}

// Ready reads up to the ready event and returns the events before it; it fails the test when none comes in 5 s.
func (s *Stream) Ready() (before []SSE, ready SSE) {
	s.t.Helper()
	for {
		ev, ok := s.Next(5 * time.Second)
		if !ok {
			s.t.Fatalf("no ready event (got %d before)", len(before))
		}
		if ev.Name == api.StreamEventReady {
			return before, ev
		}
		before = append(before, ev)
	}
}

// Changes collects the change events that arrive within d.
func (s *Stream) Changes(d time.Duration) []api.ChangeEvent {
	s.t.Helper()
	var out []api.ChangeEvent
	deadline := time.Now().Add(d)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return out
		}
		ev, ok := s.Next(left)
		if !ok {
			return out
		}
		if ev.Name == api.StreamEventChange {
			out = append(out, ev.Change(s.t))
		}
	}
}

// WaitChange reads until a change event that match accepts arrives within d, and returns it with the time it
// took; it fails the test otherwise.
func (s *Stream) WaitChange(d time.Duration, match func(api.ChangeEvent) bool) (api.ChangeEvent, time.Duration) {
	s.t.Helper()
	start := time.Now()
	deadline := start.Add(d)
	for {
		ev, ok := s.Next(time.Until(deadline))
		if !ok {
			s.t.Fatalf("no matching change event within %s", d)
		}
		if ev.Name == api.StreamEventChange {
			if c := ev.Change(s.t); match(c) {
				return c, time.Since(start)
			}
		}
	}
}

// Heartbeats reports whether a comment line (heartbeat) arrives within d.
func (s *Stream) Heartbeat(d time.Duration) bool {
	select {
	case <-s.comments:
		return true
	case <-time.After(d):
		return false
	}
}

// Ended reports whether the server ended the stream within d.
func (s *Stream) Ended(d time.Duration) bool {
	deadline := time.After(d)
	for {
		select {
		case _, ok := <-s.events:
			if !ok {
				return true
			}
		case <-deadline:
			return false
		}
	}
}

// Close ends the stream.
func (s *Stream) Close() {
	s.cancel()
	<-s.done
}
