// Package unit manages the sales hierarchy: a tree of units per tenant (e.g. Vertriebsleitung > Außendienst Nord).
package unit

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/setting"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Unit is a row of units.
type Unit struct {
	bun.BaseModel `bun:"table:units,alias:un"`
	db.Row

	ParentID *uuid.UUID `bun:"parent_id,type:uuid"`
	Name     string     `bun:"name"`
}

// API converts to the wire type.
func (u *Unit) API() api.Unit {
	out := api.Unit{ID: u.ID.String(), Name: u.Name, Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
	if u.ParentID != nil {
		p := u.ParentID.String()
		out.ParentID = &p
	}
	return out
}

// Service manages units.
type Service struct {
	db    *bun.DB
	units setting.Table[*Unit]
}

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{db: db, units: setting.ForAdmins[Unit](db)} }

// List returns the tenant's whole tree, parents before children.
func (s *Service) List(ctx context.Context, a *access.Actor) ([]*Unit, error) {
	var units []*Unit
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewRaw(`WITH RECURSIVE tree AS (
				SELECT un.*, 0 AS depth, ARRAY[un.name] AS path FROM units AS un WHERE un.parent_id IS NULL
				UNION ALL
				SELECT c.*, t.depth + 1, t.path || c.name FROM units AS c JOIN tree AS t ON c.parent_id = t.id)
			SELECT id, tenant_id, parent_id, name, version, created_at, updated_at FROM tree ORDER BY path COLLATE "de-x-icu"`).Scan(ctx, &units)
	})
	return units, err
}

// Get returns one unit.
func (s *Service) Get(ctx context.Context, a *access.Actor, id uuid.UUID) (*Unit, error) {
	return setting.Get[Unit](ctx, s.db, a, id)
}

// Load reads one row inside the caller's tenant transaction, optionally locking it for an update.
func Load(ctx context.Context, tx bun.IDB, id uuid.UUID, u *Unit, lock bool) error {
	return setting.Load(ctx, tx, u, id, lock)
}

// parentField checks that a parent exists in the tenant.
func parentField(ctx context.Context, tx bun.IDB, v *httpx.Validation, raw string) uuid.UUID {
	return validate.Ref(ctx, tx, v, "parentId", "units", raw)
}

// Create adds a unit below an existing one. There is exactly one root per tenant, made when the tenant is.
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.UnitCreate) (*Unit, error) {
	u := &Unit{Row: db.NewRow(a.TenantID)}
	return u, s.units.Insert(ctx, a, u, func(ctx context.Context, tx bun.Tx) error {
		var v httpx.Validation
		u.Name = validate.Name(&v, "name", in.Name, 200)
		parent := parentField(ctx, tx, &v, in.ParentID)
		u.ParentID = &parent
		return v.Err()
	})
}

// Update renames or moves a unit. Moving a unit below itself or its own descendants is refused.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.UnitPatch) (*Unit, error) {
	return s.units.Change(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, u *Unit) error {
		var v httpx.Validation
		if in.Name != nil {
			u.Name = validate.Name(&v, "name", *in.Name, 200)
		}
		if in.ParentID != nil {
			if u.ParentID == nil {
				v.Field("parentId", api.FieldInvalid) // the root stays the root
			} else if parent := parentField(ctx, tx, &v, *in.ParentID); parent != uuid.Nil {
				var cycle bool
				if err := tx.NewRaw(`WITH RECURSIVE below AS (
						SELECT id FROM units WHERE id = ? UNION ALL
						SELECT c.id FROM units AS c JOIN below AS b ON c.parent_id = b.id)
					SELECT EXISTS (SELECT 1 FROM below WHERE id = ?)`, id, parent).Scan(ctx, &cycle); err != nil {
					return fmt.Errorf("unit: cycle check: %w", err)
				}
				if cycle {
					v.Field("parentId", api.FieldCycle)
				}
				u.ParentID = &parent
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		return setting.Write(ctx, tx, u, "name", "parent_id")
	})
}

// Delete removes an empty unit: one without users and without units below it.
func (s *Service) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	return s.units.Delete(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, u *Unit) error {
		if u.ParentID == nil {
			return httpx.Conflict("the root unit cannot be deleted", "id", api.FieldInUse)
		}
		var users, children int
		if err := tx.NewRaw("SELECT (SELECT count(*) FROM users WHERE unit_id = ?), (SELECT count(*) FROM units WHERE parent_id = ?)",
			id, id).Scan(ctx, &users, &children); err != nil {
			return fmt.Errorf("unit: delete %s: %w", id, err)
		}
		if users > 0 || children > 0 {
			return httpx.Conflict("the unit still has users or units below it", "id", api.FieldInUse)
		}
		return nil
	})
}
