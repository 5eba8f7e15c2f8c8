package importer

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/organization"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/search"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// persons imports persons, with the organisation each row names (found by name, or created with the row's
// organisation fields) as their membership.
type persons struct {
	updater[*person.Person, api.Person, api.PersonPatch]
}

func newPersons(svc *person.Service) persons {
	return persons{updater[*person.Person, api.Person, api.PersonPatch]{rt: api.RecordPerson, svc: svc, patch: personPatch,
		targetOf: func(l *line) func(string) string { return personInput(l).targetOf },
		then: func(ctx context.Context, tx bun.IDB, r *run, l *line, id uuid.UUID) error {
			// The row's organisations become the person's memberships too.
			for _, orgID := range l.orgIDs() {
				if err := person.LinkInTx(ctx, tx, r.a, id, orgID); err != nil {
					return err
				}
			}
			return nil
		}}}
}

// personRow is a line's person as a create input, with the target each of the input's fields came from.
type personRow struct {
	in      api.PersonCreate
	phones  []string // the target of each phone number
	names   map[string]string
	orgName string
}

func personInput(l *line) personRow {
	v := l.values
	r := personRow{names: map[string]string{}, orgName: v[string(api.TargetOrganization)]}
	r.in = api.PersonCreate{Title: v[string(api.TargetTitle)], FirstName: v[string(api.TargetFirstName)],
		LastName: v[string(api.TargetLastName)], JobTitle: v[string(api.TargetJobTitle)], Address: addressOf(v, ""),
		Custom: customOf(v, "")}
	if s := v[string(api.TargetSalutation)]; s != "" {
		if sal, ok := parseSalutation(s); ok {
			r.in.Salutation = sal
		} else {
			l.fail(string(api.TargetSalutation), api.FieldInvalid)
		}
	}
	if full := v[string(api.TargetFullName)]; full != "" {
		first, last := splitName(full)
		if r.in.FirstName == "" && first != "" {
			r.in.FirstName, r.names["firstName"] = first, string(api.TargetFullName)
		}
		if r.in.LastName == "" {
			r.in.LastName, r.names["lastName"] = last, string(api.TargetFullName)
		}
	}
	for _, e := range valuesOf(v[string(api.TargetEmail)]) {
		r.in.Emails = append(r.in.Emails, api.ContactPoint{Value: e, Kind: api.ContactWork})
	}
	for _, p := range []struct {
		t    api.ImportTarget
		kind api.ContactKind
	}{{api.TargetPhone, api.ContactWork}, {api.TargetMobile, api.ContactMobile}} {
		for _, n := range valuesOf(v[string(p.t)]) {
			r.in.Phones = append(r.in.Phones, api.ContactPoint{Value: n, Kind: p.kind})
			r.phones = append(r.phones, string(p.t))
		}
	}
	return r
}

// addressOf is the address among values (prefix "" or "organization."), countries by name made ISO codes.
func addressOf(v map[string]string, prefix string) api.Address {
	return api.Address{Street: v[prefix+string(api.TargetStreet)], PostalCode: v[prefix+string(api.TargetPostalCode)],
		City: v[prefix+string(api.TargetCity)], Country: validate.CountryCode(v[prefix+string(api.TargetCountry)])}
}

// customOf is the custom field values among values (prefix "" or "organization."), by field ID.
func customOf(v map[string]string, prefix string) api.CustomValues {
	out := api.CustomValues{}
	for t, val := range v {
		if id, ok := strings.CutPrefix(t, prefix+"custom."); ok && !strings.Contains(id, ".") {
			out[id] = val
		}
	}
	return out
}

// targetOf names the target of a field of the create (or patch) input.
func (r personRow) targetOf(f string) string {
	switch {
	case strings.HasPrefix(f, "emails"):
		return string(api.TargetEmail)
	case strings.HasPrefix(f, "phones["):
		var i int
		if _, err := fmt.Sscanf(f, "phones[%d]", &i); err == nil && i < len(r.phones) {
			return r.phones[i]
		}
		return string(api.TargetPhone)
	case strings.HasPrefix(f, "address."):
		return strings.TrimPrefix(f, "address.")
	case f == "ownerId":
		return string(api.TargetOwner)
	}
	if t, ok := r.names[f]; ok {
		return t
	}
	return f
}

func (k persons) decide(ctx context.Context, tx bun.IDB, r *run, lines []*line) (int, error) {
	fields := r.fields[api.RecordPerson]
	rows := make([]personRow, len(lines))
	for i, l := range lines {
		rows[i] = personInput(l)
		var v httpx.Validation
		p := person.Draft(r.a.TenantID, fields, rows[i].in, &v)
		for f, code := range v.Fields() {
			l.fail(rows[i].targetOf(f), code)
		}
		p.OwnerID = r.ownerOf(ctx, tx, l, api.RecordPerson)
		p.OwnerName = r.users.name(p.OwnerID)
		l.draft = p
	}
	if err := linkOrganizations(ctx, tx, r, lines, func(l *line) uuid.UUID { return l.draft.(*person.Person).OwnerID }, true); err != nil {
		return 0, err
	}
	key, found, err := byRule(ctx, tx, r, lines, api.RecordPerson, func(l *line) map[string]string { return l.draft.(*person.Person).Custom })
	if err != nil {
		return 0, err
	}
	return r.dedupe(lines, key, found), nil
}

