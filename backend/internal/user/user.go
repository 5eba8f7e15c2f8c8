// Package user manages the users of a tenant: created, changed and deactivated by admins; listed for everyone
// (so that records can be assigned to colleagues).
package user

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/backend/internal/setting"
	"github.com/1sales/app/backend/internal/tenant"
	"github.com/1sales/app/backend/internal/unit"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// User is a row of users, without the password hash: the service may write it but never read it back (see
// db.Migrate), so it is set with its own column value.
type User struct {
	bun.BaseModel `bun:"table:users,alias:us"`
	db.Row

	Email  string    `bun:"email"`
	Name   string    `bun:"name"`
	UnitID uuid.UUID `bun:"unit_id,type:uuid"`
	RoleID uuid.UUID `bun:"role_id,type:uuid"`
	Active bool      `bun:"active"`
}

// API converts to the wire type.
func (u *User) API() api.User {
	return api.User{ID: u.ID.String(), Email: u.Email, Name: u.Name, UnitID: u.UnitID.String(), RoleID: u.RoleID.String(),
		Active: u.Active, Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

// Service manages users.
type Service struct {
	db     *bun.DB
	hasher *auth.Hasher
	users  setting.Table[*User]
}

// NewService builds the service; hasher hashes the passwords admins set.
func NewService(db *bun.DB, hasher *auth.Hasher) *Service {
	return &Service{db: db, hasher: hasher, users: setting.ForAdmins[User](db)}
}

// returned are the columns an insert or update reads back into a User.
const returned = "id, tenant_id, email, name, unit_id, role_id, active, version, created_at, updated_at"

// Me describes the user (for /me and for the answer to a sign-in) inside a tenant transaction.
func Me(ctx context.Context, tx bun.IDB, tenantID, userID uuid.UUID) (api.Me, error) {
	var u User
	if err := setting.Load(ctx, tx, &u, userID, false); err != nil {
		return api.Me{}, err
	}
	t, err := tenant.Load(ctx, tx, tenantID)
	if err != nil {
		return api.Me{}, err
	}
	var r role.Role
	if err := role.Load(ctx, tx, u.RoleID, &r, false); err != nil {
		return api.Me{}, err
	}
	var un unit.Unit
	if err := unit.Load(ctx, tx, u.UnitID, &un, false); err != nil {
		return api.Me{}, err
	}
	// The default scope follows from the role alone (the unit tree does not change it).
	scopes := access.NewActor(tenantID, userID, uuid.Nil, u.UnitID, u.RoleID, nil, r.IsAdmin, r.Grants)
	return api.Me{User: u.API(), Tenant: t.API(), Role: r.API(), Unit: un.API(), DefaultScope: scopes.DefaultScope()}, nil
}

// List returns the tenant's users by name.
func (s *Service) List(ctx context.Context, a *access.Actor) ([]*User, error) {
	return setting.List[User](ctx, s.db, a, func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.OrderExpr(`us.name COLLATE "de-x-icu", us.id`)
	})
}

// Get returns one user.
func (s *Service) Get(ctx context.Context, a *access.Actor, id uuid.UUID) (*User, error) {
	return setting.Get[User](ctx, s.db, a, id)
}

// emailTaken answers a second row with the same email as a conflict.
var emailTaken = setting.Taken("users_email_idx", "a user with this e-mail address exists", "email")

// Create adds a user (admins only).
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.UserCreate) (*User, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	u := New(a.TenantID)
	var v httpx.Validation
	u.Email, u.Name = CheckIdentity(&v, in.Email, in.Name)
	auth.ValidatePassword(&v, "password", in.Password)
	// Hashed before the transaction, which then holds no connection while the hash waits for a slot.
	var hash string
	if v.Err() == nil {
		var err error
		if hash, err = s.hasher.Hash(ctx, in.Password); err != nil {
			return nil, err
		}
	}
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		return Add(ctx, tx, &v, u, in.UnitID, in.RoleID, hash)
	})
	return u, err
}

