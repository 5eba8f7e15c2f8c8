// Package auth signs users in and out, rotates refresh tokens, throttles failed sign-ins and turns an access
// token into the request's access.Actor.
package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/shared/api"
)

// MeFunc describes a user for the answer to a sign-in; the user package provides it.
type MeFunc func(ctx context.Context, tx bun.IDB, tenantID, userID uuid.UUID) (api.Me, error)

// Options configure the service.
type Options struct {
	Secret     []byte
	AccessTTL  time.Duration
	SessionTTL time.Duration
	// Throttle settings; zero values take the defaults: a 15 min window, 5 attempts per account and address, 30
	// per address. The per-account delay is fixed in the database (see throttle).
	ThrottleWindow            time.Duration
	ThrottlePerAccountAddress int
	ThrottlePerAddress        int
	// PasswordAllowed, when set, is asked in the tenant's transaction after a correct password whether the user
	// may sign in with a password at all (single sign-on may forbid it); its error is the answer.
	PasswordAllowed func(ctx context.Context, tx bun.IDB, userID uuid.UUID) error
	// Box seals the TOTP secrets stored in the database (nil: enrolment fails, secretbox.ErrNoKey).
	Box *secretbox.Box
}

// Service is the authentication service.
type Service struct {
	db         *bun.DB
	tokens     tokenIssuer
	sessionTTL time.Duration
	throttle   throttle
	hasher     *Hasher
	me         MeFunc
	allowed    func(ctx context.Context, tx bun.IDB, userID uuid.UUID) error
	box        *secretbox.Box
}

// NewService builds the service; hasher runs its password checks and hashes (shared with the user service).
func NewService(bdb *bun.DB, me MeFunc, hasher *Hasher, o Options) *Service {
	if o.ThrottleWindow == 0 {
		o.ThrottleWindow = 15 * time.Minute
	}
	if o.ThrottlePerAccountAddress == 0 {
		o.ThrottlePerAccountAddress = 5
	}
	if o.ThrottlePerAddress == 0 {
		o.ThrottlePerAddress = 30
	}
	return &Service{
		db:         bdb,
		tokens:     tokenIssuer{secret: o.Secret, ttl: o.AccessTTL},
		sessionTTL: o.SessionTTL,
		throttle: throttle{db: bdb, window: o.ThrottleWindow, perPair: o.ThrottlePerAccountAddress,
			perAddress: o.ThrottlePerAddress},
		hasher:  hasher,
		me:      me,
		allowed: o.PasswordAllowed,
		box:     o.Box,
	}
}

var (
	errInvalidCredentials = httpx.NewError(http.StatusUnauthorized, api.CodeInvalidCredentials, "e-mail or password is wrong")
	errTokenInvalid       = httpx.NewError(http.StatusUnauthorized, api.CodeTokenInvalid, "refresh token is invalid or expired")
	errTokenReused        = httpx.NewError(http.StatusUnauthorized, api.CodeTokenReused, "refresh token was used before; the session has ended")
)

// Client describes where a request comes from.
type Client struct{ Addr, UserAgent string }

// ClientOf reads the client's address (httpx.PeerOf: the direct peer, or what trusted proxies in front of the
// server recorded) and user agent. Sign-ins are throttled by this address.
func ClientOf(r *http.Request) Client {
	ua := r.UserAgent()
	if len(ua) > 300 {
		ua = ua[:300]
	}
	return Client{Addr: httpx.PeerOf(r).Addr, UserAgent: ua}
}

// Login checks e-mail and password and opens a session.
func (s *Service) Login(ctx context.Context, in api.LoginRequest, c Client) (api.Session, error) {
	var v httpx.Validation
	if email := strings.TrimSpace(in.Email); email == "" {
		v.Field("email", api.FieldRequired)
	} else if utf8.RuneCountInString(email) > 254 {
		v.Field("email", api.FieldTooLong)
	}
	if in.Password == "" {
		v.Field("password", api.FieldRequired)
	} else if len(in.Password) > MaxPasswordLength {
		v.Field("password", api.FieldTooLong)
	}
	if err := v.Err(); err != nil {
		return api.Session{}, err
	}
	userID, tenantID, err := s.checkPassword(ctx, in.Email, in.Password, c.Addr)
	if err != nil {
		return api.Session{}, err
	}
	return db.InTenantValue(ctx, s.db, tenantID, func(ctx context.Context, tx bun.Tx) (api.Session, error) {
		if s.allowed != nil {
			if err := s.allowed(ctx, tx, userID); err != nil {
				return api.Session{}, err
			}
		}
		// A user with TOTP, or one the tenant's policy requires to have it, gets a challenge for the next step
		// instead of a session (totp.go).
		kind, err := signInStep(ctx, tx, tenantID, userID)
		if err != nil {
			return api.Session{}, err
		}
		if kind != "" {
			var out api.Session
			out.Challenge, err = newChallenge(ctx, tx, tenantID, userID, kind)
			return out, err
		}
		return s.IssueSession(ctx, tx, tenantID, userID, c)
	})
}

