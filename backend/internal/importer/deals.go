package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/deal"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/shared/api"
)

// deals imports deals into their pipelines, with the person (by e-mail address) and the organisation (by name,
// or created) each row names.
type deals struct {
	svc *deal.Service
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
	var ds []*deal.Deal
	for _, l := range lines {
		d := l.draft.(*deal.Deal)
		if l.orgID != uuid.Nil {
			id := l.orgID
			d.OrganizationID = &id
		}
		if l.outcome == api.ImportRowCreated {
			ds = append(ds, d)
		}
	}
	if err := deal.InsertAll(ctx, tx, ds); err != nil {
		return w, err
	}
	entries := make([]history.Entry, 0, len(ds))
	for _, d := range ds {
		w.created[api.RecordDeal] = append(w.created[api.RecordDeal], d.ID)
		entries = append(entries, history.Entry{RecordID: d.ID, Action: api.HistoryImported, Changes: d.Created(r.fields[api.RecordDeal])})
	}
	if err := history.RecordFor(ctx, tx, r.a, api.RecordDeal, r.imp.FileName, entries); err != nil {
		return w, err
	}
	err := updateLines(ctx, tx, r, lines, &w, func(l *line) (updatedRecord, error) {
		cur, err := k.svc.Load(ctx, tx, r.a, l.match.ID, api.ActionEdit, true)
		if err != nil {
			return updatedRecord{}, err
		}
		patch, before := dealPatch(l, cur.API())
		upd, err := k.svc.Update(ctx, r.a, cur.ID, cur.Version, patch)
		if err != nil {
			return updatedRecord{}, err
		}
		return changed(api.RecordDeal, cur.ID, cur.Version, upd.Version, before), nil
	}, func(*line) func(string) string { return dealTarget })
	return w, err
}

// dealPatch is what an update of cur with a line's values changes (its non-empty values, its person and
// organisation), and the patch that sets those fields back. Pipeline and stage stay as they are.
func dealPatch(l *line, cur api.Deal) (api.DealPatch, api.DealPatch) {
	var p, b api.DealPatch
	in, d := dealInput(l), l.draft.(*deal.Deal)
	for _, f := range []struct {
		val       string
		old       string
		dst, back **string
	}{{in.Title, cur.Title, &p.Title, &b.Title}, {d.Value, cur.Value, &p.Value, &b.Value}, {d.Currency, cur.Currency, &p.Currency, &b.Currency},
		{in.ExpectedCloseDate, cur.ExpectedCloseDate, &p.ExpectedCloseDate, &b.ExpectedCloseDate}} {
		if f.val != "" && (f.dst != &p.Value || in.Value != "") && (f.dst != &p.Currency || in.Currency != "") {
			val, old := f.val, f.old
			*f.dst, *f.back = &val, &old
		}
	}
	if d.PersonID != nil {
		id, old := d.PersonID.String(), cur.PersonID
		p.PersonID, b.PersonID = &id, &old
	}
	if d.OrganizationID != nil {
		id, old := d.OrganizationID.String(), cur.OrganizationID
		p.OrganizationID, b.OrganizationID = &id, &old
	}
	if l.values[string(api.TargetOwner)] != "" {
		owner, old := d.OwnerID.String(), cur.OwnerID
		p.OwnerID, b.OwnerID = &owner, &old
	}
	p.Custom, b.Custom = customPatch(in.Custom, d.Custom, cur.Custom)
	return p, b
}

func (k deals) revert(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, before json.RawMessage) error {
	var p api.DealPatch
	if err := json.Unmarshal(before, &p); err != nil {
		return fmt.Errorf("importer: the undo log of deal %s: %w", id, err)
	}
	_, err := k.svc.Update(ctx, a, id, version, p)
	return err
}
