package record

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/schema"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/shared/api"
)

// Columns adds a kind's select list to a query of its model (its table under the kind's alias): the row and what
// it shows of other rows (the owner's name, linked records as the actor may see them), in tx for the actor.
type Columns func(tx bun.IDB, a *access.Actor, q *bun.SelectQuery) *bun.SelectQuery

// Store is the skeleton every record kind's service is built on: the kind, how its rows are selected, and the
// reads and the trash that are the same for every kind (load, get, delete, restore, and their handlers). M is the
// kind's model (*person.Person), W its wire type (api.Person). A kind's package configures one (a package variable,
// like its list spec), its service embeds it bound to the pool (On) and adds what is its own (create, update,
// links, boards); its list runs through listquery.Query with the same Columns.
type Store[M rest.Model[W], W any] struct {
	kind     Kind
	columns  Columns
	complete func(ctx context.Context, tx bun.IDB, a *access.Actor, rows []M) error
	db       *bun.DB
}

// NewStore configures the store of the kind of rt: columns selects a row; complete, when not nil, adds to loaded
// rows what one statement does not load (a person's memberships), naming only what the actor may see.
func NewStore[M rest.Model[W], W any](rt api.RecordType, columns Columns,
	complete func(ctx context.Context, tx bun.IDB, a *access.Actor, rows []M) error) Store[M, W] {
	return Store[M, W]{kind: MustKind(rt), columns: columns, complete: complete}
}

// On is the store bound to a pool, for the methods that open their own transaction (Get, Delete, Restore);
// Load and Complete run in the caller's.
func (s Store[M, W]) On(db *bun.DB) Store[M, W] {
	s.db = db
	return s
}

// Kind is the store's record kind.
func (s Store[M, W]) Kind() Kind { return s.kind }

// DB is the pool the store is bound to.
func (s Store[M, W]) DB() *bun.DB { return s.db }

// Columns gives the select list for tx and the actor (for listquery).
func (s Store[M, W]) Columns(tx bun.IDB, a *access.Actor) func(*bun.SelectQuery) *bun.SelectQuery {
	return func(q *bun.SelectQuery) *bun.SelectQuery { return s.columns(tx, a, q) }
}

// Complete adds to loaded rows what the select list does not hold.
func (s Store[M, W]) Complete(ctx context.Context, tx bun.IDB, a *access.Actor, rows []M) error {
	if s.complete == nil || len(rows) == 0 {
		return nil
	}
	return s.complete(ctx, tx, a, rows)
}

// Load reads a live record the actor may perform action on, in the caller's tenant transaction (lock: FOR UPDATE);
// any other record is 404.
func (s Store[M, W]) Load(ctx context.Context, tx bun.IDB, a *access.Actor, id uuid.UUID, action api.Action, lock bool) (M, error) {
	var rows []M
	q := s.one(tx, a, &rows, id, action)
	if lock {
		q = q.For("UPDATE OF ?", bun.Ident(s.kind.Alias))
	}
	m, err := s.scanOne(ctx, q, &rows, id)
	if err == nil {
		err = s.Complete(ctx, tx, a, rows)
	}
	if err != nil {
		var zero M
		return zero, err
	}
	return m, nil
}

// one selects into rows the live record id if the actor may perform action on it.
func (s Store[M, W]) one(tx bun.IDB, a *access.Actor, rows *[]M, id uuid.UUID, action api.Action) *bun.SelectQuery {
	k, alias := s.kind, bun.Ident(s.kind.Alias)
	q := s.columns(tx, a, tx.NewSelect().Model(rows)).Where("?.id = ?", alias, id).Where("?.deleted_at IS NULL", alias)
	a.Restrict(q.QueryBuilder(), k.Type, action, k.OwnerColumn())
	return q
}

// scanOne runs q, the select of one record into rows, and returns the record (none: 404).
func (s Store[M, W]) scanOne(ctx context.Context, q *bun.SelectQuery, rows *[]M, id uuid.UUID) (M, error) {
	var zero M
	if err := q.Scan(ctx); err != nil {
		return zero, fmt.Errorf("%s: get %s: %w", s.kind.Type, id, err)
	}
	if len(*rows) == 0 {
		return zero, httpx.ErrNotFound
	}
	return (*rows)[0], nil
}

// Get returns one live record the actor may see.
func (s Store[M, W]) Get(ctx context.Context, a *access.Actor, id uuid.UUID) (M, error) {
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (M, error) {
		return s.Load(ctx, tx, a, id, api.ActionView, false)
	})
}

