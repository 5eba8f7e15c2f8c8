package auth

// The user's signed-in devices: listed with the desktop's version and operating system (from its User-Agent,
// api.DesktopUserAgent), last use (the last refresh) and the network of the last address, and signed out one by
// one, all but the current one, or (an admin) all of a user's. A revoked session fails at its next request:
// Authenticate checks the session of every access token, and its refresh token is refused.

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/shared/api"
)

// maskAddr is the network of an address shown in place of a place: /24 for IPv4, /48 for IPv6 (the server has no
// offline data that maps addresses to places). Anything else (a unix socket, an empty address) is "".
func maskAddr(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		if ap, err2 := netip.ParseAddrPort(addr); err2 == nil {
			ip = ap.Addr()
		} else {
			return ""
		}
	}
	ip = ip.Unmap()
	bits := 48
	if ip.Is4() {
		bits = 24
	}
	p, err := ip.Prefix(bits)
	if err != nil {
		return ""
	}
	return p.String()
}

// Sessions lists the signed-in user's live sessions, the most recently used first; the caller's is marked current.
func (s *Service) Sessions(ctx context.Context, a *access.Actor) (api.DeviceSessionList, error) {
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (api.DeviceSessionList, error) {
		var rows []struct {
			ID         uuid.UUID `bun:"id"`
			UserAgent  string    `bun:"user_agent"`
			Addr       string    `bun:"addr"`
			CreatedAt  time.Time `bun:"created_at"`
			LastUsedAt time.Time `bun:"last_used_at"`
		}
		if err := tx.NewRaw(`SELECT id, user_agent, coalesce(nullif(last_addr, ''), remote_addr) AS addr, created_at,
				last_used_at FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > now()
			ORDER BY last_used_at DESC, id`, a.UserID).Scan(ctx, &rows); err != nil {
			return api.DeviceSessionList{}, fmt.Errorf("auth: list sessions: %w", err)
		}
		out := api.DeviceSessionList{Items: make([]api.DeviceSession, len(rows))}
		for i, r := range rows {
			version, goos := api.ParseDesktopUserAgent(r.UserAgent)
			out.Items[i] = api.DeviceSession{ID: r.ID.String(), Current: r.ID == a.SessionID, AppVersion: version, OS: goos,
				Network: maskAddr(r.Addr), CreatedAt: r.CreatedAt, LastUsedAt: r.LastUsedAt}
		}
		return out, nil
	})
}

// EndSession signs one of the user's own sessions out (404 for another user's or one that ended already).
func (s *Service) EndSession(ctx context.Context, a *access.Actor, sessionID uuid.UUID) error {
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewRaw(`UPDATE sessions SET revoked_at = now(), revoke_reason = 'signed_out_remotely'
			WHERE id = ? AND user_id = ? AND revoked_at IS NULL`, sessionID, a.UserID).Exec(ctx)
		if err != nil {
			return fmt.Errorf("auth: end session: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return httpx.ErrNotFound
		}
		return nil
	})
}

// EndOtherSessions signs out every session of the user but the caller's.
func (s *Service) EndOtherSessions(ctx context.Context, a *access.Actor) error {
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		return RevokeUserSessions(ctx, tx, a.UserID, a.SessionID, "signed_out_remotely")
	})
}

// EndUserSessions signs out every session of a user (admins; the admin's own current session stays when they
// name themselves), recorded as a security event.
func (s *Service) EndUserSessions(ctx context.Context, a *access.Actor, userID uuid.UUID) error {
	if err := a.RequireAdmin(); err != nil {
		return err
	}
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if err := userExists(ctx, tx, userID); err != nil {
			return err
		}
		keep := uuid.Nil
		if userID == a.UserID {
			keep = a.SessionID
		}
		if err := RevokeUserSessions(ctx, tx, userID, keep, "ended_by_admin"); err != nil {
			return err
		}
		return recordEvent(ctx, tx, a.TenantID, userID, a.UserID, api.SecuritySessionsRevoked)
	})
}

// Endpoints of the second factor and the sessions, for the route table.

// SecondFactor handles POST /api/v1/auth/second-factor.
func (h *Handler) SecondFactor(w http.ResponseWriter, r *http.Request) error {
	return signInStepHandler(w, r, func(in api.SecondFactorRequest) (api.Session, error) {
		return h.svc.SecondFactor(r.Context(), in, ClientOf(r))
	})
}

// StartEnrolment handles POST /api/v1/auth/enrolment.
func (h *Handler) StartEnrolment(w http.ResponseWriter, r *http.Request) error {
	return signInStepHandler(w, r, func(in api.EnrolmentRequest) (api.TOTPEnrolment, error) {
		return h.svc.StartEnrolment(r.Context(), in)
	})
}

// ConfirmEnrolment handles POST /api/v1/auth/enrolment/confirm.
func (h *Handler) ConfirmEnrolment(w http.ResponseWriter, r *http.Request) error {
	return signInStepHandler(w, r, func(in api.EnrolmentConfirmRequest) (api.Session, error) {
		return h.svc.ConfirmEnrolment(r.Context(), in, ClientOf(r))
	})
}

// signInStepHandler decodes a step's body, runs it and answers uncached (the answers carry tokens or secrets).
func signInStepHandler[In, Out any](w http.ResponseWriter, r *http.Request, run func(In) (Out, error)) error {
	var in In
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	out, err := run(in)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return httpx.JSON(w, http.StatusOK, out)
}

// withClient is a signed-in route that needs the caller's address (the code throttle) besides its body.
func withClient[In, Out any](status int, run func(ctx context.Context, a *access.Actor, in In, c Client) (Out, error)) rest.Endpoint {
	return rest.Typed[In, Out](status, func(w http.ResponseWriter, r *http.Request) error {
		a, err := access.FromRequest(r)
		if err != nil {
			return err
		}
		var in In
		if err := httpx.Decode(r, &in); err != nil {
			return err
		}
		out, err := run(r.Context(), a, in, ClientOf(r))
		if err != nil {
			return err
		}
		w.Header().Set("Cache-Control", "no-store")
		if status == http.StatusNoContent {
			return httpx.NoContent(w)
		}
		return httpx.JSON(w, status, out)
	})
}

// ConfirmTOTPEndpoint is POST /api/v1/me/two-factor/confirm.
func (h *Handler) ConfirmTOTPEndpoint() rest.Endpoint {
	return withClient(http.StatusOK, h.svc.ConfirmTOTP)
}

// RenewRecoveryCodesEndpoint is POST /api/v1/me/two-factor/recovery-codes.
func (h *Handler) RenewRecoveryCodesEndpoint() rest.Endpoint {
	return withClient(http.StatusOK, h.svc.RenewRecoveryCodes)
}

// DisableTOTPEndpoint is POST /api/v1/me/two-factor/disable.
func (h *Handler) DisableTOTPEndpoint() rest.Endpoint {
	return withClient(http.StatusNoContent, func(ctx context.Context, a *access.Actor, in api.TOTPCode, c Client) (rest.None, error) {
		return rest.None{}, h.svc.DisableTOTP(ctx, a, in, c)
	})
}
