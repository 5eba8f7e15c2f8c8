// Package testdb gives tests a fresh, migrated PostgreSQL database on the throwaway cluster that the test tooling
// starts (scripts/test.sh exports ONESALES_TEST_PG_URL). Without it the tests fail: a database test that skips
// silently proves nothing.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
)

// Env is the variable holding a superuser URL of the test cluster.
const Env = "ONESALES_TEST_PG_URL"

// Roles the databases are owned by and served to, as in production: the app role owns nothing.
const (
	OwnerRole = "onesales_owner"
	AppRole   = "onesales_app"
)

// DB is one test database with a pool per role.
type DB struct {
	Name     string
	OwnerURL string
	AppURL   string
	// Owner connects as the schema owner (bypasses row-level security).
	Owner *bun.DB
	// App connects as the application role (subject to row-level security).
	App *bun.DB
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// New creates a database from a migrated template (made once per test binary) and closes it when t ends.
func New(t testing.TB) *DB {
	t.Helper()
	super := os.Getenv(Env)
	if super == "" {
		t.Fatalf("%s is not set: run the tests through `make test`, which starts a throwaway PostgreSQL cluster", Env)
	}
	ctx := context.Background()
	templateOnce.Do(func() { templateName, templateErr = makeTemplate(ctx, super) })
	if templateErr != nil {
		t.Fatalf("testdb: template: %v", templateErr)
	}
	sdb, err := db.Open(ctx, super, nil)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	defer sdb.Close()
	name := "onesales_test_" + randomSuffix()
	if _, err := sdb.ExecContext(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s OWNER %s", name, templateName, OwnerRole)); err != nil {
		t.Fatalf("testdb: create database: %v", err)
	}
	d := &DB{Name: name, OwnerURL: withUserDB(super, OwnerRole, name), AppURL: withUserDB(super, AppRole, name)}
	if d.Owner, err = db.Open(ctx, d.OwnerURL, nil); err != nil {
		t.Fatalf("testdb: %v", err)
	}
	if d.App, err = db.Open(ctx, d.AppURL, nil); err != nil {
		t.Fatalf("testdb: %v", err)
	}
	t.Cleanup(func() {
		d.Owner.Close()
		d.App.Close()
		if sdb, err := db.Open(ctx, super, nil); err == nil {
			_, _ = sdb.ExecContext(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name))
			sdb.Close()
		}
	})
	return d
}

func makeTemplate(ctx context.Context, super string) (string, error) {
	sdb, err := db.Open(ctx, super, nil)
	if err != nil {
		return "", err
	}
	defer sdb.Close()
	// Roles are cluster-wide; make them if the cluster was not prepared by scripts/pg.sh.
	for _, role := range []string{OwnerRole, AppRole} {
		if _, err := sdb.ExecContext(ctx, fmt.Sprintf(`DO $$ BEGIN CREATE ROLE %s LOGIN;
			EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`, role)); err != nil {
			return "", fmt.Errorf("role %s: %w", role, err)
		}
	}
	name := "onesales_tmpl_" + randomSuffix()
	if _, err := sdb.ExecContext(ctx, fmt.Sprintf("CREATE DATABASE %s OWNER %s", name, OwnerRole)); err != nil {
		return "", err
	}
	// earthdistance is not a trusted extension: a superuser creates it, as in production (see the geo migration).
	tdb, err := db.Open(ctx, withUserDB(super, superUser(super), name), nil)
	if err != nil {
		return "", err
	}
	_, err = tdb.ExecContext(ctx, "CREATE EXTENSION IF NOT EXISTS earthdistance CASCADE")
	tdb.Close()
	if err != nil {
		return "", fmt.Errorf("earthdistance: %w", err)
	}
	owner, err := db.Open(ctx, withUserDB(super, OwnerRole, name), nil)
	if err != nil {
		return "", err
	}
	defer owner.Close()
	if err := db.Migrate(ctx, owner, AppRole, slog.New(slog.DiscardHandler)); err != nil {
		return "", err
	}
	return name, nil
}

func withUserDB(raw, user, dbname string) string {
	u, err := url.Parse(raw)
	if err != nil {
		panic(err)
	}
	u.User = url.User(user)
	u.Path = "/" + dbname
	return u.String()
}

// superUser is the user of the superuser URL.
func superUser(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return "postgres"
	}
	return u.User.Username()
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
