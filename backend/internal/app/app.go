// Package app builds the backend's HTTP handler from its parts and runs the server.
package app

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/buildinfo"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/document"
	"github.com/1sales/app/backend/internal/feed"
	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/geo/gazetteer"
	"github.com/1sales/app/backend/internal/geo/nominatim"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/importer"
	"github.com/1sales/app/backend/internal/mail"
	"github.com/1sales/app/backend/internal/metrics"
	"github.com/1sales/app/backend/internal/notify"
	"github.com/1sales/app/backend/internal/oidc"
	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/backend/internal/tlscert"
)

// App is the assembled backend.
type App struct {
	log     *slog.Logger
	db      *bun.DB
	cfg     config.Config
	docs    *document.Service
	store   *blob.Health
	handler http.Handler
	// routeList is every route the handler serves (Routes).
	routeList []Route
	// openAPI is the API's description, generated from routeList (GET /api/v1/openapi.json).
	openAPI  []byte
	geocoder *geo.Geocoder
	worker   *geo.Worker
	// hasher bounds the password hashes running at once in the process (sign-in, password changes, new users).
	hasher *auth.Hasher
	// notifier derives the notification centre's notifications from the change feed.
	notifier *notify.Worker
	// hub fans the change feed out to this instance's event streams.
	hub *feed.Hub
	// metrics counts requests and sign-ins and reads the pool and the queues (served on cfg.Metrics.Addr).
	metrics *metrics.Metrics
	// mailer works off the mail queue; nil when no SMTP server is configured (mail stays queued).
	mailer *mail.Worker
	// imports runs file imports; importWorker runs the started ones.
	imports      *importer.Service
	importWorker *importer.Worker
	// box seals the secrets stored in the database (cfg.SecretKey); nil without a key.
	box *secretbox.Box
}

// Option adds a dependency to New.
type Option func(*options)

type options struct {
	store blob.Store
}

// WithBlobStore sets the store of document bytes. Without it, New builds the store cfg.Blob describes (without
// checking it: `serve` opens and checks the store before it builds the app).
func WithBlobStore(s blob.Store) Option { return func(o *options) { o.store = s } }

// New assembles the backend on an open database.
func New(cfg config.Config, db *bun.DB, log *slog.Logger, opts ...Option) *App {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if o.store == nil {
		o.store = defaultStore(cfg.Blob, log)
	}
	a := &App{log: log, db: db, cfg: cfg, hasher: auth.NewHasher(0, 0), store: blob.WithHealth(o.store, storeCheckTTL),
		hub: feed.NewHub(db, log), metrics: metrics.New(db, log, buildinfo.Version())}
	if box, err := cfg.SecretBox(); err != nil {
		// config.Load validated the keys, so only a hand-made Config gets here.
		log.Error("secret key unusable; two-factor enrolment and single sign-on settings fail", "err", err)
	} else {
		a.box = box
	}
	a.geocoder, a.worker = a.geocoding()
	a.docs = document.NewService(db, a.store, log, document.Options{MaxBytes: cfg.UploadMaxBytes,
		IdleTimeout: cfg.TransferIdleTimeout})
	a.notifier = notify.NewWorker(db, log, notify.WorkerOptions{})
	a.metrics.CounterFunc("onesales_notification_events_skipped_total",
		"Change events the notification worker gave up after repeated failures to derive their notifications.",
		func() float64 { return float64(a.notifier.Skipped()) })
	if m := cfg.Mail; m.Host != "" {
		a.mailer = mail.NewWorker(db, mail.NewSMTP(m), mail.WorkerOptions{Poll: m.Poll, Backoff: m.Backoff,
			MaxBackoff: m.MaxBackoff, MaxAttempts: m.MaxAttempts}, log)
	}
	a.imports = importer.NewService(db, a.store, log)
	a.importWorker = importer.NewWorker(a.imports, importer.WorkerOptions{})
	a.handler = a.routes()
	return a
}

// geocoding builds the geocoder (online service when configured, then the offline gazetteer) and the worker that
// works off the queue.
func (a *App) geocoding() (*geo.Geocoder, *geo.Worker) {
	gc := a.cfg.Geocoding
	opts := geo.Options{Interval: gc.Interval, Log: a.log}
	if g, err := gazetteer.Load(); err != nil {
		a.log.Error("the offline gazetteer is unavailable", "err", err)
	} else {
		opts.Offline = g
	}
	if gc.URL != "" {
		if c, err := nominatim.New(gc.URL, gc.UserAgent, gc.Timeout); err != nil {
			a.log.Error("the online geocoder is unavailable", "err", err)
		} else {
			opts.Online = c
		}
	}
	g := geo.New(a.db, opts)
	return g, geo.NewWorker(a.db, g, geo.WorkerOptions{Poll: gc.Poll, Backoff: gc.Backoff, MaxAttempts: gc.MaxAttempts}, a.log)
}