// IssueSession opens a session for a user who has proved who they are (a password, single sign-on) in the
// caller's tenant transaction, and answers its first token pair.
func (s *Service) IssueSession(ctx context.Context, tx bun.Tx, tenantID, userID uuid.UUID, c Client) (api.Session, error) {
	sessionID := uuid.New()
	if _, err := tx.NewRaw(`INSERT INTO sessions (id, tenant_id, user_id, expires_at, user_agent, remote_addr)
		VALUES (?, ?, ?, ?, ?, ?)`, sessionID, tenantID, userID, time.Now().Add(s.sessionTTL),
		c.UserAgent, c.Addr).Exec(ctx); err != nil {
		return api.Session{}, fmt.Errorf("auth: create session: %w", err)
	}
	return s.issue(ctx, tx, tenantID, userID, sessionID)
}

// checkPassword counts a sign-in attempt for the e-mail and address, then checks the password in a hash slot.
// It answers 429 auth.throttled when the attempt is refused, 503 auth.busy when no slot frees up in time, and
// errInvalidCredentials for a wrong password, an unknown e-mail and an inactive user alike (all three take one
// argon2id computation, so the time tells them apart no better than the answer).
func (s *Service) checkPassword(ctx context.Context, email, password, addr string) (userID, tenantID uuid.UUID, err error) {
	a, err := s.throttle.begin(ctx, strings.TrimSpace(email), addr)
	if err != nil {
		return uuid.Nil, uuid.Nil, err
	}
	key, err := s.hasher.derive(ctx, password, a.params, a.keyLen)
	if err != nil {
		// Nothing was compared: the attempt does not count. Should taking it back fail, it stays counted, which
		// is the safe side.
		_ = s.throttle.abandon(context.WithoutCancel(ctx), a)
		return uuid.Nil, uuid.Nil, err
	}
	userID, tenantID, ok, err := s.throttle.finish(ctx, a, key)
	if err != nil {
		return uuid.Nil, uuid.Nil, err
	}
	if !ok {
		return uuid.Nil, uuid.Nil, errInvalidCredentials
	}
	return userID, tenantID, nil
}

// issue makes a new refresh token in the session and a new access token.
func (s *Service) issue(ctx context.Context, tx bun.Tx, tenantID, userID, sessionID uuid.UUID) (api.Session, error) {
	refresh, hash, err := newRefreshToken()
	if err != nil {
		return api.Session{}, err
	}
	if _, err := tx.NewRaw("INSERT INTO refresh_tokens (token_hash, tenant_id, session_id) VALUES (?, ?, ?)",
		hash, tenantID, sessionID).Exec(ctx); err != nil {
		return api.Session{}, fmt.Errorf("auth: store refresh token: %w", err)
	}
	access, exp, err := s.tokens.issue(tenantID, userID, sessionID, time.Now())
	if err != nil {
		return api.Session{}, err
	}
	me, err := s.me(ctx, tx, tenantID, userID)
	if err != nil {
		return api.Session{}, err
	}
	return api.Session{AccessToken: access, AccessExpiresAt: exp, RefreshToken: refresh, Me: me}, nil
}

