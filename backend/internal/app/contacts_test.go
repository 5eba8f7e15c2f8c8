package app_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

// client is a signed-in user with JSON helpers that fail the test on an unexpected status.
type client struct {
	t     *testing.T
	env   *apptest.Env
	token string
}

func signIn(t *testing.T, env *apptest.Env, email string) *client {
	return &client{t: t, env: env, token: env.Token(email)}
}

func (c *client) call(method, path string, body any, want int, out any, header ...string) *apptest.Response {
	c.t.Helper()
	req := apptest.Request{Method: method, Path: path, Token: c.token, Body: body}
	if len(header) == 2 {
		req.Header = map[string]string{header[0]: header[1]}
	}
	resp := c.env.Do(req)
	if resp.Status != want {
		c.t.Fatalf("%s %s: got %d %s, want %d", method, path, resp.Status, resp.Body, want)
	}
	if out != nil {
		resp.Decode(c.t, out)
	}
	return resp
}

// answer calls the route, expects status and decodes the answer into a T.
func answer[T any](c *client, method, path string, body any, status int) T {
	c.t.Helper()
	var out T
	c.call(method, path, body, status, &out)
	return out
}

func (c *client) createField(rt api.RecordType, label string, kind api.FieldKind, required bool) api.CustomField {
	return answer[api.CustomField](c, "POST", "/api/v1/custom-fields", api.CustomFieldCreate{RecordType: rt, Label: label, Kind: kind, Required: required}, 201)
}

func (c *client) createPerson(in api.PersonCreate) api.Person {
	c.t.Helper()
	return answer[api.Person](c, "POST", "/api/v1/persons", in, 201)
}

func (c *client) createOrg(in api.OrganizationCreate) api.Organization {
	c.t.Helper()
	return answer[api.Organization](c, "POST", "/api/v1/organizations", in, 201)
}

func (c *client) persons(q api.ListQuery) api.PersonPage {
	c.t.Helper()
	return answer[api.PersonPage](c, "POST", "/api/v1/persons/query", q, 200)
}

func names(ps []api.Person) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

func etagOf(v int64) string { return fmt.Sprintf(`"%d"`, v) }

