// Package app builds the backend's HTTP handler from its parts and runs the server.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/geo/gazetteer"
	"github.com/1sales/app/backend/internal/geo/nominatim"
	"github.com/1sales/app/backend/internal/httpx"
)

// App is the assembled backend.
type App struct {
	log      *slog.Logger
	db       *bun.DB
	cfg      config.Config
	handler  http.Handler
	geocoder *geo.Geocoder
	worker   *geo.Worker
}

// New assembles the backend on an open database.
func New(cfg config.Config, db *bun.DB, log *slog.Logger) *App {
	a := &App{log: log, db: db, cfg: cfg}
	a.geocoder, a.worker = a.geocoding()
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

// GeocodeWorker is the geocoding worker (ServeListener runs it when the configuration says so; tests drive it).
func (a *App) GeocodeWorker() *geo.Worker { return a.worker }

// Handler returns the root handler (used by tests with httptest).
func (a *App) Handler() http.Handler { return a.handler }

// authOptions derives the auth service's options from the configuration.
func (a *App) authOptions() auth.Options {
	return auth.Options{Secret: a.cfg.TokenSecret, AccessTTL: a.cfg.AccessTokenTTL, SessionTTL: a.cfg.SessionTTL,
		ThrottleWindow: a.cfg.LoginThrottleWindow}
}

// middleware wraps the mux with what every request gets.
func (a *App) middleware(mux http.Handler) http.Handler {
	h := httpx.WithBodyLimit(a.log, a.cfg.MaxBodyBytes, mux)
	h = httpx.WithTimeout(a.cfg.RequestTimeout, h)
	h = httpx.WithLogAndRecover(a.log, h)
	return httpx.WithRequestID(h)
}

// Serve listens on cfg.Addr until ctx ends, then shuts down gracefully: in-flight requests finish within the
// shutdown timeout.
func (a *App) Serve(ctx context.Context) error {
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return fmt.Errorf("app: listen %s: %w", a.cfg.Addr, err)
	}
	return a.ServeListener(ctx, ln)
}

// ServeListener serves on ln until ctx ends.
func (a *App) ServeListener(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       a.cfg.RequestTimeout + 10*time.Second,
		WriteTimeout:      a.cfg.RequestTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	go a.housekeeping(ctx)
	if a.cfg.Geocoding.Worker {
		go a.worker.Run(ctx)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.log.Info("serving", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("app: serve: %w", err)
	case <-ctx.Done():
	}
	a.log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("app: shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// housekeeping purges expired idempotency keys, old sign-in failures and dead sessions every few minutes.
func (a *App) housekeeping(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		if _, err := a.db.ExecContext(ctx, "SELECT maintenance_purge()"); err != nil && ctx.Err() == nil {
			a.log.Warn("housekeeping failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
