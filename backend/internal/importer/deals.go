package importer

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/deal"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/shared/api"
)

// deals imports deals into their pipelines, with the person (by e-mail address) and the organisation (by name,
// or created) each row names.
type deals struct {
	updater[*deal.Deal, api.Deal, api.DealPatch]
}

func newDeals(svc *deal.Service) deals {
	return deals{updater[*deal.Deal, api.Deal, api.DealPatch]{rt: api.RecordDeal, svc: svc, patch: dealPatch, targetOf: targetIs(dealTarget)}}
}

func dealInput(l *line) api.DealCreate {
	v := l.values
	return api.DealCreate{Title: v[string(api.TargetTitle)], Value: v[string(api.TargetValue)], Currency: v[string(api.TargetCurrency)],
		ExpectedCloseDate: v[string(api.TargetExpectedCloseDate)], Custom: customOf(v, "")}
}

func dealTarget(f string) string {
	switch f {
	case "ownerId":
		return string(api.TargetOwner)
	case "personId":
		return string(api.TargetPerson)
	case "organizationId":
		return string(api.TargetOrganization)
	case "pipelineId":
		return string(api.TargetPipeline)
	case "stageId":
		return string(api.TargetStage)
	}
	return f
}

func (k deals) decide(ctx context.Context, tx bun.IDB, r *run, lines []*line) (int, error) {
	for _, l := range lines {
		var v httpx.Validation
		d := deal.Draft(r.a.TenantID, r.fields[api.RecordDeal], dealInput(l), &v)
		for f, code := range v.Fields() {
			l.fail(dealTarget(f), code)
		}
		d.OwnerID = r.ownerOf(ctx, tx, l, api.RecordDeal)
		d.OwnerName = r.users.name(d.OwnerID)
		if p, st := r.p.places.of(l); p != nil && st != nil {
			d.PipelineID, d.StageID, d.PipelineName, d.StageName = p.ID, st.ID, p.Name, st.Name
		}
		l.draft = d
	}
	if err := dealPersons(ctx, tx, r, lines); err != nil {
		return 0, err
	}
	if err := linkOrganizations(ctx, tx, r, lines, func(l *line) uuid.UUID { return l.draft.(*deal.Deal).OwnerID }, false); err != nil {
		return 0, err
	}
	for _, l := range lines {
		d := l.draft.(*deal.Deal)
		if l.values[string(api.TargetPerson)] == "" && l.values[string(api.TargetOrganization)] == "" {
			// As on create: a deal needs a person or an organisation.
			l.fail(string(api.TargetPerson), api.FieldRequired)
			l.fail(string(api.TargetOrganization), api.FieldRequired)
		}
		if l.orgID != uuid.Nil {
			id := l.orgID
			d.OrganizationID = &id
		}
	}
	key, found, err := byRule(ctx, tx, r, lines, api.RecordDeal, func(l *line) map[string]string { return l.draft.(*deal.Deal).Custom })
	if err != nil {
		return 0, err
	}
	return r.dedupe(lines, key, found), nil
}

// dealPersons finds each line's person by e-mail address among the persons the actor may see: one is taken, two
// are ambiguous, none is not_found (a deal file creates no persons).
func dealPersons(ctx context.Context, tx bun.IDB, r *run, lines []*line) error {
	const target = string(api.TargetPerson)
	var keys []string
	for _, l := range lines {
		if e := strings.ToLower(strings.TrimSpace(l.values[target])); e != "" {
			keys = append(keys, e)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	found, err := person.ByEmail(ctx, tx, r.a, keys, uuid.Nil)
	if err != nil {
		return err
	}
	for _, l := range lines {
		e := strings.ToLower(strings.TrimSpace(l.values[target]))
		if e == "" {
			continue
		}
		switch ms := found[e]; len(ms) {
		case 0:
			l.fail(target, api.FieldNotFound)
		case 1:
			id := ms[0].ID
			l.draft.(*deal.Deal).PersonID = &id
		default:
			l.fail(target, api.FieldAmbiguous)
		}
	}
	return nil
}

func (k deals) write(ctx context.Context, tx bun.IDB, r *run, lines []*line) (written, error) {
	w := written{created: map[api.RecordType][]uuid.UUID{}}
	if err := insertOrganizations(ctx, tx, r, lines, &w); err != nil {
		return w, err
	}
	for _, l := range lines {
		if l.orgID != uuid.Nil {
			id := l.orgID
			l.draft.(*deal.Deal).OrganizationID = &id
		}
	}
	if err := insertCreated(ctx, tx, r, lines, &w, api.RecordDeal, func(ds []*deal.Deal) error {
		return deal.InsertAll(ctx, tx, ds)
	}, func(d *deal.Deal) uuid.UUID { return d.ID }); err != nil {
		return w, err
	}
	return w, k.updateAll(ctx, tx, r, lines, &w)
}

// dealPatch is what an update of cur with a line's values changes (its non-empty values, its person and
// organisation), and the patch that sets those fields back. Pipeline and stage stay as they are.
func dealPatch(l *line, cur api.Deal) (api.DealPatch, api.DealPatch) {
	var p, b api.DealPatch
	in, d := dealInput(l), l.draft.(*deal.Deal)
	setIf(in.Title, cur.Title, &p.Title, &b.Title)
	if in.Value != "" {
		setIf(d.Value, cur.Value, &p.Value, &b.Value)
	}
	if in.Currency != "" {
		setIf(d.Currency, cur.Currency, &p.Currency, &b.Currency)
	}
	setIf(in.ExpectedCloseDate, cur.ExpectedCloseDate, &p.ExpectedCloseDate, &b.ExpectedCloseDate)
	if d.PersonID != nil {
		id, old := d.PersonID.String(), cur.PersonID
		p.PersonID, b.PersonID = &id, &old
	}
	if d.OrganizationID != nil {
		id, old := d.OrganizationID.String(), cur.OrganizationID
		p.OrganizationID, b.OrganizationID = &id, &old
	}
	setOwner(l, d.OwnerID, cur.OwnerID, &p.OwnerID, &b.OwnerID)
	p.Custom, b.Custom = customPatch(in.Custom, d.Custom, cur.Custom)
	return p, b
}
