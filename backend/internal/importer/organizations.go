package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/organization"
	"github.com/1sales/app/shared/api"
)

// organizations imports organisations.
type organizations struct {
	svc *organization.Service
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
	var os []*organization.Organization
	for _, l := range lines {
		if l.outcome == api.ImportRowCreated {
			os = append(os, l.draft.(*organization.Organization))
		}
	}
	if err := organization.InsertAll(ctx, tx, r.a.TenantID, os); err != nil {
		return w, err
	}
	var entries []history.Entry
	for _, l := range lines {
		if l.outcome == api.ImportRowCreated {
			o := l.draft.(*organization.Organization)
			l.id = o.ID
			w.created[api.RecordOrganization] = append(w.created[api.RecordOrganization], o.ID)
			entries = append(entries, history.Entry{RecordID: o.ID, Action: api.HistoryImported, Changes: o.Created(r.fields[api.RecordOrganization])})
		}
	}
	if err := history.RecordFor(ctx, tx, r.a, api.RecordOrganization, r.imp.FileName, entries); err != nil {
		return w, err
	}
	err := updateLines(ctx, tx, r, lines, &w, func(l *line) (updatedRecord, error) {
		cur, err := k.svc.Load(ctx, tx, r.a, l.match.ID, api.ActionEdit, true)
		if err != nil {
			return updatedRecord{}, err
		}
		patch, before := orgPatch(l, cur.API())
		upd, err := k.svc.Update(ctx, r.a, cur.ID, cur.Version, patch)
		if err != nil {
			return updatedRecord{}, err
		}
		return changed(api.RecordOrganization, cur.ID, cur.Version, upd.Version, before), nil
	}, func(*line) func(string) string { return orgTarget })
	return w, err
}

// orgPatch is what an update of cur with a line's values changes (its non-empty values), and the patch that sets
// those fields back.
func orgPatch(l *line, cur api.Organization) (api.OrganizationPatch, api.OrganizationPatch) {
	var p, b api.OrganizationPatch
	in, draft := orgInput(l), l.draft.(*organization.Organization)
	for _, f := range []struct {
		val       string
		old       string
		dst, back **string
	}{{in.Name, cur.Name, &p.Name, &b.Name}, {in.Phone, cur.Phone, &p.Phone, &b.Phone}, {in.Email, cur.Email, &p.Email, &b.Email},
		{in.Website, cur.Website, &p.Website, &b.Website}, {in.Industry, cur.Industry, &p.Industry, &b.Industry}} {
		if f.val != "" {
			val, old := f.val, f.old
			*f.dst, *f.back = &val, &old
		}
	}
	if in.Address != (api.Address{}) {
		a, old := mergeAddress(cur.Address, in.Address), cur.Address
		p.Address, b.Address = &a, &old
	}
	if l.values[string(api.TargetOwner)] != "" {
		owner, old := draft.OwnerID.String(), cur.OwnerID
		p.OwnerID, b.OwnerID = &owner, &old
	}
	p.Custom, b.Custom = customPatch(in.Custom, draft.Custom, cur.Custom)
	return p, b
}

// mergeAddress is cur with the parts add gives.
func mergeAddress(cur, add api.Address) api.Address {
	for _, part := range []struct {
		dst *string
		val string
	}{{&cur.Street, add.Street}, {&cur.PostalCode, add.PostalCode}, {&cur.City, add.City}, {&cur.Country, add.Country}} {
		if part.val != "" {
			*part.dst = part.val
		}
	}
	return cur
}

func (k organizations) revert(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, before json.RawMessage) error {
	var p api.OrganizationPatch
	if err := json.Unmarshal(before, &p); err != nil {
		return fmt.Errorf("importer: the undo log of organisation %s: %w", id, err)
	}
	_, err := k.svc.Update(ctx, a, id, version, p)
	return err
}