func TestPersonLifecycleWithCustomFieldsNotesHistoryAndTrash(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	umsatz := admin.createField(api.RecordPerson, "Jahresumsatz", api.FieldKindNumber, false)
	org := admin.createOrg(api.OrganizationCreate{Name: "Müller Bürobedarf GmbH", Address: api.Address{City: "München", PostalCode: "80331", Country: "de"}})
	if org.Address.Country != "DE" {
		t.Fatalf("country %q", org.Address.Country)
	}
	p := admin.createPerson(api.PersonCreate{Salutation: api.SalutationFrau, FirstName: "Erika", LastName: "Mustermann",
		Emails:        []api.ContactPoint{{Value: "erika@mueller-buero.example", Kind: api.ContactWork}},
		Phones:        []api.ContactPoint{{Value: "+49 89 123456", Kind: api.ContactMobile}},
		Organizations: []api.MembershipInput{{OrganizationID: org.ID, Role: "Einkauf", Primary: true}},
		Custom:        api.CustomValues{umsatz.ID: "12500,5"[:0] + "12500.50"}})
	if p.Custom[umsatz.ID] != "12500.5" || len(p.Organizations) != 1 || !p.Organizations[0].Primary || p.OwnerName != "Claudia Becker" {
		t.Fatalf("created %+v", p)
	}

	// A change, a note; both in the history with the field names and the custom field's label.
	admin.call("PATCH", "/api/v1/persons/"+p.ID, api.PersonPatch{JobTitle: ptr("Leiterin Einkauf"), Custom: api.CustomValues{umsatz.ID: "20000"}},
		200, &p, "If-Match", etagOf(p.Version))
	var note api.Note
	admin.call("POST", "/api/v1/persons/"+p.ID+"/notes", api.NoteCreate{Body: "Rückruf am Montag"}, 201, &note)
	if !note.CanEdit || note.AuthorName != "Claudia Becker" {
		t.Fatalf("note %+v", note)
	}
	var hist api.HistoryList
	admin.call("GET", "/api/v1/persons/"+p.ID+"/history", nil, 200, &hist)
	var actions []string
	for _, h := range hist.Items {
		actions = append(actions, string(h.Action))
	}
	if strings.Join(actions, ",") != "note_added,updated,linked,created" {
		t.Fatalf("history actions %v", actions)
	}
	upd := hist.Items[1]
	if len(upd.Changes) != 2 || upd.Changes[0] != (api.FieldChange{Field: "jobTitle", New: "Leiterin Einkauf"}) ||
		upd.Changes[1] != (api.FieldChange{Field: "custom." + umsatz.ID, Label: "Jahresumsatz", Old: "12500.5", New: "20000"}) || upd.ActorName != "Claudia Becker" {
		t.Fatalf("update entry %+v", upd)
	}
	// History cannot be changed through the API, nor by the service's own database role.
	for _, m := range []string{"POST", "PATCH", "DELETE"} {
		if r := env.Do(apptest.Request{Method: m, Path: "/api/v1/persons/" + p.ID + "/history", Token: admin.token}); r.Status != http.StatusMethodNotAllowed {
			t.Fatalf("%s history: %d", m, r.Status)
		}
	}
	if _, err := env.DB.App.ExecContext(context.Background(), "UPDATE history SET action = 'x'"); err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("app role may update history: %v", err)
	}

	// The organisation lists its person; an unchanged save makes no new version and no history entry.
	var members api.PersonPage
	admin.call("GET", "/api/v1/organizations/"+org.ID+"/persons", nil, 200, &members)
	if len(members.Items) != 1 || members.Items[0].ID != p.ID {
		t.Fatalf("org persons %+v", members)
	}
	before := p.Version
	admin.call("PATCH", "/api/v1/persons/"+p.ID, api.PersonPatch{JobTitle: ptr("Leiterin Einkauf")}, 200, &p, "If-Match", etagOf(p.Version))
	if p.Version != before {
		t.Fatalf("no-op save bumped the version to %d", p.Version)
	}

	// Delete: gone from get, lists and search; in the trash; restored with its links, notes and history.
	admin.call("DELETE", "/api/v1/persons/"+p.ID, nil, 204, nil, "If-Match", etagOf(p.Version))
	admin.call("GET", "/api/v1/persons/"+p.ID, nil, 404, nil)
	if page := admin.persons(api.ListQuery{Search: "Mustermann"}); len(page.Items) != 0 {
		t.Fatalf("trashed person listed: %v", names(page.Items))
	}
	var trash api.TrashList
	admin.call("GET", "/api/v1/trash?recordType=person", nil, 200, &trash)
	if len(trash.Items) != 1 || trash.Items[0].ID != p.ID || trash.Items[0].DeletedByName != "Claudia Becker" ||
		trash.Items[0].PurgeAt.Sub(trash.Items[0].DeletedAt).Hours() != 30*24 {
		t.Fatalf("trash %+v", trash)
	}
	admin.call("POST", "/api/v1/persons/"+p.ID+"/restore", nil, 200, &p)
	var notes api.NoteList
	admin.call("GET", "/api/v1/persons/"+p.ID+"/notes", nil, 200, &notes)
	admin.call("GET", "/api/v1/persons/"+p.ID+"/history", nil, 200, &hist)
	if len(p.Organizations) != 1 || len(notes.Items) != 1 || hist.Items[0].Action != api.HistoryRestored || hist.Items[1].Action != api.HistoryDeleted {
		t.Fatalf("restored %+v notes %d history %v", p.Organizations, len(notes.Items), hist.Items[:2])
	}

	// After 30 days in the trash a record is purged with its notes and history.
	admin.call("DELETE", "/api/v1/persons/"+p.ID, nil, 204, nil, "If-Match", etagOf(p.Version))
	ctx := context.Background()
	if _, err := env.DB.Owner.ExecContext(ctx, "UPDATE persons SET deleted_at = now() - interval '31 days' WHERE id = ?", p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.App.ExecContext(ctx, "SELECT maintenance_purge()"); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, env, "SELECT (SELECT count(*) FROM persons WHERE id = ?) + (SELECT count(*) FROM notes WHERE record_id = ?) + (SELECT count(*) FROM history WHERE record_id = ?) + (SELECT count(*) FROM memberships WHERE person_id = ?)",
		p.ID, p.ID, p.ID, p.ID); n != 0 {
		t.Fatalf("%d rows left after the purge", n)
	}
	admin.call("POST", "/api/v1/persons/"+p.ID+"/restore", nil, 404, nil)
}

