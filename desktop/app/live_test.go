package app_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// noStream answers the change stream as a server that cannot serve it now (503), so that the fakes of other tests
// neither see the stream every signed-in desktop keeps among their requests nor have it hold them open. It reports
// whether it answered.
func noStream(w http.ResponseWriter, r *http.Request) bool {
	if r.URL.Path != "/api/v1/events" {
		return false
	}
	writeErr(w, http.StatusServiceUnavailable, api.CodeInternal, nil)
	return true
}

const otherEmail = "lena.fischer@nordlicht.example"

// streamServer is a backend with sign-in, refresh and the change stream. Each connection to the stream is served by
// the next of the test's scripts; once they are used up a connection stays open and quiet.
type streamServer struct {
	*httptest.Server
	mu        sync.Mutex
	scripts   []func(w http.ResponseWriter, r *http.Request)
	attempts  []streamAttempt
	n         int
	access    map[string]string // valid access token -> e-mail
	refresh   map[string]string // unspent refresh token -> e-mail
	refreshes int
	refuse    bool // refresh answers 401
}

// streamAttempt is one request for the stream as the server got it.
type streamAttempt struct {
	at          time.Time
	user, token string
	lastEventID string
	status      int
}

func newStreamServer(t *testing.T, scripts ...func(w http.ResponseWriter, r *http.Request)) *streamServer {
	t.Helper()
	s := &streamServer{scripts: scripts, access: map[string]string{}, refresh: map[string]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *streamServer) issueLocked(user string) api.Session {
	s.n++
	sess := api.Session{AccessToken: fmt.Sprintf("access-%d", s.n), RefreshToken: fmt.Sprintf("refresh-%d", s.n),
		AccessExpiresAt: time.Now().Add(time.Hour), Me: api.Me{User: api.User{ID: user, Email: user}}}
	s.access[sess.AccessToken], s.refresh[sess.RefreshToken] = user, user
	return sess
}

// expireAccess makes every access token invalid.
func (s *streamServer) expireAccess() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.access)
}

func (s *streamServer) serve(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/api/v1/auth/login":
		var in api.LoginRequest
		_ = json.NewDecoder(r.Body).Decode(&in)
		s.mu.Lock()
		sess := s.issueLocked(in.Email)
		s.mu.Unlock()
		writeOK(w, 200, sess)
	case "/api/v1/auth/refresh":
		var in api.RefreshRequest
		_ = json.NewDecoder(r.Body).Decode(&in)
		s.mu.Lock()
		s.refreshes++
		user, ok := s.refresh[in.RefreshToken]
		delete(s.refresh, in.RefreshToken)
		if !ok || s.refuse {
			s.mu.Unlock()
			writeErr(w, 401, api.CodeTokenInvalid, nil)
			return
		}
		sess := s.issueLocked(user)
		s.mu.Unlock()
		writeOK(w, 200, sess)
	case "/api/v1/auth/logout":
		w.WriteHeader(http.StatusNoContent)
	case "/api/v1/events":
		token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		s.mu.Lock()
		user, ok := s.access[token]
		a := streamAttempt{at: time.Now(), user: user, token: token, lastEventID: r.Header.Get("Last-Event-ID"), status: 200}
		var script func(w http.ResponseWriter, r *http.Request)
		if !ok {
			a.status = 401
		} else if len(s.scripts) > 0 {
			script, s.scripts = s.scripts[0], s.scripts[1:]
		}
		s.attempts = append(s.attempts, a)
		s.mu.Unlock()
		switch {
		case !ok:
			writeErr(w, 401, api.CodeUnauthenticated, nil)
		case script != nil:
			script(w, r)
		default:
			hold(w, r)
		}
	default:
		writeErr(w, 404, api.CodeNotFound, nil)
	}
}

func (s *streamServer) streamAttempts() []streamAttempt {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]streamAttempt(nil), s.attempts...)
}

// open starts an event stream answer.
func open(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/event-stream")
	_, _ = io.WriteString(w, "retry: 2000\n\n")
	w.(http.Flusher).Flush()
}

// send writes events, each "name id data" (data may be "" and then is the change of that id on deal d<id>).
func send(w http.ResponseWriter, events ...string) {
	var b strings.Builder
	for _, e := range events {
		name, id, _ := strings.Cut(e, " ")
		data := fmt.Sprintf(`{"id":%q}`, id)
		if name == api.StreamEventChange {
			data = fmt.Sprintf(`{"id":%q,"topic":"deal","recordId":"d%s","change":"updated","version":2,"actorId":"u2","at":"2026-12-08T10:00:00Z"}`, id, id)
		}
		fmt.Fprintf(&b, "event: %s\nid: %s\ndata: %s\n\n", name, id, data)
	}
	_, _ = io.WriteString(w, b.String())
	w.(http.Flusher).Flush()
}

