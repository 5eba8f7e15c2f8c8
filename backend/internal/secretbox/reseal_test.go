package secretbox_test

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// Reseal seals plaintext from before encryption as the schema owner (what `migrate` runs) and, after a rotation,
// moves values to the new key as the service's role (what `serve` runs at start-up); every value still opens in
// its row, and a second run has nothing to do.
func TestResealAsOwnerAndAsTheServicesRole(t *testing.T) {
	d := testdb.New(t)
	ctx := t.Context()
	p, err := seed.Provision(ctx, d.Owner, seed.TenantSpec{Name: "Reseal GmbH", Plan: api.PlanBasic,
		Units: []seed.UnitSpec{{Name: "Zentrale"}},
		Users: []seed.UserSpec{{Email: "r@reseal.example", Name: "R", Password: "Reseal-Passwort-1", Role: "Administrator", Unit: "Zentrale"}}})
	if err != nil {
		t.Fatal(err)
	}
	user := p.Users["r@reseal.example"]
	const totpSecret, clientSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "client-secret-in-plaintext"
	if _, err := d.Owner.ExecContext(ctx, "INSERT INTO user_totp (tenant_id, user_id, secret) VALUES (?, ?, ?)",
		p.TenantID, user, totpSecret); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Owner.ExecContext(ctx, `INSERT INTO oidc_configs (tenant_id, issuer, client_id, client_secret, default_unit_id,
		default_role_id) VALUES (?, 'https://login.example', 'client', ?, ?, ?)`, p.TenantID, clientSecret,
		p.Units["Zentrale"], p.Roles["Administrator"]); err != nil {
		t.Fatal(err)
	}
	stored := func() (string, string) {
		t.Helper()
		var a, b string
		if err := d.Owner.NewRaw("SELECT (SELECT secret FROM user_totp WHERE user_id = ?), (SELECT client_secret FROM oidc_configs WHERE tenant_id = ?)",
			user, p.TenantID).Scan(ctx, &a, &b); err != nil {
			t.Fatal(err)
		}
		return a, b
	}
	check := func(box *secretbox.Box, pool *bun.DB, want int) {
		t.Helper()
		n, err := secretbox.Reseal(ctx, pool, box, slog.New(slog.DiscardHandler))
		if err != nil || n != want {
			t.Fatalf("Reseal = %d, %v; want %d", n, err, want)
		}
		totp, client := stored()
		if !strings.HasPrefix(totp, box.Prefix()) || !strings.HasPrefix(client, box.Prefix()) {
			t.Fatalf("stored %q and %q, want both sealed with %q", totp, client, box.Prefix())
		}
		if got, err := box.Open(p.TenantID, secretbox.TOTPSecret, user, totp); err != nil || got != totpSecret {
			t.Fatalf("TOTP secret opens to %q, %v", got, err)
		}
		if got, err := box.Open(p.TenantID, secretbox.OIDCClientSecret, p.TenantID, client); err != nil || got != clientSecret {
			t.Fatalf("client secret opens to %q, %v", got, err)
		}
	}
	first := secretbox.NewKey()
	box, err := secretbox.New(first)
	if err != nil {
		t.Fatal(err)
	}
	check(box, d.Owner, 2)
	check(box, d.Owner, 0)
	rotated, err := secretbox.New(secretbox.NewKey(), first)
	if err != nil {
		t.Fatal(err)
	}
	check(rotated, d.App, 2)
	check(rotated, d.App, 0)
}
