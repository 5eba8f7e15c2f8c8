// Package oidc signs users in through their company's OpenID Connect provider (Microsoft Entra ID, Google
// Workspace or any standard provider): per tenant settings, and the authorization code flow with PKCE that the
// desktop runs through the system browser and a loopback redirect (RFC 8252). What a sign-in needs between its
// begin and its finish (state, nonce, PKCE verifier) is kept in the database, so any instance finishes it.
package oidc

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	gooidc "github.com/coreos/go-oidc/v3/oidc"
	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"golang.org/x/oauth2"

	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Service runs single sign-on.
type Service struct {
	db       *bun.DB
	log      *slog.Logger
	sessions *auth.Service
	hasher   *auth.Hasher
	client   *http.Client
	o        Options
}

// Options configure the service.
type Options struct {
	// Box seals the client secrets stored in the database (nil: saving a secret fails, secretbox.ErrNoKey).
	Box *secretbox.Box
	// Window and PerAddress throttle POST /api/v1/auth/oidc/begin: at most PerAddress begun sign-ins per client
	// address within Window (defaults: 15 minutes, 60); then 429 with Retry-After.
	Window     time.Duration
	PerAddress int
}

// NewService builds the service: sessions opens the session of a signed-in user, hasher hashes the random
// password of an account created at its first sign-in (nobody knows it; the column wants a hash).
func NewService(bdb *bun.DB, log *slog.Logger, sessions *auth.Service, hasher *auth.Hasher, o Options) *Service {
	if o.Window == 0 {
		o.Window = 15 * time.Minute
	}
	if o.PerAddress == 0 {
		o.PerAddress = 60
	}
	return &Service{db: bdb, log: log, sessions: sessions, hasher: hasher,
		client: &http.Client{Timeout: 10 * time.Second}, o: o}
}

// throttle counts a begun sign-in for the client's address: a 429 with Retry-After over the limit.
func (s *Service) throttle(ctx context.Context, addr string) error {
	var row struct {
		Allowed    bool `bun:"allowed"`
		RetryAfter int  `bun:"retry_after"`
	}
	if err := s.db.NewRaw("SELECT * FROM oidc_begin_request(?, make_interval(secs => ?), ?)", addr, s.o.Window.Seconds(),
		s.o.PerAddress).Scan(ctx, &row); err != nil {
		return fmt.Errorf("oidc: throttle: %w", err)
	}
	if !row.Allowed {
		e := httpx.NewError(http.StatusTooManyRequests, api.CodeRateLimited, "too many single sign-ons begun; try again later")
		e.Header = http.Header{"Retry-After": {strconv.Itoa(max(1, row.RetryAfter))}}
		return e
	}
	return nil
}

var errFailed = httpx.NewError(http.StatusUnauthorized, api.CodeSSOFailed, "single sign-on did not succeed")

// refuse logs why a sign-in was refused (a fixed word, never the token or an address) and answers errFailed.
func (s *Service) refuse(tenantID uuid.UUID, reason string, err error) error {
	s.log.Info("oidc: sign-in refused", "tenant", tenantID, "reason", reason, "error_kind", errorKind(err))
	return errFailed
}

// errorKind is the type of an error, for logs that must not quote a provider's answer or a claim.
func errorKind(err error) string {
	if err == nil {
		return ""
	}
	return fmt.Sprintf("%T", err)
}

// discover fetches the issuer's discovery document; go-oidc checks that it names the same issuer.
func (s *Service) discover(ctx context.Context, issuer string) (*gooidc.Provider, error) {
	return gooidc.NewProvider(gooidc.ClientContext(ctx, s.client), issuer)
}

func oauthConfig(c config, p *gooidc.Provider, redirectURI string) oauth2.Config {
	return oauth2.Config{ClientID: c.ClientID, ClientSecret: c.secret(), Endpoint: p.Endpoint(),
		RedirectURL: redirectURI, Scopes: []string{gooidc.ScopeOpenID, "email", "profile"}}
}

