package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/linkpage"
	"github.com/1sales/app/backend/internal/mail"
	"github.com/1sales/app/backend/internal/tenant"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Links in mails (an invitation's, a password reset's) carry a random token of 32 bytes (unpadded base64url, as a
// refresh token); the database keeps only its SHA-256.

// NewLinkToken returns a new link token and the hash stored in its place.
func NewLinkToken() (string, []byte, error) { return newRefreshToken() }

// HashLinkToken is the hash a link token is stored as.
func HashLinkToken(tok string) []byte { return hashToken(tok) }

// LinkTokenOK reports whether tok has the form of a link token (its length and alphabet), before any lookup.
func LinkTokenOK(tok string) bool {
	if len(tok) != api.LinkTokenLength {
		return false
	}
	for _, r := range tok {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// The kinds of link token, as link_token_tenant names them.
const (
	LinkInvitation    = "invitation"
	LinkPasswordReset = "password_reset"
)

// LinkTenant returns the tenant of a link token of a kind (uuid.Nil: no such token), before the tenant is known.
func LinkTenant(ctx context.Context, pool bun.IDB, kind, tok string) (uuid.UUID, error) {
	var tenantID *uuid.UUID
	if err := pool.NewRaw("SELECT link_token_tenant(?, ?)", kind, HashLinkToken(tok)).Scan(ctx, &tenantID); err != nil {
		return uuid.Nil, fmt.Errorf("auth: link tenant: %w", err)
	}
	if tenantID == nil {
		return uuid.Nil, nil
	}
	return *tenantID, nil
}

// LinkLanguage is the language of the tenant of a link token ("" for a token of no tenant), for the page of a link
// that cannot be used any more: it speaks as the mail did.
func LinkLanguage(ctx context.Context, pool *bun.DB, kind, tok string) (api.Language, error) {
	if !LinkTokenOK(tok) {
		return "", nil
	}
	tenantID, err := LinkTenant(ctx, pool, kind, tok)
	if err != nil || tenantID == uuid.Nil {
		return "", err
	}
	return db.InTenantValue(ctx, pool, tenantID, func(ctx context.Context, tx bun.Tx) (api.Language, error) {
		set, err := tenant.LoadSettings(ctx, tx, tenantID)
		return set.Language, err
	})
}

// ErrLinkInvalid answers a link token that is unknown, spent, revoked or expired.
var ErrLinkInvalid = httpx.NewError(http.StatusGone, api.CodeLinkInvalid, "the link is invalid, used or expired")

// CheckLinkToken records invalid for a token of the wrong form.
func CheckLinkToken(v *httpx.Validation, tok string) {
	if tok == "" {
		v.Field("token", api.FieldRequired)
	} else if !LinkTokenOK(tok) {
		v.Field("token", api.FieldInvalid)
	}
}

// LinkURL is the address of a link page (path, e.g. "/password-reset") with its token, under base (the server's
// public address).
func LinkURL(base, path, tok string) string {
	return strings.TrimRight(base, "/") + path + "?token=" + url.QueryEscape(tok)
}

// ResetPagePath is the path of the page a password reset's link opens.
const ResetPagePath = "/password-reset"

// ResetOptions configure password resets.
type ResetOptions struct {
	// PublicURL is the server's address as the user's browser reaches it; the mail's link starts with it. Without
	// it no reset mail is sent (a link taken from the request's Host header could point anywhere).
	PublicURL string
	// Window, PerEmail and PerAddress throttle the requests: at most PerEmail per e-mail address and PerAddress
	// per client address within Window (defaults: 15 minutes, 3, 30).
	Window     time.Duration
	PerEmail   int
	PerAddress int
	// MinAnswer is the least time a request's answer takes (default 400 ms), whether a mail was queued or not, so
	// that the time does not tell known addresses from unknown ones.
	MinAnswer time.Duration
	// Queued is told after a reset's mail was committed (nil: nobody).
	Queued func()
	Log    *slog.Logger
}

// Resets sends password reset links and sets the new passwords.
type Resets struct {
	db     *bun.DB
	hasher *Hasher
	o      ResetOptions
}

// NewResets builds the service; hasher runs the new passwords' hashes.
func NewResets(pool *bun.DB, hasher *Hasher, o ResetOptions) *Resets {
	if o.Window == 0 {
		o.Window = 15 * time.Minute
	}
	if o.PerEmail == 0 {
		o.PerEmail = 3
	}
	if o.PerAddress == 0 {
		o.PerAddress = 30
	}
	if o.MinAnswer == 0 {
		o.MinAnswer = 400 * time.Millisecond
	}
	if o.Queued == nil {
		o.Queued = func() {}
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return &Resets{db: pool, hasher: hasher, o: o}
}

// Request answers POST /api/v1/auth/password-reset: it queues a reset link to the address if it has an active
// account. The answer is the same, and takes about the same time, whether or not it has one; only a malformed
// address (400) or too many requests for the address or from the client (429) answer otherwise, alike for known
// and unknown addresses.
func (s *Resets) Request(ctx context.Context, in api.PasswordResetRequest, c Client) error {
	start := time.Now()
	var v httpx.Validation
	email := strings.TrimSpace(in.Email)
	switch {
	case email == "":
		v.Field("email", api.FieldRequired)
	case utf8.RuneCountInString(email) > 254:
		v.Field("email", api.FieldTooLong)
	case validate.Email(email) == "":
		v.Field("email", api.FieldInvalid)
	}
	if err := v.Err(); err != nil {
		return err
	}
	var row struct {
		Allowed    bool       `bun:"allowed"`
		RetryAfter int        `bun:"retry_after"`
		UserID     *uuid.UUID `bun:"user_id"`
		TenantID   *uuid.UUID `bun:"tenant_id"`
	}
	if err := s.db.NewRaw("SELECT * FROM auth_reset_request(?, ?, make_interval(secs => ?), ?, ?)",
		email, c.Addr, s.o.Window.Seconds(), s.o.PerEmail, s.o.PerAddress).Scan(ctx, &row); err != nil {
		return fmt.Errorf("auth: reset request: %w", err)
	}
	if !row.Allowed {
		e := httpx.NewError(http.StatusTooManyRequests, api.CodeRateLimited, "too many password reset requests; try again later")
		e.Header = http.Header{"Retry-After": {strconv.Itoa(max(1, row.RetryAfter))}}
		return e
	}
	switch {
	case row.UserID != nil && s.o.PublicURL != "":
		if err := s.send(ctx, *row.TenantID, *row.UserID); err != nil {
			return err
		}
		s.o.Log.InfoContext(ctx, "password reset queued", "tenantId", *row.TenantID, "userId", *row.UserID)
	default:
		if row.UserID != nil {
			s.o.Log.WarnContext(ctx, "password reset not sent: ONESALES_PUBLIC_URL is not set", "tenantId", *row.TenantID,
				"userId", *row.UserID)
		}
		// The work of a mail without one: render it, and touch the database as send does.
		if _, err := mail.Render(mail.TemplatePasswordReset, api.LanguageDE, map[string]any{"name": email,
			mail.LinkKey: LinkURL("https://example.invalid", ResetPagePath, strings.Repeat("x", api.LinkTokenLength)),
			"minutes":    api.PasswordResetMinutes}); err != nil {
			return err
		}
		if _, err := s.db.NewRaw("SELECT link_token_tenant(?, ?)", LinkPasswordReset, HashLinkToken(email)).Exec(ctx); err != nil {
			return fmt.Errorf("auth: reset request: %w", err)
		}
	}
	return pad(ctx, start, s.o.MinAnswer)
}

// pad waits until at least d has passed since start.
func pad(ctx context.Context, start time.Time, d time.Duration) error {
	wait := time.Until(start.Add(d))
	if wait <= 0 {
		return nil
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// send queues a reset link to a user.
func (s *Resets) send(ctx context.Context, tenantID, userID uuid.UUID) error {
	tok, hash, err := NewLinkToken()
	if err != nil {
		return err
	}
	err = db.InTenant(ctx, s.db, tenantID, func(ctx context.Context, tx bun.Tx) error {
		var u struct {
			Name  string `bun:"name"`
			Email string `bun:"email"`
		}
		if err := tx.NewRaw("SELECT name, email FROM users WHERE id = ?", userID).Scan(ctx, &u); err != nil {
			return fmt.Errorf("auth: reset: user %s: %w", userID, err)
		}
		if _, err := tx.NewRaw(`INSERT INTO password_resets (tenant_id, user_id, token_hash, expires_at)
			VALUES (?, ?, ?, now() + make_interval(mins => ?))`, tenantID, userID, hash, api.PasswordResetMinutes).Exec(ctx); err != nil {
			return fmt.Errorf("auth: reset: %w", err)
		}
		if !mail.ValidAddress(u.Email) {
			return nil // an address SMTP cannot carry (an old account's): nothing to send to
		}
		_, err := mail.Enqueue(ctx, tx, tenantID, mail.Message{Template: mail.TemplatePasswordReset, To: u.Email,
			CreatedBy: userID, Data: map[string]any{"name": u.Name, mail.LinkKey: LinkURL(s.o.PublicURL, ResetPagePath, tok),
				"minutes": api.PasswordResetMinutes}})
		return err
	})
	if err == nil {
		s.o.Queued()
	}
	return err
}

// resetRow is an open password reset with its user.
type resetRow struct {
	ID     uuid.UUID `bun:"id"`
	UserID uuid.UUID `bun:"user_id"`
	Email  string    `bun:"email"`
	Usable bool      `bun:"usable"`
}

// open finds the reset of a token in its tenant (lock: FOR UPDATE); ErrLinkInvalid when it is unknown, spent or
// expired or its user inactive.
func (s *Resets) open(ctx context.Context, tx bun.Tx, tok string, lock bool) (resetRow, error) {
	var r resetRow
	q := `SELECT r.id, r.user_id, u.email, r.used_at IS NULL AND r.expires_at > now() AND u.active AS usable
		FROM password_resets AS r JOIN users AS u ON u.id = r.user_id WHERE r.token_hash = ?`
	if lock {
		q += " FOR UPDATE OF r"
	}
	if err := tx.NewRaw(q, HashLinkToken(tok)).Scan(ctx, &r); err != nil {
		if db.IsNoRows(err) {
			return r, ErrLinkInvalid
		}
		return r, fmt.Errorf("auth: reset: %w", err)
	}
	if !r.Usable {
		return r, ErrLinkInvalid
	}
	return r, nil
}

// inTenantOf runs fn in the tenant of a password reset token; ErrLinkInvalid for a token of no reset.
func (s *Resets) inTenantOf(ctx context.Context, tok string, fn func(ctx context.Context, tx bun.Tx, tenantID uuid.UUID) error) error {
	if !LinkTokenOK(tok) {
		return ErrLinkInvalid
	}
	tenantID, err := LinkTenant(ctx, s.db, LinkPasswordReset, tok)
	if err != nil {
		return err
	}
	if tenantID == uuid.Nil {
		return ErrLinkInvalid
	}
	return db.InTenant(ctx, s.db, tenantID, func(ctx context.Context, tx bun.Tx) error { return fn(ctx, tx, tenantID) })
}

// Confirm sets the new password of a reset link (POST /api/v1/auth/password-reset/confirm and the link's page):
// the link is spent with every other open one of the user, and every session of the user ends.
func (s *Resets) Confirm(ctx context.Context, in api.LinkPassword) error {
	var v httpx.Validation
	CheckLinkToken(&v, in.Token)
	ValidatePassword(&v, "password", in.Password)
	if err := v.Err(); err != nil {
		return err
	}
	// The link is looked at before the (costly) hash, and again under a lock when the password is set.
	if err := s.inTenantOf(ctx, in.Token, func(ctx context.Context, tx bun.Tx, _ uuid.UUID) error {
		_, err := s.open(ctx, tx, in.Token, false)
		return err
	}); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(ctx, in.Password)
	if err != nil {
		return err
	}
	var done resetRow
	var tenantID uuid.UUID
	err = s.inTenantOf(ctx, in.Token, func(ctx context.Context, tx bun.Tx, tid uuid.UUID) error {
		r, err := s.open(ctx, tx, in.Token, true)
		if err != nil {
			return err
		}
		if _, err := tx.NewRaw("UPDATE users SET password_hash = ?, version = version + 1, updated_at = now() WHERE id = ?",
			hash, r.UserID).Exec(ctx); err != nil {
			return fmt.Errorf("auth: reset: set password: %w", err)
		}
		if _, err := tx.NewRaw("UPDATE password_resets SET used_at = now() WHERE user_id = ? AND used_at IS NULL",
			r.UserID).Exec(ctx); err != nil {
			return fmt.Errorf("auth: reset: spend: %w", err)
		}
		done, tenantID = r, tid
		return RevokeUserSessions(ctx, tx, r.UserID, uuid.Nil, "password_reset")
	})
	if err == nil {
		s.o.Log.InfoContext(ctx, "password reset done", "tenantId", tenantID, "userId", done.UserID)
	}
	return err
}

// peek describes a reset link for its page.
func (s *Resets) peek(ctx context.Context, tok string) (linkpage.Page, error) {
	p := linkpage.Page{Kind: linkpage.PasswordReset, Token: tok, MinLength: MinPasswordLength, State: linkpage.Invalid}
	err := s.inTenantOf(ctx, tok, func(ctx context.Context, tx bun.Tx, tenantID uuid.UUID) error {
		set, err := tenant.LoadSettings(ctx, tx, tenantID)
		if err != nil {
			return err
		}
		p.Lang = set.Language
		r, err := s.open(ctx, tx, tok, false)
		if err != nil {
			return err
		}
		p.Email, p.State = r.Email, linkpage.Form
		return nil
	})
	if errors.Is(err, ErrLinkInvalid) {
		p.Lang, err = LinkLanguage(ctx, s.db, LinkPasswordReset, tok)
	}
	return p, err
}

// ResetHandler serves the password reset routes.
type ResetHandler struct{ svc *Resets }

// NewResetHandler builds the handler.
func NewResetHandler(svc *Resets) *ResetHandler { return &ResetHandler{svc: svc} }

// Request handles POST /api/v1/auth/password-reset: 202 without a body, whether or not the address has an account.
func (h *ResetHandler) Request(w http.ResponseWriter, r *http.Request) error {
	var in api.PasswordResetRequest
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	if err := h.svc.Request(r.Context(), in, ClientOf(r)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusAccepted)
	return nil
}

// Confirm handles POST /api/v1/auth/password-reset/confirm.
func (h *ResetHandler) Confirm(w http.ResponseWriter, r *http.Request) error {
	var in api.LinkPassword
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	if err := h.svc.Confirm(r.Context(), in); err != nil {
		return err
	}
	return httpx.NoContent(w)
}

// Page handles GET and POST /password-reset (the mail's link and its form).
func (h *ResetHandler) Page(w http.ResponseWriter, r *http.Request) error {
	return linkpage.Flow{Peek: h.svc.peek, Set: func(ctx context.Context, tok, password string) error {
		return h.svc.Confirm(ctx, api.LinkPassword{Token: tok, Password: password})
	}}.Serve(w, r)
}
