// Package seed provisions tenants (root unit, default roles, users) and the German demo company.
package seed

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/activity"
	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/shared/api"
)

// UnitSpec is a unit to create; Parent names an earlier unit ("" for the root).
type UnitSpec struct{ Name, Parent string }

// UserSpec is a user to create; Role and Unit are names.
type UserSpec struct{ Email, Name, Password, Role, Unit string }

// TenantSpec describes a tenant to provision.
type TenantSpec struct {
	Name  string
	Plan  api.Plan
	Units []UnitSpec // the first is the root
	Users []UserSpec
	// NewCustomer offers the company's admins the first-run checklist for 30 days (tenants.setup_until): a
	// customer company made by the operator, not the demo company.
	NewCustomer bool
}

// Provisioned holds the IDs of what Provision created, by name.
type Provisioned struct {
	TenantID uuid.UUID
	Units    map[string]uuid.UUID
	Roles    map[string]uuid.UUID
	Users    map[string]uuid.UUID // by e-mail
}

// Provision creates a tenant with its units, the default roles and users, in one transaction. It runs as the
// schema owner (outside row-level security), as tenant creation is not something a tenant's user can do.
func Provision(ctx context.Context, owner bun.IDB, spec TenantSpec) (*Provisioned, error) {
	var p *Provisioned
	err := owner.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var tenantID uuid.UUID
		if err := tx.NewRaw(`INSERT INTO tenants (name, plan, setup_until)
			VALUES (?, ?, CASE WHEN ? THEN now() + interval '30 days' END) RETURNING id`,
			spec.Name, spec.Plan, spec.NewCustomer).Scan(ctx, &tenantID); err != nil {
			return fmt.Errorf("seed: tenant %q: %w", spec.Name, err)
		}
		var err error
		p, err = Setup(ctx, tx, tenantID, spec)
		return err
	})
	return p, err
}

// Setup gives a new tenant (its row made) its units, the default roles and activity types and the users of spec,
// in the caller's transaction: the owner's (Provision) or the new tenant's own (the operator's new company).
func Setup(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, spec TenantSpec) (*Provisioned, error) {
	p := &Provisioned{TenantID: tenantID, Units: map[string]uuid.UUID{}, Roles: map[string]uuid.UUID{}, Users: map[string]uuid.UUID{}}
	for _, u := range spec.Units {
		var parent *uuid.UUID
		if u.Parent != "" {
			id, ok := p.Units[u.Parent]
			if !ok {
				return nil, fmt.Errorf("seed: unit %q: unknown parent %q", u.Name, u.Parent)
			}
			parent = &id
		}
		var id uuid.UUID
		if err := tx.NewRaw("INSERT INTO units (tenant_id, parent_id, name) VALUES (?, ?, ?) RETURNING id",
			p.TenantID, parent, u.Name).Scan(ctx, &id); err != nil {
			return nil, fmt.Errorf("seed: unit %q: %w", u.Name, err)
		}
		p.Units[u.Name] = id
	}
	for _, r := range role.Defaults() {
		r.TenantID = p.TenantID
		r.Version = 1
		if _, err := tx.NewInsert().Model(&r).Returning("id").Exec(ctx); err != nil {
			return nil, fmt.Errorf("seed: role %q: %w", r.Name, err)
		}
		p.Roles[r.Name] = r.ID
	}
	if err := activity.ProvisionTypes(ctx, tx, p.TenantID); err != nil {
		return nil, err
	}
	for _, u := range spec.Users {
		roleID, ok := p.Roles[u.Role]
		if !ok {
			return nil, fmt.Errorf("seed: user %s: unknown role %q", u.Email, u.Role)
		}
		unitID, ok := p.Units[u.Unit]
		if !ok {
			return nil, fmt.Errorf("seed: user %s: unknown unit %q", u.Email, u.Unit)
		}
		if problem := auth.PasswordProblem(u.Password); problem != "" {
			return nil, fmt.Errorf("seed: user %s: the password is refused (%s)", u.Email, problem)
		}
		hash, err := auth.HashPassword(u.Password)
		if err != nil {
			return nil, err
		}
		var id uuid.UUID
		if err := tx.NewRaw(`INSERT INTO users (tenant_id, email, name, password_hash, unit_id, role_id)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, p.TenantID, u.Email, u.Name, hash, unitID, roleID).Scan(ctx, &id); err != nil {
			return nil, fmt.Errorf("seed: user %s: %w", u.Email, err)
		}
		p.Users[u.Email] = id
	}
	return p, nil
}

// DemoPassword is the password of every demo user.
const DemoPassword = "Demo1234!"

// DemoTenant is the German demo company.
func DemoTenant() TenantSpec {
	return TenantSpec{
		Name: "Nordlicht Bürotechnik GmbH",
		Plan: api.PlanProfessional,
		Units: []UnitSpec{
			{Name: "Vertriebsleitung"},
			{Name: "Außendienst Nord", Parent: "Vertriebsleitung"},
			{Name: "Außendienst Süd", Parent: "Vertriebsleitung"},
			{Name: "Innendienst", Parent: "Vertriebsleitung"},
		},
		Users: []UserSpec{
			{Email: "claudia.becker@nordlicht.example", Name: "Claudia Becker", Password: DemoPassword, Role: "Administrator", Unit: "Vertriebsleitung"},
			{Email: "markus.weber@nordlicht.example", Name: "Markus Weber", Password: DemoPassword, Role: "Vertriebsleitung", Unit: "Vertriebsleitung"},
			{Email: "jonas.schmidt@nordlicht.example", Name: "Jonas Schmidt", Password: DemoPassword, Role: "Außendienst", Unit: "Außendienst Nord"},
			{Email: "lena.fischer@nordlicht.example", Name: "Lena Fischer", Password: DemoPassword, Role: "Außendienst", Unit: "Außendienst Süd"},
			{Email: "sabine.wagner@nordlicht.example", Name: "Sabine Wagner", Password: DemoPassword, Role: "Innendienst", Unit: "Innendienst"},
		},
	}
}

// Demo seeds the demo company unless it exists (checked by its admin's e-mail), then its demo contacts unless it
// has persons, so running it again keeps data.
func Demo(ctx context.Context, owner *bun.DB, log *slog.Logger) error {
	spec := DemoTenant()
	n, err := owner.NewSelect().Table("users").Where("lower(email) = lower(?)", spec.Users[0].Email).Count(ctx)
	if err != nil {
		return fmt.Errorf("seed: demo: %w", err)
	}
	if n > 0 {
		log.Info("seed: demo company already present")
	} else {
		if _, err := Provision(ctx, owner, spec); err != nil {
			return err
		}
		log.Info("seed: demo company created", "tenant", spec.Name, "users", len(spec.Users))
	}
	if err := pipelines(ctx, owner, log); err != nil {
		return err
	}
	if err := contacts(ctx, owner, log); err != nil {
		return err
	}
	return work(ctx, owner, log)
}