func TestCustomFieldValidationAndArchiving(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	num := admin.createField(api.RecordPerson, "Mitarbeiter", api.FieldKindNumber, false)
	yes := admin.createField(api.RecordPerson, "Newsletter", api.FieldKindBool, false)
	req := admin.createField(api.RecordPerson, "Kundennummer", api.FieldKindText, true)
	orgField := admin.createField(api.RecordOrganization, "Filialen", api.FieldKindNumber, false)

	resp := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons", Token: admin.token, Body: api.PersonCreate{
		LastName: strings.Repeat("x", 101), Emails: []api.ContactPoint{{Value: "kein-at"}, {Value: "ok@firma.example", Kind: "fax"}},
		Phones: []api.ContactPoint{{Value: "abc"}}, Address: api.Address{Country: "Deutschland"},
		Custom: api.CustomValues{num.ID: "viele", yes.ID: "vielleicht", orgField.ID: "3", "00000000-0000-0000-0000-000000000000": "x"}}})
	if resp.Status != 422 {
		t.Fatalf("status %d %s", resp.Status, resp.Body)
	}
	want := map[string]api.FieldCode{
		"lastName": "too_long", "emails[0].value": "invalid", "emails[1].kind": "invalid", "phones[0].value": "invalid",
		"address.country": "invalid", "custom." + num.ID: "type", "custom." + yes.ID: "type", "custom." + req.ID: "required",
		"custom." + orgField.ID: "unknown", "custom.00000000-0000-0000-0000-000000000000": "unknown",
	}
	got := resp.Error(t).Fields
	for f, code := range want {
		if got[f] != code {
			t.Errorf("field %s: %q, want %q (all %v)", f, got[f], code, got)
		}
	}
	// A text that is too long, and clearing a required value on update.
	p := admin.createPerson(api.PersonCreate{LastName: "Berg", Custom: api.CustomValues{req.ID: "K-1", num.ID: "12"}})
	for _, tc := range []struct {
		custom api.CustomValues
		code   api.FieldCode
	}{{api.CustomValues{req.ID: strings.Repeat("y", 1001)}, "too_long"}, {api.CustomValues{req.ID: ""}, "required"}} {
		r := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/persons/" + p.ID, Token: admin.token,
			Header: map[string]string{"If-Match": etagOf(p.Version)}, Body: api.PersonPatch{Custom: tc.custom}})
		if r.Status != 422 || r.Error(t).Fields["custom."+req.ID] != tc.code {
			t.Fatalf("update %v: %d %s", tc.custom, r.Status, r.Body)
		}
	}
	// Wrong JSON type for a custom value is a 400 naming the field.
	r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons", Token: admin.token,
		Body: `{"lastName":"X","custom":{"` + num.ID + `":12}}`})
	if r.Status != 400 || r.Error(t).Fields["custom."+num.ID] != "type" && r.Error(t).Fields["custom"] != "type" {
		t.Fatalf("JSON type: %d %s", r.Status, r.Body)
	}

	// Archiving keeps the values: they come back with the field.
	var f api.CustomField
	admin.call("DELETE", "/api/v1/custom-fields/"+num.ID, nil, 204, nil, "If-Match", etagOf(num.Version))
	var list api.CustomFieldList
	admin.call("GET", "/api/v1/custom-fields?recordType=person", nil, 200, &list)
	for _, it := range list.Items {
		if it.ID == num.ID {
			t.Fatal("archived field still listed")
		}
	}
	admin.call("GET", "/api/v1/custom-fields?recordType=person&archived=true", nil, 200, &list)
	if !slices.ContainsFunc(list.Items, func(it api.CustomField) bool { return it.ID == num.ID && it.Archived }) {
		t.Fatal("archived field missing from the archive list")
	}
	// Values of an archived field cannot be set, but an unrelated update keeps them.
	admin.call("PATCH", "/api/v1/persons/"+p.ID, api.PersonPatch{FirstName: ptr("Anna")}, 200, &p, "If-Match", etagOf(p.Version))
	if p.Custom[num.ID] != "12" {
		t.Fatalf("archived value lost: %v", p.Custom)
	}
	admin.call("PATCH", "/api/v1/custom-fields/"+num.ID, api.CustomFieldPatch{Archived: ptr(false)}, 200, &f, "If-Match", etagOf(num.Version+1))
	admin.call("GET", "/api/v1/persons/"+p.ID, nil, 200, &p)
	if f.Archived || p.Custom[num.ID] != "12" {
		t.Fatalf("restored field %+v, values %v", f, p.Custom)
	}
	// Labels are unique per record type among active fields.
	if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/custom-fields", Token: admin.token,
		Body: api.CustomFieldCreate{RecordType: api.RecordPerson, Label: "newsletter", Kind: api.FieldKindBool}}); r.Status != 409 || r.Error(t).Fields["label"] != "taken" {
		t.Fatalf("duplicate label: %d %s", r.Status, r.Body)
	}
}