// New is a new active user of a tenant, to fill and Add.
func New(tenantID uuid.UUID) *User { return &User{Row: db.NewRow(tenantID), Active: true} }

// MaxName is the longest name of a user, in characters.
const MaxName = 200

// CheckIdentity checks a new user's e-mail address and name (fields email and name) and returns them trimmed: an
// admin's new user and an invitation alike.
func CheckIdentity(v *httpx.Validation, rawEmail, rawName string) (email, name string) {
	if strings.TrimSpace(rawEmail) == "" {
		v.Field("email", api.FieldRequired)
	} else if email = validate.Email(rawEmail); email == "" {
		v.Field("email", api.FieldInvalid)
	}
	return email, validate.Name(v, "name", rawName, MaxName)
}

// Add inserts u, whose e-mail and name are checked, into the unit and role named by unitID and roleID (fields
// unitId and roleId), with the hash of its password, in the caller's tenant transaction. An admin's new user and
// an accepted invitation are added through it; an e-mail address that has an account answers 409 (field email).
func Add(ctx context.Context, tx bun.Tx, v *httpx.Validation, u *User, unitID, roleID, hash string) error {
	u.UnitID = validate.Ref(ctx, tx, v, "unitId", "units", unitID)
	u.RoleID = validate.Ref(ctx, tx, v, "roleId", "roles", roleID)
	if err := v.Err(); err != nil {
		return err
	}
	_, err := tx.NewInsert().Model(u).Value("password_hash", "?", hash).Returning(returned).Exec(ctx)
	return emailTaken(err)
}

// Update changes a user (admins only). Deactivating a user, or setting a new password for them, ends all their
// sessions at once.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.UserPatch) (*User, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	// A new password is hashed before the transaction, which then holds no connection while the hash waits for
	// a slot; its problem, if any, is reported with the other fields'.
	var hash string
	var passwordProblem api.FieldCode
	if in.Password != nil {
		if passwordProblem = auth.PasswordProblem(*in.Password); passwordProblem == "" {
			var err error
			if hash, err = s.hasher.Hash(ctx, *in.Password); err != nil {
				return nil, err
			}
		}
	}
	return s.users.Change(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, u *User) error {
		var v httpx.Validation
		endSessions := ""
		if in.Name != nil {
			u.Name = validate.Name(&v, "name", *in.Name, MaxName)
		}
		if in.UnitID != nil {
			u.UnitID = validate.Ref(ctx, tx, &v, "unitId", "units", *in.UnitID)
		}
		if in.RoleID != nil {
			u.RoleID = validate.Ref(ctx, tx, &v, "roleId", "roles", *in.RoleID)
		}
		if in.Active != nil {
			if !*in.Active && u.ID == a.UserID {
				v.Field("active", api.FieldInvalid) // admins cannot lock themselves out
			}
			if u.Active && !*in.Active {
				endSessions = "deactivated"
			}
			u.Active = *in.Active
		}
		if passwordProblem != "" {
			v.Field("password", passwordProblem)
		}
		if err := v.Err(); err != nil {
			return err
		}
		q := tx.NewUpdate().Model(u).Column("name", "unit_id", "role_id", "active").
			Set("version = version + 1").Set("updated_at = now()")
		if hash != "" {
			q = q.Set("password_hash = ?", hash)
			if u.ID != a.UserID {
				endSessions = "password_reset"
			}
		}
		if _, err := q.WherePK().Returning(returned).Exec(ctx); err != nil {
			return fmt.Errorf("user: update %s: %w", id, err)
		}
		if endSessions != "" {
			return auth.RevokeUserSessions(ctx, tx, u.ID, uuid.Nil, endSessions)
		}
		return nil
	})
}

// MeHandler handles GET /api/v1/me.
func (s *Service) MeHandler(w http.ResponseWriter, r *http.Request) error {
	return rest.Answer(func(ctx context.Context, a *access.Actor) (api.Me, error) {
		return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (api.Me, error) {
			return Me(ctx, tx, a.TenantID, a.UserID)
		})
	}).Handler(w, r)
}