func random(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hash(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// domainOf returns the lower-case domain of an address ("" without one).
func domainOf(email string) string {
	at := strings.LastIndexByte(email, '@')
	if at < 0 {
		return ""
	}
	return strings.ToLower(email[at+1:])
}

// Begin answers POST /api/v1/auth/oidc/begin: the authorization URL of the provider that serves the address's
// domain, with a new state, nonce and PKCE challenge, which are kept for api.SSOLoginMinutes. Well-formed
// requests are throttled per client address (Options.PerAddress), whether or not the domain has a provider.
func (s *Service) Begin(ctx context.Context, in api.SSOBeginRequest, client auth.Client) (api.SSOBegin, error) {
	var v httpx.Validation
	email := validate.Text(&v, "email", in.Email, 254)
	if email == "" {
		v.Field("email", api.FieldRequired)
	} else if validate.Email(email) == "" {
		v.Field("email", api.FieldInvalid)
	}
	if in.RedirectURI == "" {
		v.Field("redirectUri", api.FieldRequired)
	} else if code := redirectProblem(in.RedirectURI); code != "" {
		v.Field("redirectUri", code)
	}
	if err := v.Err(); err != nil {
		return api.SSOBegin{}, err
	}
	if err := s.throttle(ctx, client.Addr); err != nil {
		return api.SSOBegin{}, err
	}
	var found uuid.NullUUID
	if err := s.db.NewRaw("SELECT oidc_domain_tenant(?)", domainOf(email)).Scan(ctx, &found); err != nil {
		return api.SSOBegin{}, fmt.Errorf("oidc: domain: %w", err)
	}
	if !found.Valid {
		return api.SSOBegin{}, httpx.FieldError("email", api.FieldNoSSO)
	}
	tenantID := found.UUID
	c, ok, err := s.config(ctx, tenantID)
	if err != nil {
		return api.SSOBegin{}, err
	}
	if !ok {
		return api.SSOBegin{}, httpx.FieldError("email", api.FieldNoSSO)
	}
	p, err := s.discover(ctx, c.Issuer)
	if err != nil {
		s.log.Warn("oidc: discovery failed", "tenant", tenantID, "error_kind", errorKind(err))
		return api.SSOBegin{}, httpx.NewError(http.StatusServiceUnavailable, api.CodeUnavailable,
			"the company's identity provider does not answer")
	}
	state, nonce, verifier := random(32), random(32), oauth2.GenerateVerifier()
	if err := db.InTenant(ctx, s.db, tenantID, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewRaw(`INSERT INTO oidc_logins (state_hash, tenant_id, nonce, verifier, redirect_uri, expires_at)
			VALUES (?, ?, ?, ?, ?, now() + make_interval(mins => ?))`,
			hash(state), tenantID, nonce, verifier, in.RedirectURI, api.SSOLoginMinutes).Exec(ctx)
		return err
	}); err != nil {
		return api.SSOBegin{}, fmt.Errorf("oidc: store login: %w", err)
	}
	oc := oauthConfig(c, p, in.RedirectURI)
	return api.SSOBegin{AuthURL: oc.AuthCodeURL(state, gooidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier),
		oauth2.SetAuthURLParam("login_hint", email))}, nil
}

// login is a begun sign-in, taken from the database once.
type login struct {
	TenantID    uuid.UUID `bun:"tenant_id"`
	Nonce       string    `bun:"nonce"`
	Verifier    string    `bun:"verifier"`
	RedirectURI string    `bun:"redirect_uri"`
}

// claims are what the ID token says of the user.
type claims struct {
	Email         string `json:"email"`
	EmailVerified *bool  `json:"email_verified"`
	Name          string `json:"name"`
}

