package oidc

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// RedirectURI is what an admin registers at the provider: the desktop listens on the loopback interface at a
// port of its choosing, which providers following RFC 8252 accept for any port.
const RedirectURI = "http://127.0.0.1"

// config is a tenant's provider as stored.
type config struct {
	Enabled          bool      `bun:"enabled"`
	Issuer           string    `bun:"issuer"`
	ClientID         string    `bun:"client_id"`
	ClientSecret     *string   `bun:"client_secret"`
	DefaultUnitID    uuid.UUID `bun:"default_unit_id"`
	DefaultRoleID    uuid.UUID `bun:"default_role_id"`
	PasswordDisabled bool      `bun:"password_disabled"`
	Version          int64     `bun:"version"`
	Domains          []string  `bun:"domains,array"`
}

func (c config) secret() string {
	if c.ClientSecret == nil {
		return ""
	}
	return *c.ClientSecret
}

// loadConfig reads the tenant's provider in its transaction; ok is false when none was saved.
func loadConfig(ctx context.Context, tx bun.IDB, tenantID uuid.UUID) (c config, ok bool, err error) {
	err = tx.NewRaw(`SELECT c.enabled, c.issuer, c.client_id, c.client_secret, c.default_unit_id, c.default_role_id,
			c.password_disabled, c.version,
			ARRAY(SELECT d.domain FROM oidc_domains AS d WHERE d.tenant_id = c.tenant_id ORDER BY d.domain) AS domains
		FROM oidc_configs AS c WHERE c.tenant_id = ?`, tenantID).Scan(ctx, &c)
	switch {
	case db.IsNoRows(err):
		return config{}, false, nil
	case err != nil:
		return config{}, false, fmt.Errorf("oidc: config of %s: %w", tenantID, err)
	}
	return c, true, nil
}

func (c config) api() api.SSOSettings {
	return api.SSOSettings{Configured: true, Enabled: c.Enabled, Issuer: c.Issuer, ClientID: c.ClientID,
		ClientSecretSet: c.ClientSecret != nil, Domains: c.Domains, DefaultUnitID: c.DefaultUnitID.String(),
		DefaultRoleID: c.DefaultRoleID.String(), PasswordDisabled: c.PasswordDisabled, RedirectURI: RedirectURI,
		Version: c.Version}
}

// Settings answers GET /api/v1/tenant/sso (admins).
func (s *Service) Settings(ctx context.Context, a *access.Actor) (api.SSOSettings, error) {
	if err := a.RequireAdmin(); err != nil {
		return api.SSOSettings{}, err
	}
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (api.SSOSettings, error) {
		c, ok, err := loadConfig(ctx, tx, a.TenantID)
		if err != nil || !ok {
			return api.SSOSettings{Domains: []string{}, RedirectURI: RedirectURI}, err
		}
		return c.api(), nil
	})
}

