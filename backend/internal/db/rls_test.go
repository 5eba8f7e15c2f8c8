package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/driver/pgdriver"

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

// probe is a call of an owner-run function as the service's role that must fail with SQLSTATE code.
type probe struct {
	sql  string
	code string
}

// SQLSTATEs of the probes.
const (
	badArgument = "22023" // invalid_parameter_value
	noTenant    = "42501" // insufficient_privilege
	noFunction  = "42883" // undefined_function: the signature is gone
)

// definerFunctions are the functions that run as their owner (SECURITY DEFINER), outside row-level security,
// which the service's role may call: each with the reason it exists, a call that works and calls with bad
// arguments it refuses. A function missing here fails TestEveryOwnerRunFunctionIsReviewedAndChecksItsArguments:
// add it only after a review of what its arguments can reach.
var definerFunctions = map[string]struct {
	why    string
	ok     string
	refuse []probe
	// outside is a call that works in a tenant and must be refused (noTenant) without app.tenant_id.
	outside string
	// bad are argument lists the function refuses as invalid (badArgument), each called as SELECT * FROM
	// <function>(<arguments>) in tenant A's transaction.
	bad []string
}{
	"auth_signin_begin(text,text,interval,integer,integer)": {
		why: "sign-in counts an attempt by e-mail and address before the tenant is known, and hands out the hash's salt, never the hash",
		ok:  "SELECT * FROM auth_signin_begin('niemand@example.org', '192.0.2.1', interval '15 minutes', 5, 30)",
		bad: []string{"'', '192.0.2.1', interval '15 minutes', 5, 30",
			"'a@example.org', '', interval '15 minutes', 5, 30", "'a@example.org', '192.0.2.1', interval '0', 5, 30",
			"'a@example.org', '192.0.2.1', interval '15 minutes', 0, 30",
			"'a@example.org', '192.0.2.1', interval '15 minutes', 5, 100000"}},
	"auth_signin_finish(bigint,text)": {
		why: "sign-in compares the derived key with the stored one inside the database, once per counted attempt",
		bad: []string{"NULL, 'AAAAAAAAAAAAAAAAAAAAAA'", "1, 'not a key'", "-1, 'AAAAAAAAAAAAAAAAAAAAAA'" /* no such attempt */}},
	"auth_signin_abandon(bigint)": {
		why: "sign-in takes back an attempt that never reached a comparison (no hash slot); it gives nothing to compare",
		ok:  "SELECT auth_signin_abandon(-1)"},
	"auth_code_finish(bigint,boolean)": {
		why: "a TOTP or recovery code is an attempt of the sign-in throttle (begun with auth_signin_begin): the service's verdict finishes it, once, within a minute; a right code clears the failures of its account and address",
		bad: []string{"NULL, true", "1, NULL", "-1, true" /* no such attempt */}},
	"auth_challenge_tenant(bytea)": {
		why: "a sign-in's second step finds its challenge's tenant before the tenant is known, as a refresh does (the hash of a random token)"},
	"two_factor_purge()": {
		why: "housekeeping across tenants: sign-in challenges a day past their expiry, expired single sign-ons and their throttle's old records, long revoked or expired invitations; no arguments",
		ok:  "SELECT two_factor_purge()",
		refuse: []probe{
			{sql: "SELECT two_factor_purge(0)", code: noFunction},
		}},
	"secret_reseal_tenants(text)": {
		why: "serve seals the stored secrets not sealed with the current key tenant by tenant: it names the tenants that have such values, never a value",
		ok:  "SELECT * FROM secret_reseal_tenants('v1:0123abcd:')",
		bad: []string{"NULL", "'v1:'", "'plain'", "'v1:0123ABCD:'"}},
	"oidc_begin_request(text,interval,integer)": {
		why: "a begun single sign-on counts by client address before the tenant is known, for its throttle; it answers allowed and the wait only",
		ok:  "SELECT * FROM oidc_begin_request('192.0.2.1', interval '15 minutes', 60)",
		bad: []string{"NULL, interval '15 minutes', 60", "'', interval '15 minutes', 60", "'192.0.2.1', interval '0', 60",
			"'192.0.2.1', interval '15 minutes', 0", "'192.0.2.1', NULL, 60"}},
	"auth_reset_request(text,text,interval,integer,integer)": {
		why: "a password reset request counts by e-mail and address before the tenant is known, and names the account's user and tenant only to queue its mail",
		ok:  "SELECT * FROM auth_reset_request('niemand@example.org', '192.0.2.1', interval '15 minutes', 3, 30)",
		bad: []string{"'', '192.0.2.1', interval '15 minutes', 3, 30", "NULL, '192.0.2.1', interval '15 minutes', 3, 30",
			"'a@example.org', '', interval '15 minutes', 3, 30", "'a@example.org', '192.0.2.1', interval '0', 3, 30",
			"'a@example.org', '192.0.2.1', interval '15 minutes', 0, 30",
			"'a@example.org', '192.0.2.1', interval '15 minutes', 3, 100000"}},
	"link_token_tenant(text,bytea)": {
		why: "a mailed link (invitation, password reset) names only its token's hash, before the tenant is known; a hash that fits answers its tenant, nothing else answers anything",
		ok:  "SELECT link_token_tenant('invitation', sha256('x'))",
		bad: []string{"'invitation', NULL", "'invitation', 'short'::bytea", "'users', sha256('x')", "NULL, sha256('x')"}},
	"user_email_elsewhere(text)": {
		why:     "an invitation to an address with an account in another company is withheld without telling the inviter; it answers a boolean in the caller's tenant",
		ok:      "SELECT user_email_elsewhere('a@example.org')",
		outside: "SELECT user_email_elsewhere('a@example.org')",
		bad:     []string{"NULL", "'ab'", "repeat('x', 255)"}},
	"tenant_create(uuid,text,text)": {
		why:     "the operator API creates a company (the service's role may not insert tenants), only in that new tenant's own transaction",
		outside: "SELECT tenant_create(gen_random_uuid(), 'Neu GmbH', 'basic')",
		refuse: []probe{
			{sql: "SELECT tenant_create(gen_random_uuid(), 'Neu GmbH', 'basic')", code: noTenant}, // another tenant's ID
		},
		bad: []string{"current_setting('app.tenant_id')::uuid, '', 'basic'", "current_setting('app.tenant_id')::uuid, NULL, 'basic'",
			"current_setting('app.tenant_id')::uuid, repeat('x', 201), 'basic'", "current_setting('app.tenant_id')::uuid, 'Neu GmbH', 'gold'"}},
	"password_resets_prune()": {
		why: "housekeeping across tenants: reset requests older than a day and resets 30 days past their expiry go; no arguments",
		ok:  "SELECT password_resets_prune()",
		refuse: []probe{
			{sql: "SELECT password_resets_prune(0)", code: noFunction},
		}},
	"auth_refresh_token_tenant(bytea)": {
		why: "a refresh finds the token's tenant before the tenant is known (the auth work reviews it)"},
	"oidc_domain_tenant(text)": {
		why: "single sign-on begins with an e-mail address before the tenant is known: a domain names the tenant whose enabled provider serves it, nothing about accounts",
		ok:  "SELECT oidc_domain_tenant('nordlicht.example')",
		bad: []string{"NULL", "''", "repeat('a', 254)"}},
	"oidc_login_take(bytea)": {
		why: "single sign-on finishes with only its state: the login of the state's hash is handed out once and deleted, expired ones go",
		ok:  "SELECT * FROM oidc_login_take(sha256('x'))",
		bad: []string{"NULL", "'short'::bytea"}},
	"ops_stats()": {
		why: "the metrics endpoint's counts across tenants (queues, documents stored, their bytes): counts only, no row, no argument",
		ok:  "SELECT * FROM ops_stats()",
		refuse: []probe{
			{sql: "SELECT * FROM ops_stats(0)", code: noFunction},
		}},
	"maintenance_purge()": {
		why: "housekeeping across tenants: expired keys, sign-in failures, sessions, the 30-day trash; no arguments",
		ok:  "SELECT maintenance_purge()",
		refuse: []probe{
			{sql: "SELECT maintenance_purge(0)", code: noFunction},
		}},
	"search_candidates(text,text,integer)": {
		why:     "trigram search through the index, which row-level security keeps from the service; in the caller's tenant",
		ok:      "SELECT search_candidates('persons', '%mueller%', 100)",
		outside: "SELECT search_candidates('persons', '%mueller%', 100)",
		bad: []string{"'users', '%mueller%', 100", "'persons; DROP TABLE persons', '%x%', 100",
			"'persons', '%mueller%', 0", "'persons', '%mueller%', -1", "'persons', '%mueller%', 2147483647",
			"'persons', '', 100", "'persons', repeat('x', 501), 100"}},
	"intake_authenticate(uuid,bytea)": {
		why: "a lead delivery names its source and key before the tenant is known; a key that fits answers its tenant, nothing else answers anything",
		ok:  "SELECT * FROM intake_authenticate(gen_random_uuid(), sha256('x'))",
		bad: []string{"NULL, sha256('x')", "gen_random_uuid(), NULL", "gen_random_uuid(), 'short'::bytea"}},
	"lead_duplicate_matches(uuid[])": {
		why:     "duplicate keys of leads through the expression indexes, which row-level security keeps from the service; in the caller's tenant",
		ok:      "SELECT * FROM lead_duplicate_matches(ARRAY[gen_random_uuid()])",
		outside: "SELECT * FROM lead_duplicate_matches(ARRAY[gen_random_uuid()])",
		bad:     []string{"NULL", "array_fill(gen_random_uuid(), ARRAY[1001])"}},
	"import_claim(double precision)": {
		why: "an import worker of any instance claims the oldest queued import (or one whose worker died) of every tenant; the lease is bounded",
		ok:  "SELECT * FROM import_claim(60)",
		bad: []string{"NULL", "0", "3601"}},
	"import_files_expired(integer)": {
		why: "housekeeping across tenants: the stored import files whose time is up; a bounded batch",
		ok:  "SELECT * FROM import_files_expired(10)",
		bad: []string{"NULL", "0", "1001"}},
	"imports_prune()": {
		why: "housekeeping across tenants: an import's undo log and failed rows 30 days after it ended; no arguments",
		ok:  "SELECT imports_prune()",
		refuse: []probe{
			{sql: "SELECT imports_prune(0)", code: noFunction},
		}},
	"records_by_key(text,text,text[])": {
		why:     "duplicate keys (e-mail, name, custom values) through the indexes, which row-level security keeps from the service; in the caller's tenant, IDs and keys only",
		ok:      "SELECT * FROM records_by_key('person', 'email', ARRAY['a@example.org'])",
		outside: "SELECT * FROM records_by_key('person', 'email', ARRAY['a@example.org'])",
		bad: []string{"'users', 'email', ARRAY['x']", "'person', 'name', ARRAY['x']", "'person', 'email', NULL",
			"'person', 'email', ARRAY[NULL]::text[]", "'person', 'email', array_fill('x'::text, ARRAY[1001])",
			"'person', 'email', ARRAY[repeat('x', 1001)]", "'person', gen_random_uuid()::text, ARRAY['x']",
			"'person', 'custom; DROP TABLE persons', ARRAY['x']"}},
	"lead_deliveries_prune()": {
		why: "housekeeping across tenants: each source keeps its last 50 deliveries; no arguments",
		ok:  "SELECT lead_deliveries_prune()",
		refuse: []probe{
			{sql: "SELECT lead_deliveries_prune(0)", code: noFunction},
		}},
	"calendar_feed_open(bytea,text,interval,integer)": {
		why: "a calendar feed's fetch names only its token's hash, before the tenant is known; a hash that fits answers the feed's tenant and user, misses are counted per address",
		ok:  "SELECT * FROM calendar_feed_open(sha256('x'), '192.0.2.1', interval '15 minutes', 30)",
		bad: []string{"NULL, '192.0.2.1', interval '15 minutes', 30", "'short'::bytea, '192.0.2.1', interval '15 minutes', 30",
			"sha256('x'), '', interval '15 minutes', 30", "sha256('x'), '192.0.2.1', interval '0', 30",
			"sha256('x'), '192.0.2.1', interval '2 days', 30", "sha256('x'), '192.0.2.1', interval '15 minutes', 0"}},
	"calendar_feed_failures_prune()": {
		why: "housekeeping across tenants: misses of calendar feed tokens older than a day go; no arguments",
		ok:  "SELECT calendar_feed_failures_prune()",
		refuse: []probe{
			{sql: "SELECT calendar_feed_failures_prune(0)", code: noFunction},
		}},
	"presence_prune()": {
		why: "housekeeping across tenants: presence entries not renewed for 5 minutes go; no arguments",
		ok:  "SELECT presence_prune()",
		refuse: []probe{
			{sql: "SELECT presence_prune(0)", code: noFunction},
		}},
	"change_events_after(xid8,bigint,integer)": {
		why: "the fan-out of every instance reads the change feed of all tenants (ids and owners, no contents) to hand each event to the streams allowed to see it",
		ok:  "SELECT * FROM change_events_after('0'::xid8, 0, 100)",
		bad: []string{"NULL, 0, 100", "'0'::xid8, NULL, 100", "'0'::xid8, 0, 0", "'0'::xid8, 0, 5001", "'0'::xid8, 0, NULL"}},
	"change_feed_capture()": {
		why: "the change feed's trigger: it adds a change's event and merges the events of a record changed twice in one transaction, which the service's role may not change itself; it runs only as a trigger"},
	"config_version_raise()": {
		why: "the trigger of roles, users, units and custom fields: it raises the changed row's tenant's configuration version (cached copies of actors and fields become stale), which the service's role may not update itself; it runs only as a trigger"},
	"auth_session_version(uuid,uuid,uuid)": {
		why: "a signed-in request's first statement, before the tenant is set: the IDs of a signed access token answer the tenant's configuration version when the session is the user's, valid, and the user active, NULL otherwise; nothing else",
		ok:  "SELECT auth_session_version(gen_random_uuid(), gen_random_uuid(), gen_random_uuid())"},
	"change_events_head()": {
		why: "the fan-out starts at the change feed's newest final position, across tenants; no arguments",
		ok:  "SELECT * FROM change_events_head()",
		refuse: []probe{
			{sql: "SELECT * FROM change_events_head(0)", code: noFunction},
		}},
	"change_events_prune(interval)": {
		why: "housekeeping across tenants: events older than the retention go, the newest removed position is kept",
		ok:  "SELECT change_events_prune(interval '1 day')",
		bad: []string{"NULL", "interval '0'", "interval '-1 day'"}},
	"notify_activities_due(interval,integer)": {
		why: "the notification worker announces the open activities of every tenant that are due soon, once per due time; it answers IDs and times only",
		ok:  "SELECT * FROM notify_activities_due(interval '15 minutes', 100)",
		bad: []string{"NULL, 100", "interval '0', 100", "interval '2 days', 100", "interval '15 minutes', 0",
			"interval '15 minutes', 1001", "interval '15 minutes', NULL"}},
	"notifications_prune()": {
		why: "housekeeping across tenants: read notifications older than 90 days go; no arguments",
		ok:  "SELECT notifications_prune()",
		refuse: []probe{
			{sql: "SELECT notifications_prune(interval '1 day')", code: noFunction},
		}},
	"document_cleanup_claim(integer)": {
		why: "the documents' cleanup claims due rows of every tenant (expired uploads, purged records, 30 days in the trash)",
		ok:  "SELECT * FROM document_cleanup_claim(100)",
		refuse: []probe{
			{sql: "SELECT * FROM document_cleanup_claim(100, 0)", code: noFunction}, // the trash period is no argument
		},
		bad: []string{"0", "-1", "1001", "NULL"}},
	"document_cleanup_delete(uuid[])": {
		why: "the documents' cleanup deletes the claimed rows whose bytes are gone, if still due",
		ok:  "SELECT document_cleanup_delete(ARRAY[gen_random_uuid()])",
		refuse: []probe{
			{sql: "SELECT document_cleanup_delete(ARRAY[gen_random_uuid()], 0)", code: noFunction},
		},
		bad: []string{"'{}'::uuid[]", "NULL", "array(SELECT gen_random_uuid() FROM generate_series(1, 1001))"}},
	"document_keys_known(text[])": {
		why: "the orphan sweep asks which stored keys (random, 128 bits) have a row, across tenants",
		ok:  "SELECT document_keys_known(ARRAY['x/y'])",
		bad: []string{"NULL", "array(SELECT 'k' || i FROM generate_series(1, 1001) AS i)"}},
	"geocode_claim(integer,double precision)": {
		why: "the geocoding worker serves every tenant's queue",
		ok:  "SELECT * FROM geocode_claim(5, 120)",
		bad: []string{"0, 120", "101, 120", "5, 0", "5, -60", "5, 3601", "5, 'NaN'"}},
	"mail_claim(integer,double precision)": {
		why: "the mail worker of any instance sends the queued mail of every tenant; it answers IDs, tenants and attempt counts only",
		ok:  "SELECT * FROM mail_claim(10, 300)",
		bad: []string{"0, 300", "101, 300", "NULL, 300", "10, 0", "10, -60", "10, 3601", "10, 'NaN'", "10, NULL"}},
	"mail_prune()": {
		why: "housekeeping across tenants: sent mail older than 30 days and failed mail older than 90 go; no arguments",
		ok:  "SELECT mail_prune()",
		refuse: []probe{
			{sql: "SELECT mail_prune(interval '1 day')", code: noFunction},
		}},
	"geocode_untracked(integer)": {
		why: "the geocoding worker's backfill finds records of every tenant whose address was never looked at",
		ok:  "SELECT * FROM geocode_untracked(10)",
		bad: []string{"0", "1001"}},
	"geocode_nearby(text,double precision,double precision,double precision,uuid[],integer,double precision,uuid)": {
		why:     "nearby search through the GiST index, which row-level security keeps from the service; in the caller's tenant",
		ok:      "SELECT * FROM geocode_nearby('persons', 53.55, 9.99, 50000, NULL, 10)",
		outside: "SELECT * FROM geocode_nearby('persons', 53.55, 9.99, 50000)",
		bad: []string{"'users', 53.55, 9.99, 50000", "'persons', 53.55, 9.99, 0", "'persons', 53.55, 9.99, 500001",
			"'persons', 53.55, 9.99, 50000, NULL, 0", "'persons', 53.55, 9.99, 50000, NULL, 10001",
			"'persons', 91, 9.99, 50000", "'persons', 53.55, 181, 50000", "'deals', 53.55, 9.99, 50000"}},
	"geocode_nearby_count(text,double precision,double precision,double precision,uuid[],integer)": {
		why:     "the capped count of a nearby list, as geocode_nearby; in the caller's tenant",
		ok:      "SELECT geocode_nearby_count('leads', 53.55, 9.99, 50000, NULL, 1001)",
		outside: "SELECT geocode_nearby_count('persons', 53.55, 9.99, 50000, NULL, 1001)",
		bad: []string{"'documents', 53.55, 9.99, 50000, NULL, 1001", "'persons', 53.55, 9.99, 50000, NULL, NULL",
			"'persons', 53.55, 9.99, 50000, NULL, 0", "'persons', 53.55, 9.99, 1e9, NULL, 1001",
			"'deals', 53.55, 9.99, 50000, NULL, 1001"}},
	"geocode_nearby_deals(double precision,double precision,double precision,uuid[],uuid[],uuid[],integer,double precision,uuid)": {
		why: "nearby search of deals, which lie at their organisation or person: each only where the caller's scopes of " +
			"deals, organisations and persons (the owner arrays) admit it; in the caller's tenant",
		ok:      "SELECT * FROM geocode_nearby_deals(53.55, 9.99, 50000, NULL, NULL, NULL, 10)",
		outside: "SELECT * FROM geocode_nearby_deals(53.55, 9.99, 50000, NULL, NULL, NULL)",
		bad: []string{"53.55, 9.99, 0, NULL, NULL, NULL", "53.55, 9.99, 500001, NULL, NULL, NULL",
			"53.55, 9.99, 50000, NULL, NULL, NULL, 0", "53.55, 9.99, 50000, NULL, NULL, NULL, 10001",
			"91, 9.99, 50000, NULL, NULL, NULL", "53.55, 181, 50000, NULL, NULL, NULL"}},
}