// Refresh spends a refresh token and returns a new pair. Presenting a spent token means it was stolen or
// replayed: the whole session (every token of the chain) is revoked. The session's last use, last address (its
// remote_addr stays the sign-in's, which the throttle's exemption reads) and user agent (the desktop's version may have changed) are recorded here, once per refresh rather than per request.
// A refresh never asks for the second factor: the session was opened with it.
func (s *Service) Refresh(ctx context.Context, in api.RefreshRequest, c Client) (api.Session, error) {
	if in.RefreshToken == "" || len(in.RefreshToken) > 200 {
		return api.Session{}, errTokenInvalid
	}
	hash := hashToken(in.RefreshToken)
	var tenantID uuid.UUID
	if err := s.db.NewRaw("SELECT auth_refresh_token_tenant(?)", hash).Scan(ctx, &tenantID); err != nil || tenantID == uuid.Nil {
		if err != nil && !db.IsNoRows(err) && !isNullScan(err) {
			return api.Session{}, fmt.Errorf("auth: refresh: %w", err)
		}
		return api.Session{}, errTokenInvalid
	}
	var out api.Session
	reused := false
	err := db.InTenant(ctx, s.db, tenantID, func(ctx context.Context, tx bun.Tx) error {
		var row struct {
			SessionID uuid.UUID  `bun:"session_id"`
			UserID    uuid.UUID  `bun:"user_id"`
			UsedAt    *time.Time `bun:"used_at"`
			Revoked   bool       `bun:"revoked"`
			Expired   bool       `bun:"expired"`
			Active    bool       `bun:"active"`
		}
		err := tx.NewRaw(`SELECT rt.session_id, s.user_id, rt.used_at, s.revoked_at IS NOT NULL AS revoked,
				s.expires_at < now() AS expired, u.active
			FROM refresh_tokens AS rt JOIN sessions AS s ON s.id = rt.session_id JOIN users AS u ON u.id = s.user_id
			WHERE rt.token_hash = ? FOR UPDATE OF rt, s`, hash).Scan(ctx, &row)
		if db.IsNoRows(err) {
			return errTokenInvalid
		}
		if err != nil {
			return fmt.Errorf("auth: refresh: %w", err)
		}
		if row.UsedAt != nil {
			reused = true
			return revokeSession(ctx, tx, row.SessionID, "refresh_token_reused")
		}
		if row.Revoked || row.Expired || !row.Active {
			return errTokenInvalid
		}
		if _, err := tx.NewRaw("UPDATE refresh_tokens SET used_at = now() WHERE token_hash = ?", hash).Exec(ctx); err != nil {
			return fmt.Errorf("auth: spend refresh token: %w", err)
		}
		if _, err := tx.NewRaw("UPDATE sessions SET last_used_at = now(), last_addr = ?, user_agent = ? WHERE id = ?",
			c.Addr, c.UserAgent, row.SessionID).Exec(ctx); err != nil {
			return fmt.Errorf("auth: touch session: %w", err)
		}
		out, err = s.issue(ctx, tx, tenantID, row.UserID, row.SessionID)
		return err
	})
	if err == nil && reused {
		return api.Session{}, errTokenReused // the revocation is committed
	}
	return out, err
}

func isNullScan(err error) bool {
	return err != nil && strings.Contains(err.Error(), "converting NULL")
}

// Logout ends the session of a refresh token. It answers the same whether or not the token was valid.
func (s *Service) Logout(ctx context.Context, in api.LogoutRequest) error {
	if in.RefreshToken == "" || len(in.RefreshToken) > 200 {
		return nil
	}
	hash := hashToken(in.RefreshToken)
	var tenantID uuid.UUID
	if err := s.db.NewRaw("SELECT auth_refresh_token_tenant(?)", hash).Scan(ctx, &tenantID); err != nil || tenantID == uuid.Nil {
		return nil
	}
	return db.InTenant(ctx, s.db, tenantID, func(ctx context.Context, tx bun.Tx) error {
		var sessionID uuid.UUID
		if err := tx.NewRaw("SELECT session_id FROM refresh_tokens WHERE token_hash = ?", hash).Scan(ctx, &sessionID); err != nil {
			return nil
		}
		return revokeSession(ctx, tx, sessionID, "logout")
	})
}

func revokeSession(ctx context.Context, tx bun.IDB, sessionID uuid.UUID, reason string) error {
	_, err := tx.NewRaw("UPDATE sessions SET revoked_at = now(), revoke_reason = ? WHERE id = ? AND revoked_at IS NULL",
		reason, sessionID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("auth: revoke session: %w", err)
	}
	return nil
}

// RevokeUserSessions ends every session of a user except keep (uuid.Nil keeps none), inside the caller's
// tenant transaction. Access tokens die with their session on the next request.
func RevokeUserSessions(ctx context.Context, tx bun.IDB, userID, keep uuid.UUID, reason string) error {
	_, err := tx.NewRaw("UPDATE sessions SET revoked_at = now(), revoke_reason = ? WHERE user_id = ? AND id <> ? AND revoked_at IS NULL",
		reason, userID, keep).Exec(ctx)
	if err != nil {
		return fmt.Errorf("auth: revoke sessions of %s: %w", userID, err)
	}
	return nil
}