func TestDuplicateEmailWarning(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	rep := signIn(t, env, apptest.FieldRepNord)
	admin.createPerson(api.PersonCreate{LastName: "Erste", Emails: []api.ContactPoint{{Value: "info@kunde.example"}}})
	// The rep cannot see the admin's person: its address must not be confirmed to him (the leak test's
	// TestDuplicateCheckCountsOnlyVisiblePersons); for the admin, who sees it, it is a duplicate.
	rep.createPerson(api.PersonCreate{LastName: "Eigene", Emails: []api.ContactPoint{{Value: "Info@Kunde.example"}}})
	in := api.PersonCreate{LastName: "Zweite", Emails: []api.ContactPoint{{Value: "neu@kunde.example"}, {Value: "INFO@kunde.example"}}}
	r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons", Token: admin.token, Body: in})
	if r.Status != 409 || r.Error(t).Code != api.CodeDuplicateEmail || r.Error(t).Fields["emails[1].value"] != "duplicate" || r.Error(t).Fields["emails[0].value"] != "" {
		t.Fatalf("duplicate: %d %s", r.Status, r.Body)
	}
	in.AllowDuplicate = true
	admin.createPerson(in)
	// Another tenant's addresses are no duplicates.
	other := signIn(t, env, apptest.OtherAdmin)
	other.createPerson(api.PersonCreate{LastName: "Fremd", Emails: []api.ContactPoint{{Value: "info@kunde.example"}}})
}

