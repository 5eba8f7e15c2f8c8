package auth

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// Throttling of failed sign-ins, kept in PostgreSQL so that every instance behind a load balancer counts the same
// failures. A sliding window: after too many failures for an account (or from an address) in the window, further
// attempts are refused until the oldest failure leaves the window. Nothing locks an account for good, and a
// successful sign-in clears the account's failures.
type throttle struct {
	db         bun.IDB
	window     time.Duration
	perAccount int
	perAddress int
}

func (t throttle) check(ctx context.Context, email, addr string) error {
	since := time.Now().Add(-t.window)
	for _, c := range []struct {
		column, value string
		limit         int
	}{{"email", normEmail(email), t.perAccount}, {"remote_addr", addr, t.perAddress}} {
		var n int
		var oldest time.Time
		err := t.db.NewRaw(`SELECT count(*), coalesce(min(failed_at), now()) FROM (
				SELECT failed_at FROM login_failures WHERE ? = ? AND failed_at > ? ORDER BY failed_at DESC LIMIT ?) AS recent`,
			bun.Ident(c.column), c.value, since, c.limit).Scan(ctx, &n, &oldest)
		if err != nil {
			return fmt.Errorf("auth: throttle: %w", err)
		}
		if n >= c.limit {
			wait := time.Until(oldest.Add(t.window))
			e := httpx.NewError(http.StatusTooManyRequests, api.CodeThrottled, "too many failed sign-ins, try again later")
			e.Header = http.Header{"Retry-After": {strconv.Itoa(int(math.Max(1, math.Ceil(wait.Seconds()))))}}
			return e
		}
	}
	return nil
}

func (t throttle) fail(ctx context.Context, email, addr string) error {
	_, err := t.db.NewRaw("INSERT INTO login_failures (email, remote_addr) VALUES (?, ?)", normEmail(email), addr).Exec(ctx)
	return err
}

func (t throttle) clear(ctx context.Context, email string) error {
	_, err := t.db.NewRaw("DELETE FROM login_failures WHERE email = ?", normEmail(email)).Exec(ctx)
	return err
}

func normEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }
