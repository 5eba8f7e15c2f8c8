// Command onesales-server is the 1sales backend: `serve` runs the API, `migrate` applies the schema, `seed`
// creates the German demo company on first run.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/seed"
)

const usage = `usage: onesales-server <command>

commands:
  serve    run the HTTP API (ONESALES_DATABASE_URL, ONESALES_TOKEN_SECRET, ONESALES_ADDR)
  migrate  apply the database migrations under a lock (ONESALES_MIGRATION_DATABASE_URL)
  seed     create the demo company unless present (ONESALES_MIGRATION_DATABASE_URL)
`

func main() {
	if len(os.Args) != 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1]); err != nil {
		slog.Error("onesales-server failed", "command", os.Args[1], "err", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cmd string) error {
	switch cmd {
	case "serve", "migrate", "seed":
	default:
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
	cfg, err := config.Load(cmd == "serve")
	if err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	slog.SetDefault(log)
	switch cmd {
	case "serve":
		pool, err := db.Open(ctx, cfg.DatabaseURL, log)
		if err != nil {
			return err
		}
		defer pool.Close()
		return app.New(cfg, pool, log).Serve(ctx)
	case "migrate":
		owner, err := db.Open(ctx, cfg.MigrationDatabaseURL, log)
		if err != nil {
			return err
		}
		defer owner.Close()
		return db.Migrate(ctx, owner, cfg.AppRole, log)
	default:
		owner, err := db.Open(ctx, cfg.MigrationDatabaseURL, log)
		if err != nil {
			return err
		}
		defer owner.Close()
		return seed.Demo(ctx, owner, log)
	}
}