// Authenticate turns a bearer token into the actor, as Require does, for a request that keeps no transaction open
// while it runs (the event stream).
func (s *Service) Authenticate(ctx context.Context, bearer string) (*access.Actor, error) {
	id, err := s.tokens.parse(bearer)
	if err != nil {
		return nil, httpx.ErrUnauthenticated
	}
	_, req, a, err := s.begin(ctx, id)
	if err != nil {
		return nil, err
	}
	req.End()
	return a, nil
}

// begin begins the request transaction of a bearer token (db.BeginRequest): its first statement checks that the
// session is the user's, neither revoked nor expired, and the user active, and reads the tenant's configuration
// version; the actor is this instance's copy made at that version, or is loaded in that transaction. So a role,
// unit or deactivation applies on the next request on every instance, and a request whose actor is known costs one
// statement before its work.
func (s *Service) begin(ctx context.Context, id identity) (context.Context, *db.Request, *access.Actor, error) {
	ctx, req, err := db.BeginRequest(ctx, s.db, id.tenantID, id.userID,
		"auth_session_version(?, ?, ?)", id.tenantID, id.userID, id.sessionID)
	if errors.Is(err, db.ErrRefused) {
		return ctx, nil, nil, httpx.ErrUnauthenticated
	}
	if err != nil {
		return ctx, nil, nil, err
	}
	a, err := actors.Get(ctx, id.sessionID, func() (*access.Actor, error) {
		var rows []actorRow
		if err := actorQuery(req.Tx()).Where("u.id = ?", id.userID).Scan(ctx, &rows); err != nil {
			return nil, fmt.Errorf("auth: load actor: %w", err)
		}
		if len(rows) == 0 {
			return nil, httpx.ErrUnauthenticated
		}
		return rows[0].actor(id.tenantID, id.sessionID)
	})
	if err != nil {
		req.End()
		return ctx, nil, nil, err
	}
	return ctx, req, a, nil
}

// actors are the actors of the sessions this instance served, by session (see begin).
var actors = db.NewTenantCache[uuid.UUID, *access.Actor](10_000)

// Actors loads the actors of the active users among userIDs in the caller's tenant transaction, as Authenticate
// does for a request (without a session): for work done on a user's behalf, such as deciding who may be told of
// a change. Inactive and unknown users are missing from the map.
func Actors(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, userIDs []uuid.UUID) (map[uuid.UUID]*access.Actor, error) {
	out := make(map[uuid.UUID]*access.Actor, len(userIDs))
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []actorRow
	if err := actorQuery(tx).Where("u.id IN (?)", bun.In(userIDs)).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("auth: load actors: %w", err)
	}
	for _, r := range rows {
		a, err := r.actor(tenantID, uuid.Nil)
		if err != nil {
			return nil, err
		}
		out[r.UserID] = a
	}
	return out, nil
}

// actorRow is what an actor is made of: the user's unit and role, the role's grants and the unit tree (the user's
// unit and every unit below it).
type actorRow struct {
	UserID   uuid.UUID       `bun:"user_id"`
	UnitID   uuid.UUID       `bun:"unit_id"`
	RoleID   uuid.UUID       `bun:"role_id"`
	IsAdmin  bool            `bun:"is_admin"`
	Grants   json.RawMessage `bun:"grants"`
	UnitTree []uuid.UUID     `bun:"unit_tree,array"`
}

// actorQuery selects actorRows of the active users (alias u).
func actorQuery(tx bun.IDB) *bun.SelectQuery {
	return tx.NewSelect().TableExpr("users AS u").
		ColumnExpr("u.id AS user_id, u.unit_id, u.role_id, r.is_admin, r.grants").
		ColumnExpr(`ARRAY(WITH RECURSIVE tree AS (
				SELECT id FROM units WHERE id = u.unit_id
				UNION ALL SELECT c.id FROM units AS c JOIN tree AS t ON c.parent_id = t.id)
			SELECT id FROM tree) AS unit_tree`).
		Join("JOIN roles AS r ON r.id = u.role_id").
		Where("u.active")
}

func (r actorRow) actor(tenantID, sessionID uuid.UUID) (*access.Actor, error) {
	var grants []api.Grant
	if err := json.Unmarshal(r.Grants, &grants); err != nil {
		return nil, fmt.Errorf("auth: grants of role %s: %w", r.RoleID, err)
	}
	return access.NewActor(tenantID, r.UserID, sessionID, r.UnitID, r.RoleID, r.UnitTree, r.IsAdmin, grants), nil
}

// Bearer returns the request's bearer token ("" without one).
func Bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	const prefix = "Bearer "
	if len(h) <= len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return ""
	}
	return strings.TrimSpace(h[len(prefix):])
}

