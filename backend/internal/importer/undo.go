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

// Undo undoes a finished import: the records it created go to the trash (those the actor may delete and that are
// not there yet), the records it updated are set back to their values before where they are still at the version
// the import left (else they are kept), and the import is marked undone. The importer or an admin may undo it,
// with their own rights.
//
// A large import is undone in steps, each a transaction that takes its part of the undo log along (a batch's
// created records, or up to 200 updated ones), so that no transaction holds 100,000 records, and an undo that was
// cut off (the client gone, the instance stopped) goes on where it stopped when it is asked again; the import is
// undone once its log is empty. The answer counts what this call did.
func (s *Service) Undo(ctx context.Context, a *access.Actor, id uuid.UUID) (*api.ImportUndoResult, error) {
	out := &api.ImportUndoResult{}
	for {
		var imp *Import
		done := false
		err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
			var err error
			if imp, err = load(ctx, tx, a, id, true); err != nil {
				return err
			}
			if !imp.canUndo {
				return stateError("the import cannot be undone (not finished, undone, too old, or nothing imported)")
			}
			if done, err = s.undoCreated(ctx, tx, a, id, out); err != nil || !done {
				return err
			}
			if done, err = s.undoUpdated(ctx, tx, a, id, out); err != nil || !done {
				return err
			}
			if _, err := tx.NewUpdate().Model(imp).Set("status = ?, undone_at = now(), version = version + 1, updated_at = now()", api.ImportUndone).
				WherePK().Returning("status, undone_at, version, updated_at").Exec(ctx); err != nil {
				return fmt.Errorf("importer: undo %s: %w", id, err)
			}
			imp.canUndo = false
			return nil
		})
		if err != nil {
			return nil, err
		}
		if done {
			out.Job = imp.API()
			return out, nil
		}
	}
}

// undoCreated trashes the records of the first entry left of the import's created records and removes the
// entry; done when none was left.
func (s *Service) undoCreated(ctx context.Context, tx bun.Tx, a *access.Actor, id uuid.UUID, out *api.ImportUndoResult) (bool, error) {
	var created []struct {
		ID         int64          `bun:"id"`
		RecordType api.RecordType `bun:"record_type"`
		IDs        []uuid.UUID    `bun:"ids,array"`
	}
	if err := tx.NewRaw("SELECT id, record_type, ids FROM import_created WHERE import_id = ? ORDER BY id LIMIT 1", id).Scan(ctx, &created); err != nil {
		return false, fmt.Errorf("importer: undo %s: %w", id, err)
	}
	if len(created) == 0 {
		return true, nil
	}
	c := created[0]
	trashed, kept, err := trash(ctx, tx, a, record.MustKind(c.RecordType), c.IDs)
	if err != nil {
		return false, err
	}
	out.Trashed += trashed
	out.Kept += kept
	out.Gone += len(c.IDs) - trashed - kept
	_, err = tx.NewRaw("DELETE FROM import_created WHERE id = ?", c.ID).Exec(ctx)
	return false, err
}

// undoUpdated sets back up to 200 of the records left of the import's updated records (each in a savepoint:
// one changed since is kept) and removes their entries; done when none was left.
func (s *Service) undoUpdated(ctx context.Context, tx bun.Tx, a *access.Actor, id uuid.UUID, out *api.ImportUndoResult) (bool, error) {
	var updated []struct {
		RecordType api.RecordType  `bun:"record_type"`
		RecordID   uuid.UUID       `bun:"record_id"`
		Version    int64           `bun:"version"`
		Before     json.RawMessage `bun:"before"`
	}
	if err := tx.NewRaw("SELECT record_type, record_id, version, before FROM import_updated WHERE import_id = ? ORDER BY record_id LIMIT 200", id).
		Scan(ctx, &updated); err != nil {
		return false, fmt.Errorf("importer: undo %s: %w", id, err)
	}
	if len(updated) == 0 {
		return true, nil
	}
	for _, u := range updated {
		k, ok := s.kinds[u.RecordType]
		if !ok {
			return false, fmt.Errorf("importer: undo %s: no kind %s", id, u.RecordType)
		}
		if _, err := tx.ExecContext(ctx, "SAVEPOINT import_revert"); err != nil {
			return false, err
		}
		err := k.revert(ctx, a, u.RecordID, u.Version, u.Before)
		var he *httpx.Error
		switch {
		case err == nil:
			out.Reverted++
			if _, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT import_revert"); err != nil {
				return false, err
			}
		case errors.As(err, &he) && he.Status < 500:
			if _, err := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT import_revert"); err != nil {
				return false, err
			}
			if errors.Is(err, httpx.ErrNotFound) {
				out.Gone++
			} else {
				out.Kept++
			}
		default:
			return false, err
		}
		if _, err := tx.NewRaw("DELETE FROM import_updated WHERE import_id = ? AND record_type = ? AND record_id = ?",
			id, u.RecordType, u.RecordID).Exec(ctx); err != nil {
			return false, err
		}
	}
	return false, nil
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
