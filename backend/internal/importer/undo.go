package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// Undo undoes a finished import as a whole, in one transaction: the records it created go to the trash (those the
// actor may delete and that are not there yet), the records it updated are set back to their values before where
// they are still at the version the import left (else they are kept), and the import is marked undone. The
// importer or an admin may undo it, with their own rights.
func (s *Service) Undo(ctx context.Context, a *access.Actor, id uuid.UUID) (*api.ImportUndoResult, error) {
	out := &api.ImportUndoResult{}
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		imp, err := load(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		if !imp.canUndo {
			return stateError("the import cannot be undone (not finished, undone, too old, or nothing imported)")
		}
		var created []struct {
			RecordType api.RecordType `bun:"record_type"`
			IDs        []uuid.UUID    `bun:"ids,array"`
		}
		if err := tx.NewRaw("SELECT record_type, ids FROM import_created WHERE import_id = ? ORDER BY id", id).Scan(ctx, &created); err != nil {
			return fmt.Errorf("importer: undo %s: %w", id, err)
		}
		for _, c := range created {
			trashed, kept, err := trash(ctx, tx, a, record.MustKind(c.RecordType), c.IDs)
			if err != nil {
				return err
			}
			out.Trashed += trashed
			out.Kept += kept
			out.Gone += len(c.IDs) - trashed - kept
		}
		var updated []struct {
			RecordType api.RecordType  `bun:"record_type"`
			RecordID   uuid.UUID       `bun:"record_id"`
			Version    int64           `bun:"version"`
			Before     json.RawMessage `bun:"before"`
		}
		if err := tx.NewRaw("SELECT record_type, record_id, version, before FROM import_updated WHERE import_id = ? ORDER BY record_id", id).
			Scan(ctx, &updated); err != nil {
			return fmt.Errorf("importer: undo %s: %w", id, err)
		}
		for _, u := range updated {
			k, ok := s.kinds[u.RecordType]
			if !ok {
				return fmt.Errorf("importer: undo %s: no revert for %s", id, u.RecordType)
			}
			if _, err := tx.ExecContext(ctx, "SAVEPOINT import_revert"); err != nil {
				return err
			}
			err := k.revert(ctx, a, u.RecordID, u.Version, u.Before)
			var he *httpx.Error
			switch {
			case err == nil:
				out.Reverted++
				if _, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT import_revert"); err != nil {
					return err
				}
				continue
			case errors.As(err, &he) && he.Status < 500:
				if _, err := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT import_revert"); err != nil {
					return err
				}
				if errors.Is(err, httpx.ErrNotFound) {
					out.Gone++
				} else {
					out.Kept++
				}
			default:
				return err
			}
		}
		if _, err := tx.NewUpdate().Model(imp).Set("status = ?, undone_at = now(), version = version + 1, updated_at = now()", api.ImportUndone).
			WherePK().Returning("status, undone_at, version, updated_at").Exec(ctx); err != nil {
			return fmt.Errorf("importer: undo %s: %w", id, err)
		}
		imp.canUndo = false
		out.Job = imp.API()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// trash moves the live records among ids that the actor may delete to the trash, with a history entry each, and
// reports how many it moved and how many live ones it had to keep (the actor may not delete them).
func trash(ctx context.Context, tx bun.IDB, a *access.Actor, k record.Kind, ids []uuid.UUID) (int, int, error) {
	alias := bun.Ident(k.Alias)
	q := tx.NewUpdate().TableExpr("? AS ?", bun.Ident(k.Table), alias).
		Set("deleted_at = now(), deleted_by = ?, version = ?.version + 1", a.UserID, alias).
		Where("?.id = ANY(?::uuid[])", alias, pgdialect.Array(ids)).Where("?.deleted_at IS NULL", alias).
		Returning("?.id", alias)
	a.Restrict(q.QueryBuilder(), k.Type, api.ActionDelete, k.OwnerColumn())
	var done []uuid.UUID
	if err := q.Scan(ctx, &done); err != nil {
		return 0, 0, fmt.Errorf("importer: trash %s: %w", k.Type, err)
	}
	entries := make([]history.Entry, len(done))
	for i, id := range done {
		entries[i] = history.Entry{RecordID: id, Action: api.HistoryDeleted}
	}
	if err := history.RecordFor(ctx, tx, a, k.Type, "", entries); err != nil {
		return 0, 0, err
	}
	var live int
	if err := tx.NewSelect().TableExpr("? AS ?", bun.Ident(k.Table), alias).ColumnExpr("count(*)").
		Where("?.id = ANY(?::uuid[])", alias, pgdialect.Array(ids)).Where("?.deleted_at IS NULL", alias).Scan(ctx, &live); err != nil {
		return 0, 0, fmt.Errorf("importer: trash %s: %w", k.Type, err)
	}
	return len(done), live, nil
}