func TestSearchIgnoresCaseAndUmlautSpelling(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	org := admin.createOrg(api.OrganizationCreate{Name: "Bäckerei Groß KG"})
	admin.createPerson(api.PersonCreate{FirstName: "Jürgen", LastName: "Müller", Phones: []api.ContactPoint{{Value: "+49 (0)30 987-654"}},
		Emails: []api.ContactPoint{{Value: "j.mueller@example.org"}}, Organizations: []api.MembershipInput{{OrganizationID: org.ID}}})
	admin.createPerson(api.PersonCreate{FirstName: "Eva", LastName: "Schmidt"})
	for _, q := range []string{"Mueller", "müller", "MÜLLER", "juergen", "j.mueller@", "987654", "30 987", "Baeckerei", "gross kg"} {
		var res api.SearchResult
		admin.call("GET", "/api/v1/search?q="+strings.ReplaceAll(q, " ", "%20"), nil, 200, &res)
		if len(res.Persons) != 1 || res.Persons[0].LastName != "Müller" {
			t.Errorf("search %q: persons %v", q, names(res.Persons))
		}
	}
	var res api.SearchResult
	admin.call("GET", "/api/v1/search?q=baeckerei", nil, 200, &res)
	if len(res.Organizations) != 1 {
		t.Fatalf("organisation search: %+v", res.Organizations)
	}
	// Renaming the organisation moves its persons' search text along.
	admin.call("PATCH", "/api/v1/organizations/"+org.ID, api.OrganizationPatch{Name: ptr("Konditorei Süß")}, 200, nil, "If-Match", etagOf(org.Version))
	if page := admin.persons(api.ListQuery{Search: "Suess"}); len(page.Items) != 1 {
		t.Fatalf("after rename: %v", names(page.Items))
	}
	if page := admin.persons(api.ListQuery{Search: "baeckerei"}); len(page.Items) != 0 {
		t.Fatalf("old name still found: %v", names(page.Items))
	}
}