func TestEveryOwnerRunFunctionIsReviewedAndChecksItsArguments(t *testing.T) {
	d := testdb.New(t)
	a, _ := provisionTwo(t, d)
	ctx := context.Background()

	var fns []struct {
		Sig        string `bun:"sig"`
		App        bool   `bun:"app"`
		Public     bool   `bun:"public"`
		SearchPath bool   `bun:"search_path"`
	}
	if err := d.Owner.NewRaw(`SELECT p.oid::regprocedure::text AS sig,
			has_function_privilege(?, p.oid, 'EXECUTE') AS app,
			has_function_privilege('public', p.oid, 'EXECUTE') AS public,
			EXISTS (SELECT 1 FROM unnest(p.proconfig) AS c WHERE c IN ('search_path=public', 'search_path=public, pg_temp')) AS search_path
		FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
		WHERE n.nspname = 'public' AND p.prosecdef ORDER BY 1`, testdb.AppRole).Scan(ctx, &fns); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range fns {
		seen[f.Sig] = true
		if _, ok := definerFunctions[f.Sig]; !ok {
			t.Errorf("%s runs as its owner but is not reviewed: check that it takes only what it needs and checks it, then list it in definerFunctions", f.Sig)
		}
		if f.Public {
			t.Errorf("%s: PUBLIC may execute it (REVOKE EXECUTE ... FROM PUBLIC)", f.Sig)
		}
		if !f.App {
			t.Errorf("%s: the service's role may not execute it", f.Sig)
		}
		if !f.SearchPath {
			t.Errorf("%s: it runs as the owner without SET search_path = public", f.Sig)
		}
	}
	for sig, f := range definerFunctions {
		if !seen[sig] {
			t.Errorf("%s is listed but does not exist (as an owner-run function)", sig)
			continue
		}
		if f.why == "" {
			t.Errorf("%s: no reason given", sig)
		}
		t.Run(sig, func(t *testing.T) {
			if f.ok != "" {
				if err := db.InTenant(ctx, d.App, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
					_, err := tx.ExecContext(ctx, f.ok)
					return err
				}); err != nil {
					t.Errorf("%s: %v", f.ok, err)
				}
			}
			refuse := f.refuse
			for _, args := range f.bad {
				refuse = append(refuse, probe{sql: "SELECT * FROM " + sig[:strings.Index(sig, "(")] + "(" + args + ")", code: badArgument})
			}
			refusedAs := func(sql, code string, err error) {
				var pgErr pgdriver.Error
				if !errors.As(err, &pgErr) || pgErr.Field('C') != code {
					t.Errorf("%s: err = %v, want SQLSTATE %s", sql, err, code)
				}
			}
			if f.outside != "" {
				_, err := d.App.ExecContext(ctx, f.outside)
				refusedAs(f.outside, noTenant, err)
			}
			for _, p := range refuse {
				refusedAs(p.sql, p.code, db.InTenant(ctx, d.App, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
					_, err := tx.ExecContext(ctx, p.sql)
					return err
				}))
			}
		})
	}
}