// Require wraps a handler so that it runs only for a signed-in user, with the actor in the context, in the
// request transaction begun for the check (see begin), which the handler's first InTenant takes over.
func (s *Service) Require(next httpx.HandlerFunc) httpx.HandlerFunc { return s.require(next, false) }

// RequireStreaming is Require for a handler that streams (an upload, a download, an export, the event stream): it
// reads its own body, and the check's transaction ends before it runs, so that it holds none while it streams; its
// InTenants begin their own.
func (s *Service) RequireStreaming(next httpx.HandlerFunc) httpx.HandlerFunc {
	return s.require(next, true)
}

func (s *Service) require(next httpx.HandlerFunc, streaming bool) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		bearer := Bearer(r)
		if bearer == "" {
			return httpx.ErrUnauthenticated
		}
		id, err := s.tokens.parse(bearer)
		if err != nil {
			return httpx.ErrUnauthenticated
		}
		// The body is read before the transaction begins: a client that sends slowly holds no connection of the
		// pool meanwhile. (It is bounded by the body limit; a streaming handler reads its own, see RequireStreaming.)
		if !streaming && r.Body != nil && r.Body != http.NoBody {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				return err
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		ctx, req, a, err := s.begin(r.Context(), id)
		if err != nil {
			return err
		}
		defer req.End()
		if streaming {
			req.End()
		}
		return next(w, r.WithContext(access.WithActor(ctx, a)))
	}
}

// ChangePassword changes the actor's own password after checking the current one, and ends their other sessions.
// The current password is checked like a sign-in from c's address: counted and throttled alike.
func (s *Service) ChangePassword(ctx context.Context, a *access.Actor, in api.PasswordChange, c Client) error {
	var v httpx.Validation
	if in.CurrentPassword == "" {
		v.Field("currentPassword", api.FieldRequired)
	} else if len(in.CurrentPassword) > MaxPasswordLength {
		v.Field("currentPassword", api.FieldWrongPassword)
	}
	ValidatePassword(&v, "newPassword", in.NewPassword)
	if err := v.Err(); err != nil {
		return err
	}
	var email string
	if err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewRaw("SELECT email FROM users WHERE id = ?", a.UserID).Scan(ctx, &email)
	}); err != nil {
		return fmt.Errorf("auth: change password: %w", err)
	}
	userID, _, err := s.checkPassword(ctx, email, in.CurrentPassword, c.Addr)
	if errors.Is(err, errInvalidCredentials) || (err == nil && userID != a.UserID) {
		return httpx.FieldError("currentPassword", api.FieldWrongPassword)
	}
	if err != nil {
		return err
	}
	newHash, err := s.hasher.Hash(ctx, in.NewPassword)
	if err != nil {
		return err
	}
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw("UPDATE users SET password_hash = ?, version = version + 1, updated_at = now() WHERE id = ?",
			newHash, a.UserID).Exec(ctx); err != nil {
			return fmt.Errorf("auth: change password: %w", err)
		}
		return RevokeUserSessions(ctx, tx, a.UserID, a.SessionID, "password_changed")
	})
}

// Handler serves the auth routes.
type Handler struct{ svc *Service }

// NewHandler builds the handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Login handles POST /api/v1/auth/login.
func (h *Handler) Login(w http.ResponseWriter, r *http.Request) error {
	var in api.LoginRequest
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	out, err := h.svc.Login(r.Context(), in, ClientOf(r))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return httpx.JSON(w, http.StatusOK, out)
}

// Refresh handles POST /api/v1/auth/refresh.
func (h *Handler) Refresh(w http.ResponseWriter, r *http.Request) error {
	var in api.RefreshRequest
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	out, err := h.svc.Refresh(r.Context(), in, ClientOf(r))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return httpx.JSON(w, http.StatusOK, out)
}

// Logout handles POST /api/v1/auth/logout.
func (h *Handler) Logout(w http.ResponseWriter, r *http.Request) error {
	var in api.LogoutRequest
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	if err := h.svc.Logout(r.Context(), in); err != nil {
		return err
	}
	return httpx.NoContent(w)
}

// ChangePassword handles POST /api/v1/me/password.
func (h *Handler) ChangePassword(w http.ResponseWriter, r *http.Request) error {
	a, err := access.FromRequest(r)
	if err != nil {
		return err
	}
	var in api.PasswordChange
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	if err := h.svc.ChangePassword(r.Context(), a, in, ClientOf(r)); err != nil {
		return err
	}
	return httpx.NoContent(w)
}