// Finish answers POST /api/v1/auth/oidc/finish: it takes the login of the state (once), exchanges the code with
// the PKCE verifier, verifies the ID token (signature through the provider's keys, issuer, audience, expiry and
// the nonce), matches the user by e-mail within the tenant or creates them with the default unit and role, and
// opens a session.
func (s *Service) Finish(ctx context.Context, in api.SSOFinishRequest, client auth.Client) (api.Session, error) {
	var v httpx.Validation
	if in.State == "" {
		v.Field("state", api.FieldRequired)
	} else if len(in.State) > 200 {
		v.Field("state", api.FieldTooLong)
	}
	if in.Code == "" {
		v.Field("code", api.FieldRequired)
	} else if len(in.Code) > 4000 {
		v.Field("code", api.FieldTooLong)
	}
	if err := v.Err(); err != nil {
		return api.Session{}, err
	}
	var logins []login
	if err := s.db.NewRaw("SELECT * FROM oidc_login_take(?)", hash(in.State)).Scan(ctx, &logins); err != nil {
		return api.Session{}, fmt.Errorf("oidc: take login: %w", err)
	}
	if len(logins) == 0 {
		return api.Session{}, s.refuse(uuid.Nil, "state", nil)
	}
	l := logins[0]
	c, ok, err := s.config(ctx, l.TenantID)
	if err != nil {
		return api.Session{}, err
	}
	if !ok || !c.Enabled {
		return api.Session{}, s.refuse(l.TenantID, "disabled", nil)
	}
	p, err := s.discover(ctx, c.Issuer)
	if err != nil {
		return api.Session{}, s.refuse(l.TenantID, "discovery", err)
	}
	oc := oauthConfig(c, p, l.RedirectURI)
	tok, err := oc.Exchange(gooidc.ClientContext(ctx, s.client), in.Code, oauth2.VerifierOption(l.Verifier))
	if err != nil {
		return api.Session{}, s.refuse(l.TenantID, "exchange", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return api.Session{}, s.refuse(l.TenantID, "no_id_token", nil)
	}
	idt, err := p.Verifier(&gooidc.Config{ClientID: c.ClientID}).Verify(gooidc.ClientContext(ctx, s.client), raw)
	if err != nil {
		return api.Session{}, s.refuse(l.TenantID, "id_token", err)
	}
	if idt.Nonce != l.Nonce {
		return api.Session{}, s.refuse(l.TenantID, "nonce", nil)
	}
	var cl claims
	if err := idt.Claims(&cl); err != nil {
		return api.Session{}, s.refuse(l.TenantID, "claims", err)
	}
	email := validate.Email(cl.Email)
	if email == "" || (cl.EmailVerified != nil && !*cl.EmailVerified) || !slices.Contains(c.Domains, domainOf(email)) {
		return api.Session{}, s.refuse(l.TenantID, "email", nil)
	}
	return s.signIn(ctx, l.TenantID, c, email, cl.Name, client)
}

// config reads the tenant's provider with its client secret opened.
func (s *Service) config(ctx context.Context, tenantID uuid.UUID) (config, bool, error) {
	var ok bool
	c, err := db.InTenantValue(ctx, s.db, tenantID, func(ctx context.Context, tx bun.Tx) (config, error) {
		c, found, err := loadConfig(ctx, tx, tenantID)
		ok = found
		return c, err
	})
	if err != nil || !ok || c.ClientSecret == nil {
		return c, ok, err
	}
	plain, err := s.o.Box.Open(tenantID, secretbox.OIDCClientSecret, tenantID, *c.ClientSecret)
	if err != nil {
		return config{}, false, fmt.Errorf("oidc: client secret of %s: %w", tenantID, err)
	}
	c.ClientSecret = &plain
	return c, true, nil
}

// signIn opens a session for the tenant's user with the address, created first when there is none.
func (s *Service) signIn(ctx context.Context, tenantID uuid.UUID, c config, email, name string, client auth.Client) (api.Session, error) {
	var user struct {
		ID     uuid.UUID `bun:"id"`
		Active bool      `bun:"active"`
	}
	found := true
	if err := db.InTenant(ctx, s.db, tenantID, func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewRaw("SELECT id, active FROM users WHERE lower(email) = lower(?)", email).Scan(ctx, &user)
		if db.IsNoRows(err) {
			found = false
			return nil
		}
		return err
	}); err != nil {
		return api.Session{}, fmt.Errorf("oidc: find user: %w", err)
	}
	if found && !user.Active {
		return api.Session{}, s.refuse(tenantID, "inactive", nil)
	}
	var pwHash string
	if !found {
		var err error
		// Hashed before the transaction, as the user service does: nobody knows this password.
		if pwHash, err = s.hasher.Hash(ctx, random(32)); err != nil {
			return api.Session{}, err
		}
	}
	out, err := db.InTenantValue(ctx, s.db, tenantID, func(ctx context.Context, tx bun.Tx) (api.Session, error) {
		if !found {
			if err := tx.NewRaw(`INSERT INTO users (tenant_id, email, name, password_hash, unit_id, role_id)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, tenantID, email, displayName(name, email), pwHash,
				c.DefaultUnitID, c.DefaultRoleID).Scan(ctx, &user.ID); err != nil {
				return api.Session{}, err
			}
			s.log.Info("oidc: account created at first sign-in", "tenant", tenantID, "user", user.ID)
		}
		return s.sessions.IssueSession(ctx, tx, tenantID, user.ID, client)
	})
	if db.IsUniqueViolation(err, "users_email_idx") {
		// The address has an account in another company: it may not join this one, and is not told why.
		return api.Session{}, s.refuse(tenantID, "email_elsewhere", nil)
	}
	if err != nil {
		return api.Session{}, fmt.Errorf("oidc: sign in: %w", err)
	}
	s.log.Info("oidc: signed in", "tenant", tenantID, "user", user.ID)
	return out, nil
}

// displayName is the name from the token, without control characters and at most 200 characters, or the
// address's local part.
func displayName(name, email string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return -1
		}
		return r
	}, strings.TrimSpace(name))
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "")
	}
	if name == "" {
		name = email[:strings.LastIndexByte(email, '@')]
	}
	if utf8.RuneCountInString(name) > 200 {
		name = string([]rune(name)[:200])
	}
	return name
}

// Handler serves the sign-in routes.
type Handler struct{ svc *Service }

// NewHandler builds the handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Begin handles POST /api/v1/auth/oidc/begin.
func (h *Handler) Begin(w http.ResponseWriter, r *http.Request) error {
	var in api.SSOBeginRequest
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	out, err := h.svc.Begin(r.Context(), in, auth.ClientOf(r))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return httpx.JSON(w, http.StatusOK, out)
}

// Finish handles POST /api/v1/auth/oidc/finish.
func (h *Handler) Finish(w http.ResponseWriter, r *http.Request) error {
	var in api.SSOFinishRequest
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	out, err := h.svc.Finish(r.Context(), in, auth.ClientOf(r))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return httpx.JSON(w, http.StatusOK, out)
}