func TestFiltersCombineAndPagesAreKeyset(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	rep := signIn(t, env, apptest.FieldRepNord)
	size := admin.createField(api.RecordPerson, "Mitarbeiter", api.FieldKindNumber, false)
	news := admin.createField(api.RecordPerson, "Newsletter", api.FieldKindBool, false)
	branch := admin.createField(api.RecordPerson, "Notiz", api.FieldKindText, false)
	org := admin.createOrg(api.OrganizationCreate{Name: "Nordwind AG"})
	jonas := env.Demo.Users[apptest.FieldRepNord].String()
	for i := range 30 {
		in := api.PersonCreate{FirstName: "P", LastName: fmt.Sprintf("Kunde %02d", i),
			Address: api.Address{PostalCode: fmt.Sprintf("%d0331", 1+i%9), City: []string{"München", "Hamburg"}[i%2], Country: "DE"},
			Custom:  api.CustomValues{size.ID: fmt.Sprint(i * 10), news.ID: fmt.Sprint(i%3 == 0)}}
		if i%5 == 0 {
			in.Custom[branch.ID] = "Großkunde Büro"
			in.Organizations = []api.MembershipInput{{OrganizationID: org.ID}}
		}
		if i%4 == 0 {
			in.OwnerID = jonas
		}
		admin.createPerson(in)
	}
	cases := []struct {
		name string
		q    api.ListQuery
		want int
	}{
		{"number gt", api.ListQuery{Custom: []api.CustomCondition{{FieldID: size.ID, Op: "gt", Value: "200"}}}, 9},
		{"number lte and bool", api.ListQuery{Custom: []api.CustomCondition{{FieldID: size.ID, Op: "lte", Value: "100"}, {FieldID: news.ID, Op: "is", Value: "true"}}}, 4},
		{"text contains, umlaut as typed", api.ListQuery{Custom: []api.CustomCondition{{FieldID: branch.ID, Op: "contains", Value: "kunde bü"}}}, 6},
		{"text empty", api.ListQuery{Custom: []api.CustomCondition{{FieldID: branch.ID, Op: "empty"}}}, 24},
		{"postal code prefix", api.ListQuery{PostalCode: "1"}, 4},
		{"city", api.ListQuery{City: "münchen"}, 15},
		{"organisation", api.ListQuery{OrganizationID: org.ID}, 6},
		{"owner user", api.ListQuery{Owner: jonas}, 8},
		{"owner me", api.ListQuery{Owner: "me"}, 22},
		{"country and created today", api.ListQuery{Country: "de", CreatedFrom: "2000-01-01", CreatedTo: "2199-12-31"}, 30},
		{"created in the past only", api.ListQuery{CreatedTo: "2001-01-01"}, 0},
		{"combined", api.ListQuery{City: "Hamburg", Custom: []api.CustomCondition{{FieldID: news.ID, Op: "is", Value: "true"}}}, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			page := admin.persons(tc.q)
			if page.Total != tc.want || len(page.Items) != tc.want {
				t.Fatalf("total %d, items %d, want %d: %v", page.Total, len(page.Items), tc.want, names(page.Items))
			}
		})
	}
	// The rep sees only his own, whatever the filter asks for.
	if page := rep.persons(api.ListQuery{Owner: ""}); page.Total != 8 {
		t.Fatalf("rep sees %d", page.Total)
	}
	// Keyset pages: every person exactly once, in German name order, forwards and backwards.
	for _, sort := range []string{"name", "-name", "city", "-city", "createdAt", "-updatedAt"} {
		var seen []string
		q := api.ListQuery{Limit: 7, Sort: sort}
		for range 10 {
			page := admin.persons(q)
			seen = append(seen, names(page.Items)...)
			if page.NextCursor == "" {
				break
			}
			q.Cursor = page.NextCursor
		}
		if len(seen) != 30 || len(slices.Compact(slices.Sorted(slices.Values(seen)))) != 30 {
			t.Fatalf("sort %s: %d rows, %v", sort, len(seen), seen)
		}
		if sort == "name" && (seen[0] != "P Kunde 00" || seen[29] != "P Kunde 29") {
			t.Fatalf("name order %v", seen)
		}
		if sort == "-name" && seen[0] != "P Kunde 29" {
			t.Fatalf("descending order %v", seen)
		}
	}
	// Bad filters name the broken part.
	for _, tc := range []struct {
		q     api.ListQuery
		field string
	}{
		{api.ListQuery{Custom: []api.CustomCondition{{FieldID: size.ID, Op: "contains", Value: "1"}}}, "custom[0].op"},
		{api.ListQuery{Custom: []api.CustomCondition{{FieldID: size.ID, Op: "gt", Value: "zehn"}}}, "custom[0].value"},
		{api.ListQuery{Custom: []api.CustomCondition{{FieldID: "nope", Op: "eq", Value: "1"}}}, "custom[0].fieldId"},
		{api.ListQuery{Cursor: "!!"}, "cursor"},
		{api.ListQuery{Sort: "owner"}, "sort"},
		{api.ListQuery{Limit: 1000}, "limit"},
		{api.ListQuery{CreatedFrom: "27.11.2026"}, "createdFrom"},
		{api.ListQuery{Owner: "someone"}, "owner"},
	} {
		r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons/query", Token: admin.token, Body: tc.q})
		if r.Status != 422 || r.Error(t).Fields[tc.field] == "" {
			t.Errorf("%+v: %d %s", tc.q, r.Status, r.Body)
		}
	}
}

