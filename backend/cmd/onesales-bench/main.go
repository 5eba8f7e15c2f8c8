// Command onesales-bench measures the backend on a large tenant: it generates (once) a tenant with 1,000,000
// persons, 200,000 organisations, 500,000 deals in 5 pipelines and 2,000,000 activities, serves the real backend
// in-process on 127.0.0.1, drives it over HTTP at concurrency 1 and 16, runs the same SQL directly against
// PostgreSQL for comparison, and prints one line per figure:
//
//	bench: persons_list c1_p50_ms=… c1_p99_ms=… c16_p50_ms=… c16_p99_ms=… c16_rps=… sql_c16_rps=…
//
// scripts/bench.sh (make bench) runs it against a persistent cluster in .data/bench-pg.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/driver/pgdriver"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/backfill"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/secretbox"
)

var errRollback = errors.New("rollback")

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "==> bench: "+format+"\n", args...)
}

type options struct {
	ownerURL, appURL string
	migrate, reset   bool
	size             sizes
	warmup, duration time.Duration
	maxRequests      int
	only             map[string]bool
	explain          bool
	cpuProfile       string
	timeout          time.Duration
}

func main() {
	var o options
	var only string
	flag.StringVar(&o.ownerURL, "owner-url", os.Getenv("ONESALES_PG_OWNER_URL"), "PostgreSQL URL of the schema owner (data generation)")
	flag.StringVar(&o.appURL, "app-url", os.Getenv("ONESALES_PG_APP_URL"), "PostgreSQL URL of the application role (the service and the direct SQL)")
	flag.BoolVar(&o.migrate, "migrate", false, "apply the migrations first (db.Migrate and backfill.Run, as `onesales-server migrate`, over the owner connection without a statement time limit)")
	flag.BoolVar(&o.reset, "reset", os.Getenv("BENCH_RESET") == "1", "generate the data set anew (BENCH_RESET=1)")
	flag.IntVar(&o.size.persons, "persons", 1_000_000, "persons in the data set")
	flag.IntVar(&o.size.orgs, "orgs", 200_000, "organisations in the data set")
	flag.IntVar(&o.size.deals, "deals", 500_000, "deals in the data set (over 5 pipelines)")
	flag.IntVar(&o.size.activities, "activities", 2_000_000, "activities in the data set (of the 50 reps)")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "warm-up per workload")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "measuring time per workload and concurrency")
	flag.IntVar(&o.maxRequests, "max-requests", 100_000, "request cap per measuring run")
	flag.StringVar(&only, "only", os.Getenv("BENCH_ONLY"), "comma-separated workloads to run (documents,live,nearby,map,list,deep,owner,search,update,board,dashboard,intake,export,imports); default all (BENCH_ONLY)")
	flag.BoolVar(&o.explain, "explain", os.Getenv("BENCH_EXPLAIN") == "1", "print EXPLAIN (ANALYZE, BUFFERS) of the measured statements (BENCH_EXPLAIN=1)")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the measurements (load generator and service) to this file")
	flag.DurationVar(&o.timeout, "timeout", 30*time.Minute, "limit for the whole run, data generation included")
	flag.Parse()
	if only != "" {
		o.only = map[string]bool{}
		for _, w := range strings.Split(only, ",") {
			w = strings.TrimSpace(w)
			if !slices.Contains(workloadNames, w) {
				fmt.Fprintf(os.Stderr, "onesales-bench: unknown workload %q in -only (known: %s)\n", w, strings.Join(workloadNames, ","))
				os.Exit(2)
			}
			o.only[w] = true
		}
	}
	if o.ownerURL == "" || o.appURL == "" {
		fmt.Fprintln(os.Stderr, "onesales-bench: -owner-url and -app-url (or ONESALES_PG_OWNER_URL and ONESALES_PG_APP_URL) are required")
		os.Exit(2)
	}
	for _, u := range []string{o.ownerURL, o.appURL} {
		if !strings.Contains(u, "@127.0.0.1:") && !strings.Contains(u, "@localhost:") {
			fmt.Fprintln(os.Stderr, "onesales-bench: the bench only runs against a PostgreSQL on 127.0.0.1")
			os.Exit(2)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	if err := run(ctx, o); err != nil {
		fmt.Fprintf(os.Stderr, "onesales-bench: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	owner, err := openOwner(ctx, o.ownerURL)
	if err != nil {
		return err
	}
	defer owner.Close()
	if o.migrate {
		// onesales-server migrate runs on db.Open's pool, which gives every statement five seconds; a migration
		// that rewrites or indexes the tables of this data set takes longer.
		t := time.Now()
		mlog := slog.New(slog.NewTextHandler(os.Stderr, nil))
		if err := db.Migrate(ctx, owner, "onesales_app", mlog); err != nil {
			return err
		}
		// The data migrations in Go, as `onesales-server migrate` runs them after db.Migrate.
		if err := backfill.Run(ctx, owner, mlog); err != nil {
			return err
		}
		logf("migrated in %s", time.Since(t).Round(time.Millisecond))
	}
	// The document and live benches (documents.go, live.go) need no data set: each makes a tenant of its own and
	// runs its own server process.
	if o.only == nil || o.only["documents"] {
		if err := benchDocuments(ctx, o, owner); err != nil {
			return err
		}
	}
	if o.only == nil || o.only["live"] {
		if err := benchLive(ctx, o, owner); err != nil {
			return err
		}
	}
	if !needsDataset(o.only) {
		return nil
	}
	if err := cleanLeftoverImports(ctx, owner); err != nil {
		return err
	}
	ds, err := ensureDataset(ctx, owner, o.size, o.reset)
	if err != nil {
		return err
	}
	if err := dropChangeBacklog(ctx, owner); err != nil {
		return err
	}

	// The service: its own pool of the application role, exactly as `onesales-server serve` opens it, with a
	// hook that records the SQL of single requests on demand.
	logs := newLogHandler()
	log := slog.New(logs)
	defer func() {
		if n := logs.warnings(); n > maxShownWarnings {
			logf("the server logged %d warnings or errors (slow queries over 200 ms among them); the first %d are shown above", n, maxShownWarnings)
		}
	}()
	pool, err := db.Open(ctx, o.appURL, log)
	if err != nil {
		return err
	}
	defer pool.Close()
	rec := &recorder{}
	pool.AddQueryHook(rec)
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	cfg := config.Config{
		AppRole: "onesales_app", TokenSecret: []byte(hex.EncodeToString(secret)), SecretKey: secretbox.NewKey(),
		AccessTokenTTL: 2 * time.Hour, SessionTTL: 24 * time.Hour, RequestTimeout: 30 * time.Second,
		MaxBodyBytes: 1 << 20, ShutdownTimeout: 5 * time.Second, LoginThrottleWindow: 15 * time.Minute,
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srvCtx, stopSrv := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- app.New(cfg, pool, log).ServeListener(srvCtx, ln) }()
	defer func() {
		stopSrv()
		<-served
	}()

	// The direct SQL: a second pool of the same role with the same settings, without hooks.
	direct, err := db.Open(ctx, o.appURL, nil)
	if err != nil {
		return err
	}
	defer direct.Close()

	load, _ := os.ReadFile("/proc/loadavg")
	logf("%d CPUs (shared by the load generator, the backend and PostgreSQL); load average %s", runtime.NumCPU(),
		strings.Join(strings.Fields(string(load))[:min(3, len(strings.Fields(string(load))))], " "))
	b := &bench{o: o, ds: ds, owner: owner, direct: direct, rec: rec, http: newClient("http://" + ln.Addr().String()),
		cpu: newCPUMeter(ctx, owner)}
	if err := b.settings(ctx); err != nil {
		return err
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	return b.runAll(ctx)
}

// dropChangeBacklog empties the change feed before measuring. The generated data set and earlier runs leave
// millions of change events (the capture triggers fire for bulk loads too) that nobody waits for, and the
// in-process server's notification worker and hubs would read through them during the measurements: in one run
// 3.7 million events kept the bench process busy and inflated every figure. The bench's database is its own.
func dropChangeBacklog(ctx context.Context, owner *bun.DB) error {
	var n int64
	if err := owner.NewRaw("SELECT count(*) FROM change_events").Scan(ctx, &n); err != nil {
		return fmt.Errorf("bench: change events: %w", err)
	}
	if _, err := owner.ExecContext(ctx, "TRUNCATE change_events"); err != nil {
		return fmt.Errorf("bench: drop the change backlog: %w", err)
	}
	logf("dropped a backlog of %d change events (generated data and earlier runs)", n)
	return nil
}

// openOwner connects as the schema owner for data generation, whose statements run for minutes (db.Open's
// pool, used for the service, gives every statement five seconds).
func openOwner(ctx context.Context, dsn string) (*bun.DB, error) {
	connector := pgdriver.NewConnector(pgdriver.WithDSN(dsn), pgdriver.WithDialTimeout(5*time.Second),
		pgdriver.WithReadTimeout(time.Hour), pgdriver.WithWriteTimeout(time.Hour))
	owner := bun.NewDB(sql.OpenDB(connector), pgdialect.New())
	if err := owner.PingContext(ctx); err != nil {
		_ = owner.Close()
		return nil, fmt.Errorf("bench: connect as owner: %w", err)
	}
	return owner, nil
}

// logHandler formats every record as the server would (JSON), discards info records (the access log would
// flood the output) and shows the first warnings and errors (slow queries, failed requests); it counts the rest.
type logHandler struct {
	all, warn slog.Handler
	shown     *atomic.Int64
}

const maxShownWarnings = 5

func newLogHandler() *logHandler {
	return &logHandler{all: slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}),
		warn: slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}), shown: new(atomic.Int64)}
}

// warnings is how many warnings and errors the server logged.
func (h *logHandler) warnings() int64 { return h.shown.Load() }

func (h *logHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

func (h *logHandler) Handle(ctx context.Context, r slog.Record) error {
	if err := h.all.Handle(ctx, r); err != nil {
		return err
	}
	if r.Level >= slog.LevelWarn && h.shown.Add(1) <= maxShownWarnings {
		return h.warn.Handle(ctx, r)
	}
	return nil
}

func (h *logHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &logHandler{all: h.all.WithAttrs(attrs), warn: h.warn.WithAttrs(attrs), shown: h.shown}
}

func (h *logHandler) WithGroup(name string) slog.Handler {
	return &logHandler{all: h.all.WithGroup(name), warn: h.warn.WithGroup(name), shown: h.shown}
}