// hold keeps the stream open and quiet until the desktop leaves.
func hold(w http.ResponseWriter, r *http.Request) {
	open(w)
	<-r.Context().Done()
}

// script is a connection that opens, sends events and ends (a drop).
func script(events ...string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		open(w)
		send(w, events...)
	}
}

// unavailable is a connection refused with 503.
func unavailable(w http.ResponseWriter, _ *http.Request) {
	writeErr(w, http.StatusServiceUnavailable, api.CodeInternal, nil)
}

// streamCounter counts the desktop's stream requests in flight (sent and not yet closed) on its own side, and the
// most that ever were at once.
type streamCounter struct {
	mu        sync.Mutex
	open, max int
}

func (c *streamCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path != "/api/v1/events" {
		return http.DefaultTransport.RoundTrip(r)
	}
	c.mu.Lock()
	c.open++
	c.max = max(c.max, c.open)
	c.mu.Unlock()
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil {
		c.done()
		return nil, err
	}
	resp.Body = &countedBody{ReadCloser: resp.Body, c: c}
	return resp, nil
}

func (c *streamCounter) done() {
	c.mu.Lock()
	c.open--
	c.mu.Unlock()
}

func (c *streamCounter) counts() (open, most int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.open, c.max
}

type countedBody struct {
	io.ReadCloser
	c    *streamCounter
	once sync.Once
}

func (b *countedBody) Close() error {
	b.once.Do(b.c.done)
	return b.ReadCloser.Close()
}

// emitted is one Wails event of the desktop.
type emitted struct {
	event string
	data  any
}

// liveDesk is a started App with fast live timings that records what it emits.
type liveDesk struct {
	*app.App
	streams *streamCounter
	mu      sync.Mutex
	events  []emitted
}

func newLiveDesk(t *testing.T) *liveDesk {
	t.Helper()
	d := &liveDesk{streams: &streamCounter{}}
	d.App = startApp(t, app.Config{
		Client: client.Options{Transport: d.streams},
		Live:   app.LiveTiming{Batch: 20 * time.Millisecond, MinBackoff: 20 * time.Millisecond, MaxBackoff: 80 * time.Millisecond},
		Emit: func(event string, data ...any) {
			d.mu.Lock()
			defer d.mu.Unlock()
			var v any
			if len(data) > 0 {
				v = data[0]
			}
			d.events = append(d.events, emitted{event, v})
		}})
	return d
}

func (d *liveDesk) login(t *testing.T, s *streamServer, user string) {
	t.Helper()
	if _, err := d.Session.Login(app.LoginInput{ServerURL: s.URL, Email: user, Password: password}); err != nil {
		t.Fatalf("Login %s: %v", user, err)
	}
}

func (d *liveDesk) emitted() []emitted {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]emitted(nil), d.events...)
}

// changeIDs lists the ids of the emitted changes, each batch as one string ("6,7").
func (d *liveDesk) batches() []string {
	var out []string
	for _, e := range d.emitted() {
		if e.event != app.EventLiveChanges {
			continue
		}
		var ids []string
		for _, c := range e.data.([]api.ChangeEvent) {
			ids = append(ids, c.ID)
		}
		out = append(out, strings.Join(ids, ","))
	}
	return out
}

// kinds lists the events emitted of the given names, in order.
func (d *liveDesk) kinds(names ...string) []string {
	var out []string
	for _, e := range d.emitted() {
		for _, n := range names {
			if e.event == n {
				label := e.event
				if s, ok := e.data.(app.LiveStatus); ok {
					label += " " + string(s)
				}
				out = append(out, label)
			}
		}
	}
	return out
}

func TestLiveResumesAfterADropFromTheLastPositionSeen(t *testing.T) {
	s := newStreamServer(t,
		script("change 6", "change 7", "ready 8"),
		func(w http.ResponseWriter, r *http.Request) {
			open(w)
			send(w, "change 9", "ready 10")
			<-r.Context().Done()
		})
	d := newLiveDesk(t)
	d.login(t, s, email)
	waitFor(t, "the changes of both connections", func() bool { return strings.Join(d.batches(), ",") == "6,7,9" })

	got := d.streamAttemptsLast(s)
	if want := []string{"", "8"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Last-Event-ID per connection %q, want %q (the ready's id counts too)", got, want)
	}
	var change api.ChangeEvent
	for _, e := range d.emitted() {
		if e.event == app.EventLiveChanges {
			change = e.data.([]api.ChangeEvent)[0]
			break
		}
	}
	if want := (api.ChangeEvent{ID: "6", Topic: api.TopicDeal, RecordID: "d6", Change: api.ChangeUpdated, Version: 2,
		ActorID: "u2", At: time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC)}); !reflect.DeepEqual(change, want) {
		t.Errorf("first change %+v, want %+v", change, want)
	}
	waitFor(t, "connected again", func() bool {
		st, _ := d.Session.Live()
		return st.Status == app.LiveConnected
	})
	if st, _ := d.Session.Live(); st.LastChange == nil || st.LastChange.ID != "9" {
		t.Errorf("last change %+v, want 9", st.LastChange)
	}
	want := []string{"live:status connected", "live:status reconnecting", "live:status connected"}
	if got := d.kinds(app.EventLiveStatus); !reflect.DeepEqual(got, want) {
		t.Errorf("statuses %q, want %q", got, want)
	}
}

