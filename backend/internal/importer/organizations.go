package importer

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/organization"
	"github.com/1sales/app/shared/api"
)

// organizations imports organisations.
type organizations struct {
	updater[*organization.Organization, api.Organization, api.OrganizationPatch]
}

func newOrganizations(svc *organization.Service) organizations {
	return organizations{updater[*organization.Organization, api.Organization, api.OrganizationPatch]{
		rt: api.RecordOrganization, svc: svc, patch: orgPatch, targetOf: targetIs(orgTarget)}}
}

func orgInput(l *line) api.OrganizationCreate {
	v := l.values
	return api.OrganizationCreate{Name: v[string(api.TargetName)], Address: addressOf(v, ""), Phone: v[string(api.TargetPhone)],
		Email: v[string(api.TargetEmail)], Website: v[string(api.TargetWebsite)], Industry: v[string(api.TargetIndustry)],
		Custom: customOf(v, "")}
}

// orgTarget names the target of a field of the create (or patch) input.
func orgTarget(f string) string {
	if f == "ownerId" {
		return string(api.TargetOwner)
	}
	return strings.TrimPrefix(f, "address.")
}

func (k organizations) decide(ctx context.Context, tx bun.IDB, r *run, lines []*line) (int, error) {
	for _, l := range lines {
		var v httpx.Validation
		o := organization.Draft(r.a.TenantID, r.fields[api.RecordOrganization], orgInput(l), &v)
		for f, code := range v.Fields() {
			l.fail(orgTarget(f), code)
		}
		o.OwnerID = r.ownerOf(ctx, tx, l, api.RecordOrganization)
		o.OwnerName = r.users.name(o.OwnerID)
		l.draft = o
	}
	key, found, err := byRule(ctx, tx, r, lines, api.RecordOrganization, func(l *line) map[string]string {
		return l.draft.(*organization.Organization).Custom
	})
	if err != nil {
		return 0, err
	}
	return r.dedupe(lines, key, found), nil
}

func (k organizations) write(ctx context.Context, tx bun.IDB, r *run, lines []*line) (written, error) {
	w := written{created: map[api.RecordType][]uuid.UUID{}}
	if err := insertCreated(ctx, tx, r, lines, &w, api.RecordOrganization, func(os []*organization.Organization) error {
		return organization.InsertAll(ctx, tx, r.a.TenantID, os)
	}, func(o *organization.Organization) uuid.UUID { return o.ID }); err != nil {
		return w, err
	}
	return w, k.updateAll(ctx, tx, r, lines, &w)
}

// orgPatch is what an update of cur with a line's values changes (its non-empty values), and the patch that sets
// those fields back.
func orgPatch(l *line, cur api.Organization) (api.OrganizationPatch, api.OrganizationPatch) {
	var p, b api.OrganizationPatch
	in, draft := orgInput(l), l.draft.(*organization.Organization)
	setIf(in.Name, cur.Name, &p.Name, &b.Name)
	setIf(in.Phone, cur.Phone, &p.Phone, &b.Phone)
	setIf(in.Email, cur.Email, &p.Email, &b.Email)
	setIf(in.Website, cur.Website, &p.Website, &b.Website)
	setIf(in.Industry, cur.Industry, &p.Industry, &b.Industry)
	setAddress(in.Address, cur.Address, &p.Address, &b.Address)
	setOwner(l, draft.OwnerID, cur.OwnerID, &p.OwnerID, &b.OwnerID)
	p.Custom, b.Custom = customPatch(in.Custom, draft.Custom, cur.Custom)
	return p, b
}
