// Package setting holds what the services of the tenant's setting rows share (units, roles, users, lost reasons,
// pipelines, custom fields, activity types, saved filters; each model embeds db.Row): reading rows inside a tenant
// transaction, and inserting, changing and deleting one at the version the client saw, by whom its Table allows
// (admins, or a row's owner). Each of those packages keeps only its own rules (validation, what a row may not
// lose) instead of another copy of these steps.
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

// Versioned is a loaded setting row (a pointer to a model embedding db.Row).
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
		return httpx.Missing(err, fmt.Sprintf("%s: get %s", q.GetTableName(), id))
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

// Table is a setting table as its service changes it: whether only admins may, and how a row is found and
// locked for a change (by ID, with its relations, or only as the actor's own).
type Table[M Versioned] struct {
	db    *bun.DB
	admin bool
	load  func(ctx context.Context, tx bun.Tx, a *access.Actor, id uuid.UUID) (M, error)
}

// ForAdmins is the table of T's rows, which only admins change, found by ID.
func ForAdmins[T any, M interface {
	*T
	Versioned
}](pool *bun.DB) Table[M] {
	return Table[M]{db: pool, admin: true, load: func(ctx context.Context, tx bun.Tx, _ *access.Actor, id uuid.UUID) (M, error) {
		return Locked[T](ctx, tx, id)
	}}
}

// ForOwners is a table of rows that anyone changes whom load lets through (their own rows).
func ForOwners[M Versioned](pool *bun.DB, load func(ctx context.Context, tx bun.Tx, a *access.Actor, id uuid.UUID) (M, error)) Table[M] {
	return Table[M]{db: pool, load: load}
}

// WithLoad is the table with another way to find and lock a row, e.g. with its relations.
func (t Table[M]) WithLoad(load func(ctx context.Context, tx bun.Tx, a *access.Actor, id uuid.UUID) (M, error)) Table[M] {
	t.load = load
	return t
}

// allow refuses a non-admin before anything else when only admins change the table.
func (t Table[M]) allow(a *access.Actor) error {
	if t.admin {
		return a.RequireAdmin()
	}
	return nil
}

// Insert adds m in the actor's tenant and reads back what the database sets (ID, times); before, when not nil,
// runs first in the same transaction (the input's checks, a position at the end).
func (t Table[M]) Insert(ctx context.Context, a *access.Actor, m M, before func(ctx context.Context, tx bun.Tx) error) error {
	if err := t.allow(a); err != nil {
		return err
	}
	return db.InTenant(ctx, t.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
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

// Change finds and locks the row id, refuses it unless it is still at version, and runs change on it, in one
// tenant transaction: every update and delete of a setting, so that no stale change is written.
func (t Table[M]) Change(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, change func(ctx context.Context, tx bun.Tx, m M) error) (M, error) {
	var m M
	if err := t.allow(a); err != nil {
		return m, err
	}
	err := db.InTenant(ctx, t.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if m, err = t.load(ctx, tx, a, id); err != nil {
			return err
		}
		if err := httpx.CheckVersion(m.ETag(), version); err != nil {
			return err
		}
		return change(ctx, tx, m)
	})
	return m, err
}

// Delete removes the row id at version once inUse (which refuses a row still needed, with a conflict; nil: none
// is) lets it.
func (t Table[M]) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, inUse func(ctx context.Context, tx bun.Tx, m M) error) error {
	_, err := t.Change(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, m M) error {
		if inUse != nil {
			if err := inUse(ctx, tx, m); err != nil {
				return err
			}
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
