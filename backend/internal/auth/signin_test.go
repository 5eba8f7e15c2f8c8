package auth_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/driver/pgdriver"

	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/testdb"
)

// These tests call the sign-in functions as the service's database role, the way a bug or an attacker with that
// role's connection could: whatever the service passes, the database keeps the rules.

const (
	admin = "claudia.becker@nordlicht.example"
	addr  = "198.51.100.7"
)

type begun struct {
	AttemptID  *int64  `bun:"attempt_id"`
	RetryAfter int     `bun:"retry_after"`
	Params     *string `bun:"params"`
	KeyLen     *int    `bun:"key_len"`
}

func begin(ctx context.Context, idb bun.IDB, email, address string) (begun, error) {
	var b begun
	err := idb.NewRaw("SELECT * FROM auth_signin_begin(?, ?, interval '15 minutes', 5, 30)", email, address).Scan(ctx, &b)
	return b, err
}

type finished struct {
	UserID   uuid.UUID `bun:"user_id"`
	TenantID uuid.UUID `bun:"tenant_id"`
}

func finish(ctx context.Context, idb bun.IDB, attempt int64, key string) ([]finished, error) {
	var rows []finished
	err := idb.NewRaw("SELECT * FROM auth_signin_finish(?, ?)", attempt, key).Scan(ctx, &rows)
	return rows, err
}

func sqlState(err error) string {
	var pgErr pgdriver.Error
	if errors.As(err, &pgErr) {
		return pgErr.Field('C')
	}
	return ""
}

func setup(t *testing.T) (*testdb.DB, *seed.Provisioned) {
	t.Helper()
	d := testdb.New(t)
	demo, err := seed.Provision(context.Background(), d.Owner, seed.DemoTenant())
	if err != nil {
		t.Fatal(err)
	}
	return d, demo
}

// mustHash hashes a password as the service stores it.
func mustHash(t *testing.T, password string) string {
	t.Helper()
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	return hash
}

func TestTheDemoPasswordIsNotACommonPassword(t *testing.T) {
	if p := auth.PasswordProblem(seed.DemoPassword); p != "" {
		t.Fatalf("the seed's demo password %q is refused: %s", seed.DemoPassword, p)
	}
}

func TestSigninFunctionsRefuseBadArguments(t *testing.T) {
	d, _ := setup(t)
	ctx := context.Background()
	key := strings.Repeat("A", 43)
	for _, tc := range []struct {
		name, sql string
		args      []any
	}{
		{"no e-mail", "SELECT * FROM auth_signin_begin(NULL, ?, interval '15 minutes', 5, 30)", []any{addr}},
		{"empty e-mail", "SELECT * FROM auth_signin_begin('  ', ?, interval '15 minutes', 5, 30)", []any{addr}},
		{"e-mail too long", "SELECT * FROM auth_signin_begin(?, ?, interval '15 minutes', 5, 30)", []any{strings.Repeat("x", 255), addr}},
		{"no address", "SELECT * FROM auth_signin_begin(?, NULL, interval '15 minutes', 5, 30)", []any{admin}},
		{"empty address", "SELECT * FROM auth_signin_begin(?, '', interval '15 minutes', 5, 30)", []any{admin}},
		{"address too long", "SELECT * FROM auth_signin_begin(?, ?, interval '15 minutes', 5, 30)", []any{admin, strings.Repeat("1", 101)}},
		{"no window", "SELECT * FROM auth_signin_begin(?, ?, NULL, 5, 30)", []any{admin, addr}},
		{"window too short", "SELECT * FROM auth_signin_begin(?, ?, interval '0.5 seconds', 5, 30)", []any{admin, addr}},
		{"window too long", "SELECT * FROM auth_signin_begin(?, ?, interval '2 days', 5, 30)", []any{admin, addr}},
		{"per pair 0", "SELECT * FROM auth_signin_begin(?, ?, interval '15 minutes', 0, 30)", []any{admin, addr}},
		{"per pair too many", "SELECT * FROM auth_signin_begin(?, ?, interval '15 minutes', 101, 30)", []any{admin, addr}},
		{"per address 0", "SELECT * FROM auth_signin_begin(?, ?, interval '15 minutes', 5, 0)", []any{admin, addr}},
		{"per address NULL", "SELECT * FROM auth_signin_begin(?, ?, interval '15 minutes', 5, NULL)", []any{admin, addr}},
		{"no attempt", "SELECT * FROM auth_signin_finish(NULL, ?)", []any{key}},
		{"no key", "SELECT * FROM auth_signin_finish(1, NULL)", nil},
		{"key too short", "SELECT * FROM auth_signin_finish(1, 'AAAA')", nil},
		{"key not base64", "SELECT * FROM auth_signin_finish(1, ?)", []any{strings.Repeat("$", 43)}},
		{"unknown attempt", "SELECT * FROM auth_signin_finish(123456789, ?)", []any{key}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := d.App.NewRaw(tc.sql, tc.args...).Exec(ctx)
			if sqlState(err) != "22023" {
				t.Fatalf("err = %v, want invalid_parameter_value (22023)", err)
			}
		})
	}
	var n int
	if err := d.Owner.NewRaw("SELECT count(*) FROM login_failures").Scan(ctx, &n); err != nil || n != 0 {
		t.Fatalf("refused calls recorded %d attempts (err %v)", n, err)
	}
}