// Feed is the instance's fan-out of the change feed: ServeListener runs it; a test that serves Handler runs it
// itself.
func (a *App) Feed() *feed.Hub { return a.hub }

// Hasher runs the process's password hashes (tests read how many ran).
func (a *App) Hasher() *auth.Hasher { return a.hasher }

// storeCheckTTL is how long the readiness probe trusts the document store's last answer (a check, or any call
// that found it reachable or unavailable).
const storeCheckTTL = 5 * time.Second

// ClaimDocumentStore marks the document store as this installation's, or fails when another installation's marker
// is there (document.Service.ClaimStore); serve calls it before it serves.
func (a *App) ClaimDocumentStore(ctx context.Context) error { return a.docs.ClaimStore(ctx) }

// NotificationWorker is the worker that derives notifications (ServeListener runs it in every instance; tests
// drive it).
func (a *App) NotificationWorker() *notify.Worker { return a.notifier }

// MailWorker is the mail worker (ServeListener runs it when the configuration says so; tests drive it); nil
// without an SMTP server.
func (a *App) MailWorker() *mail.Worker { return a.mailer }

// mailQueued wakes this instance's mail worker after a mail was queued.
func (a *App) mailQueued() {
	if a.mailer != nil {
		a.mailer.Wake()
	}
}

// ImportWorker is the worker that runs started imports (ServeListener runs it in every instance; tests drive it).
func (a *App) ImportWorker() *importer.Worker { return a.importWorker }

// Imports is the import service (tests run its housekeeping).
func (a *App) Imports() *importer.Service { return a.imports }

// GeocodeWorker is the geocoding worker (ServeListener runs it when the configuration says so; tests drive it).
func (a *App) GeocodeWorker() *geo.Worker { return a.worker }

// defaultStore builds the configured store; a configuration without a folder (tests and tools that build a Config
// by hand) gets a folder of its own in the temporary folder, created on the first upload: never one another
// instance with another database uses, whose files the orphan sweep would take for its own orphans.
func defaultStore(cfg blob.Config, log *slog.Logger) blob.Store {
	if (cfg.Kind == "" || cfg.Kind == blob.KindFS) && cfg.Dir == "" {
		var b [8]byte
		_, _ = rand.Read(b[:])
		cfg.Dir = filepath.Join(os.TempDir(), "onesales-blobs-"+hex.EncodeToString(b[:]))
	}
	s, err := blob.New(cfg)
	if err != nil {
		// config.Load validated the settings, so only a hand-made Config gets here.
		log.Error("document store unusable; documents fail until it is configured", "err", err)
		return brokenStore{err}
	}
	return s
}

// brokenStore answers every call with the configuration error.
type brokenStore struct{ err error }

func (b brokenStore) Prefix() string { return "" }
func (b brokenStore) Put(context.Context, string, io.Reader, int64) (blob.Written, error) {
	return blob.Written{}, b.err
}
func (b brokenStore) Open(context.Context, string) (blob.Object, error) { return nil, b.err }
func (b brokenStore) Delete(context.Context, string) error              { return b.err }
func (b brokenStore) List(context.Context, func(blob.Info) error) error { return b.err }
func (b brokenStore) Check(context.Context) error                       { return b.err }
func (b brokenStore) Claim(context.Context, string) error               { return b.err }

// CleanupDocuments runs the documents' cleanup once (housekeeping runs it periodically); sweep also looks for
// bytes without a row in the store.
func (a *App) CleanupDocuments(ctx context.Context, sweep bool) (document.CleanupReport, error) {
	return a.docs.Cleanup(ctx, sweep)
}

// Handler returns the root handler (used by tests with httptest).
func (a *App) Handler() http.Handler { return a.handler }

// authOptions derives the auth service's options from the configuration.
func (a *App) authOptions() auth.Options {
	return auth.Options{Secret: a.cfg.TokenSecret, AccessTTL: a.cfg.AccessTokenTTL, SessionTTL: a.cfg.SessionTTL,
		ThrottleWindow: a.cfg.LoginThrottleWindow, PasswordAllowed: oidc.PasswordAllowed, Box: a.box}
}

// SealSecrets seals the stored secrets that are not sealed with the current key (plaintext from before, a
// previous key's after a rotation: secretbox.Reseal); serve runs it before it serves.
func (a *App) SealSecrets(ctx context.Context) (int, error) {
	return secretbox.Reseal(ctx, a.db, a.box, a.log)
}

