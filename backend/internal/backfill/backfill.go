// Package backfill runs the data migrations that need Go, after the SQL migrations (db.Migrate): a SQL migration
// puts a backfill's name into the table pending_backfills, and Run runs and removes it. Both `onesales-server
// migrate` and `onesales-bench -migrate` call it, so a bench data set gets the same data migrations as production.
package backfill

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

// Run runs the pending backfills after the migrations, as the schema owner, and marks each done. A backfill this
// version does not know is an error (the database is newer than the binary).
func Run(ctx context.Context, owner bun.IDB, log *slog.Logger) error {
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