// A field rep sees no other rep's person: not by ID, not in lists, search, a manager's shared saved filter, an
// organisation's person list, notes or history.
func TestFieldRepCannotReachAnotherRepsPerson(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	manager := signIn(t, env, apptest.Manager)
	jonas := signIn(t, env, apptest.FieldRepNord)
	lena := signIn(t, env, apptest.FieldRepSued)

	org := jonas.createOrg(api.OrganizationCreate{Name: "Gemeinsame Kundschaft GmbH"})
	lenas := lena.createPerson(api.PersonCreate{FirstName: "Lenas", LastName: "Kontakt", Emails: []api.ContactPoint{{Value: "kontakt@lena.example"}}})
	// The admin links Lena's person into Jonas' organisation.
	admin.call("PUT", "/api/v1/persons/"+lenas.ID+"/organizations/"+org.ID, api.MembershipInput{Role: "GF"}, 200, nil)
	jonas.createPerson(api.PersonCreate{FirstName: "Jonas'", LastName: "Kontakt", Organizations: []api.MembershipInput{{OrganizationID: org.ID}}})
	var note api.Note
	lena.call("POST", "/api/v1/persons/"+lenas.ID+"/notes", api.NoteCreate{Body: "vertraulich"}, 201, &note)

	jonas.call("GET", "/api/v1/persons/"+lenas.ID, nil, 404, nil)
	jonas.call("GET", "/api/v1/persons/"+lenas.ID+"/notes", nil, 404, nil)
	jonas.call("GET", "/api/v1/persons/"+lenas.ID+"/history", nil, 404, nil)
	jonas.call("PATCH", "/api/v1/notes/"+note.ID, api.NotePatch{Body: ptr("x")}, 404, nil, "If-Match", etagOf(note.Version))
	jonas.call("PATCH", "/api/v1/persons/"+lenas.ID, api.PersonPatch{LastName: ptr("x")}, 404, nil, "If-Match", etagOf(lenas.Version))
	if page := jonas.persons(api.ListQuery{}); slices.Contains(names(page.Items), "Lenas Kontakt") || page.Total != 1 {
		t.Fatalf("jonas' list %v", names(page.Items))
	}
	var res api.SearchResult
	jonas.call("GET", "/api/v1/search?q=kontakt", nil, 200, &res)
	if len(res.Persons) != 1 || res.Persons[0].Name != "Jonas' Kontakt" {
		t.Fatalf("jonas' search %v", names(res.Persons))
	}
	var members api.PersonPage
	jonas.call("GET", "/api/v1/organizations/"+org.ID+"/persons", nil, 200, &members)
	if len(members.Items) != 1 || members.Items[0].Name != "Jonas' Kontakt" {
		t.Fatalf("org persons for jonas %v", names(members.Items))
	}
	// The manager's shared filter matches both persons for the manager, but applied by Jonas only his own.
	var sf api.SavedFilter
	manager.call("POST", "/api/v1/saved-filters", api.SavedFilterCreate{RecordType: api.RecordPerson, Name: "Alle Kontakte",
		Shared: true, Query: api.ListQuery{Search: "kontakt"}}, 201, &sf)
	if page := manager.persons(sf.Query); page.Total != 2 {
		t.Fatalf("manager's filter finds %v", names(page.Items))
	}
	var filters api.SavedFilterList
	jonas.call("GET", "/api/v1/saved-filters?recordType=person", nil, 200, &filters)
	if len(filters.Items) != 1 || filters.Items[0].OwnerName != "Markus Weber" {
		t.Fatalf("jonas' filters %+v", filters.Items)
	}
	if page := jonas.persons(filters.Items[0].Query); page.Total != 1 || page.Items[0].Name != "Jonas' Kontakt" {
		t.Fatalf("the shared filter shows jonas %v", names(page.Items))
	}
	// Jonas may use the shared filter but not change it.
	jonas.call("PATCH", "/api/v1/saved-filters/"+sf.ID, api.SavedFilterPatch{Name: ptr("Meins")}, 403, nil, "If-Match", etagOf(sf.Version))
	// Lena's person names only the organisations Lena may see: Jonas' organisation is hidden from her.
	var p api.Person
	lena.call("GET", "/api/v1/persons/"+lenas.ID, nil, 200, &p)
	if len(p.Organizations) != 0 {
		t.Fatalf("lena sees %+v", p.Organizations)
	}
	// The manager sees both persons and the organisation link.
	manager.call("GET", "/api/v1/persons/"+lenas.ID, nil, 200, &p)
	if len(p.Organizations) != 1 {
		t.Fatalf("manager sees %+v", p.Organizations)
	}
	// A rep cannot hand a record to a colleague outside his scope.
	r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons", Token: jonas.token,
		Body: api.PersonCreate{LastName: "Geschenk", OwnerID: env.Demo.Users[apptest.FieldRepSued].String()}})
	if r.Status != 422 || r.Error(t).Fields["ownerId"] != api.FieldForbidden {
		t.Fatalf("foreign owner: %d %s", r.Status, r.Body)
	}
}
