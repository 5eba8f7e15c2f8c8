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
	"github.com/1sales/app/backend/internal/lead"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// leads imports leads into their pipelines.
type leads struct {
	svc *lead.Service
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
	var ls []*lead.Lead
	for _, l := range lines {
		if l.outcome == api.ImportRowCreated {
			ls = append(ls, l.draft.(*lead.Lead))
		}
	}
	if err := lead.InsertAll(ctx, tx, r.a.TenantID, ls); err != nil {
		return w, err
	}
	entries := make([]history.Entry, 0, len(ls))
	for _, d := range ls {
		w.created[api.RecordLead] = append(w.created[api.RecordLead], d.ID)
		entries = append(entries, history.Entry{RecordID: d.ID, Action: api.HistoryImported, Changes: d.Created(r.fields[api.RecordLead])})
	}
	if err := history.RecordFor(ctx, tx, r.a, api.RecordLead, r.imp.FileName, entries); err != nil {
		return w, err
	}
	err := updateLines(ctx, tx, r, lines, &w, func(l *line) (updatedRecord, error) {
		row := leadInput(l)
		cur, err := k.svc.Load(ctx, tx, r.a, l.match.ID, api.ActionEdit, true)
		if err != nil {
			return updatedRecord{}, err
		}
		patch, before := leadPatch(l, row, cur.API())
		upd, err := k.svc.Update(ctx, r.a, cur.ID, cur.Version, patch)
		if err != nil {
			return updatedRecord{}, err
		}
		return changed(api.RecordLead, cur.ID, cur.Version, upd.Version, before), nil
	}, func(l *line) func(string) string { return leadInput(l).targetOf })
	return w, err
}

// changed is the undo log's entry of an update from version to after (none when nothing changed).
func changed(rt api.RecordType, id uuid.UUID, version, after int64, before any) updatedRecord {
	if after == version {
		return updatedRecord{}
	}
	return updatedRecord{rt: rt, id: id, version: after, before: before}
}

// updateLines runs the update of every line decided as updated (update), each in a savepoint (update's doc).
func updateLines(ctx context.Context, tx bun.IDB, r *run, lines []*line, w *written, fn func(*line) (updatedRecord, error),
	targetOf func(*line) func(string) string) error {
	for _, l := range lines {
		if l.outcome != api.ImportRowUpdated {
			continue
		}
		var rec updatedRecord
		ok, err := update(ctx, tx, l, targetOf(l), r.p.settings.Duplicates.Target, func() error {
			var err error
			rec, err = fn(l)
			return err
		})
		if err != nil {
			return err
		}
		if ok {
			l.id = l.match.ID
			if rec.id != uuid.Nil {
				w.updated = append(w.updated, rec)
			} else {
				// The record holds the row's values already (an exported list imported again): nothing was
				// written, and the row counts as skipped, not as updated.
				l.outcome = api.ImportRowSkipped
			}
		}
	}
	return nil
}

// leadPatch is what an update of cur with a line's values changes (its non-empty values), and the patch that sets
// those fields back. Pipeline and stage stay as they are.
func leadPatch(l *line, row leadRow, cur api.Lead) (api.LeadPatch, api.LeadPatch) {
	var p, b api.LeadPatch
	in, draft := row.in, l.draft.(*lead.Lead)
	for _, f := range []struct {
		val       string
		old       string
		dst, back **string
	}{{in.PersonName, cur.PersonName, &p.PersonName, &b.PersonName}, {in.Company, cur.Company, &p.Company, &b.Company},
		{in.Email, cur.Email, &p.Email, &b.Email}, {in.Phone, cur.Phone, &p.Phone, &b.Phone}, {in.Source, cur.Source, &p.Source, &b.Source}} {
		if f.val != "" {
			val, old := f.val, f.old
			*f.dst, *f.back = &val, &old
		}
	}
	if t := l.values[string(api.TargetTitle)]; t != "" {
		old := cur.Title
		p.Title, b.Title = &t, &old
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

// customPatch is the custom values an update sets (the draft's canonical values of the row's fields) and their
// values before ("" clears one the record did not have).
func customPatch(row, draft, cur api.CustomValues) (api.CustomValues, api.CustomValues) {
	if len(row) == 0 {
		return nil, nil
	}
	p, b := api.CustomValues{}, api.CustomValues{}
	for id := range row {
		p[id], b[id] = draft[id], cur[id]
	}
	return p, b
}

func (k leads) revert(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, before json.RawMessage) error {
	var p api.LeadPatch
	if err := json.Unmarshal(before, &p); err != nil {
		return fmt.Errorf("importer: the undo log of lead %s: %w", id, err)
	}
	_, err := k.svc.Update(ctx, a, id, version, p)
	return err
}