func (d *liveDesk) streamAttemptsLast(s *streamServer) []string {
	var out []string
	for _, a := range s.streamAttempts() {
		out = append(out, a.lastEventID)
	}
	return out
}

func TestLiveBacksOffMoreAfterEveryFailedAttempt(t *testing.T) {
	s := newStreamServer(t, unavailable, unavailable, unavailable, unavailable)
	d := newLiveDesk(t)
	d.login(t, s, email)
	waitFor(t, "five attempts", func() bool { return len(s.streamAttempts()) >= 5 })

	// MinBackoff 20 ms doubling to MaxBackoff 80 ms, of which at most half is taken off.
	atLeast := []time.Duration{10, 20, 40, 40}
	a := s.streamAttempts()
	for i, least := range atLeast {
		if gap := a[i+1].at.Sub(a[i].at); gap < least*time.Millisecond {
			t.Errorf("pause before attempt %d: %v, want at least %v", i+2, gap, least*time.Millisecond)
		}
	}
	if n := len(d.kinds(app.EventLiveStatus)); n != 0 {
		t.Errorf("%d status events, want none (it never connected, and reconnecting is the initial status)", n)
	}
}

func TestLiveRenewsAnExpiredTokenAndReconnects(t *testing.T) {
	var s *streamServer
	s = newStreamServer(t, func(w http.ResponseWriter, r *http.Request) {
		open(w)
		send(w, "ready 5")
		s.expireAccess() // as the server does when the access token runs out: it ends the stream
	})
	d := newLiveDesk(t)
	d.login(t, s, email)
	waitFor(t, "three attempts", func() bool { return len(s.streamAttempts()) >= 3 })

	a := s.streamAttempts()
	if a[1].status != 401 || a[1].token != a[0].token {
		t.Errorf("second attempt %+v, want the old token refused", a[1])
	}
	if a[2].status != 200 || a[2].token == a[0].token || a[2].lastEventID != "5" {
		t.Errorf("third attempt %+v, want a new token and Last-Event-ID 5", a[2])
	}
	s.mu.Lock()
	refreshes := s.refreshes
	s.mu.Unlock()
	if refreshes != 1 {
		t.Errorf("%d refreshes, want 1", refreshes)
	}
	if st, _ := d.Session.State(); !st.SignedIn {
		t.Error("signed out, want the session kept")
	}
}

func TestLiveStopsWhenTheRefreshIsRefused(t *testing.T) {
	var s *streamServer
	s = newStreamServer(t, func(w http.ResponseWriter, r *http.Request) {
		open(w)
		send(w, "ready 5")
		s.mu.Lock()
		s.refuse = true // the session was revoked
		s.mu.Unlock()
		s.expireAccess()
	})
	d := newLiveDesk(t)
	d.login(t, s, email)
	waitFor(t, "the session to expire", func() bool { return len(d.kinds(app.EventSessionExpired)) == 1 })
	waitFor(t, "the stream to close", func() bool { open, _ := d.streams.counts(); return open == 0 })
	n := len(s.streamAttempts())
	time.Sleep(200 * time.Millisecond) // more than the longest backoff
	if got := len(s.streamAttempts()); got != n {
		t.Errorf("%d stream attempts after the session ended, want none", got-n)
	}
	if n != 2 {
		t.Errorf("%d stream attempts, want 2 (the live one, the refused one)", n)
	}
	if st, _ := d.Session.State(); st.SignedIn {
		t.Error("still signed in")
	}
}

