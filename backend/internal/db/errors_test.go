package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/driver/pgdriver"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/testdb"
)

// closedPort is a local port nobody listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func withHost(t *testing.T, raw, host string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = host
	return u.String()
}

// rawPool is a pool with the driver's own timeouts, for errors Open's settings would take seconds to produce.
func rawPool(t *testing.T, dsn string, opts ...pgdriver.Option) *bun.DB {
	t.Helper()
	p := bun.NewDB(sql.OpenDB(pgdriver.NewConnector(append([]pgdriver.Option{pgdriver.WithDSN(dsn)}, opts...)...)), pgdialect.New())
	t.Cleanup(func() { p.Close() })
	return p
}

// The errors are produced by a real PostgreSQL and a real driver, each the way an outage or a slow statement
// produces it, and wrapped as the services wrap them.
func TestDatabaseErrorsAreClassifiedAsUnavailableOrTimedOut(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	super := rawPool(t, withDB(t, os.Getenv(testdb.Env), d.Name)) // ends sessions and makes a role below

	cases := []struct {
		name                 string
		produce              func(t *testing.T) error
		unavailable, timeout bool
	}{
		{"connection refused", func(t *testing.T) error {
			_, err := db.Open(ctx, withHost(t, d.AppURL, closedPort(t)), nil)
			return err
		}, true, false},
		{"dial timeout", func(t *testing.T) error {
			return rawPool(t, d.AppURL, pgdriver.WithDialTimeout(time.Nanosecond)).PingContext(ctx)
		}, true, false},
		{"connection closed without a word (EOF)", func(t *testing.T) error {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			go func() {
				for {
					c, err := ln.Accept()
					if err != nil {
						return
					}
					c.Close()
				}
			}()
			return rawPool(t, withHost(t, d.AppURL, ln.Addr().String())).PingContext(ctx)
		}, true, false},
		{"session ended by an administrator inside a transaction (57P01)", func(t *testing.T) error {
			p := rawPool(t, d.OwnerURL)
			return p.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				var pid int
				if err := tx.NewRaw("SELECT pg_backend_pid()").Scan(ctx, &pid); err != nil {
					return fmt.Errorf("unexpected: %w", err)
				}
				if _, err := super.ExecContext(ctx, "SELECT pg_terminate_backend(?)", pid); err != nil {
					return fmt.Errorf("unexpected: %w", err)
				}
				time.Sleep(50 * time.Millisecond)
				_, err := tx.ExecContext(ctx, "SELECT 1")
				return fmt.Errorf("person: create: %w", err)
			})
		}, true, false},
		{"too many connections (53300)", func(t *testing.T) error {
			role := "onesales_limit_" + strings.ReplaceAll(uuid.NewString()[:8], "-", "")
			if _, err := super.ExecContext(ctx, "CREATE ROLE "+role+" LOGIN CONNECTION LIMIT 0"); err != nil {
				t.Fatalf("role: %v", err)
			}
			t.Cleanup(func() { _, _ = super.ExecContext(context.Background(), "DROP ROLE IF EXISTS "+role) })
			return rawPool(t, withUser(t, d.AppURL, role)).PingContext(ctx)
		}, true, false},
		{"statement timeout (57014)", func(t *testing.T) error {
			return db.InTenant(ctx, d.App, uuid.New(), func(ctx context.Context, tx bun.Tx) error {
				if _, err := tx.ExecContext(ctx, "SET LOCAL statement_timeout = 1"); err != nil {
					return fmt.Errorf("unexpected: %w", err)
				}
				_, err := tx.ExecContext(ctx, "SELECT pg_sleep(1)")
				return fmt.Errorf("dashboard: %w", err)
			})
		}, false, true},
		{"no answer within the driver's read timeout", func(t *testing.T) error {
			_, err := rawPool(t, d.AppURL, pgdriver.WithReadTimeout(100*time.Millisecond)).ExecContext(ctx, "SELECT pg_sleep(1)")
			return err
		}, false, true},
		{"unique violation", func(t *testing.T) error {
			_, err := d.Owner.ExecContext(ctx, "CREATE TEMP TABLE t (email text UNIQUE); INSERT INTO t VALUES ('a'), ('a')")
			return err
		}, false, false},
		{"syntax error", func(t *testing.T) error {
			_, err := d.App.ExecContext(ctx, "SELEKT 1")
			return err
		}, false, false},
		{"no rows", func(t *testing.T) error {
			var n int
			return d.App.NewRaw("SELECT 1 WHERE false").Scan(ctx, &n)
		}, false, false},
		{"not a database error", func(*testing.T) error { return errors.New("geo: no such place") }, false, false},
		{"a client that went away (broken pipe on a write)", func(t *testing.T) error {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			go func() {
				if c, err := ln.Accept(); err == nil {
					c.Close()
				}
			}()
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			for range 100 {
				if _, err := c.Write(make([]byte, 64<<10)); err != nil {
					return fmt.Errorf("httpx: write answer: %w", err)
				}
				time.Sleep(time.Millisecond)
			}
			return errors.New("unexpected: the writes went through")
		}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.produce(t)
			if err == nil || strings.Contains(err.Error(), "unexpected") {
				t.Fatalf("did not produce the error: %v", err)
			}
			t.Logf("%T: %v", err, err)
			if got := db.Unavailable(err); got != tc.unavailable {
				t.Errorf("Unavailable(%q [%T]) = %v, want %v", err, errors.Unwrap(err), got, tc.unavailable)
			}
			if got := db.TimedOut(err); got != tc.timeout {
				t.Errorf("TimedOut(%q) = %v, want %v", err, got, tc.timeout)
			}
		})
	}
}