// middleware wraps the routes with what every request gets (a request ID, the client's address as far as it can be
// believed, the access log and the metrics, the desktop version gate, Cache-Control: no-store); the body limit and
// the request timeout apply to all but streaming routes (document content), which bound size and idle time
// themselves.
func (a *App) middleware(mux *http.ServeMux, routes http.Handler) http.Handler {
	limited := httpx.WithTimeout(a.cfg.RequestTimeout, httpx.WithBodyLimit(a.log, a.cfg.MaxBodyBytes, routes))
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if route, _ := mux.Handler(r); httpx.IsStreaming(route) {
			routes.ServeHTTP(w, r)
			return
		}
		limited.ServeHTTP(w, r)
	})
	h = a.versionGate(h)
	h = httpx.WithLogAndRecover(a.log, a.observe(mux), httpx.WithNoStore(h))
	return httpx.WithRequestID(httpx.WithPeer(a.cfg.TrustedProxies, h))
}

// loginPatterns are the sign-in routes (password, single sign-on), whose answers the metrics count as sign-ins.
var loginPatterns = map[string]bool{"POST /api/v1/auth/login": true, "POST /api/v1/auth/oidc/finish": true}

// observe counts each request in the metrics under its route pattern (unmatched: none), and sign-ins (password and
// single sign-on) by result: success, failure (a wrong password, a refused single sign-on), throttled.
func (a *App) observe(mux *http.ServeMux) httpx.Observer {
	return func(r *http.Request, status int, took time.Duration) {
		if status == 0 {
			status = http.StatusOK
		}
		_, pattern := mux.Handler(r)
		if pattern == "" {
			pattern = "unmatched"
		}
		a.metrics.Request(pattern, status, took)
		if !loginPatterns[pattern] {
			return
		}
		switch {
		case status == http.StatusOK:
			a.metrics.Login(metrics.LoginSuccess)
		case status == http.StatusTooManyRequests:
			a.metrics.Login(metrics.LoginThrottled)
		case status == http.StatusUnauthorized:
			a.metrics.Login(metrics.LoginFailure)
		}
	}
}

// MetricsHandler serves GET /metrics (with cfg.Metrics.Token, to that bearer token only); ServeListener serves it
// on cfg.Metrics.Addr, tests serve it themselves.
func (a *App) MetricsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.metrics.Handler(a.cfg.Metrics.Token))
	return mux
}

// Serve listens on cfg.Addr until ctx ends, then shuts down gracefully: in-flight requests finish within the
// shutdown timeout. With cfg.TLS it speaks HTTPS: a certificate that cannot be loaded stops the start.
func (a *App) Serve(ctx context.Context) error {
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return fmt.Errorf("app: listen %s: %w", a.cfg.Addr, err)
	}
	return a.ServeListener(ctx, ln)
}

// tlsConfig loads the configured certificate (nil, nil without one).
func (a *App) tlsConfig() (*tls.Config, error) {
	if !a.cfg.TLS.Enabled() {
		return nil, nil
	}
	every := a.cfg.TLS.ReloadEvery
	if every == 0 {
		every = tlscert.DefaultEvery
	}
	r, err := tlscert.New(a.cfg.TLS.CertFile, a.cfg.TLS.KeyFile, every, a.log)
	if err != nil {
		return nil, err
	}
	a.log.Info("tls: certificate loaded", "notAfter", r.NotAfter())
	return r.Config(), nil
}

// serveMetrics serves GET /metrics on cfg.Metrics.Addr (nothing without an address) until stop is called.
func (a *App) serveMetrics() (stop func(), err error) {
	if a.cfg.Metrics.Addr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", a.cfg.Metrics.Addr)
	if err != nil {
		return nil, fmt.Errorf("app: metrics: listen %s: %w", a.cfg.Metrics.Addr, err)
	}
	srv := &http.Server{Handler: a.MetricsHandler(), ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second,
		ErrorLog: slog.NewLogLogger(a.log.Handler(), slog.LevelWarn)}
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("metrics: serve", "err", err)
		}
	}()
	a.log.Info("serving metrics", "addr", ln.Addr().String())
	return func() { _ = srv.Close() }, nil
}