// lookup asks find for the keys of the lines without errors, when the settings have a duplicate rule.
func lookup(ctx context.Context, tx bun.IDB, r *run, lines []*line, key func(*line) string,
	find func(keys []string) (map[string][]record.Match, error)) (map[string][]record.Match, error) {
	if r.p.settings.Duplicates.Target == "" {
		return nil, nil
	}
	var keys []string
	seen := map[string]bool{}
	for _, l := range lines {
		if k := key(l); k != "" && len(l.errs) == 0 && !seen[k] {
			keys, seen[k] = append(keys, k), true
		}
	}
	return find(keys)
}

// newOrg is an organisation a batch creates for the person lines that name it, with the problems of its
// fields (by target).
type newOrg struct {
	org      *organization.Organization
	errs     map[string]api.FieldCode
	inserted bool
}

// linkOrganizations finds the organisation each line names (a person's, a deal's) among those the actor may see
// (by name, case ignored: one is taken, two are ambiguous), else drafts one from the line's organisation fields,
// owned by the line's record's owner (ownerOf) within the actor's organisation create scope. Lines of the batch
// naming the same new organisation share it.
//
// With several (further), a cell names several organisations ("A; B", as an export writes a person's): the first
// is the line's organisation with the line's organisation fields, the others (moreOrgs) are found or created by
// name alone.
func linkOrganizations(ctx context.Context, tx bun.IDB, r *run, lines []*line, ownerOf func(*line) uuid.UUID, several bool) error {
	names := func(l *line) []string {
		cell := strings.TrimSpace(l.values[string(api.TargetOrganization)])
		if !several {
			if cell == "" {
				return nil
			}
			return []string{cell}
		}
		return valuesOf(cell)
	}
	var keys []string
	for _, l := range lines {
		for _, n := range names(l) {
			keys = append(keys, strings.ToLower(n))
		}
	}
	if len(keys) == 0 {
		return nil
	}
	found, err := organization.ByName(ctx, tx, r.a, api.ActionView, keys)
	if err != nil {
		return err
	}
	made := map[string]*newOrg{}
	const target = string(api.TargetOrganization)
	// resolve finds or drafts the organisation a line names; the first name of a line carries its fields.
	resolve := func(l *line, name string, first bool) (orgRef, bool) {
		key := strings.ToLower(name)
		switch ms := found[key]; {
		case len(ms) == 1:
			return orgRef{id: ms[0].ID}, true
		case len(ms) > 1:
			l.fail(target, api.FieldAmbiguous)
			return orgRef{}, false
		}
		no := made[key]
		if no == nil {
			in := api.OrganizationCreate{Name: name}
			if first {
				in = api.OrganizationCreate{Name: name, Address: addressOf(l.values, "organization."),
					Phone: l.values[string(api.TargetOrgPhone)], Email: l.values[string(api.TargetOrgEmail)],
					Website: l.values[string(api.TargetOrgWebsite)], Industry: l.values[string(api.TargetOrgIndustry)],
					Custom: customOf(l.values, "organization.")}
			}
			var v httpx.Validation
			o := organization.Draft(r.a.TenantID, r.fields[api.RecordOrganization], in, &v)
			no = &newOrg{org: o, errs: map[string]api.FieldCode{}}
			for f, code := range v.Fields() {
				if f == "name" {
					no.errs[target] = code
				} else {
					no.errs["organization."+strings.TrimPrefix(f, "address.")] = code
				}
			}
			o.OwnerID = ownerOf(l)
			o.OwnerName = r.users.name(o.OwnerID)
			if o.OwnerID != uuid.Nil {
				if code := r.ownerCode(ctx, tx, api.RecordOrganization, o.OwnerID); code != "" {
					no.errs[target] = code
				}
			}
			made[key] = no
		}
		for t, code := range no.errs {
			l.fail(t, code)
		}
		return orgRef{made: no}, true
	}
	for _, l := range lines {
		for i, name := range names(l) {
			ref, ok := resolve(l, name, i == 0)
			switch {
			case !ok:
			case i == 0:
				l.orgID, l.newOrg = ref.id, ref.made
			default:
				l.moreOrgs = append(l.moreOrgs, ref)
			}
		}
	}
	return nil
}

// insertOrganizations creates the new organisations of the lines that are created or updated, once each, with
// their history, and gives each such line its organisation's ID.
func insertOrganizations(ctx context.Context, tx bun.IDB, r *run, lines []*line, w *written) error {
	var orgs []*organization.Organization
	for _, l := range lines {
		if l.outcome != api.ImportRowCreated && l.outcome != api.ImportRowUpdated {
			continue
		}
		for _, ref := range append([]orgRef{{made: l.newOrg}}, l.moreOrgs...) {
			if ref.made != nil && !ref.made.inserted {
				orgs, ref.made.inserted = append(orgs, ref.made.org), true
			}
		}
	}
	if err := organization.InsertAll(ctx, tx, r.a.TenantID, orgs); err != nil {
		return err
	}
	var entries []history.Entry
	for _, o := range orgs {
		entries = append(entries, history.Entry{RecordID: o.ID, Action: api.HistoryImported, Changes: o.Created(r.fields[api.RecordOrganization])})
		w.created[api.RecordOrganization] = append(w.created[api.RecordOrganization], o.ID)
	}
	for _, l := range lines {
		if l.newOrg != nil {
			l.orgID = l.newOrg.org.ID
		}
	}
	return history.RecordFor(ctx, tx, r.a, api.RecordOrganization, r.imp.FileName, entries)
}