func withUser(t *testing.T, raw, user string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(user)
	return u.String()
}

func withDB(t *testing.T, raw, name string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// A server message may quote the statement's values; the log gets the SQLSTATE and the names instead.
func TestRedactLeavesNoValueOfTheStatement(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	if _, err := d.Owner.ExecContext(ctx, "CREATE TABLE redact_probe (email text CONSTRAINT redact_probe_email_key UNIQUE, age int CHECK (age > 0))"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Owner.ExecContext(ctx, "INSERT INTO redact_probe VALUES (?, 30)", "erika.mustermann@example.de"); err != nil {
		t.Fatal(err)
	}
	wrap := func(err error) error { return fmt.Errorf("person: create %s: %w", "4711", err) }
	cases := []struct {
		name, secret string
		produce      func() error
		want         []string
	}{
		{"unique violation", "erika.mustermann", func() error {
			_, err := d.Owner.ExecContext(ctx, "INSERT INTO redact_probe VALUES (?, 31)", "erika.mustermann@example.de")
			return wrap(err)
		}, []string{"person: create 4711: ", "SQLSTATE 23505", "constraint=redact_probe_email_key", "table=redact_probe"}},
		{"invalid input quoting the value", "Mustermann", func() error {
			_, err := d.Owner.ExecContext(ctx, "SELECT ?::uuid", "Erika Mustermann")
			return wrap(err)
		}, []string{"SQLSTATE 22P02"}},
		{"check violation", "-7", func() error {
			_, err := d.Owner.ExecContext(ctx, "INSERT INTO redact_probe VALUES ('x@example.de', -7)")
			return wrap(err)
		}, []string{"SQLSTATE 23514", "table=redact_probe"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.produce()
			var pgErr pgdriver.Error
			if !errors.As(err, &pgErr) {
				t.Fatalf("no PostgreSQL error: %v", err)
			}
			got := db.Redact(err)
			if strings.Contains(got, tc.secret) {
				t.Fatalf("Redact(%q) = %q: still holds %q", err, got, tc.secret)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("Redact = %q, want it to hold %q", got, w)
				}
			}
		})
	}
	if got := db.Redact(errors.New("geo: no such place")); got != "geo: no such place" {
		t.Errorf("a non-database error changed: %q", got)
	}
}
