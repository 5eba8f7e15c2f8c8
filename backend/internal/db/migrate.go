package db

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/migrate"

	"github.com/1sales/app/backend/migrations"
)

// migrationLockID is the advisory lock key that serialises concurrent `migrate` runs (several instances may start
// at once behind a load balancer).
const migrationLockID = 0x15a1e5

var roleName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// Migrate applies the embedded migrations as the schema owner under an advisory lock, then grants the
// application role (which owns nothing, so row-level security applies to it) what it needs.
func Migrate(ctx context.Context, owner *bun.DB, appRole string, log *slog.Logger) error {
	if !roleName.MatchString(appRole) {
		return fmt.Errorf("db: migrate: invalid application role name %q", appRole)
	}
	conn, err := owner.Conn(ctx)
	if err != nil {
		return fmt.Errorf("db: migrate: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(?)", migrationLockID); err != nil {
		return fmt.Errorf("db: migrate: lock: %w", err)
	}
	defer func() {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(?)", migrationLockID)
	}()

	ms := migrate.NewMigrations()
	if err := ms.Discover(migrations.Files); err != nil {
		return fmt.Errorf("db: migrate: discover: %w", err)
	}
	m := migrate.NewMigrator(owner, ms, migrate.WithMarkAppliedOnSuccess(true))
	if err := m.Init(ctx); err != nil {
		return fmt.Errorf("db: migrate: init: %w", err)
	}
	group, err := m.Migrate(ctx)
	if err != nil {
		return fmt.Errorf("db: migrate: %w", err)
	}
	if group.IsZero() {
		log.Info("migrate: database is up to date")
	} else {
		log.Info("migrate: applied", "group", group.String())
	}
	for _, stmt := range []string{
		"GRANT USAGE ON SCHEMA public TO " + appRole,
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + appRole,
		// Reference and bookkeeping tables the service only reads.
		"REVOKE INSERT, UPDATE, DELETE ON plans, tenants, installation, record_kinds, bun_migrations, bun_migration_locks FROM " + appRole,
		// History is written by the service and never changed by it.
		"REVOKE UPDATE, DELETE ON history FROM " + appRole,
		// The change feed likewise: its triggers add events, housekeeping prunes them (change_events_prune).
		"REVOKE UPDATE, DELETE ON change_events FROM " + appRole,
		"REVOKE INSERT, UPDATE, DELETE ON change_feed_pruned FROM " + appRole,
		// The notification worker moves its one cursor row; it neither adds nor removes it.
		"REVOKE INSERT, DELETE ON notify_cursor FROM " + appRole,
		// The record of exports is kept: the service writes and finishes rows, and removes none.
		"REVOKE DELETE ON exports FROM " + appRole,
		// The record of security events (two-factor sign-in, sessions ended by an admin) is only added to.
		"REVOKE UPDATE, DELETE ON security_events FROM " + appRole,
		// Work of the migrate command, not of the service.
		"REVOKE ALL ON pending_backfills FROM " + appRole,
		"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + appRole,
		"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO " + appRole,
		// Sign-in state is kept and read only through the auth_signin_* functions (SECURITY DEFINER): the service
		// can neither read nor erase the attempts it is throttled by.
		"REVOKE SELECT, INSERT, UPDATE, DELETE ON login_failures, signin_secret FROM " + appRole,
		// Likewise the requests for password reset links, kept and read only through auth_reset_request.
		"REVOKE SELECT, INSERT, UPDATE, DELETE ON password_reset_requests FROM " + appRole,
		// Likewise the begun single sign-ons, kept and read only through oidc_begin_request.
		"REVOKE SELECT, INSERT, UPDATE, DELETE ON oidc_begin_requests FROM " + appRole,
		// Likewise the misses of calendar feed tokens, kept and read only through calendar_feed_open.
		"REVOKE SELECT, INSERT, UPDATE, DELETE ON calendar_feed_failures FROM " + appRole,
		// Password hashes are written by the service but never read back: every column of users but
		// password_hash is readable (auth_signin_finish compares keys inside the database). A query that names
		// password_hash, or selects or returns users.*, is refused with "permission denied".
		"REVOKE SELECT ON users FROM " + appRole,
		`DO $$ BEGIN EXECUTE (SELECT format('GRANT SELECT (%s) ON users TO ` + appRole + `',
			string_agg(quote_ident(attname), ', ' ORDER BY attnum)) FROM pg_attribute
			WHERE attrelid = 'public.users'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'password_hash'); END $$`,
	} {
		if _, err := owner.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("db: migrate: %s: %w", stmt, err)
		}
	}
	return nil
}
