// Package tenant reads the customer company of the signed-in user and its plan, and provisions new tenants.
package tenant

import (
	"context"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/shared/api"
)

// Tenant is a tenant with its plan's limits. StorageBytesPerUser is the plan's unless the tenant has a limit of
// its own (tenants.storage_bytes_per_user, set by the operator for a contract).
type Tenant struct {
	ID                  uuid.UUID `bun:"id"`
	Name                string    `bun:"name"`
	Plan                api.Plan  `bun:"plan"`
	StorageBytesPerUser int64     `bun:"storage_bytes_per_user"`
	MaxPipelines        int       `bun:"max_pipelines"`
}

// API converts to the wire type.
func (t *Tenant) API() api.Tenant {
	return api.Tenant{ID: t.ID.String(), Name: t.Name, Plan: t.Plan, StorageBytesPerUser: t.StorageBytesPerUser,
		MaxPipelines: t.MaxPipelines}
}

// Load reads the tenant of the current tenant transaction (row-level security admits only that one).
func Load(ctx context.Context, tx bun.IDB, id uuid.UUID) (*Tenant, error) {
	var t Tenant
	err := tx.NewRaw(`SELECT t.id, t.name, t.plan, coalesce(t.storage_bytes_per_user, p.storage_bytes_per_user) AS storage_bytes_per_user, p.max_pipelines
		FROM tenants AS t JOIN plans AS p ON p.code = t.plan WHERE t.id = ?`, id).Scan(ctx, &t)
	if err != nil {
		return nil, httpx.Missing(err, fmt.Sprintf("tenant: load %s", id))
	}
	return &t, nil
}

// Handler serves GET /api/v1/tenant.
type Handler struct{ db *bun.DB }

// NewHandler builds the handler.
func NewHandler(db *bun.DB) *Handler { return &Handler{db: db} }

// Get handles GET /api/v1/tenant.
func (h *Handler) Get(w http.ResponseWriter, r *http.Request) error {
	return rest.Answer(func(ctx context.Context, a *access.Actor) (api.Tenant, error) {
		return db.InTenantValue(ctx, h.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (api.Tenant, error) {
			t, err := Load(ctx, tx, a.TenantID)
			if err != nil {
				return api.Tenant{}, err
			}
			return t.API(), nil
		})
	}).Handler(w, r)
}
