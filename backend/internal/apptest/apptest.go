// Package apptest runs the real backend (real HTTP server, real PostgreSQL through testdb) for tests, with the
// demo company and a second tenant provisioned, and a small JSON client.
package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// Demo users by role, and the admin of the other tenant.
const (
	Admin        = "claudia.becker@nordlicht.example"
	Manager      = "markus.weber@nordlicht.example"
	FieldRepNord = "jonas.schmidt@nordlicht.example"
	FieldRepSued = "lena.fischer@nordlicht.example"
	InsideSales  = "sabine.wagner@nordlicht.example"
	OtherAdmin   = "admin@andere-firma.example"
	Password     = seed.DemoPassword
)

// Env is a running backend.
type Env struct {
	T      testing.TB
	DB     *testdb.DB
	Server *httptest.Server
	Demo   *seed.Provisioned
	Other  *seed.Provisioned
	Config config.Config
	// App is the backend behind Server (for what has no route: the document cleanup; its geocoding worker runs
	// only when a test drives it).
	App *app.App
	// Blobs is the document store, a folder of the test's (Config.Blob.Dir).
	Blobs blob.Store
}

// Option changes the configuration before the server starts.
type Option func(*config.Config)

// Start provisions a fresh database and serves the backend on a real local port until t ends; the backend logs
// nowhere.
func Start(t testing.TB, opts ...Option) *Env {
	t.Helper()
	return StartOn(t, testdb.New(t), nil, nil, opts...)
}

// StartLogged is Start with the backend logging to log (a test that asserts what is logged).
func StartLogged(t testing.TB, log *slog.Logger, opts ...Option) *Env {
	t.Helper()
	return StartOn(t, testdb.New(t), nil, log, opts...)
}

// StartOn is Start on the database d, whose tenants it provisions; the backend uses pool (nil: d.App) and logs to
// log (nil: nowhere). A test gives its own pool to see the database through a proxy or with a query log.
func StartOn(t testing.TB, d *testdb.DB, pool *bun.DB, log *slog.Logger, opts ...Option) *Env {
	t.Helper()
	if pool == nil {
		pool = d.App
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
		if os.Getenv("ONESALES_TEST_LOG") != "" {
			log = slog.New(slog.NewTextHandler(os.Stderr, nil))
		}
	}
	ctx := context.Background()
	demo, err := seed.Provision(ctx, d.Owner, seed.DemoTenant())
	if err != nil {
		t.Fatalf("apptest: demo: %v", err)
	}
	other, err := seed.Provision(ctx, d.Owner, seed.TenantSpec{
		Name: "Andere Firma AG", Plan: api.PlanBasic,
		Units: []seed.UnitSpec{{Name: "Zentrale"}},
		Users: []seed.UserSpec{{Email: OtherAdmin, Name: "Olga Other", Password: Password, Role: "Administrator", Unit: "Zentrale"}},
	})
	if err != nil {
		t.Fatalf("apptest: other tenant: %v", err)
	}
	cfg := config.Config{
		AppRole: testdb.AppRole, TokenSecret: []byte("test-secret-test-secret-test-secret!"), SecretKey: secretbox.NewKey(),
		AccessTokenTTL: 15 * time.Minute, SessionTTL: 24 * time.Hour, RequestTimeout: 10 * time.Second,
		MaxBodyBytes: 1 << 20, ShutdownTimeout: 5 * time.Second, LoginThrottleWindow: 15 * time.Minute,
		Blob:           blob.Config{Kind: blob.KindFS, Dir: filepath.Join(t.TempDir(), "blobs")},
		UploadMaxBytes: config.DefaultUploadMaxBytes, TransferIdleTimeout: config.DefaultTransferIdleTimeout,
	}
	for _, o := range opts {
		o(&cfg)
	}
	store, err := blob.New(cfg.Blob)
	if err != nil {
		t.Fatalf("apptest: blob store: %v", err)
	}
	a := app.New(cfg, pool, log, app.WithBlobStore(store))
	feedCtx, stopFeed := context.WithCancel(context.Background())
	go a.Feed().Run(feedCtx)
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	t.Cleanup(stopFeed)
	return &Env{T: t, DB: d, Server: srv, Demo: demo, Other: other, Config: cfg, App: a, Blobs: store}
}

