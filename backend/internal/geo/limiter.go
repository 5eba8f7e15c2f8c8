package geo

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Limiter spaces the requests to an online geocoder across every backend instance sharing the database: a request
// is sent only by the holder of the provider's row in geocode_rate (SELECT … FOR UPDATE), not before the row's
// next_allowed_at, and the holder moves next_allowed_at to one interval after the request ended, before it
// commits. So two requests are always at least an interval apart, wherever they come from and however long they
// took (Nominatim's public service allows one request per second in total). Within an instance, callers queue
// locally, so that one database connection per instance waits for the row.
type Limiter struct {
	db       *bun.DB
	name     string
	interval time.Duration
	local    chan struct{}
}

// NewLimiter limits the provider called name to one request per interval.
func NewLimiter(db *bun.DB, name string, interval time.Duration) *Limiter {
	return &Limiter{db: db, name: name, interval: interval, local: make(chan struct{}, 1)}
}

// Do runs send when the provider's turn has come. ctx bounds the wait; send gets ctx as well. The turn is spent
// whatever send returns.
func (l *Limiter) Do(ctx context.Context, send func(ctx context.Context) error) error {
	select {
	case l.local <- struct{}{}:
	case <-ctx.Done():
		return ErrBudget
	}
	defer func() { <-l.local }()

	// The transaction outlives ctx: once a request went out, its turn must be recorded even if the caller gave up
	// (database/sql would roll back a transaction whose context ends).
	bg := context.WithoutCancel(ctx)
	tx, err := l.db.BeginTx(bg, &sql.TxOptions{})
	if err != nil {
		return fmt.Errorf("geo: limiter: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = tx.Rollback()
		}
	}()
	if _, err := tx.ExecContext(ctx, "INSERT INTO geocode_rate (provider) VALUES (?) ON CONFLICT DO NOTHING", l.name); err != nil {
		return l.waitErr(ctx, err)
	}
	var waitMs float64
	if err := tx.NewRaw(`SELECT CASE WHEN next_allowed_at <= clock_timestamp() THEN 0
			ELSE extract(epoch FROM next_allowed_at - clock_timestamp()) * 1000 END
		FROM geocode_rate WHERE provider = ? FOR UPDATE`, l.name).Scan(ctx, &waitMs); err != nil {
		return l.waitErr(ctx, err)
	}
	if waitMs > 0 {
		t := time.NewTimer(time.Duration(waitMs * float64(time.Millisecond)))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ErrBudget
		}
	}
	sendErr := send(ctx)
	if _, err := tx.ExecContext(bg, "UPDATE geocode_rate SET next_allowed_at = clock_timestamp() + make_interval(secs => ?) WHERE provider = ?",
		l.interval.Seconds(), l.name); err != nil {
		return fmt.Errorf("geo: limiter: record the turn: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("geo: limiter: record the turn: %w", err)
	}
	committed = true
	return sendErr
}

func (l *Limiter) waitErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ErrBudget
	}
	return fmt.Errorf("geo: limiter: %w", err)
}
