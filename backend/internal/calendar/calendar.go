// Package calendar serves personal calendar subscriptions: every user may have one ICS feed (RFC 5545) of the
// activities assigned to them, at GET /ics/{token}.ics, which Outlook, Google and Apple calendars fetch without a
// sign-in. The token in the URL is the credential: it is shown once, when the feed is made or renewed, and only
// its SHA-256 is stored. The fetch finds the feed by that hash (calendar_feed_open, counted per address like
// sign-in attempts), then reads in the feed owner's tenant with the owner's visibility, as a request of theirs
// would: only their own activities, linked records named only where they may see them.
package calendar

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/activity"
	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// Options configure the service.
type Options struct {
	// PublicURL is the server's address as calendars reach it (e.g. https://crm.example.de); "" leaves the URL to
	// the desktop, which knows the server it is connected to.
	PublicURL string
	// Window and PerAddress limit fetches with a token that fits no feed: PerAddress of them within Window from
	// one address, then 429 (the sign-in throttle's window and its per-address limit).
	Window     time.Duration
	PerAddress int
}

// Service manages the feeds and serves them.
type Service struct {
	db   *bun.DB
	opts Options
}

// NewService builds the service.
func NewService(db *bun.DB, opts Options) *Service {
	if opts.Window <= 0 {
		opts.Window = 15 * time.Minute
	}
	if opts.PerAddress <= 0 {
		opts.PerAddress = 30
	}
	opts.PublicURL = strings.TrimRight(opts.PublicURL, "/")
	return &Service{db: db, opts: opts}
}