// ServeListener serves on ln until ctx ends. Shutting down, it stops accepting and waits up to the shutdown timeout
// for the requests in flight; connections still busy then (a long download) are cut, which is part of a graceful
// shutdown, not a failure: it is logged as a warning and ServeListener returns nil.
func (a *App) ServeListener(ctx context.Context, ln net.Listener) error {
	tlsCfg, err := a.tlsConfig()
	if err != nil {
		_ = ln.Close()
		return err
	}
	stopMetrics, err := a.serveMetrics()
	if err != nil {
		_ = ln.Close()
		return err
	}
	defer stopMetrics()
	var conns connCount
	srv := &http.Server{
		TLSConfig:         tlsCfg,
		Handler:           a.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       a.cfg.RequestTimeout + 10*time.Second,
		WriteTimeout:      a.cfg.RequestTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
		ConnState:         conns.track,
	}
	go a.housekeeping(ctx)
	go a.notifier.Run(ctx)
	go a.importWorker.Run(ctx)
	go a.hub.Run(ctx)
	if a.cfg.Geocoding.Worker {
		go a.worker.Run(ctx)
	}
	switch {
	case a.mailer == nil:
		a.log.Warn("no SMTP server configured (ONESALES_SMTP_HOST): mail stays queued until one is")
	case a.cfg.Mail.Worker:
		go a.mailer.Run(ctx)
	}
	errc := make(chan error, 1)
	go func() {
		if tlsCfg != nil {
			errc <- srv.ServeTLS(ln, "", "")
			return
		}
		errc <- srv.Serve(ln)
	}()
	a.log.Info("serving", "addr", ln.Addr().String(), "https", tlsCfg != nil)
	select {
	case err := <-errc:
		return fmt.Errorf("app: serve: %w", err)
	case <-ctx.Done():
	}
	a.log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	if errors.Is(err, context.DeadlineExceeded) {
		n := conns.busy()
		err = srv.Close()
		a.log.Warn(fmt.Sprintf("shutdown cut %d connections", n), "connections", n, "gracePeriod", a.cfg.ShutdownTimeout.String())
	}
	if err != nil {
		return fmt.Errorf("app: shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	a.log.Info("shut down")
	return nil
}

// connCount follows the server's connections, to tell how many a shutdown cut.
type connCount struct {
	mu    sync.Mutex
	state map[net.Conn]http.ConnState
}

func (c *connCount) track(conn net.Conn, s http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state == nil {
		c.state = map[net.Conn]http.ConnState{}
	}
	switch s {
	case http.StateClosed, http.StateHijacked:
		delete(c.state, conn)
	default:
		c.state[conn] = s
	}
}

// busy counts the connections with a request in progress.
func (c *connCount) busy() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, s := range c.state {
		if s == http.StateActive {
			n++
		}
	}
	return n
}

// orphanSweepEvery is how often an instance sweeps the document store for bytes without a row (and at start).
const orphanSweepEvery = 6 * time.Hour

// housekeeping purges expired idempotency keys, old sign-in failures and calendar feed misses, dead sessions, old
// lead deliveries, stale presence entries, old read notifications and old sent mail every few minutes, and cleans up documents:
// failed uploads, purged and expired ones, and (less often) orphaned bytes.
func (a *App) housekeeping(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	var lastSweep time.Time
	for {
		retention := a.cfg.Events.Retention
		if retention <= 0 {
			retention = 24 * time.Hour
		}
		for _, stmt := range []string{"SELECT maintenance_purge()", "SELECT lead_deliveries_prune()", "SELECT presence_prune()",
			"SELECT notifications_prune()", "SELECT calendar_feed_failures_prune()", "SELECT mail_prune()", "SELECT password_resets_prune()", "SELECT imports_prune()", "SELECT two_factor_purge()", fmt.Sprintf("SELECT change_events_prune(interval '%d seconds')", int64(retention.Seconds()))} {
			if _, err := a.db.ExecContext(ctx, stmt); err != nil && ctx.Err() == nil {
				a.log.Warn("housekeeping failed", "statement", stmt, "err", err)
			}
		}
		if n, err := a.imports.Cleanup(ctx); err != nil && ctx.Err() == nil {
			a.log.Warn("housekeeping: import files cleanup failed", "err", err)
		} else if n > 0 {
			a.log.Info("housekeeping: import files removed", "files", n)
		}
		sweep := time.Since(lastSweep) >= orphanSweepEvery
		if rep, err := a.docs.Cleanup(ctx, sweep); err != nil && ctx.Err() == nil {
			a.log.Warn("housekeeping: document cleanup failed", "err", err)
		} else if err == nil {
			if sweep {
				lastSweep = time.Now()
			}
			if rep.Rows > 0 || rep.Orphans > 0 {
				a.log.Info("housekeeping: documents cleaned up", "rows", rep.Rows, "orphans", rep.Orphans)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