// Delete moves a record the actor may delete to the trash (Trash).
func (s Store[M, W]) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		return Trash(ctx, tx, a, s.kind, id, version)
	})
}

// Restore brings a record back from the trash (Restore) and returns it.
func (s Store[M, W]) Restore(ctx context.Context, a *access.Actor, id uuid.UUID) (M, error) {
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (M, error) {
		if err := Restore(ctx, tx, a, s.kind, id); err != nil {
			var zero M
			return zero, err
		}
		return s.Load(ctx, tx, a, id, api.ActionView, false)
	})
}

// Update changes a live record the actor may edit at version, with its history entry, in one transaction: it
// loads the record, and change applies the input to it (the kind's fields, custom fields, owner; its validation
// errors end the update) and gives the history's changes. None: nothing is written (no new version, no entry).
// Otherwise the row is written (every column but its identity, times and trash) with a new version.
//
// The round trips are the fewest the design allows (issue 19): the row comes with the kind's custom field
// definitions (FieldDefinitions, which change validates against), and the UPDATE with its history entry (a CTE).
// The row is read without a lock: the UPDATE takes it only if the version is still the one read (the row lock of a
// concurrent writer is waited for), which is what the lock protected; the values the change was computed from, and
// the history's old values, are then the row's. Had it changed meanwhile, a second look tells what the locked read
// would have answered: 404 if it is no longer a live record the actor may edit, else 412.
func (s Store[M, W]) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64,
	change func(ctx context.Context, tx bun.Tx, m M) ([]api.FieldChange, error)) (M, error) {
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (M, error) {
		var zero M
		var rows []M
		q := s.one(tx, a, &rows, id, api.ActionEdit).ColumnExpr("? AS field_defs", FieldDefinitions(s.kind.Type))
		m, err := s.scanOne(ctx, q, &rows, id)
		if err != nil {
			return zero, err
		}
		if err := httpx.CheckVersion(m.ETag(), version); err != nil {
			return zero, err
		}
		if err := s.Complete(ctx, tx, a, rows); err != nil {
			return zero, err
		}
		changes, err := change(ctx, tx, m)
		if err != nil || len(changes) == 0 {
			return m, err
		}
		entry, err := history.Insert(ctx, tx, a, s.kind.Type, id, api.HistoryUpdated, changes, "written")
		if err != nil {
			return zero, err
		}
		alias := bun.Ident(s.kind.Alias)
		write := tx.NewUpdate().Model(m).ExcludeColumn("id", "tenant_id", "created_at", "deleted_at", "deleted_by", "version", "updated_at").
			Set("version = version + 1").Set("updated_at = now()").WherePK().Where("?.version = ?", alias, version).
			Returning("version, updated_at")
		err = tx.NewSelect().Model(m).With("written", write).With("entry", entry).ModelTableExpr("written AS ?", alias).
			Column("version", "updated_at").Scan(ctx)
		switch {
		case db.IsNoRows(err):
			if _, err := Check(ctx, tx, a, s.kind, id, api.ActionEdit); err != nil {
				return zero, err
			}
			return zero, httpx.ErrVersionMismatch
		case err != nil:
			return zero, fmt.Errorf("%s: update %s: %w", s.kind.Type, id, err)
		}
		return m, nil
	})
}

// FieldDefinitions is the subquery of the custom field definitions of a record type, as JSON (the rows of
// custom_fields, in the fields' order), which customfield reads (customfield.Load, and customfield.Of of a row that
// Store.Update loaded with them).
func FieldDefinitions(rt api.RecordType) schema.QueryWithArgs {
	return bun.SafeQuery(`(SELECT coalesce(json_agg(cf ORDER BY cf.position, cf.created_at, cf.id), '[]')
		FROM custom_fields AS cf WHERE cf.record_type = ?)`, rt)
}

// GetHandler handles GET /api/v1/<kind>/{<param>}.
func (s Store[M, W]) GetHandler() rest.Endpoint { return rest.Get(s.kind.Param(), s.Get) }

// DeleteHandler handles DELETE /api/v1/<kind>/{<param>}.
func (s Store[M, W]) DeleteHandler() rest.Endpoint { return rest.Delete(s.kind.Param(), s.Delete) }

// RestoreHandler handles POST /api/v1/<kind>/{<param>}/restore.
func (s Store[M, W]) RestoreHandler() rest.Endpoint {
	return rest.Action(s.kind.Param(), s.Restore)
}