// Feed is a row of calendar_feeds (the token's hash is written, never read back).
type Feed struct {
	bun.BaseModel `bun:"table:calendar_feeds,alias:cf"`

	ID         uuid.UUID  `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	TenantID   uuid.UUID  `bun:"tenant_id,type:uuid"`
	UserID     uuid.UUID  `bun:"user_id,type:uuid"`
	TokenHash  []byte     `bun:"token_hash"`
	CreatedAt  time.Time  `bun:"created_at,nullzero,default:now()"`
	LastUsedAt *time.Time `bun:"last_used_at"`
}

// status converts to the wire type (nil: no feed).
func status(f *Feed) *api.CalendarFeed {
	out := &api.CalendarFeed{DaysBack: api.CalendarFeedDaysBack, DaysAhead: api.CalendarFeedDaysAhead,
		TimeZone: api.CalendarFeedTimeZone}
	if f != nil {
		out.Active, out.CreatedAt, out.LastUsedAt = true, &f.CreatedAt, f.LastUsedAt
	}
	return out
}

// Status answers whether the actor has a feed (GET /api/v1/me/calendar-feed).
func (s *Service) Status(ctx context.Context, a *access.Actor) (*api.CalendarFeed, error) {
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.CalendarFeed, error) {
		var feeds []*Feed
		if err := tx.NewSelect().Model(&feeds).Column("id", "created_at", "last_used_at").
			Where("user_id = ?", a.UserID).Scan(ctx); err != nil {
			return nil, fmt.Errorf("calendar: status: %w", err)
		}
		if len(feeds) == 0 {
			return status(nil), nil
		}
		return status(feeds[0]), nil
	})
}

// tokenPrefix marks a feed token (as "1sk_" marks a lead source's key), so that one found somewhere says what it is.
const tokenPrefix = "1sc_"

// tokenPattern is a well-formed token: the prefix and 32 random bytes in unpadded base64url.
var tokenPattern = regexp.MustCompile(`^` + tokenPrefix + `[A-Za-z0-9_-]{43}$`)

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// Renew makes the actor's feed, or gives it a new token: the URL in the answer is shown this once, and an earlier
// URL of the actor answers 404 from now on (PUT /api/v1/me/calendar-feed).
func (s *Service) Renew(ctx context.Context, a *access.Actor) (*api.CalendarFeedToken, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("calendar: token: %w", err)
	}
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.CalendarFeedToken, error) {
		f := &Feed{TenantID: a.TenantID, UserID: a.UserID, TokenHash: hashToken(token)}
		if _, err := tx.NewInsert().Model(f).
			On("CONFLICT (tenant_id, user_id) DO UPDATE").
			Set("token_hash = EXCLUDED.token_hash, created_at = now(), last_used_at = NULL, rate_window = NULL, rate_count = 0").
			Returning("id, created_at, last_used_at").Exec(ctx); err != nil {
			return nil, fmt.Errorf("calendar: renew: %w", err)
		}
		out := &api.CalendarFeedToken{Feed: *status(f), Token: token, Path: FeedPath(token)}
		if s.opts.PublicURL != "" {
			out.URL = s.opts.PublicURL + out.Path
		}
		return out, nil
	})
}

// FeedPath is the path of the feed with token, below the server's address.
func FeedPath(token string) string { return httpx.SecretPathPrefix + token + ".ics" }

// Disable switches the actor's feed off: its URL answers 404 from now on (DELETE /api/v1/me/calendar-feed). Without
// a feed it does nothing.
func (s *Service) Disable(ctx context.Context, a *access.Actor) error {
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewDelete().Model((*Feed)(nil)).Where("user_id = ?", a.UserID).Exec(ctx); err != nil {
			return fmt.Errorf("calendar: disable: %w", err)
		}
		return nil
	})
}

// maxEvents bounds a feed: far more than a rep plans in 15 months, and still a document a calendar takes.
const maxEvents = 5000

// opened is what calendar_feed_open answers.
type opened struct {
	TenantID   *uuid.UUID `bun:"tenant_id"`
	UserID     *uuid.UUID `bun:"user_id"`
	RetryAfter int        `bun:"retry_after"`
}

// Handler serves GET /ics/{file}: the feed whose token the file name carries ("<token>.ics"). A malformed,
// unknown, renewed or switched-off token, and the feed of a deactivated user, are all the same 404; an address
// that sent too many tokens that fit no feed, or a feed fetched too often, gets 429 with Retry-After.
func (s *Service) Handler(w http.ResponseWriter, r *http.Request) error {
	token, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || !tokenPattern.MatchString(token) {
		return httpx.ErrNotFound
	}
	var rows []opened
	if err := s.db.NewRaw("SELECT * FROM calendar_feed_open(?, ?, make_interval(secs => ?), ?)", hashToken(token),
		auth.ClientOf(r).Addr, s.opts.Window.Seconds(), s.opts.PerAddress).Scan(r.Context(), &rows); err != nil {
		return fmt.Errorf("calendar: open feed: %w", err)
	}
	if len(rows) == 0 {
		return httpx.ErrNotFound
	}
	if o := rows[0]; o.RetryAfter > 0 || o.TenantID == nil || o.UserID == nil {
		e := httpx.NewError(http.StatusTooManyRequests, api.CodeThrottled, "too many requests, try again later")
		e.Header = http.Header{"Retry-After": {strconv.Itoa(max(1, o.RetryAfter))}}
		return e
	}
	body, err := s.document(r.Context(), *rows[0].TenantID, *rows[0].UserID, time.Now())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="1sales.ics"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(body)
	return err
}

// document renders the feed of a user as the user sees it now: in their tenant, with their role and unit.
func (s *Service) document(ctx context.Context, tenantID, userID uuid.UUID, now time.Time) ([]byte, error) {
	return db.InTenantValue(ctx, s.db, tenantID, func(ctx context.Context, tx bun.Tx) ([]byte, error) {
		actors, err := auth.Actors(ctx, tx, tenantID, []uuid.UUID{userID})
		if err != nil {
			return nil, err
		}
		a, ok := actors[userID]
		if !ok { // deactivated since the lookup
			return nil, httpx.ErrNotFound
		}
		var name string
		if err := tx.NewRaw("SELECT name FROM users WHERE id = ?", userID).Scan(ctx, &name); err != nil {
			return nil, fmt.Errorf("calendar: owner: %w", err)
		}
		today := activity.StartOfDay(now)
		acts, err := activity.Feed(ctx, tx, a, today.AddDate(0, 0, -api.CalendarFeedDaysBack),
			today.AddDate(0, 0, api.CalendarFeedDaysAhead+1), maxEvents)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := render(&b, document{owner: name, activities: acts, now: now}); err != nil {
			return nil, fmt.Errorf("calendar: render: %w", err)
		}
		return b.Bytes(), nil
	})
}
