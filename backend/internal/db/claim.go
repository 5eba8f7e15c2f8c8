package db

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Claim takes work from a queue shared by every backend instance through its owner-run claim function fn
// (SELECT * FROM fn(args...)), which leases the due rows, across tenants, to the caller; none is an empty list.
func Claim[T any](ctx context.Context, idb bun.IDB, fn string, args ...any) ([]T, error) {
	var rows []T
	query := "SELECT * FROM ?(" + strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ") + ")"
	if err := idb.NewRaw(query, append([]any{bun.Ident(fn)}, args...)...).Scan(ctx, &rows); err != nil && !IsNoRows(err) {
		return nil, fmt.Errorf("claim %s: %w", fn, err)
	}
	return rows, nil
}

// WorkClaimed claims a batch (Claim) and works its rows in turn; it returns how many it claimed and the first
// error of work, which ends the batch (the rest of it waits for its lease to run out).
func WorkClaimed[T any](ctx context.Context, idb bun.IDB, work func(context.Context, T) error, fn string, args ...any) (int, error) {
	rows, err := Claim[T](ctx, idb, fn, args...)
	if err != nil {
		return 0, err
	}
	for _, row := range rows {
		if err := work(ctx, row); err != nil {
			return len(rows), err
		}
	}
	return len(rows), nil
}

// Poll runs a queue worker's step until ctx ends: again at once while it finds work (n > 0) without an error,
// else after the pause every (or as soon as wake, when not nil, fires). A step's error goes to onErr, unless ctx
// has ended.
func Poll(ctx context.Context, every time.Duration, wake <-chan struct{}, step func(context.Context) (int, error), onErr func(error)) {
	for ctx.Err() == nil {
		n, err := step(ctx)
		if err != nil && ctx.Err() == nil {
			onErr(err)
		}
		if n > 0 && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
		case <-wake:
		case <-time.After(every):
		}
	}
}

// Backoff is the wait before the next attempt after attempt failed (1 for the first): first, doubled with every
// further attempt, at most most.
func Backoff(first, most time.Duration, attempt int) time.Duration {
	wait := first << min(attempt-1, 20)
	if wait <= 0 || wait > most {
		return most
	}
	return wait
}
