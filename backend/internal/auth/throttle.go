package auth

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// Throttling of sign-ins, decided in PostgreSQL (migration 20261206110000_signin_hardening describes the
// functions and the limits) so that every instance behind a load balancer counts the same attempts. An attempt is
// counted before its password is checked, as a failure until it succeeds, under a lock per account and per
// address: concurrent attempts cannot all pass. The hard limits are per account and address (5 in the window) and
// per address (30); per account over all addresses there is only a growing delay, from which the addresses the
// account signed in from lately are exempt, so nobody elsewhere can lock the owner out. A success clears the
// failures of its account and address.
type throttle struct {
	db         bun.IDB
	window     time.Duration
	perPair    int
	perAddress int
}

// attempt is an allowed sign-in attempt: its id and the parameters (with the salt) to derive the key with.
type attempt struct {
	id     int64
	params hashParams
	keyLen int
}

// begin counts an attempt for the account and address and, if the limits allow it, returns it; otherwise a
// 429 auth.throttled with Retry-After.
func (t throttle) begin(ctx context.Context, email, addr string) (attempt, error) {
	var row struct {
		AttemptID  *int64  `bun:"attempt_id"`
		RetryAfter int     `bun:"retry_after"`
		Params     *string `bun:"params"`
		KeyLen     *int    `bun:"key_len"`
	}
	if err := t.db.NewRaw("SELECT * FROM auth_signin_begin(?, ?, make_interval(secs => ?), ?, ?)",
		email, addr, t.window.Seconds(), t.perPair, t.perAddress).Scan(ctx, &row); err != nil {
		return attempt{}, fmt.Errorf("auth: throttle: %w", err)
	}
	if row.AttemptID == nil {
		e := httpx.NewError(http.StatusTooManyRequests, api.CodeThrottled, "too many sign-in attempts, try again later")
		e.Header = http.Header{"Retry-After": {strconv.Itoa(max(1, row.RetryAfter))}}
		return attempt{}, e
	}
	a := attempt{id: *row.AttemptID}
	var err error
	if row.Params == nil || row.KeyLen == nil || *row.KeyLen < 16 || *row.KeyLen > maxArgonKeyLen {
		err = errBadHash
	} else {
		a.params, err = parseParams(*row.Params)
		a.keyLen = *row.KeyLen
	}
	if err != nil {
		return attempt{}, fmt.Errorf("auth: stored hash of attempt %d: %w", a.id, err) // the attempt stays counted
	}
	return a, nil
}

// finish compares the key derived for an attempt with the stored one; ok is false for a wrong password, an
// unknown e-mail or an inactive user alike.
func (t throttle) finish(ctx context.Context, a attempt, key string) (userID, tenantID uuid.UUID, ok bool, err error) {
	var rows []struct {
		UserID   uuid.UUID `bun:"user_id"`
		TenantID uuid.UUID `bun:"tenant_id"`
	}
	if err := t.db.NewRaw("SELECT * FROM auth_signin_finish(?, ?)", a.id, key).Scan(ctx, &rows); err != nil {
		return uuid.Nil, uuid.Nil, false, fmt.Errorf("auth: check password: %w", err)
	}
	if len(rows) != 1 {
		return uuid.Nil, uuid.Nil, false, nil
	}
	return rows[0].UserID, rows[0].TenantID, true, nil
}

// abandon takes back an attempt that never came to a comparison (no hash slot was free).
func (t throttle) abandon(ctx context.Context, a attempt) error {
	_, err := t.db.NewRaw("SELECT auth_signin_abandon(?)", a.id).Exec(ctx)
	return err
}
