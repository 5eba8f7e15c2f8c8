// Package db opens the PostgreSQL connection pool, runs tenant-scoped transactions (which is what row-level
// security keys on) and runs the embedded migrations.
package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/driver/pgdriver"
)

// Open connects to dsn and checks the connection. A statement gets five seconds: the service's statements are short,
// and a stuck one must not hold a request.
func Open(ctx context.Context, dsn string, log *slog.Logger, opts ...Option) (*bun.DB, error) {
	return open(ctx, dsn, log, 5*time.Second, opts)
}

// OpenMaintenance is Open for migrations and maintenance, whose statements may run for minutes on large tenants
// (an index or a new column over millions of rows).
func OpenMaintenance(ctx context.Context, dsn string, log *slog.Logger, opts ...Option) (*bun.DB, error) {
	return open(ctx, dsn, log, time.Hour, opts)
}

// Option tunes Open.
type Option func(*options)

type options struct {
	slowQuery time.Duration
}

// DefaultSlowQuery is the duration from which a statement is logged as slow.
const DefaultSlowQuery = 200 * time.Millisecond

// WithSlowQuery logs statements that take d or longer as slow (warn); 0 keeps DefaultSlowQuery.
func WithSlowQuery(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.slowQuery = d
		}
	}
}

func open(ctx context.Context, dsn string, log *slog.Logger, timeout time.Duration, opts []Option) (*bun.DB, error) {
	o := options{slowQuery: DefaultSlowQuery}
	for _, opt := range opts {
		opt(&o)
	}
	connector := pgdriver.NewConnector(pgdriver.WithDSN(dsn), pgdriver.WithTimeout(timeout),
		pgdriver.WithDialTimeout(5*time.Second), pgdriver.WithResetSessionFunc(checkAlive))
	sqldb := sql.OpenDB(connector)
	sqldb.SetMaxOpenConns(25)
	sqldb.SetMaxIdleConns(25)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	bdb := bun.NewDB(sqldb, pgdialect.New())
	if log != nil {
		bdb.AddQueryHook(&queryLog{log: log, slow: o.slowQuery})
	}
	bdb.AddQueryHook(writeMarker{})
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := bdb.PingContext(pingCtx); err != nil {
		_ = bdb.Close()
		return nil, fmt.Errorf("db: connect: %w", err)
	}
	return bdb, nil
}

// checkAlive runs before a pooled connection is used again: one the server has closed meanwhile (it restarted, or
// an administrator ended the session) is replaced by a new one, instead of failing the request that drew it.
func checkAlive(_ context.Context, cn *pgdriver.Conn) error {
	if !alive(cn.Conn()) {
		return driver.ErrBadConn
	}
	return nil
}

// InTenant runs fn in a transaction in which row-level security admits only tenantID's rows. Every query on tenant
// data runs inside one; the application's own scoping comes on top of this.
//
// fn's context carries the transaction. An InTenant with that context for the same tenant on the same pool joins it
// instead of beginning a second one: fn runs in the open transaction, and the outermost InTenant commits or rolls
// back everything at once. That is how a create behind an Idempotency-Key (package idempotency) commits its record
// together with the stored answer. A joined fn has no savepoint of its own: its error must be passed on, as the
// statements it ran are undone only with the whole transaction.
//
// The first InTenant of a request begun with BeginRequest (same tenant, same pool) takes that transaction over instead
// of beginning one.
func InTenant(ctx context.Context, db bun.IDB, tenantID uuid.UUID, fn func(ctx context.Context, tx bun.Tx) error) error {
	pool, _ := db.(*bun.DB)
	if open, ok := ctx.Value(txKey{}).(*openTx); ok && pool != nil && open.pool == pool {
		if open.tenant != tenantID {
			return fmt.Errorf("db: work for tenant %s inside a transaction of tenant %s", tenantID, open.tenant)
		}
		return fn(ctx, open.tx)
	}
	if took, err := takeOver(ctx, pool, tenantID, fn); took {
		return err
	}
	var open *openTx
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// The signed-in user is the actor of the change feed's events (change_feed_capture); "" for the system.
		user, _ := ctx.Value(userKey{}).(uuid.UUID)
		userSetting := ""
		if user != uuid.Nil {
			userSetting = user.String()
		}
		if _, err := tx.ExecContext(ctx, "SELECT set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true)",
			tenantID.String(), userSetting); err != nil {
			return fmt.Errorf("db: set tenant: %w", err)
		}
		if pool != nil {
			open = &openTx{pool: pool, tenant: tenantID, tx: tx}
			ctx = context.WithValue(ctx, txKey{}, open)
		}
		return fn(ctx, tx)
	})
	if err == nil && open != nil && open.wrote.Load() {
		if f, ok := committedWrites.Load(pool); ok {
			f.(func())()
		}
	}
	return err
}