// tablesWithoutRLS are the tables without row-level security, each with why it spans the tenants (the migration
// 20261206100000_definer_functions lists them too).
var tablesWithoutRLS = map[string]string{
	"plans":                   "the plans on offer: reference data of every tenant, read-only to the service",
	"signin_secret":           "one random secret for the salts of unknown e-mails at sign-in; the service's role may not read it",
	"pending_backfills":       "work `onesales-server migrate` does after the SQL migrations; the service's role may not touch it",
	"login_failures":          "failed sign-ins by e-mail and address, before any tenant is known",
	"password_reset_requests": "requests for password reset links by e-mail and address, before any tenant is known; the service's role may not read it",
	"oidc_begin_requests":     "begun single sign-ons by client address, before any tenant is known (throttle); the service's role may not read it",
	"calendar_feed_failures":  "fetches of calendar feeds with a token that fits none, by address, before any tenant is known",
	"geocode_cache":           "geocoder answers keyed by a hash of an address: no tenant, record or name",
	"geocode_rate":            "the online geocoder's request slot, shared by all instances",
	"installation":            "the installation's ID, read-only to the service",
	"change_feed_pruned":      "the newest position of the change feed that pruning removed: a number, no tenant data; read-only to the service",
	"notify_cursor":           "the notification worker's position in the change feed of all tenants: two numbers, no tenant data",
	"record_kinds":            "the record kinds (reference data of every tenant, as record.Kinds), read-only to the service",
	"bun_migrations":          "migration bookkeeping, read-only to the service",
	"bun_migration_locks":     "migration bookkeeping, read-only to the service",
}

func TestOnlyTablesThatSpanTenantsGoWithoutRowLevelSecurity(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	var open []string
	if err := d.Owner.NewRaw(`SELECT c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relrowsecurity ORDER BY 1`).Scan(ctx, &open); err != nil {
		t.Fatal(err)
	}
	exceptionsMatch(t, open, tablesWithoutRLS,
		"table %s has no row-level security: give it tenant_id and the tenant policy, or say in tablesWithoutRLS why it spans the tenants",
		"%s is listed without row-level security but is not such a table (any more)")
}
