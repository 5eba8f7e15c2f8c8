package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/google/uuid"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/uptrace/bun"
)

// ErrRefused: the check of BeginRequest answered NULL (for a signed-in request: no valid session).
var ErrRefused = errors.New("db: request refused by its check")

// Request is a signed-in request's tenant transaction, begun before its work: its first statement sets the tenant
// and the user (as InTenant's does) and, in the same round trip, checks the request and reads the tenant's
// configuration version. The first InTenant of that tenant on that pool in the request's context takes it over:
// runs in it and commits it, so that a request which checks its session and then lists persons is one transaction
// of four statements (BEGIN, the check, the list, COMMIT) instead of two of eight. Later InTenants begin their own
// transactions as before, so a handler's transaction boundaries stay where it put them.
type Request struct {
	open    *openTx
	taken   atomic.Bool
	version int64
}

type requestKey struct{}

// BeginRequest begins the request transaction. check is an SQL expression of bigint (with args): the tenant's
// configuration version, or NULL to refuse the request (ErrRefused). End must be called when the request is done.
func BeginRequest(ctx context.Context, pool *bun.DB, tenantID, userID uuid.UUID, check string, args ...any) (context.Context, *Request, error) {
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return ctx, nil, fmt.Errorf("db: begin request: %w", err)
	}
	var version sql.NullInt64
	if err := tx.NewRaw("SELECT set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true), "+check,
		append([]any{tenantID.String(), userID.String()}, args...)...).Scan(ctx, new(string), new(string), &version); err != nil {
		_ = tx.Rollback()
		return ctx, nil, fmt.Errorf("db: check request: %w", err)
	}
	if !version.Valid {
		_ = tx.Rollback()
		return ctx, nil, ErrRefused
	}
	r := &Request{open: &openTx{pool: pool, tenant: tenantID, tx: tx}, version: version.Int64}
	return context.WithValue(ctx, requestKey{}, r), r, nil
}

// Tx is the request's transaction, for the statements that belong to the check (loading the actor).
func (r *Request) Tx() bun.Tx { return r.open.tx }

// End rolls the transaction back unless an InTenant took it over (it then has committed or rolled it back).
func (r *Request) End() {
	if r.taken.CompareAndSwap(false, true) {
		_ = r.open.tx.Rollback()
	}
}

// EndRequest ends the request transaction of ctx (Request.End), if there is one.
func EndRequest(ctx context.Context) {
	if r, ok := ctx.Value(requestKey{}).(*Request); ok {
		r.End()
	}
}

// takeOver runs fn in the request transaction of ctx when it is the tenant's on pool and not yet taken, and
// commits it (ok false: there is none to take).
func takeOver(ctx context.Context, pool *bun.DB, tenantID uuid.UUID, fn func(ctx context.Context, tx bun.Tx) error) (ok bool, err error) {
	r, _ := ctx.Value(requestKey{}).(*Request)
	if r == nil || pool == nil || r.open.pool != pool || r.open.tenant != tenantID || !r.taken.CompareAndSwap(false, true) {
		return false, nil
	}
	tx := r.open.tx
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(context.WithValue(ctx, txKey{}, r.open), tx); err != nil {
		_ = tx.Rollback()
		return true, err
	}
	if err := tx.Commit(); err != nil {
		return true, err
	}
	if r.open.wrote.Load() {
		if f, ok := committedWrites.Load(pool); ok {
			f.(func())()
		}
	}
	return true, nil
}

// TenantCache keeps per instance (per pool) copies of a tenant's configuration, each valid while the tenant's
// configuration version is the one it was made at (tenants.config_version, raised by the triggers of what the
// copies are made of). Get serves a copy only to a request that read that version in its transaction
// (BeginRequest) and has not written to those tables since (a transaction that changes a role or a field reads
// its own change);
// everything else loads.
type TenantCache[K comparable, V any] struct {
	size      int
	instances sync.Map // *bun.DB -> *lru.Cache[tenantKey[K], versioned[V]]
}

type tenantKey[K comparable] struct {
	tenant uuid.UUID
	key    K
}

type versioned[V any] struct {
	version int64
	value   V
}

// NewTenantCache makes a cache holding up to size copies per instance, the least recently used going first.
func NewTenantCache[K comparable, V any](size int) *TenantCache[K, V] {
	return &TenantCache[K, V]{size: size}
}

// Get returns the copy of key in the tenant of the request's transaction, or load's value (stored when it may be
// served later). The value is shared between requests: nobody may change it.
func (c *TenantCache[K, V]) Get(ctx context.Context, key K, load func() (V, error)) (V, error) {
	r, _ := ctx.Value(requestKey{}).(*Request)
	if r == nil || r.open.wroteConfig.Load() {
		return load()
	}
	if open, ok := ctx.Value(txKey{}).(*openTx); ok && (open.wroteConfig.Load() || open.tenant != r.open.tenant) {
		return load()
	}
	cache := c.instance(r.open.pool)
	k := tenantKey[K]{r.open.tenant, key}
	if v, ok := cache.Get(k); ok && v.version == r.version {
		return v.value, nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	cache.Add(k, versioned[V]{r.version, v})
	return v, nil
}

func (c *TenantCache[K, V]) instance(pool *bun.DB) *lru.Cache[tenantKey[K], versioned[V]] {
	if cache, ok := c.instances.Load(pool); ok {
		return cache.(*lru.Cache[tenantKey[K], versioned[V]])
	}
	cache, err := lru.New[tenantKey[K], versioned[V]](c.size)
	if err != nil {
		panic(err) // only for a size below 1
	}
	actual, _ := c.instances.LoadOrStore(pool, cache)
	return actual.(*lru.Cache[tenantKey[K], versioned[V]])
}