func TestSignOutStopsTheStream(t *testing.T) {
	s := newStreamServer(t, func(w http.ResponseWriter, r *http.Request) {
		open(w)
		send(w, "ready 1")
		<-r.Context().Done()
	})
	d := newLiveDesk(t)
	d.login(t, s, email)
	waitFor(t, "connected", func() bool { st, _ := d.Session.Live(); return st.Status == app.LiveConnected })
	if err := d.Session.Logout(); err != nil {
		t.Fatalf("Logout: %v", err)
	}
	waitFor(t, "the stream to close", func() bool { open, _ := d.streams.counts(); return open == 0 })
	before := len(d.emitted())
	time.Sleep(200 * time.Millisecond)
	if got := len(s.streamAttempts()); got != 1 {
		t.Errorf("%d stream attempts, want the one before sign-out", got)
	}
	if got := d.emitted(); len(got) != before {
		t.Errorf("emitted %v after sign-out, want nothing", got[before:])
	}
	if st, _ := d.Session.Live(); st != (app.LiveState{Status: app.LiveReconnecting}) {
		t.Errorf("state %+v signed out, want reconnecting and no last change", st)
	}
}

func TestAnotherSignInNeverLeavesTwoStreams(t *testing.T) {
	s := newStreamServer(t)
	d := newLiveDesk(t)
	streamOf := func(user string) func() bool {
		return func() bool {
			a := s.streamAttempts()
			open, _ := d.streams.counts()
			return len(a) > 0 && a[len(a)-1].user == user && open == 1
		}
	}
	d.login(t, s, email)
	waitFor(t, "the first user's stream", streamOf(email))
	d.login(t, s, otherEmail) // a sign-in over a session replaces it
	waitFor(t, "the second user's stream", streamOf(otherEmail))
	if err := d.Session.Logout(); err != nil {
		t.Fatalf("Logout: %v", err)
	}
	d.login(t, s, email)
	waitFor(t, "the first user's stream again", streamOf(email))
	time.Sleep(100 * time.Millisecond)

	if open, most := d.streams.counts(); open != 1 || most != 1 {
		t.Errorf("%d streams open, at most %d at once; want one, never two", open, most)
	}
	var users []string
	for _, a := range s.streamAttempts() {
		users = append(users, a.user)
	}
	if want := []string{email, otherEmail, email}; !reflect.DeepEqual(users, want) {
		t.Errorf("streams of %q, want %q", users, want)
	}
}

func TestLiveBatchesChangesThatArriveTogether(t *testing.T) {
	s := newStreamServer(t, func(w http.ResponseWriter, r *http.Request) {
		open(w)
		send(w, "ready 1", "change 2", "change 3")
		time.Sleep(5 * time.Millisecond)
		send(w, "change 4")
		time.Sleep(150 * time.Millisecond) // several batch windows
		send(w, "change 5")
		<-r.Context().Done()
	})
	d := newLiveDesk(t)
	d.login(t, s, email)
	waitFor(t, "two batches", func() bool { return len(d.batches()) >= 2 })
	time.Sleep(50 * time.Millisecond)
	if got, want := d.batches(), []string{"2,3,4", "5"}; !reflect.DeepEqual(got, want) {
		t.Errorf("batches %q, want %q", got, want)
	}
}

func TestLiveForwardsAResyncAfterThePendingChanges(t *testing.T) {
	s := newStreamServer(t, script("change 1", "resync 2"))
	d := newLiveDesk(t)
	d.login(t, s, email)
	waitFor(t, "the reconnect", func() bool { return len(s.streamAttempts()) >= 2 })
	waitFor(t, "the resync", func() bool { return len(d.kinds(app.EventLiveResync)) == 1 })
	if got, want := d.kinds(app.EventLiveChanges, app.EventLiveResync), []string{app.EventLiveChanges, app.EventLiveResync}; !reflect.DeepEqual(got, want) {
		t.Errorf("emitted %q, want %q", got, want)
	}
	if got := s.streamAttempts()[1].lastEventID; got != "2" {
		t.Errorf("resumed after %q, want after the resync's position 2", got)
	}
}

func TestLiveStartsAfreshWhenTheServerRefusesThePosition(t *testing.T) {
	s := newStreamServer(t, script("change 7"), func(w http.ResponseWriter, r *http.Request) {
		writeErr(w, 422, api.CodeValidation, map[string]api.FieldCode{"lastEventId": api.FieldInvalid})
	})
	d := newLiveDesk(t)
	d.login(t, s, email)
	waitFor(t, "a third attempt", func() bool { return len(s.streamAttempts()) >= 3 })
	if got := d.streamAttemptsLast(s)[:3]; !reflect.DeepEqual(got, []string{"", "7", ""}) {
		t.Errorf("Last-Event-ID per connection %q, want \"\", 7, then from now on", got)
	}
	waitFor(t, "the resync", func() bool { return len(d.kinds(app.EventLiveResync)) == 1 })
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(2 * time.Second); time.Now().Before(end); time.Sleep(2 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
