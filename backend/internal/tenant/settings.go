package tenant

import (
	"context"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// LoadSettings reads the tenant's settings in the caller's tenant transaction; a tenant that never saved any has
// the defaults (German, no support address, version 0).
func LoadSettings(ctx context.Context, tx bun.IDB, id uuid.UUID) (api.TenantSettings, error) {
	s := api.TenantSettings{Language: api.LanguageDE, TwoFactorPolicy: api.TwoFactorOff}
	var row struct {
		Language     api.Language        `bun:"language"`
		SupportEmail *string             `bun:"support_email"`
		Policy       api.TwoFactorPolicy `bun:"two_factor_policy"`
		Version      int64               `bun:"version"`
	}
	err := tx.NewRaw("SELECT language, support_email, two_factor_policy, version FROM tenant_settings WHERE tenant_id = ?", id).Scan(ctx, &row)
	switch {
	case db.IsNoRows(err):
		return s, nil
	case err != nil:
		return s, fmt.Errorf("tenant: settings of %s: %w", id, err)
	}
	s.Language, s.TwoFactorPolicy, s.Version = row.Language, row.Policy, row.Version
	if row.SupportEmail != nil {
		s.SupportEmail = *row.SupportEmail
	}
	return s, nil
}

// Settings answers GET /api/v1/tenant/settings.
func (h *Handler) Settings(ctx context.Context, a *access.Actor) (api.TenantSettings, error) {
	return db.InTenantValue(ctx, h.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (api.TenantSettings, error) {
		return LoadSettings(ctx, tx, a.TenantID)
	})
}

// SetSettings answers PUT /api/v1/tenant/settings (admins): it replaces the settings after checking them (the
// language one of api.AllLanguages, the support address a plain e-mail address or "", the two-factor policy one
// of api.AllTwoFactorPolicies or "" to keep it).
func (h *Handler) SetSettings(ctx context.Context, a *access.Actor, in api.TenantSettingsInput) (api.TenantSettings, error) {
	if err := a.RequireAdmin(); err != nil {
		return api.TenantSettings{}, err
	}
	var v httpx.Validation
	if !slices.Contains(api.AllLanguages, in.Language) {
		v.Field("language", api.FieldInvalid)
	}
	var support *string
	if e := validate.Text(&v, "supportEmail", in.SupportEmail, 254); e != "" {
		if validate.Email(e) != e {
			v.Field("supportEmail", api.FieldInvalid)
		}
		support = &e
	}
	// The two-factor policy: "" keeps the current one.
	var policy *api.TwoFactorPolicy
	if in.TwoFactorPolicy != "" {
		if !slices.Contains(api.AllTwoFactorPolicies, in.TwoFactorPolicy) {
			v.Field("twoFactorPolicy", api.FieldInvalid)
		}
		policy = &in.TwoFactorPolicy
	}
	if err := v.Err(); err != nil {
		return api.TenantSettings{}, err
	}
	return db.InTenantValue(ctx, h.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (api.TenantSettings, error) {
		_, err := tx.NewRaw(`INSERT INTO tenant_settings (tenant_id, language, support_email, two_factor_policy)
			VALUES (?, ?, ?, coalesce(?, 'off'))
			ON CONFLICT (tenant_id) DO UPDATE SET language = EXCLUDED.language, support_email = EXCLUDED.support_email,
				two_factor_policy = coalesce(?, tenant_settings.two_factor_policy),
				version = tenant_settings.version + 1, updated_at = now()`, a.TenantID, in.Language, support, policy, policy).Exec(ctx)
		if err != nil {
			return api.TenantSettings{}, fmt.Errorf("tenant: save settings: %w", err)
		}
		return LoadSettings(ctx, tx, a.TenantID)
	})
}
