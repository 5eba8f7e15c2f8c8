// Package setting holds what the tenant's setting rows share (units, roles, users, lost reasons, pipelines,
// custom fields, activity types, saved filters): their identity, version and times, and reading, inserting,
// changing and deleting one inside a tenant transaction at the version the client saw. Each of those packages
// keeps only its own rules (validation, what a row may not lose) and does not repeat these steps.
package setting

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// Row holds the columns every setting table has, embedded in each bun model.
type Row struct {
	ID        uuid.UUID `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	TenantID  uuid.UUID `bun:"tenant_id,type:uuid"`
	Version   int64     `bun:"version"`
	CreatedAt time.Time `bun:"created_at,nullzero,default:now()"`
	UpdatedAt time.Time `bun:"updated_at,nullzero,default:now()"`
}

// NewRow is the row of a new setting in a tenant.
func NewRow(tenantID uuid.UUID) Row { return Row{TenantID: tenantID, Version: 1} }

// ETag is the version clients must send back with a change.
func (r *Row) ETag() int64 { return r.Version }

// Versioned is a loaded setting row (a pointer to a model embedding Row).
type Versioned interface{ ETag() int64 }

// List reads the rows of T's table that query selects (order, filters), in the actor's tenant.
func List[T any](ctx context.Context, pool *bun.DB, a *access.Actor, query func(q *bun.SelectQuery) *bun.SelectQuery) ([]*T, error) {
	var out []*T
	err := db.InTenant(ctx, pool, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		return query(tx.NewSelect().Model(&out)).Scan(ctx)
	})
	return out, err
}

// Unarchived leaves out archived rows unless archived is asked for (lists of reasons, fields, types).
func Unarchived(q *bun.SelectQuery, archived bool) *bun.SelectQuery {
	if archived {
		return q
	}
	return q.Where("?TableAlias.archived_at IS NULL")
}

// Load reads the row id of m's table into m in the caller's tenant transaction, locked for an update when lock;
// a missing row (another tenant's rows are missing too) is 404.
func Load(ctx context.Context, tx bun.IDB, m any, id uuid.UUID, lock bool) error {
	q := tx.NewSelect().Model(m).Where("?TableAlias.id = ?", id)
	if lock {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return httpx.ErrNotFound
		}
		return fmt.Errorf("%s: get %s: %w", q.GetTableName(), id, err)
	}
	return nil
}

// Locked loads and locks the row id of T's table: the load of Change for a row without relations.
func Locked[T any](ctx context.Context, tx bun.Tx, id uuid.UUID) (*T, error) {
	m := new(T)
	return m, Load(ctx, tx, m, id, true)
}

// Get reads one row of T's table in the actor's tenant.
func Get[T any](ctx context.Context, pool *bun.DB, a *access.Actor, id uuid.UUID) (*T, error) {
	m := new(T)
	err := db.InTenant(ctx, pool, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		return Load(ctx, tx, m, id, false)
	})
	return m, err
}

// Insert adds m in the actor's tenant and reads back what the database sets (ID, times); before, when not nil,
// runs first in the same transaction (a position at the end, a reference check).
func Insert(ctx context.Context, pool *bun.DB, a *access.Actor, m any, before func(ctx context.Context, tx bun.Tx) error) error {
	return db.InTenant(ctx, pool, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if before != nil {
			if err := before(ctx, tx); err != nil {
				return err
			}
		}
		q := tx.NewInsert().Model(m).Returning("*")
		if _, err := q.Exec(ctx); err != nil {
			return fmt.Errorf("%s: insert: %w", q.GetTableName(), err)
		}
		return nil
	})
}

// Change loads and locks the row id (load), refuses it unless it is still at version, and runs change on it, in
// one tenant transaction: every update and delete of a setting, so that no stale change is written.
func Change[M Versioned](ctx context.Context, pool *bun.DB, a *access.Actor, id uuid.UUID, version int64,
	load func(ctx context.Context, tx bun.Tx, id uuid.UUID) (M, error), change func(ctx context.Context, tx bun.Tx, m M) error) (M, error) {
	var m M
	err := db.InTenant(ctx, pool, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if m, err = load(ctx, tx, id); err != nil {
			return err
		}
		if err := httpx.CheckVersion(m.ETag(), version); err != nil {
			return err
		}
		return change(ctx, tx, m)
	})
	return m, err
}

// Delete removes the row id at version that load finds and locks, once inUse (which refuses a row still needed,
// with a conflict) lets it.
func Delete[M Versioned](ctx context.Context, pool *bun.DB, a *access.Actor, id uuid.UUID, version int64,
	load func(ctx context.Context, tx bun.Tx, id uuid.UUID) (M, error), inUse func(ctx context.Context, tx bun.Tx, m M) error) error {
	_, err := Change(ctx, pool, a, id, version, load, func(ctx context.Context, tx bun.Tx, m M) error {
		if err := inUse(ctx, tx, m); err != nil {
			return err
		}
		_, err := tx.NewDelete().Model(m).WherePK().Exec(ctx)
		return err
	})
	return err
}

// Write stores columns of a changed row with the next version and reads back what the database sets.
func Write(ctx context.Context, tx bun.IDB, m any, columns ...string) error {
	q := tx.NewUpdate().Model(m).Column(columns...).Set("version = version + 1").Set("updated_at = now()").WherePK().Returning("*")
	if _, err := q.Exec(ctx); err != nil {
		return fmt.Errorf("%s: update: %w", q.GetTableName(), err)
	}
	return nil
}

// Archive archives a row (keeping when it was first archived) or restores it, as a patch asks (nil: neither).
func Archive(at **time.Time, archived *bool) {
	switch {
	case archived == nil:
	case *archived && *at == nil:
		now := time.Now()
		*at = &now
	case !*archived:
		*at = nil
	}
}

// Taken gives the mapping of a unique index's violation to a conflict on field (e.g. a name two rows may not
// share); any other error stays as it is.
func Taken(index, message, field string) func(error) error {
	return func(err error) error {
		if db.IsUniqueViolation(err, index) {
			return httpx.Conflict(message, field, api.FieldTaken)
		}
		return err
	}
}
