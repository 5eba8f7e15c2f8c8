package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

func provisionTwo(t *testing.T, d *testdb.DB) (a, b *seed.Provisioned) {
	t.Helper()
	ctx := context.Background()
	var err error
	if a, err = seed.Provision(ctx, d.Owner, seed.DemoTenant()); err != nil {
		t.Fatal(err)
	}
	if b, err = seed.Provision(ctx, d.Owner, seed.TenantSpec{Name: "B GmbH", Plan: api.PlanBasic,
		Units: []seed.UnitSpec{{Name: "Zentrale"}},
		Users: []seed.UserSpec{{Email: "b@b.example", Name: "B", Password: "Passwort-B", Role: "Administrator", Unit: "Zentrale"}}}); err != nil {
		t.Fatal(err)
	}
	return a, b
}

// These queries bypass every check of the application: they are raw SQL as the service's database role. Only
// row-level security stands between tenant A and tenant B's rows.
func TestRowLevelSecurityAloneSeparatesTenants(t *testing.T) {
	d := testdb.New(t)
	a, b := provisionTwo(t, d)
	ctx := context.Background()

	var n int
	if err := d.App.NewRaw("SELECT count(*) FROM users").Scan(ctx, &n); err != nil || n != 0 {
		t.Fatalf("without a tenant the app role sees %d users (err %v), want 0", n, err)
	}

	// Every table with a tenant_id column, so that a new table cannot be forgotten.
	var tables []string
	if err := d.Owner.NewRaw(`SELECT table_name FROM information_schema.columns
		WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`).Scan(ctx, &tables); err != nil {
		t.Fatal(err)
	}
	if len(tables) < 13 {
		t.Fatalf("only %d tenant tables found: %v", len(tables), tables)
	}
	var unprotected []string
	if err := d.Owner.NewRaw(`SELECT c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relname IN (?) AND NOT c.relrowsecurity`, bun.In(tables)).Scan(ctx, &unprotected); err != nil {
		t.Fatal(err)
	}
	if len(unprotected) > 0 {
		t.Fatalf("tenant tables without row-level security: %v", unprotected)
	}
	err := db.InTenant(ctx, d.App, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var emails []string
		if err := tx.NewRaw("SELECT email FROM users").Scan(ctx, &emails); err != nil {
			return err
		}
		if len(emails) != len(seed.DemoTenant().Users) {
			t.Errorf("tenant A sees users %v", emails)
		}
		for _, table := range tables {
			var foreign int
			if err := tx.NewRaw("SELECT count(*) FROM ? WHERE tenant_id = ?", bun.Ident(table), b.TenantID).Scan(ctx, &foreign); err != nil {
				return err
			}
			if foreign != 0 {
				t.Errorf("tenant A reads %d rows of tenant B in %s", foreign, table)
			}
		}
		var tenants int
		if err := tx.NewRaw("SELECT count(*) FROM tenants").Scan(ctx, &tenants); err != nil || tenants != 1 {
			t.Errorf("tenant A sees %d tenants (err %v)", tenants, err)
		}
		res, err := tx.NewRaw("UPDATE users SET name = 'gehackt' WHERE tenant_id = ?", b.TenantID).Exec(ctx)
		if err != nil {
			return err
		}
		if rows, _ := res.RowsAffected(); rows != 0 {
			t.Errorf("tenant A updated %d rows of tenant B", rows)
		}
		res, err = tx.NewRaw("DELETE FROM units WHERE tenant_id = ?", b.TenantID).Exec(ctx)
		if err != nil {
			return err
		}
		if rows, _ := res.RowsAffected(); rows != 0 {
			t.Errorf("tenant A deleted %d rows of tenant B", rows)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// Writing a row into another tenant is refused by the policy's WITH CHECK.
	err = db.InTenant(ctx, d.App, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewRaw("INSERT INTO roles (tenant_id, name) VALUES (?, 'Eingeschleust')", b.TenantID).Exec(ctx)
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "row-level security") {
		t.Fatalf("insert into tenant B from tenant A: err = %v", err)
	}

	// The service's role owns nothing and cannot bypass the policies or create tenants.
	var owner, bypass bool
	if err := d.Owner.NewRaw(`SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tableowner = ?),
		(SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = ?)`, testdb.AppRole, testdb.AppRole).Scan(ctx, &owner, &bypass); err != nil {
		t.Fatal(err)
	}
	if owner || bypass {
		t.Fatalf("app role owns tables: %v, bypasses RLS: %v", owner, bypass)
	}
	if _, err := d.App.NewRaw("INSERT INTO tenants (name, plan) VALUES ('X', 'basic')").Exec(ctx); err == nil {
		t.Fatal("the app role could create a tenant")
	}

	// Unchanged: tenant B's data is intact.
	var name string
	if err := d.Owner.NewRaw("SELECT name FROM users WHERE id = ?", b.Users["b@b.example"]).Scan(ctx, &name); err != nil || name != "B" {
		t.Fatalf("tenant B's user: %q %v", name, err)
	}
}

func TestMigrateIsIdempotentAndSerialised(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	errs := make(chan error, 3)
	for range 3 {
		go func() { errs <- db.Migrate(ctx, d.Owner, testdb.AppRole, discard()) }()
	}
	for range 3 {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent migrate: %v", err)
		}
	}
}