func TestSigninCountsTheAttemptBeforeTheCheckAndHandsOutNoHash(t *testing.T) {
	d, demo := setup(t)
	ctx := context.Background()
	hash := mustHash(t, "Richtig-und-lang-1")
	if _, err := d.Owner.NewRaw("UPDATE users SET password_hash = ? WHERE lower(email) = ?", hash, admin).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	cut := strings.LastIndex(hash, "$")
	params, key := hash[:cut], hash[cut+1:]
	wrongKey := strings.Repeat("A", len(key))
	attempts := func() (n, checked int) {
		t.Helper()
		if err := d.Owner.NewRaw("SELECT count(*), count(checked_at) FROM login_failures WHERE email = ? AND remote_addr = ?",
			admin, addr).Scan(ctx, &n, &checked); err != nil {
			t.Fatal(err)
		}
		return n, checked
	}

	// The attempt is recorded when it begins; the answer holds the parameters and salt, not the key.
	b, err := begin(ctx, d.App, "  Claudia.Becker@Nordlicht.example ", addr)
	if err != nil || b.AttemptID == nil || b.Params == nil || b.KeyLen == nil {
		t.Fatalf("begin: %+v %v", b, err)
	}
	if *b.Params != params || *b.KeyLen != 32 || strings.Contains(*b.Params, key) {
		t.Fatalf("begin handed out %q (%d), want %q (32)", *b.Params, *b.KeyLen, params)
	}
	if n, checked := attempts(); n != 1 || checked != 0 {
		t.Fatalf("after begin: %d attempts, %d checked; want 1, 0", n, checked)
	}
	// A wrong key: no user, the attempt stays, checked, and cannot be checked again.
	if rows, err := finish(ctx, d.App, *b.AttemptID, wrongKey); err != nil || len(rows) != 0 {
		t.Fatalf("wrong key: %v %v", rows, err)
	}
	if n, checked := attempts(); n != 1 || checked != 1 {
		t.Fatalf("after a wrong key: %d attempts, %d checked; want 1, 1", n, checked)
	}
	if _, err := finish(ctx, d.App, *b.AttemptID, key); sqlState(err) != "22023" {
		t.Fatalf("a second key for one attempt: err = %v, want 22023", err)
	}
	// Taking back an attempt that was checked changes nothing.
	if _, err := d.App.NewRaw("SELECT auth_signin_abandon(?)", *b.AttemptID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := attempts(); n != 1 {
		t.Fatalf("abandon removed a checked attempt: %d left", n)
	}
	// An attempt not checked within a minute expires.
	b, err = begin(ctx, d.App, admin, addr)
	if err != nil || b.AttemptID == nil {
		t.Fatal(b, err)
	}
	if _, err := d.Owner.NewRaw("UPDATE login_failures SET failed_at = failed_at - interval '2 minutes' WHERE id = ?", *b.AttemptID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := finish(ctx, d.App, *b.AttemptID, key); sqlState(err) != "22023" {
		t.Fatalf("expired attempt: err = %v, want 22023", err)
	}
	// An attempt taken back before a key was compared does not count.
	b, err = begin(ctx, d.App, admin, addr)
	if err != nil || b.AttemptID == nil {
		t.Fatal(b, err)
	}
	if _, err := d.App.NewRaw("SELECT auth_signin_abandon(?)", *b.AttemptID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := attempts(); n != 2 {
		t.Fatalf("after abandon: %d attempts, want 2", n)
	}
	// The right key: the user, and the failures of this account and address are gone.
	b, err = begin(ctx, d.App, admin, addr)
	if err != nil || b.AttemptID == nil {
		t.Fatal(b, err)
	}
	rows, err := finish(ctx, d.App, *b.AttemptID, key)
	if err != nil || len(rows) != 1 || rows[0].UserID != demo.Users[admin] || rows[0].TenantID != demo.TenantID {
		t.Fatalf("right key: %v %v", rows, err)
	}
	if n, _ := attempts(); n != 0 {
		t.Fatalf("after a success: %d attempts left", n)
	}
	// An inactive user's right key finds nobody.
	if _, err := d.Owner.NewRaw("UPDATE users SET active = false WHERE lower(email) = ?", admin).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	b, _ = begin(ctx, d.App, admin, addr)
	if rows, err := finish(ctx, d.App, *b.AttemptID, key); err != nil || len(rows) != 0 {
		t.Fatalf("inactive user: %v %v", rows, err)
	}
}

// An unknown e-mail gets an answer of the same shape as an account: the parameters auth.HashPassword uses and a
// salt of its own that stays the same, so neither the answer nor the time of the check tells that it is unknown.
func TestSigninBeginAnswersUnknownEmailsLikeAccounts(t *testing.T) {
	d, _ := setup(t)
	ctx := context.Background()
	hash := mustHash(t, "egal-egal-egal")
	ours := hash[:strings.LastIndex(hash[:strings.LastIndex(hash, "$")], "$")+1] // "$argon2id$v=19$m=19456,t=2,p=1$"
	salts := map[string]string{}
	for _, email := range []string{"niemand@nordlicht.example", "NIEMAND@nordlicht.example", "keiner@nordlicht.example"} {
		b, err := begin(ctx, d.App, email, addr)
		if err != nil || b.Params == nil || b.KeyLen == nil {
			t.Fatalf("%s: %+v %v", email, b, err)
		}
		if !strings.HasPrefix(*b.Params, ours) || *b.KeyLen != 32 {
			t.Fatalf("%s: parameters %q (%d), want those of auth.HashPassword %q (32)", email, *b.Params, *b.KeyLen, ours)
		}
		salts[email] = strings.TrimPrefix(*b.Params, ours)
		if len(salts[email]) != 22 {
			t.Fatalf("%s: salt %q", email, salts[email])
		}
	}
	if salts["niemand@nordlicht.example"] != salts["NIEMAND@nordlicht.example"] || salts["niemand@nordlicht.example"] == salts["keiner@nordlicht.example"] {
		t.Fatalf("salts of unknown e-mails: %v (want one per e-mail, the same each time)", salts)
	}
}

// The probe's race: the limits were read before the check and written after it, so concurrent attempts all
// passed. The database decides one attempt at a time per account and per address.
func TestSigninBeginDecidesConcurrentAttemptsOneAtATime(t *testing.T) {
	d, _ := setup(t)
	ctx := context.Background()
	run := func(n int, attempt func(i int) (email, address string)) (allowed, refused int) {
		var mu sync.Mutex
		var wg sync.WaitGroup
		ready := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-ready
				email, address := attempt(i)
				b, err := begin(ctx, d.App, email, address)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err != nil:
					t.Errorf("begin: %v", err)
				case b.AttemptID != nil:
					allowed++
				case b.RetryAfter >= 1:
					refused++
				default:
					t.Errorf("neither allowed nor told to wait: %+v", b)
				}
			}()
		}
		close(ready)
		wg.Wait()
		return allowed, refused
	}
	for _, tc := range []struct {
		name    string
		n, want int
		delayed bool // the limit is the per-account delay, which lets one more through after 1 s, 3 s, 7 s...
		attempt func(i int) (string, string)
	}{
		{"one account, one address", 40, 5, false, func(int) (string, string) { return admin, addr }},
		{"one account, 40 addresses", 40, 10, true, func(i int) (string, string) {
			return "markus.weber@nordlicht.example", fmt.Sprintf("203.0.113.%d", i)
		}},
		{"60 accounts, one address", 60, 30, false, func(i int) (string, string) {
			return fmt.Sprintf("spray%d@nordlicht.example", i), "192.0.2.1"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			allowed, refused := run(tc.n, tc.attempt)
			most := tc.want
			if tc.delayed {
				most += int(math.Log2(time.Since(start).Seconds() + 1)) // a slow machine may spread them over seconds
			}
			if allowed < tc.want || allowed > most || allowed+refused != tc.n {
				t.Fatalf("%d allowed, %d refused; want %d (at most %d) allowed", allowed, refused, tc.want, most)
			}
		})
	}
}

