package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// seen is one request as the server got it; path is escaped as sent, query is the raw query string.
type seen struct {
	method, path, query string
	header              http.Header
	body                string
}

// server is an httptest.Server that records requests and answers through a per-test handler.
type server struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
}

func newServer(t *testing.T, h func(w http.ResponseWriter, r *http.Request, n int)) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.reqs = append(s.reqs, seen{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), string(b)})
		n := len(s.reqs)
		s.mu.Unlock()
		h(w, r, n)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) requests() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.reqs...)
}

func newClient(s *server, opts client.Options) *client.Client {
	opts.ServerURL = s.URL
	if opts.RetryWait == 0 {
		opts.RetryWait = time.Millisecond
	}
	return client.New(opts)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeErr(w http.ResponseWriter, status int, code api.ErrorCode, fields map[string]api.FieldCode) {
	writeJSON(w, status, api.ErrorEnvelope{Error: api.Error{Code: code, Message: "msg " + string(code), Fields: fields, RequestID: "req-1"}})
}

// dropConnection makes the request fail on the client after the server got it: the answer is lost.
func dropConnection(t *testing.T, w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	conn.Close()
}

func session(n int) api.Session {
	return api.Session{
		AccessToken:     "access-" + string(rune('0'+n)),
		AccessExpiresAt: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC),
		RefreshToken:    "refresh-" + string(rune('0'+n)),
		Me:              api.Me{User: api.User{ID: "u1", Email: "claudia.becker@nordlicht.example"}},
	}
}

// signIn logs c in against a server whose login answers session(1).
func signIn(t *testing.T, c *client.Client) {
	t.Helper()
	if _, err := c.Login(context.Background(), api.LoginRequest{Email: "claudia.becker@nordlicht.example", Password: "pw"}); err != nil {
		t.Fatalf("Login: %v", err)
	}
}

func TestErrorsAreDecodedIntoAPIError(t *testing.T) {
	tests := []struct {
		name   string
		answer func(w http.ResponseWriter)
		want   client.APIError
	}{
		{
			name: "validation envelope with fields",
			answer: func(w http.ResponseWriter) {
				writeErr(w, 422, api.CodeValidation, map[string]api.FieldCode{"email": "invalid"})
			},
			want: client.APIError{Status: 422, Code: api.CodeValidation, Message: "msg validation.failed",
				Fields: map[string]api.FieldCode{"email": "invalid"}, RequestID: "req-1"},
		},
		{
			name:   "forbidden envelope",
			answer: func(w http.ResponseWriter) { writeErr(w, 403, api.CodeForbidden, nil) },
			want:   client.APIError{Status: 403, Code: api.CodeForbidden, Message: "msg access.forbidden", RequestID: "req-1"},
		},
		{
			name: "answer without envelope",
			answer: func(w http.ResponseWriter) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusTeapot)
				_, _ = io.WriteString(w, "<html>nope</html>")
			},
			want: client.APIError{Status: 418, Code: "http.status_418", Message: "I'm a teapot"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { tt.answer(w) })
			_, err := client.Get[api.UnitList](context.Background(), newClient(s, client.Options{}), client.Path("units"), nil)
			var ae *client.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %T %v, want *APIError", err, err)
			}
			if !reflect.DeepEqual(*ae, tt.want) {
				t.Fatalf("err = %+v, want %+v", *ae, tt.want)
			}
		})
	}
}

func TestUnreachableServerIsANetworkError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close() // nothing listens there now: connection refused

	c := client.New(client.Options{ServerURL: url, RetryWait: time.Millisecond})
	_, err = client.Get[api.Tenant](context.Background(), c, client.Path("tenant"), nil)
	ae, ok := client.AsAPIError(err)
	if !ok || ae.Status != 0 || ae.Code != api.CodeNetworkUnreachable || !client.IsNetwork(err) {
		t.Fatalf("err = %v, want status 0 %s", err, api.CodeNetworkUnreachable)
	}
}

