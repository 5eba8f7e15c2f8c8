package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/testdb"
)

func TestBackoffDoublesFromTheFirstWaitUpToTheMost(t *testing.T) {
	for _, tc := range []struct {
		attempt int
		want    time.Duration
	}{{1, time.Second}, {2, 2 * time.Second}, {4, 8 * time.Second}, {7, time.Minute}, {1000, time.Minute}} {
		if got := db.Backoff(time.Second, time.Minute, tc.attempt); got != tc.want {
			t.Errorf("attempt %d: %v, want %v", tc.attempt, got, tc.want)
		}
	}
}

// Claim calls the claim function with its arguments and reads every row it returns; none is an empty list, and a
// failing function is an error that names it.
func TestClaimReadsTheRowsOfTheClaimFunction(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	type row struct {
		N int `bun:"generate_series"`
	}
	rows, err := db.Claim[row](ctx, d.Owner, "generate_series", 2, 4)
	if err != nil || len(rows) != 3 || rows[0].N != 2 || rows[2].N != 4 {
		t.Fatalf("rows %v, err %v; want 2, 3, 4", rows, err)
	}
	if rows, err := db.Claim[row](ctx, d.Owner, "generate_series", 2, 1); err != nil || len(rows) != 0 {
		t.Fatalf("none: rows %v, err %v", rows, err)
	}
	var worked []int
	n, err := db.WorkClaimed(ctx, d.Owner, func(_ context.Context, r row) error {
		worked = append(worked, r.N)
		return nil
	}, "generate_series", 1, 2)
	if err != nil || n != 2 || len(worked) != 2 {
		t.Fatalf("worked %v of %d, err %v", worked, n, err)
	}
	if _, err := db.Claim[row](ctx, d.Owner, "no_such_claim"); err == nil {
		t.Fatal("a missing claim function claimed nothing without an error")
	}
}
