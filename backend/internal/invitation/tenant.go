package invitation

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/user"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// MaxCompanyName is the longest name of a company, in characters.
const MaxCompanyName = 200

// adminRole is the default role a new company's first admin gets (role.Defaults).
const adminRole = "Administrator"

// CreateTenant creates a customer company (its root unit named after it, the default roles and activity types,
// its language) and invites its first admin, all in one transaction of the new tenant, on pool: the service's
// (the operator API) or the schema owner's (`onesales-server create-tenant -invite`). Links start with base.
func (s *Service) CreateTenant(ctx context.Context, pool bun.IDB, in api.OperatorTenantCreate, base string) (api.OperatorTenant, error) {
	var v httpx.Validation
	name := validate.Name(&v, "name", in.Name, MaxCompanyName)
	if !slices.Contains(api.AllPlans, in.Plan) {
		v.Field("plan", api.FieldInvalid)
	}
	lang := in.Language
	if lang == "" {
		lang = api.LanguageDE
	} else if !slices.Contains(api.AllLanguages, lang) {
		v.Field("language", api.FieldInvalid)
	}
	var email, adminName string
	{
		var iv httpx.Validation
		email, adminName = user.CheckIdentity(&iv, in.AdminEmail, in.AdminName)
		for field, code := range iv.Fields() {
			v.Field("admin"+strings.ToUpper(field[:1])+field[1:], code) // adminEmail, adminName
		}
	}
	if err := v.Err(); err != nil {
		return api.OperatorTenant{}, err
	}
	tenantID := uuid.New()
	var out api.OperatorTenant
	err := db.InTenant(ctx, pool, tenantID, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "SELECT tenant_create(?, ?, ?)", tenantID, name, in.Plan); err != nil {
			return fmt.Errorf("invitation: create tenant: %w", err)
		}
		p, err := seed.Setup(ctx, tx, tenantID, seed.TenantSpec{Name: name, Plan: in.Plan, Units: []seed.UnitSpec{{Name: name}}})
		if err != nil {
			return err
		}
		if _, err := tx.NewRaw("INSERT INTO tenant_settings (tenant_id, language) VALUES (?, ?)", tenantID, lang).Exec(ctx); err != nil {
			return fmt.Errorf("invitation: create tenant: settings: %w", err)
		}
		roleID, ok := p.Roles[adminRole]
		if !ok {
			return fmt.Errorf("invitation: create tenant: no default role %q", adminRole)
		}
		inv, err := s.create(ctx, tx, tenantID, draft{email: email, name: adminName, unitID: p.Units[name], roleID: roleID}, base)
		if err != nil {
			return err
		}
		out = api.OperatorTenant{TenantID: tenantID.String(), InvitationID: inv.ID.String()}
		return nil
	})
	if err != nil {
		return api.OperatorTenant{}, err
	}
	s.o.Queued()
	s.o.Log.InfoContext(ctx, "tenant created by the operator", "tenantId", out.TenantID, "invitationId", out.InvitationID)
	return out, nil
}

// RequireOperator wraps the operator's routes: with no operator token configured they do not exist (404, as an
// unknown path), and they take only that bearer token (401 otherwise).
func RequireOperator(token string, next httpx.HandlerFunc) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if token == "" {
			return httpx.ErrNotFound
		}
		got := auth.Bearer(r)
		if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			return httpx.ErrUnauthenticated
		}
		return next(w, r)
	}
}

// OperatorHandler handles POST /api/v1/operator/tenants (behind RequireOperator).
func (s *Service) OperatorHandler(w http.ResponseWriter, r *http.Request) error {
	var in api.OperatorTenantCreate
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	out, err := s.CreateTenant(r.Context(), s.db, in, s.base(r.Context()))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusCreated, out)
}
