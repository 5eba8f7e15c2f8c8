// Package role manages roles: named permission matrices (record type x action -> scope) plus the admin right.
package role

import (
	"context"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/setting"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Role is a row of roles.
type Role struct {
	bun.BaseModel `bun:"table:roles,alias:ro"`
	db.Row

	Name    string      `bun:"name"`
	IsAdmin bool        `bun:"is_admin"`
	Grants  []api.Grant `bun:"grants,type:jsonb"`
}

// API converts to the wire type.
func (r *Role) API() api.Role {
	g := r.Grants
	if g == nil {
		g = []api.Grant{}
	}
	return api.Role{ID: r.ID.String(), Name: r.Name, IsAdmin: r.IsAdmin, Grants: g, Version: r.Version,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// Matrix builds a full grant matrix where scopeFor decides each cell.
func Matrix(scopeFor func(api.RecordType, api.Action) api.Scope) []api.Grant {
	var out []api.Grant
	for _, rt := range api.AllRecordTypes {
		for _, ac := range api.AllActions {
			if s := scopeFor(rt, ac); s != api.ScopeNone {
				out = append(out, api.Grant{RecordType: rt, Action: ac, Scope: s})
			}
		}
	}
	return out
}

// Defaults are the roles every new tenant starts with.
func Defaults() []Role {
	all := func(api.RecordType, api.Action) api.Scope { return api.ScopeAll }
	return []Role{
		{Name: "Administrator", IsAdmin: true, Grants: Matrix(all)},
		{Name: "Vertriebsleitung", Grants: Matrix(func(api.RecordType, api.Action) api.Scope { return api.ScopeUnit })},
		{Name: "Außendienst", Grants: Matrix(func(api.RecordType, api.Action) api.Scope { return api.ScopeOwn })},
		{Name: "Innendienst", Grants: Matrix(func(rt api.RecordType, _ api.Action) api.Scope {
			if rt == api.RecordLead {
				return api.ScopeAll
			}
			return api.ScopeOwn
		})},
	}
}

// Service manages roles.
type Service struct {
	db    *bun.DB
	roles setting.Table[*Role]
}

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{db: db, roles: setting.ForAdmins[Role](db)} }

// List returns the tenant's roles by name.
func (s *Service) List(ctx context.Context, a *access.Actor) ([]*Role, error) {
	return setting.List[Role](ctx, s.db, a, func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.OrderExpr(`ro.name COLLATE "de-x-icu", ro.id`)
	})
}

// Get returns one role.
func (s *Service) Get(ctx context.Context, a *access.Actor, id uuid.UUID) (*Role, error) {
	return setting.Get[Role](ctx, s.db, a, id)
}

// Load reads one row inside the caller's tenant transaction, optionally locking it for an update.
func Load(ctx context.Context, tx bun.IDB, id uuid.UUID, r *Role, lock bool) error {
	return setting.Load(ctx, tx, r, id, lock)
}

func check(v *httpx.Validation, name string, grants []api.Grant) (string, []api.Grant) {
	name = validate.Name(v, "name", name, 100)
	seen := map[[2]string]bool{}
	out := make([]api.Grant, 0, len(grants))
	for i, g := range grants {
		field := fmt.Sprintf("grants[%d]", i)
		switch {
		case !slices.Contains(api.AllRecordTypes, g.RecordType):
			v.Field(field+".recordType", api.FieldInvalid)
		case !slices.Contains(api.AllActions, g.Action):
			v.Field(field+".action", api.FieldInvalid)
		case !slices.Contains(api.AllScopes, g.Scope):
			v.Field(field+".scope", api.FieldInvalid)
		case seen[[2]string{string(g.RecordType), string(g.Action)}]:
			v.Field(field, api.FieldInvalid) // one cell, one scope
		default:
			seen[[2]string{string(g.RecordType), string(g.Action)}] = true
			if g.Scope != api.ScopeNone {
				out = append(out, g)
			}
		}
	}
	return name, out
}

// nameTaken answers a second row with the same name as a conflict.
var nameTaken = setting.Taken("roles_name_idx", "a role with this name exists", "name")

// Create adds a role.
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.RoleCreate) (*Role, error) {
	r := &Role{Row: db.NewRow(a.TenantID), IsAdmin: in.IsAdmin}
	return r, nameTaken(s.roles.Insert(ctx, a, r, func(context.Context, bun.Tx) error {
		var v httpx.Validation
		r.Name, r.Grants = check(&v, in.Name, in.Grants)
		return v.Err()
	}))
}

// Update changes a role; users holding it get the new rights on their next request.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.RolePatch) (*Role, error) {
	return s.roles.Change(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, r *Role) error {
		name, grants := r.Name, r.Grants
		if in.Name != nil {
			name = *in.Name
		}
		if in.Grants != nil {
			grants = *in.Grants
		}
		var v httpx.Validation
		r.Name, r.Grants = check(&v, name, grants)
		if in.IsAdmin != nil {
			// An admin cannot take the admin right from their own role: someone must be able to undo it.
			if !*in.IsAdmin && r.ID == a.RoleID {
				v.Field("isAdmin", api.FieldInvalid)
			}
			r.IsAdmin = *in.IsAdmin
		}
		if err := v.Err(); err != nil {
			return err
		}
		return nameTaken(setting.Write(ctx, tx, r, "name", "is_admin", "grants"))
	})
}

// Delete removes a role no user holds.
func (s *Service) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	return s.roles.Delete(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, _ *Role) error {
		n, err := tx.NewSelect().Table("users").Where("role_id = ?", id).Count(ctx)
		if err != nil {
			return fmt.Errorf("role: delete %s: %w", id, err)
		}
		if n > 0 {
			return httpx.Conflict("users still hold this role", "id", api.FieldInUse)
		}
		return nil
	})
}