// domainPattern is a DNS name of two labels or more, in lower case (the table checks the same).
var domainPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$`)

// SetSettings answers PUT /api/v1/tenant/sso (admins): it checks the settings, fetches the provider's discovery
// document when single sign-on is enabled (an issuer that does not answer as one is refused on the field issuer)
// and replaces what was saved.
func (s *Service) SetSettings(ctx context.Context, a *access.Actor, in api.SSOSettingsInput) (api.SSOSettings, error) {
	if err := a.RequireAdmin(); err != nil {
		return api.SSOSettings{}, err
	}
	var v httpx.Validation
	issuer := validate.Text(&v, "issuer", in.Issuer, api.SSOIssuerMax)
	if issuer == "" {
		v.Field("issuer", api.FieldRequired)
	} else if code := issuerProblem(issuer); code != "" {
		v.Field("issuer", code)
	}
	clientID := validate.Name(&v, "clientId", in.ClientID, api.SSOClientIDMax)
	if in.ClientSecret != nil && len(*in.ClientSecret) > api.SSOClientSecretMax {
		v.Field("clientSecret", api.FieldTooLong)
	}
	domains := make([]string, 0, len(in.Domains))
	switch {
	case len(in.Domains) == 0:
		v.Field("domains", api.FieldRequired)
	case len(in.Domains) > api.SSODomainsMax:
		v.Field("domains", api.FieldLimit)
	}
	for i, raw := range in.Domains {
		d := strings.ToLower(strings.TrimSpace(raw))
		field := fmt.Sprintf("domains[%d]", i)
		switch {
		case len(d) > 253:
			v.Field(field, api.FieldTooLong)
		case !domainPattern.MatchString(d):
			v.Field(field, api.FieldInvalid)
		case slices.Contains(domains, d):
			v.Field(field, api.FieldDuplicate)
		}
		domains = append(domains, d)
	}
	if err := v.Err(); err != nil {
		return api.SSOSettings{}, err
	}
	if in.Enabled {
		if _, err := s.discover(ctx, issuer); err != nil {
			s.log.Info("oidc: discovery refused at save", "tenant", a.TenantID, "error_kind", errorKind(err))
			v.Field("issuer", api.FieldUnreachable)
		}
	}
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (api.SSOSettings, error) {
		unitID := validate.Ref(ctx, tx, &v, "defaultUnitId", "units", in.DefaultUnitID)
		roleID := validate.Ref(ctx, tx, &v, "defaultRoleId", "roles", in.DefaultRoleID)
		if err := v.Err(); err != nil {
			return api.SSOSettings{}, err
		}
		secretSQL, secretArg := "c.client_secret", any(nil) // keep
		if in.ClientSecret != nil {
			secretSQL = "EXCLUDED.client_secret"
			if *in.ClientSecret != "" {
				sealed, err := s.o.Box.Seal(a.TenantID, secretbox.OIDCClientSecret, a.TenantID, *in.ClientSecret)
				if err != nil {
					return api.SSOSettings{}, fmt.Errorf("oidc: seal client secret: %w", err)
				}
				secretArg = sealed
			}
		}
		if _, err := tx.NewRaw(`INSERT INTO oidc_configs AS c (tenant_id, enabled, issuer, client_id, client_secret,
				default_unit_id, default_role_id, password_disabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (tenant_id) DO UPDATE SET enabled = EXCLUDED.enabled, issuer = EXCLUDED.issuer,
				client_id = EXCLUDED.client_id, client_secret = `+secretSQL+`,
				default_unit_id = EXCLUDED.default_unit_id, default_role_id = EXCLUDED.default_role_id,
				password_disabled = EXCLUDED.password_disabled, version = c.version + 1, updated_at = now()`,
			a.TenantID, in.Enabled, issuer, clientID, secretArg, unitID, roleID, in.PasswordDisabled).Exec(ctx); err != nil {
			return api.SSOSettings{}, fmt.Errorf("oidc: save config: %w", err)
		}
		if _, err := tx.NewRaw("DELETE FROM oidc_domains WHERE tenant_id = ? AND NOT (domain IN (?))",
			a.TenantID, bun.In(domains)).Exec(ctx); err != nil {
			return api.SSOSettings{}, fmt.Errorf("oidc: save domains: %w", err)
		}
		for i, d := range domains {
			// DO NOTHING skips a domain another company uses without reading its row (row-level security hides
			// it); the tenant's own rows then tell whether it was already this company's.
			if _, err := tx.NewRaw("INSERT INTO oidc_domains (domain, tenant_id) VALUES (?, ?) ON CONFLICT (domain) DO NOTHING",
				d, a.TenantID).Exec(ctx); err != nil {
				return api.SSOSettings{}, fmt.Errorf("oidc: save domain: %w", err)
			}
			var mine bool
			if err := tx.NewRaw("SELECT EXISTS (SELECT 1 FROM oidc_domains WHERE domain = ?)", d).Scan(ctx, &mine); err != nil {
				return api.SSOSettings{}, fmt.Errorf("oidc: check domain: %w", err)
			}
			if !mine {
				v.Field(fmt.Sprintf("domains[%d]", i), api.FieldTaken)
			}
		}
		if err := v.Err(); err != nil {
			return api.SSOSettings{}, err
		}
		c, _, err := loadConfig(ctx, tx, a.TenantID)
		return c.api(), err
	})
}

// issuerProblem says what is wrong with an issuer URL: https:// with a host and no query, fragment or user, or
// http:// to this computer only (a provider started by tests or on the admin's machine).
func issuerProblem(raw string) api.FieldCode {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" ||
		strings.ContainsAny(raw, " \t\r\n") {
		return api.FieldInvalid
	}
	switch u.Scheme {
	case "https":
		return ""
	case "http":
		if isLoopback(u.Hostname()) {
			return ""
		}
		return api.FieldInsecure
	}
	return api.FieldInvalid
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// redirectProblem checks a desktop's redirect URI: http:// to a loopback address with an explicit port (RFC
// 8252, 7.3), a path, nothing else.
func redirectProblem(raw string) api.FieldCode {
	if len(raw) > 300 {
		return api.FieldTooLong
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return api.FieldInvalid
	}
	ip := net.ParseIP(u.Hostname())
	if ip == nil || !ip.IsLoopback() || u.Port() == "" {
		return api.FieldInvalid
	}
	return ""
}

// PasswordAllowed is auth's check after a correct password (auth.Options.PasswordAllowed): a user whose e-mail
// domain signs in through the tenant's enabled provider with password sign-in disabled is refused with 403
// auth.password_disabled.
func PasswordAllowed(ctx context.Context, tx bun.IDB, userID uuid.UUID) error {
	var disabled bool
	if err := tx.NewRaw(`SELECT EXISTS (SELECT 1 FROM users AS u
			JOIN oidc_domains AS d ON d.domain = lower(split_part(u.email, '@', 2))
			JOIN oidc_configs AS c ON c.tenant_id = d.tenant_id
			WHERE u.id = ? AND c.enabled AND c.password_disabled)`, userID).Scan(ctx, &disabled); err != nil {
		return fmt.Errorf("oidc: password policy: %w", err)
	}
	if disabled {
		return errPasswordDisabled
	}
	return nil
}

var errPasswordDisabled = httpx.NewError(http.StatusForbidden, api.CodePasswordDisabled,
	"your company signs you in through single sign-on; password sign-in is disabled")