// committedWrites holds the function OnCommittedWrites registered for each pool.
var committedWrites sync.Map

// OnCommittedWrites registers fn to be called after every transaction of InTenant on pool that committed a write
// statement (INSERT, UPDATE, DELETE, or a WITH that may hold one). The change feed wakes the backend instances
// with it after the commit, instead of from inside the writing transaction. fn must not block.
func OnCommittedWrites(pool *bun.DB, fn func()) { committedWrites.Store(pool, fn) }

// firstWord is a statement's first keyword in upper case.
func firstWord(q string) string {
	q = strings.TrimLeft(q, " \t\r\n(")
	end := strings.IndexFunc(q, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(q)
	}
	return strings.ToUpper(q[:end])
}

// writeMarker notes on the open tenant transaction that it ran a statement that may write.
type writeMarker struct{}

func (writeMarker) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }

func (writeMarker) AfterQuery(ctx context.Context, e *bun.QueryEvent) {
	open, ok := ctx.Value(txKey{}).(*openTx)
	if !ok || e.Err != nil || open.wroteConfig.Load() {
		return
	}
	switch firstWord(e.Query) {
	case "INSERT", "UPDATE", "DELETE", "WITH", "COPY", "MERGE":
		open.wrote.Store(true)
		if namesConfigTable(e.Query) {
			open.wroteConfig.Store(true)
		}
	}
}

// configTables are the tables that cached copies are made of (TenantCache). A transaction whose statements that
// may write name one of them as a word reads them from the database, not from a copy: the search errs towards
// reading (a value with such a word counts too).
var configTables = []string{"users", "roles", "units", "custom_fields"}

// namesConfigTable reports whether q holds one of configTables as a word (between ASCII word boundaries, as a
// regexp's \b). It is a plain substring search: a regexp took 30 ms for one delivery's 500-row insert, whose
// values are part of the statement's text, and is run on every statement that may write.
func namesConfigTable(q string) bool {
	word := func(b byte) bool {
		return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
	}
	for _, t := range configTables {
		for at := 0; ; {
			i := strings.Index(q[at:], t)
			if i < 0 {
				break
			}
			start, end := at+i, at+i+len(t)
			if (start == 0 || !word(q[start-1])) && (end == len(q) || !word(q[end])) {
				return true
			}
			at = end
		}
	}
	return false
}

// InTenantValue is InTenant for work that gives a value: fn's value once the transaction committed (or joined).
func InTenantValue[T any](ctx context.Context, db bun.IDB, tenantID uuid.UUID, fn func(ctx context.Context, tx bun.Tx) (T, error)) (T, error) {
	var out T
	err := InTenant(ctx, db, tenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = fn(ctx, tx)
		return err
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}

// WithUser names the signed-in user whose work ctx carries (access.WithActor sets it): the transactions InTenant
// begins with it record the user as the actor of their changes.
func WithUser(ctx context.Context, userID uuid.UUID) context.Context {
	return context.WithValue(ctx, userKey{}, userID)
}

type userKey struct{}

// txKey is the context key of the open tenant transaction.
type txKey struct{}

type openTx struct {
	pool   *bun.DB
	tenant uuid.UUID
	tx     bun.Tx
	// wrote: a statement that may write ran in the transaction (writeMarker); wroteConfig: one that may have
	// changed what TenantCache copies are made of.
	wrote, wroteConfig atomic.Bool
}

// PostgreSQL error codes the services map to API errors.
const (
	pgUniqueViolation     = "23505"
	pgForeignKeyViolation = "23503"
)

// IsUniqueViolation reports whether err is a unique violation, optionally of the named constraint or index.
func IsUniqueViolation(err error, constraint string) bool {
	return isPG(err, pgUniqueViolation, constraint)
}

// IsForeignKeyViolation reports whether err is a foreign key violation, optionally of the named constraint.
func IsForeignKeyViolation(err error, constraint string) bool {
	return isPG(err, pgForeignKeyViolation, constraint)
}

func isPG(err error, code, constraint string) bool {
	var pgErr pgdriver.Error
	if !errors.As(err, &pgErr) || pgErr.Field('C') != code {
		return false
	}
	return constraint == "" || pgErr.Field('n') == constraint
}

// IsNoRows reports whether err means that no row matched.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
