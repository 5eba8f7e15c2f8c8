package importer

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/organization"
	"github.com/1sales/app/backend/internal/record"
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
	rule := r.p.settings.Duplicates
	key := func(l *line) string {
		if id, ok := strings.CutPrefix(rule.Target, "custom."); ok {
			return l.draft.(*organization.Organization).Custom[id]
		}
		return strings.ToLower(strings.TrimSpace(l.values[rule.Target]))
	}
	found, err := lookup(ctx, tx, r, lines, key, func(keys []string) (map[string][]record.Match, error) {
		if id, ok := strings.CutPrefix(rule.Target, "custom."); ok {
			return record.ByCustom(ctx, tx, r.a, record.MustKind(api.RecordOrganization), id, keys)
		}
		if rule.Target == string(api.TargetEmail) {
			return organization.ByEmail(ctx, tx, r.a, keys)
		}
		return organization.ByName(ctx, tx, r.a, api.ActionView, keys)
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
	for _, l := range lines {
		if l.outcome != api.ImportRowUpdated {
			continue
		}
		var rec updatedRecord
		ok, err := update(ctx, tx, l, orgTarget, r.p.settings.Duplicates.Target, func() error {
			cur, err := k.svc.Load(ctx, tx, r.a, l.match.ID, api.ActionEdit, true)
			if err != nil {
				return err
			}
			patch, before := orgPatch(l, cur.API())
			upd, err := k.svc.Update(ctx, r.a, cur.ID, cur.Version, patch)
			if err != nil {
				return err
			}
			if upd.Version != cur.Version {
				rec = updatedRecord{rt: api.RecordOrganization, id: cur.ID, version: upd.Version, before: before}
			}
			return nil
		})
		if err != nil {
			return w, err
		}
		if ok {
			l.id = l.match.ID
			if rec.id != uuid.Nil {
				w.updated = append(w.updated, rec)
			}
		}
	}
	return w, nil
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
	if len(in.Custom) > 0 {
		p.Custom, b.Custom = api.CustomValues{}, api.CustomValues{}
		for id := range in.Custom {
			p.Custom[id], b.Custom[id] = draft.Custom[id], cur.Custom[id]
		}
	}
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