func TestErrorStringIsTheJSONTheFrontendParses(t *testing.T) {
	tests := []struct {
		name string
		err  *client.APIError
		want string
	}{
		{"fields", &client.APIError{Status: 422, Code: "validation.failed", Message: "bad", Fields: map[string]api.FieldCode{"name": "required"}},
			`{"status":422,"code":"validation.failed","message":"bad","fields":{"name":"required"}}`},
		{"no fields is an empty object", &client.APIError{Status: 0, Code: api.CodeNetworkUnreachable, Message: "refused"},
			`{"status":0,"code":"network.unreachable","message":"refused","fields":{}}`},
		{"request id", &client.APIError{Status: 500, Code: "internal", Message: "x", RequestID: "r9"},
			`{"status":500,"code":"internal","message":"x","fields":{},"requestId":"r9"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Fatalf("Error() = %s\nwant      %s", got, tt.want)
			}
		})
	}
}

func TestUnauthorizedRefreshesOnceAndRepeatsWithNewToken(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Path {
		case "/api/v1/auth/login":
			writeJSON(w, 200, session(1))
		case "/api/v1/auth/refresh":
			writeJSON(w, 200, session(2))
		case "/api/v1/me":
			if r.Header.Get("Authorization") != "Bearer access-2" {
				writeErr(w, 401, api.CodeUnauthenticated, nil) // access-1 has expired
				return
			}
			writeJSON(w, 200, session(2).Me)
		}
	})
	var saved []string // what OnSession persisted, in order
	c := newClient(s, client.Options{OnSession: func(s api.Session) { saved = append(saved, s.RefreshToken) }})
	signIn(t, c)

	me, err := client.Get[api.Me](context.Background(), c, client.Path("me"), nil)
	if err != nil {
		t.Fatalf("Me: %v", err)
	}
	if me.User.ID != "u1" {
		t.Fatalf("Me = %+v", me)
	}
	if want := []string{"refresh-1", "refresh-2"}; !reflect.DeepEqual(saved, want) {
		t.Fatalf("persisted refresh tokens %v, want %v", saved, want)
	}
	if c.RefreshToken() != "refresh-2" {
		t.Fatalf("client holds %q, want the rotated refresh-2", c.RefreshToken())
	}
	var got []string
	for _, r := range s.requests() {
		got = append(got, r.method+" "+r.path+" "+r.header.Get("Authorization")+" "+r.body)
	}
	want := []string{
		`POST /api/v1/auth/login  {"email":"claudia.becker@nordlicht.example","password":"pw"}`,
		"GET /api/v1/me Bearer access-1 ",
		`POST /api/v1/auth/refresh  {"refreshToken":"refresh-1"}`,
		"GET /api/v1/me Bearer access-2 ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestConcurrentUnauthorizedCallsShareOneRefresh(t *testing.T) {
	var refreshes atomic.Int32
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Path {
		case "/api/v1/auth/login":
			writeJSON(w, 200, session(1))
		case "/api/v1/auth/refresh":
			refreshes.Add(1)
			time.Sleep(20 * time.Millisecond) // let the other callers pile up behind this refresh
			writeJSON(w, 200, session(2))
		default:
			if r.Header.Get("Authorization") != "Bearer access-2" {
				writeErr(w, 401, api.CodeUnauthenticated, nil)
				return
			}
			writeJSON(w, 200, api.UserList{})
		}
	})
	c := newClient(s, client.Options{})
	signIn(t, c)

	var wg sync.WaitGroup
	errs := make(chan error, 5)
	for range 5 {
		wg.Go(func() {
			_, err := client.Get[api.UserList](context.Background(), c, client.Path("users"), nil)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("ListUsers: %v", err)
		}
	}
	// A second refresh would present the spent refresh-1, which the server treats as theft.
	if n := refreshes.Load(); n != 1 {
		t.Fatalf("%d refreshes, want 1", n)
	}
}

func TestRefusedRefreshEndsTheSession(t *testing.T) {
	tests := []struct {
		name        string
		refresh     func(w http.ResponseWriter)
		wantStatus  int
		wantCode    api.ErrorCode
		wantExpired bool
	}{
		{"token reused", func(w http.ResponseWriter) { writeErr(w, 401, api.CodeTokenReused, nil) }, 401, api.CodeTokenReused, true},
		{"token invalid", func(w http.ResponseWriter) { writeErr(w, 401, api.CodeTokenInvalid, nil) }, 401, api.CodeTokenInvalid, true},
		// A server in trouble has not ended the session: keep the tokens for the next try.
		{"server error", func(w http.ResponseWriter) { writeErr(w, 500, api.CodeInternal, nil) }, 500, api.CodeInternal, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				switch r.URL.Path {
				case "/api/v1/auth/login":
					writeJSON(w, 200, session(1))
				case "/api/v1/auth/refresh":
					tt.refresh(w)
				default:
					writeErr(w, 401, api.CodeUnauthenticated, nil)
				}
			})
			var expired atomic.Int32
			c := newClient(s, client.Options{OnExpired: func() { expired.Add(1) }})
			signIn(t, c)

			_, err := client.Get[api.Tenant](context.Background(), c, client.Path("tenant"), nil)
			ae, ok := client.AsAPIError(err)
			if !ok || ae.Status != tt.wantStatus || ae.Code != tt.wantCode {
				t.Fatalf("err = %v, want %d %s", err, tt.wantStatus, tt.wantCode)
			}
			if got := expired.Load() == 1; got != tt.wantExpired {
				t.Fatalf("expired called %d times, want expired=%v", expired.Load(), tt.wantExpired)
			}
			if c.SignedIn() == tt.wantExpired {
				t.Fatalf("SignedIn = %v after %s", c.SignedIn(), tt.name)
			}
			// The original request is not repeated a third time, and refresh is tried once.
			if n := len(s.requests()); n != 3 {
				t.Fatalf("%d requests, want login, tenant, refresh", n)
			}
		})
	}
}

func TestCreateReusesIdempotencyKeyAcrossRetries(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case r.URL.Path == "/api/v1/auth/login":
			writeJSON(w, 200, session(1))
		case n == 2:
			dropConnection(t, w) // the server got the create, the client never hears back
		case n == 3:
			writeErr(w, 409, api.CodeIdempotencyBusy, nil) // the first one is still running
		default:
			writeJSON(w, 201, api.User{ID: "u9", Email: "neu@nordlicht.example"})
		}
	})
	c := newClient(s, client.Options{Retries: 3})
	signIn(t, c)

	in := api.UserCreate{Email: "neu@nordlicht.example", Name: "Neu", Password: "Demo1234!", UnitID: "unit", RoleID: "role"}
	u, err := client.Create[api.User](context.Background(), c, client.Path("users"), in)
	if err != nil || u.ID != "u9" {
		t.Fatalf("CreateUser = %+v, %v", u, err)
	}
	reqs := s.requests()[1:]
	if len(reqs) != 3 {
		t.Fatalf("%d create attempts, want 3", len(reqs))
	}
	key := reqs[0].header.Get("Idempotency-Key")
	if _, err := uuid.Parse(key); err != nil {
		t.Fatalf("Idempotency-Key %q is not a UUID: %v", key, err)
	}
	for i, r := range reqs {
		if got := r.header.Get("Idempotency-Key"); got != key {
			t.Errorf("attempt %d sent key %q, want %q", i+1, got, key)
		}
		if r.body != reqs[0].body || r.body == "" {
			t.Errorf("attempt %d sent body %q, want %q", i+1, r.body, reqs[0].body)
		}
	}
}

func TestCreateAfterLostAnswerReusesKeyForSameBodyOnly(t *testing.T) {
	var answer atomic.Bool // false: every create's answer is lost
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path == "/api/v1/auth/login" {
			writeJSON(w, 200, session(1))
			return
		}
		if !answer.Load() {
			dropConnection(t, w)
			return
		}
		writeJSON(w, 201, api.Unit{ID: "x"})
	})
	c := newClient(s, client.Options{Retries: -1})
	signIn(t, c)
	ctx := context.Background()
	a := api.UnitCreate{Name: "Außendienst West", ParentID: "root"}
	keysSince := func(from int) map[string]bool {
		keys := map[string]bool{}
		for _, r := range s.requests()[from:] {
			keys[r.header.Get("Idempotency-Key")] = true
		}
		return keys
	}

	for i := range 2 {
		if _, err := client.Create[api.Unit](ctx, c, client.Path("units"), a); !client.IsNetwork(err) {
			t.Fatalf("create %d: err = %v, want network error", i+1, err)
		}
	}
	answer.Store(true)
	if _, err := client.Create[api.Unit](ctx, c, client.Path("units"), a); err != nil { // the user saves once more and hears back this time
		t.Fatalf("third create: %v", err)
	}
	lost := keysSince(1)
	if len(lost) != 1 {
		t.Fatalf("same body after lost answers used %d keys, want 1", len(lost))
	}

	before := len(s.requests())
	if _, err := client.Create[api.Unit](ctx, c, client.Path("units"), api.UnitCreate{Name: "Anders", ParentID: "root"}); err != nil {
		t.Fatalf("other create: %v", err)
	}
	if _, err := client.Create[api.Unit](ctx, c, client.Path("units"), a); err != nil { // settled: the same body again is a new create
		t.Fatalf("repeat after success: %v", err)
	}
	later := keysSince(before)
	for k := range lost {
		if later[k] {
			t.Errorf("a later create reused the settled key %s", k)
		}
	}
	if len(later) != 2 {
		t.Errorf("two later creates used %d keys, want 2", len(later))
	}
}

func TestUpdatesSendIfMatchAndAreNotRepeatedAfterALostAnswer(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path == "/api/v1/auth/login" {
			writeJSON(w, 200, session(1))
			return
		}
		dropConnection(t, w)
	})
	c := newClient(s, client.Options{Retries: 3})
	signIn(t, c)
	ctx := context.Background()
	name := "Neu"
	calls := []struct {
		name, method, path string
		do                 func() error
	}{
		{"patch user", "PATCH", "/api/v1/users/u%201", func() error {
			_, err := client.Patch[api.User](ctx, c, client.Path("users", "u 1"), 7, api.UserPatch{Name: &name})
			return err
		}},
		{"patch unit", "PATCH", "/api/v1/units/n1", func() error {
			_, err := client.Patch[api.Unit](ctx, c, client.Path("units", "n1"), 7, api.UnitPatch{Name: &name})
			return err
		}},
		{"delete unit", "DELETE", "/api/v1/units/n1", func() error { return client.Delete(ctx, c, client.Path("units", "n1"), 7) }},
		{"patch role", "PATCH", "/api/v1/roles/r1", func() error {
			_, err := client.Patch[api.Role](ctx, c, client.Path("roles", "r1"), 7, api.RolePatch{Name: &name})
			return err
		}},
		{"delete role", "DELETE", "/api/v1/roles/r1", func() error { return client.Delete(ctx, c, client.Path("roles", "r1"), 7) }},
	}
	for _, tt := range calls {
		t.Run(tt.name, func(t *testing.T) {
			before := len(s.requests())
			if err := tt.do(); !client.IsNetwork(err) {
				t.Fatalf("err = %v, want network error", err)
			}
			reqs := s.requests()[before:]
			if len(reqs) != 1 {
				t.Fatalf("%d attempts, want 1: a repeat could fail with 412 although the change went through", len(reqs))
			}
			r := reqs[0]
			if r.method != tt.method || r.header.Get("If-Match") != `"7"` {
				t.Fatalf("sent %s If-Match %q, want %s \"7\"", r.method, r.header.Get("If-Match"), tt.method)
			}
		})
	}
}

// failFirstDial makes the first round trip fail the way a refused connection does, before anything is sent.
type failFirstDial struct {
	failed atomic.Bool
}

func (f *failFirstDial) RoundTrip(r *http.Request) (*http.Response, error) {
	if f.failed.CompareAndSwap(false, true) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestRetryPolicy(t *testing.T) {
	tests := []struct {
		name       string
		answer     func(w http.ResponseWriter, n int)
		transport  http.RoundTripper
		call       func(c *client.Client) error
		wantCalls  int // requests the server saw
		wantStatus int // 0 for success
	}{
		{
			name: "GET repeated on 503",
			answer: func(w http.ResponseWriter, n int) {
				if n == 1 {
					writeErr(w, 503, api.CodeUnavailable, nil)
					return
				}
				writeJSON(w, 200, api.Tenant{ID: "t"})
			},
			call: func(c *client.Client) error {
				_, err := client.Get[api.Tenant](context.Background(), c, client.Path("tenant"), nil)
				return err
			},
			wantCalls: 2,
		},
		{
			name: "a reading POST (list query) repeated on 503",
			answer: func(w http.ResponseWriter, n int) {
				if n == 1 {
					writeErr(w, 503, api.CodeUnavailable, nil)
					return
				}
				writeJSON(w, 200, api.PersonPage{})
			},
			call: func(c *client.Client) error {
				_, err := client.Read[api.PersonPage](context.Background(), c, client.Path("persons", "query"), api.ListQuery{})
				return err
			},
			wantCalls: 2,
		},
		{
			name:   "a changing POST (restore) not repeated on 503",
			answer: func(w http.ResponseWriter, n int) { writeErr(w, 503, api.CodeUnavailable, nil) },
			call: func(c *client.Client) error {
				_, err := client.Post[api.Person](context.Background(), c, client.Path("persons", "p1", "restore"), nil)
				return err
			},
			wantCalls:  1,
			wantStatus: 503,
		},
		{
			name:       "login not repeated on 503",
			answer:     func(w http.ResponseWriter, n int) { writeErr(w, 503, api.CodeUnavailable, nil) },
			call:       func(c *client.Client) error { _, err := c.Login(context.Background(), api.LoginRequest{}); return err },
			wantCalls:  1,
			wantStatus: 503,
		},
		{
			name:   "validation error not repeated",
			answer: func(w http.ResponseWriter, n int) { writeErr(w, 422, api.CodeValidation, nil) },
			call: func(c *client.Client) error {
				_, err := client.Create[api.Role](context.Background(), c, client.Path("roles"), api.RoleCreate{})
				return err
			},
			wantCalls:  1,
			wantStatus: 422,
		},
		{
			name:      "PATCH with If-Match repeated when the first connect failed",
			answer:    func(w http.ResponseWriter, n int) { writeJSON(w, 200, api.Unit{ID: "n1"}) },
			transport: &failFirstDial{},
			call: func(c *client.Client) error {
				_, err := client.Patch[api.Unit](context.Background(), c, client.Path("units", "n1"), 3, api.UnitPatch{})
				return err
			},
			wantCalls: 1,
		},
		{
			name:      "refresh repeated when the first connect failed",
			answer:    func(w http.ResponseWriter, n int) { writeJSON(w, 200, session(2)) },
			transport: &failFirstDial{},
			call:      func(c *client.Client) error { _, err := c.Refresh(context.Background(), "refresh-1"); return err },
			wantCalls: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { tt.answer(w, n) })
			c := newClient(s, client.Options{Transport: tt.transport})
			err := tt.call(c)
			status := 0
			if err != nil {
				ae, ok := client.AsAPIError(err)
				if !ok {
					t.Fatalf("err = %v", err)
				}
				status = ae.Status
			}
			if status != tt.wantStatus {
				t.Fatalf("status %d (%v), want %d", status, err, tt.wantStatus)
			}
			if n := len(s.requests()); n != tt.wantCalls {
				t.Fatalf("server saw %d requests, want %d", n, tt.wantCalls)
			}
		})
	}
}

func TestLogoutForgetsTokensAndEndsServerSession(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path == "/api/v1/auth/login" {
			writeJSON(w, 200, session(1))
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	c := newClient(s, client.Options{})
	signIn(t, c)
	if err := c.Logout(context.Background()); err != nil {
		t.Fatalf("Logout: %v", err)
	}
	if c.SignedIn() {
		t.Fatal("still signed in after Logout")
	}
	last := s.requests()[1]
	if last.path != "/api/v1/auth/logout" || last.body != `{"refreshToken":"refresh-1"}` {
		t.Fatalf("logout sent %s %s", last.path, last.body)
	}
}