func (k persons) write(ctx context.Context, tx bun.IDB, r *run, lines []*line) (written, error) {
	w := written{created: map[api.RecordType][]uuid.UUID{}}
	source := r.imp.FileName
	if err := insertOrganizations(ctx, tx, r, lines, &w); err != nil {
		return w, err
	}

	var ps []*person.Person
	for _, l := range lines {
		if l.outcome == api.ImportRowCreated {
			ps = append(ps, l.draft.(*person.Person))
		}
	}
	if err := person.InsertAll(ctx, tx, r.a.TenantID, ps); err != nil {
		return w, err
	}
	var links []person.Membership
	var entries, linked []history.Entry
	for _, l := range lines {
		if l.outcome != api.ImportRowCreated {
			continue
		}
		p := l.draft.(*person.Person)
		l.id = p.ID
		w.created[api.RecordPerson] = append(w.created[api.RecordPerson], p.ID)
		changes := p.Created(r.fields[api.RecordPerson])
		for i, orgID := range l.orgIDs() {
			links = append(links, person.Membership{PersonID: p.ID, OrganizationID: orgID, Primary: i == 0})
			changes = append(changes, history.Link("organization", nil, &orgID))
			linked = append(linked, history.Entry{RecordID: orgID, Action: api.HistoryLinked,
				Changes: []api.FieldChange{history.Link("person", nil, &p.ID)}})
		}
		entries = append(entries, history.Entry{RecordID: p.ID, Action: api.HistoryImported, Changes: changes})
	}
	if err := person.LinkAll(ctx, tx, r.a.TenantID, links); err != nil {
		return w, err
	}
	if err := history.RecordFor(ctx, tx, r.a, api.RecordPerson, source, entries); err != nil {
		return w, err
	}
	if err := history.RecordFor(ctx, tx, r.a, api.RecordOrganization, "", linked); err != nil {
		return w, err
	}

	return w, k.updateAll(ctx, tx, r, lines, &w)
}

// personPatch is what an update of cur with a line's values changes (the non-empty values; an e-mail address or
// phone number it lacks goes first in its list, the others stay), and the patch that sets those fields back.
func personPatch(l *line, cur api.Person) (api.PersonPatch, api.PersonPatch) {
	var p, b api.PersonPatch
	in, draft := personInput(l).in, l.draft.(*person.Person)
	if l.values[string(api.TargetSalutation)] != "" {
		p.Salutation, b.Salutation = &in.Salutation, &cur.Salutation
	}
	setIf(in.Title, cur.Title, &p.Title, &b.Title)
	setIf(in.FirstName, cur.FirstName, &p.FirstName, &b.FirstName)
	setIf(in.LastName, cur.LastName, &p.LastName, &b.LastName)
	setIf(in.JobTitle, cur.JobTitle, &p.JobTitle, &b.JobTitle)
	if list, changed := prepend(cur.Emails, in.Emails, func(a, b string) bool { return strings.EqualFold(a, b) }); changed {
		old := cur.Emails
		p.Emails, b.Emails = &list, &old
	}
	if list, changed := prepend(cur.Phones, in.Phones, func(a, b string) bool { return search.Digits(a) == search.Digits(b) }); changed {
		old := cur.Phones
		p.Phones, b.Phones = &list, &old
	}
	setAddress(in.Address, cur.Address, &p.Address, &b.Address)
	setOwner(l, draft.OwnerID, cur.OwnerID, &p.OwnerID, &b.OwnerID)
	p.Custom, b.Custom = customPatch(in.Custom, draft.Custom, cur.Custom)
	return p, b
}

// prepend puts the points of add that list lacks (same by same) before it; changed says whether it did.
func prepend(list, add []api.ContactPoint, same func(a, b string) bool) ([]api.ContactPoint, bool) {
	out := append([]api.ContactPoint(nil), list...)
	changed := false
	for i := len(add) - 1; i >= 0; i-- {
		found := false
		for _, c := range list {
			if same(c.Value, add[i].Value) {
				found = true
				break
			}
		}
		if !found {
			out = append([]api.ContactPoint{add[i]}, out...)
			changed = true
		}
	}
	return out, changed
}

// orgIDs are the organisations of a person line, its main one first (once its new ones are inserted).
func (l *line) orgIDs() []uuid.UUID {
	var out []uuid.UUID
	if l.orgID != uuid.Nil {
		out = append(out, l.orgID)
	}
	for _, ref := range l.moreOrgs {
		if id := ref.ID(); id != uuid.Nil && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
