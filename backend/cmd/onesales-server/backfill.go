package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/deal"
	"github.com/1sales/app/backend/internal/person"
)

// backfills are the data migrations that need Go (search texts are normalised by the search package), by the
// name a SQL migration puts into pending_backfills. Each is idempotent: an interrupted run is simply run again.
var backfills = map[string]func(ctx context.Context, owner bun.IDB) (int, error){
	"persons.search_text": person.RebuildSearchText,
	"deals.search_text":   deal.RebuildSearchText,
}

// backfill runs the pending backfills after the migrations, as the schema owner, and marks each done.
func backfill(ctx context.Context, owner *bun.DB, log *slog.Logger) error {
	var pending []string
	if err := owner.NewRaw("SELECT name FROM pending_backfills ORDER BY created_at, name").Scan(ctx, &pending); err != nil {
		return fmt.Errorf("migrate: backfills: %w", err)
	}
	for _, name := range pending {
		run, ok := backfills[name]
		if !ok {
			return fmt.Errorf("migrate: backfill %q is unknown to this version", name)
		}
		t := time.Now()
		n, err := run(ctx, owner)
		if err != nil {
			return fmt.Errorf("migrate: backfill %s: %w", name, err)
		}
		if _, err := owner.NewRaw("DELETE FROM pending_backfills WHERE name = ?", name).Exec(ctx); err != nil {
			return fmt.Errorf("migrate: backfill %s: %w", name, err)
		}
		log.Info("migrate: backfill done", "name", name, "rows", n, "durationMs", time.Since(t).Milliseconds())
	}
	return nil
}
