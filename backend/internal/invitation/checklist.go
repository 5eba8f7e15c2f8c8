package invitation

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/shared/api"
)

// setupChecks decide the steps of the first-run checklist, each by what exists in the company (in the tenant's
// transaction, so row-level security keeps them to it).
var setupChecks = []struct {
	step api.SetupStep
	sql  string
}{
	{api.SetupTeam, `SELECT (SELECT count(*) FROM users) > 1 OR EXISTS (SELECT 1 FROM invitations WHERE revoked_at IS NULL AND invited_by IS NOT NULL)`},
	{api.SetupUnits, `SELECT (SELECT count(*) FROM units) > 1 OR (SELECT count(*) FROM roles) <> ? OR EXISTS (SELECT 1 FROM roles WHERE version > 1)`},
	{api.SetupPipelines, `SELECT EXISTS (SELECT 1 FROM pipelines)`},
	{api.SetupCustomFields, `SELECT EXISTS (SELECT 1 FROM custom_fields)`},
	{api.SetupLeadSource, `SELECT EXISTS (SELECT 1 FROM lead_sources)`},
	{api.SetupImport, `SELECT EXISTS (SELECT 1 FROM imports WHERE status = 'done')`},
}

// Checklist answers GET /api/v1/tenant/checklist (admins): whether the first-run checklist is offered (a new
// customer company, tenants.setup_until) and its steps that are done.
func (s *Service) Checklist(ctx context.Context, a *access.Actor) (api.SetupChecklist, error) {
	if err := a.RequireAdmin(); err != nil {
		return api.SetupChecklist{}, err
	}
	out := api.SetupChecklist{Done: []api.SetupStep{}}
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if err := tx.NewRaw("SELECT coalesce(setup_until > now(), false) FROM tenants WHERE id = ?", a.TenantID).
			Scan(ctx, &out.Offered); err != nil {
			return fmt.Errorf("invitation: checklist offered: %w", err)
		}
		for _, c := range setupChecks {
			var args []any
			if c.step == api.SetupUnits {
				args = append(args, len(role.Defaults()))
			}
			var done bool
			if err := tx.NewRaw(c.sql, args...).Scan(ctx, &done); err != nil {
				return fmt.Errorf("invitation: checklist %s: %w", c.step, err)
			}
			if done {
				out.Done = append(out.Done, c.step)
			}
		}
		return nil
	})
	return out, err
}