// For returns the same backend with requests and failures reported to t: a fuzz target gets the server its
// *testing.F started and must fail through its own *testing.T.
func (e *Env) For(t testing.TB) *Env {
	c := *e
	c.T = t
	return &c
}

// Response is a decoded answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Decode unmarshals the body into v or fails the test.
func (r *Response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Error decodes the error envelope.
func (r *Response) Error(t testing.TB) api.Error {
	t.Helper()
	var env api.ErrorEnvelope
	r.Decode(t, &env)
	return env.Error
}

// Request is one call; Body may be a string (sent as is), []byte or a value (marshalled).
type Request struct {
	Method, Path string
	Token        string
	Body         any
	Header       map[string]string
}

// Do sends a request.
func (e *Env) Do(req Request) *Response {
	e.T.Helper()
	return e.DoAt(e.Server.URL, req)
}

// DoAt sends a request to another server (a second backend instance on the same database).
func (e *Env) DoAt(base string, req Request) *Response {
	e.T.Helper()
	resp, err := e.TryAt(base, req)
	if err != nil {
		e.T.Fatal(err)
	}
	return resp
}

// TryAt is DoAt for other goroutines than the test's: it returns the error instead of failing the test.
func (e *Env) TryAt(base string, req Request) (*Response, error) {
	return send(http.DefaultClient, base, req)
}

// DoFrom sends a request from another address of the loopback network (127.0.0.0/8, e.g. "127.0.0.2"): the
// server sees that address as the client's, as it would another machine's, so tests can act as several clients
// without the server trusting any header.
func (e *Env) DoFrom(addr string, req Request) *Response {
	e.T.Helper()
	resp, err := e.TryFrom(addr, req)
	if err != nil {
		e.T.Fatal(err)
	}
	return resp
}

// TryFrom is DoFrom for other goroutines than the test's: it returns the error instead of failing the test.
func (e *Env) TryFrom(addr string, req Request) (*Response, error) {
	ip := net.ParseIP(addr)
	if ip == nil || !ip.IsLoopback() || ip.To4() == nil {
		return nil, fmt.Errorf("apptest: %q is not an IPv4 loopback address", addr)
	}
	tr := &http.Transport{DialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}}).DialContext}
	defer tr.CloseIdleConnections()
	return send(&http.Client{Transport: tr}, e.Server.URL, req)
}

func send(client *http.Client, base string, req Request) (*Response, error) {
	var body io.Reader
	switch b := req.Body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return nil, fmt.Errorf("marshal: %w", err)
		}
		body = bytes.NewReader(raw)
	}
	r, err := http.NewRequest(req.Method, base+req.Path, body)
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if req.Token != "" {
		r.Header.Set("Authorization", "Bearer "+req.Token)
	}
	for k, v := range req.Header {
		r.Header.Set(k, v)
	}
	resp, err := client.Do(r)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", req.Method, req.Path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: read: %w", req.Method, req.Path, err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: raw}, nil
}

// Login signs in and returns the session, failing the test on any other answer.
func (e *Env) Login(email string) api.Session {
	e.T.Helper()
	resp := e.Do(Request{Method: http.MethodPost, Path: "/api/v1/auth/login", Body: api.LoginRequest{Email: email, Password: Password}})
	if resp.Status != http.StatusOK {
		e.T.Fatalf("login %s: %d %s", email, resp.Status, resp.Body)
	}
	var s api.Session
	resp.Decode(e.T, &s)
	if s.Challenge != nil {
		e.T.Fatalf("login %s: the sign-in asks for a second factor (%s)", email, s.Challenge.Kind)
	}
	return s
}

// Token signs in and returns the access token.
func (e *Env) Token(email string) string { return e.Login(email).AccessToken }
