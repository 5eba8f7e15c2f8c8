package importer

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/lead"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// leads imports leads into their pipelines.
type leads struct {
	updater[*lead.Lead, api.Lead, api.LeadPatch]
}

func newLeads(svc *lead.Service) leads {
	return leads{updater[*lead.Lead, api.Lead, api.LeadPatch]{rt: api.RecordLead, svc: svc, patch: leadPatch,
		targetOf: func(l *line) func(string) string { return leadInput(l).targetOf }}}
}

// leadRow is a line's lead as a create input, with the target each derived field came from.
type leadRow struct {
	in    api.LeadCreate
	names map[string]string
}

func leadInput(l *line) leadRow {
	v := l.values
	r := leadRow{names: map[string]string{}}
	r.in = api.LeadCreate{Title: v[string(api.TargetTitle)], PersonName: v[string(api.TargetFullName)], Company: v[string(api.TargetCompany)],
		Email: v[string(api.TargetEmail)], Phone: v[string(api.TargetPhone)], Address: addressOf(v, ""), Source: v[string(api.TargetSource)],
		Custom: customOf(v, "")}
	r.names["personName"] = string(api.TargetFullName)
	if r.in.PersonName == "" {
		r.in.PersonName = strings.TrimSpace(v[string(api.TargetFirstName)] + " " + v[string(api.TargetLastName)])
		r.names["personName"] = string(api.TargetLastName)
	}
	// A lead without a title is named after its company, else its person (as a delivered one is).
	if r.in.Title == "" {
		r.in.Title, r.names["title"] = r.in.Company, string(api.TargetCompany)
		if r.in.Title == "" {
			r.in.Title, r.names["title"] = r.in.PersonName, r.names["personName"]
		}
		if r.in.Title == "" {
			r.names["title"] = string(api.TargetTitle)
		}
	}
	return r
}

func (r leadRow) targetOf(f string) string {
	switch {
	case strings.HasPrefix(f, "address."):
		return strings.TrimPrefix(f, "address.")
	case f == "ownerId":
		return string(api.TargetOwner)
	case f == "pipelineId":
		return string(api.TargetPipeline)
	case f == "stageId":
		return string(api.TargetStage)
	}
	if t, ok := r.names[f]; ok {
		return t
	}
	return f
}

func (k leads) decide(ctx context.Context, tx bun.IDB, r *run, lines []*line) (int, error) {
	for _, l := range lines {
		row := leadInput(l)
		var v httpx.Validation
		d := lead.Draft(r.a.TenantID, r.fields[api.RecordLead], row.in, &v)
		for f, code := range v.Fields() {
			l.fail(row.targetOf(f), code)
		}
		d.OwnerID = r.ownerOf(ctx, tx, l, api.RecordLead)
		d.OwnerName = r.users.name(d.OwnerID)
		if p, st := r.p.places.of(l); p != nil && st != nil {
			d.PipelineID, d.StageID, d.PipelineName, d.StageName = p.ID, st.ID, p.Name, st.Name
		}
		l.draft = d
	}
	key, found, err := byRule(ctx, tx, r, lines, api.RecordLead, func(l *line) map[string]string { return l.draft.(*lead.Lead).Custom })
	if err != nil {
		return 0, err
	}
	return r.dedupe(lines, key, found), nil
}

// byRule is the duplicate rule's key of a line (lower-case e-mail address, or a custom field's canonical value
// from the draft's custom values) and the existing records of kind rt with the lines' keys.
func byRule(ctx context.Context, tx bun.IDB, r *run, lines []*line, rt api.RecordType, custom func(*line) map[string]string) (func(*line) string, map[string][]record.Match, error) {
	rule := r.p.settings.Duplicates
	id, isCustom := strings.CutPrefix(rule.Target, "custom.")
	key := func(l *line) string {
		if isCustom {
			return custom(l)[id]
		}
		value := l.values[rule.Target]
		if rule.Target == string(api.TargetEmail) {
			// A cell of several addresses ("a; b", as an export writes them) is found by its first, the main one.
			value = firstOf(valuesOf(value))
		}
		return strings.ToLower(strings.TrimSpace(value))
	}
	field := rule.Target
	if isCustom {
		field = id
	}
	found, err := lookup(ctx, tx, r, lines, key, func(keys []string) (map[string][]record.Match, error) {
		return record.Matches(ctx, tx, r.a, record.MustKind(rt), api.ActionView, field, keys)
	})
	return key, found, err
}

func (k leads) write(ctx context.Context, tx bun.IDB, r *run, lines []*line) (written, error) {
	w := written{created: map[api.RecordType][]uuid.UUID{}}
	if err := insertCreated(ctx, tx, r, lines, &w, api.RecordLead, func(ls []*lead.Lead) error {
		return lead.InsertAll(ctx, tx, r.a.TenantID, ls)
	}, func(d *lead.Lead) uuid.UUID { return d.ID }); err != nil {
		return w, err
	}
	return w, k.updateAll(ctx, tx, r, lines, &w)
}

// leadPatch is what an update of cur with a line's values changes (its non-empty values), and the patch that sets
// those fields back. Pipeline and stage stay as they are.
func leadPatch(l *line, cur api.Lead) (api.LeadPatch, api.LeadPatch) {
	var p, b api.LeadPatch
	in, draft := leadInput(l).in, l.draft.(*lead.Lead)
	setIf(in.PersonName, cur.PersonName, &p.PersonName, &b.PersonName)
	setIf(in.Company, cur.Company, &p.Company, &b.Company)
	setIf(in.Email, cur.Email, &p.Email, &b.Email)
	setIf(in.Phone, cur.Phone, &p.Phone, &b.Phone)
	setIf(in.Source, cur.Source, &p.Source, &b.Source)
	setIf(l.values[string(api.TargetTitle)], cur.Title, &p.Title, &b.Title)
	setAddress(in.Address, cur.Address, &p.Address, &b.Address)
	setOwner(l, draft.OwnerID, cur.OwnerID, &p.OwnerID, &b.OwnerID)
	p.Custom, b.Custom = customPatch(in.Custom, draft.Custom, cur.Custom)
	return p, b
}
