package secretbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
)

// Reseal seals every stored secret that is not sealed with the current key: plaintext from before encryption, and
// values sealed with a previous key (after a rotation). `serve` runs it at start-up, `migrate` when the key is
// configured; it is idempotent, and instances starting at once do not get in each other's way (a row is updated
// only if it still holds the value read). The tenants to visit come from secret_reseal_tenants (which names
// tenants, nothing else); each tenant's rows are read and written in its own transaction. A value sealed with a
// key the box does not have stops it with ErrUnknownKey: the configuration lacks a key (ONESALES_SECRET_KEY_PREVIOUS).
// It answers how many values it sealed.
func Reseal(ctx context.Context, pool *bun.DB, b *Box, log *slog.Logger) (int, error) {
	if b == nil || b.current == nil {
		return 0, ErrNoKey
	}
	var tenants []uuid.UUID
	if err := pool.NewRaw("SELECT t FROM secret_reseal_tenants(?) AS t", b.Prefix()).Scan(ctx, &tenants); err != nil {
		return 0, fmt.Errorf("secretbox: reseal: tenants: %w", err)
	}
	total, unknown := 0, 0
	for _, tenantID := range tenants {
		err := db.InTenant(ctx, pool, tenantID, func(ctx context.Context, tx bun.Tx) error {
			for _, col := range Columns {
				var rows []struct {
					Key   uuid.UUID `bun:"key"`
					Value string    `bun:"value"`
				}
				if err := tx.NewRaw("SELECT ? AS key, ? AS value FROM ? WHERE ? IS NOT NULL AND left(?, ?) <> ?",
					bun.Ident(col.RowKey), bun.Ident(col.Name), bun.Ident(col.Table), bun.Ident(col.Name),
					bun.Ident(col.Name), len(b.Prefix()), b.Prefix()).Scan(ctx, &rows); err != nil {
					return fmt.Errorf("%s: %w", col, err)
				}
				for _, r := range rows {
					plain, err := b.Open(tenantID, col, r.Key, r.Value)
					if errors.Is(err, ErrUnknownKey) {
						unknown++
						log.Error("secretbox: a secret is sealed with a key that is not configured", "tenantId", tenantID,
							"column", col.String(), "row", r.Key)
						continue
					}
					if err != nil {
						// Altered or copied from another row: it stays as it is and fails where it is used.
						log.Warn("secretbox: a sealed secret does not open; left as it is", "tenantId", tenantID,
							"column", col.String(), "row", r.Key)
						continue
					}
					sealed, err := b.Seal(tenantID, col, r.Key, plain)
					if err != nil {
						return err
					}
					res, err := tx.NewRaw("UPDATE ? SET ? = ? WHERE ? = ? AND ? = ?", bun.Ident(col.Table), bun.Ident(col.Name),
						sealed, bun.Ident(col.RowKey), r.Key, bun.Ident(col.Name), r.Value).Exec(ctx)
					if err != nil {
						return fmt.Errorf("%s: %w", col, err)
					}
					if n, _ := res.RowsAffected(); n == 1 {
						total++
					}
				}
			}
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("secretbox: reseal tenant %s: %w", tenantID, err)
		}
	}
	if total > 0 {
		log.Info("secretbox: secrets sealed with the current key", "values", total, "keyId", b.current.id)
	}
	if unknown > 0 {
		return total, fmt.Errorf("%w: %d values; add the key they were sealed with to ONESALES_SECRET_KEY_PREVIOUS "+
			"(docs/operations.md, \"Secret key\")", ErrUnknownKey, unknown)
	}
	return total, nil
}