// The service's role reads no password hash and cannot read or erase the attempts it is throttled by; before,
// auth_find_user handed it any account's hash.
func TestTheAppRoleCannotReadPasswordHashesOrTouchTheAttempts(t *testing.T) {
	d, demo := setup(t)
	ctx := context.Background()
	if _, err := begin(ctx, d.App, admin, addr); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, sql string }{
		{"password_hash", "SELECT password_hash FROM users"},
		{"users.*", "SELECT * FROM users"},
		{"returning users.*", "UPDATE users SET name = name RETURNING *"},
		{"read attempts", "SELECT count(*) FROM login_failures"},
		{"erase attempts", "DELETE FROM login_failures"},
		{"forge attempts", "INSERT INTO login_failures (email, remote_addr) VALUES ('x', 'y')"},
		{"clear the check", "UPDATE login_failures SET checked_at = NULL"},
		{"the secret", "SELECT secret FROM signin_secret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, tenant := range []uuid.UUID{uuid.Nil, demo.TenantID} {
				err := db.InTenant(ctx, d.App, tenant, func(ctx context.Context, tx bun.Tx) error {
					_, err := tx.ExecContext(ctx, tc.sql)
					return err
				})
				if sqlState(err) != "42501" {
					t.Fatalf("tenant %s: err = %v, want insufficient_privilege (42501)", tenant, err)
				}
			}
		})
	}
	if _, err := d.App.ExecContext(ctx, "SELECT * FROM auth_find_user(?)", admin); sqlState(err) != "42883" {
		t.Fatalf("auth_find_user: err = %v, want undefined_function (42883)", err)
	}
	// What the service needs of users stays readable.
	err := db.InTenant(ctx, d.App, demo.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var n int
		if err := tx.NewRaw("SELECT count(*) FROM users WHERE email <> '' AND active").Scan(ctx, &n); err != nil {
			return err
		}
		if n != len(seed.DemoTenant().Users) {
			return fmt.Errorf("%d users readable", n)
		}
		_, err := tx.ExecContext(ctx, "UPDATE users SET password_hash = 'x' WHERE id = ?", demo.Users[admin])
		return err
	})
	if err != nil {
		t.Fatalf("the columns the service uses: %v", err)
	}
}
