package app_test

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// leakOwners own the fixture records of the leak test: each rep sees their own records and not the others', the
// manager sees his unit tree, the admin everything.
var leakOwners = []string{apptest.FieldRepNord, apptest.FieldRepSued, apptest.InsideSales, apptest.Manager}

// leakFixture is a set of records whose names occur nowhere else, linked across owners so that every record one
// actor may see links records that actor may not see: deals their person and organisation, activities all four
// kinds, persons organisations (memberships), and the history of each names the others.
type leakFixture struct {
	// names by record type and ID; every name is unique in the tenant.
	names map[api.RecordType]map[string]string
	// emails of the fixture persons, by person ID.
	emails map[string]string
	// activities by ID (their titles are no secret of another record).
	activities []string
	// dealOf and leadOf are a deal and a lead of each owner; activityOf an activity (linked to the next owner's records).
	dealOf, activityOf map[string]string
	// imports are the actors' own imports, by token.
	imports map[string]api.ImportAnalysis
}

// importOf is an import of the actor's own, once per actor (a file of neutral names, run, with a failed row).
func (f *leakFixture) importOf(c *client) api.ImportAnalysis {
	if an, ok := f.imports[c.token]; ok {
		return an
	}
	an := fixture{env: c.env, t: c.t}.importOf(c.token, true)
	f.imports[c.token] = an
	return an
}

func newLeakFixture(t *testing.T, env *apptest.Env, admin *client) *leakFixture {
	t.Helper()
	f := &leakFixture{names: map[api.RecordType]map[string]string{}, emails: map[string]string{},
		dealOf: map[string]string{}, activityOf: map[string]string{}, imports: map[string]api.ImportAnalysis{}}
	for _, rt := range record.Types(nil) {
		f.names[rt] = map[string]string{}
	}
	dealPipe := makePipeline(admin, api.RecordDeal, "Verkauf", 10, 50, 90)
	leadPipe := makePipeline(admin, api.RecordLead, "Anfragen", 10, 50)
	types := admin.activityTypes()
	type set struct{ person, person2, org, deal, lead string }
	sets := make([]set, len(leakOwners))
	for i, email := range leakOwners {
		owner := env.Demo.Users[email].String()
		tag := fmt.Sprintf("Qz%dx", i) // a word that appears in no seeded name
		var p, p2 api.Person
		var o api.Organization
		var l api.Lead
		mail := strings.ToLower(tag) + "@verborgen.example"
		admin.call("POST", "/api/v1/persons", api.PersonCreate{FirstName: "Verborgen", LastName: tag + "Person", OwnerID: owner,
			Emails: []api.ContactPoint{{Value: mail, Kind: api.ContactWork}}}, 201, &p)
		admin.call("POST", "/api/v1/persons", api.PersonCreate{FirstName: "Verborgen", LastName: tag + "Zweitperson", OwnerID: owner}, 201, &p2)
		admin.call("POST", "/api/v1/organizations", api.OrganizationCreate{Name: "Verborgen " + tag + "Firma", OwnerID: owner}, 201, &o)
		admin.call("POST", "/api/v1/leads", api.LeadCreate{Title: "Verborgen " + tag + "Anfrage", OwnerID: owner, PipelineID: leadPipe.ID}, 201, &l)
		f.names[api.RecordPerson][p.ID] = "Verborgen " + tag + "Person"
		f.names[api.RecordPerson][p2.ID] = "Verborgen " + tag + "Zweitperson"
		f.names[api.RecordOrganization][o.ID] = "Verborgen " + tag + "Firma"
		f.names[api.RecordLead][l.ID] = "Verborgen " + tag + "Anfrage"
		f.emails[p.ID] = mail
		sets[i] = set{person: p.ID, person2: p2.ID, org: o.ID, lead: l.ID}
	}
	for i, email := range leakOwners {
		owner := env.Demo.Users[email].String()
		next := sets[(i+1)%len(sets)]
		tag := fmt.Sprintf("Qz%dx", i)
		// A deal of this owner with the next owner's person and organisation, then a change of its person (a
		// link change in its history that names neither).
		var d api.Deal
		admin.call("POST", "/api/v1/deals", api.DealCreate{Title: "Verborgen " + tag + "Auftrag", OwnerID: owner, PersonID: next.person2,
			OrganizationID: next.org, PipelineID: dealPipe.ID}, 201, &d)
		admin.call("PATCH", "/api/v1/deals/"+d.ID, api.DealPatch{PersonID: ptr(next.person)}, 200, &d, "If-Match", etagOf(d.Version))
		f.names[api.RecordDeal][d.ID] = "Verborgen " + tag + "Auftrag"
		f.dealOf[email] = d.ID
		sets[i].deal = d.ID
		// This owner's person works at the next owner's organisation (linked, unlinked, linked again with a role).
		path := "/api/v1/persons/" + sets[i].person + "/organizations/" + next.org
		admin.call("PUT", path, api.MembershipInput{Role: "Einkauf"}, 200, nil)
		admin.call("DELETE", path, nil, 200, nil)
		admin.call("PUT", path, api.MembershipInput{Role: "Einkauf", Primary: true}, 200, nil)
	}
	for i, email := range leakOwners {
		next := sets[(i+1)%len(sets)]
		var a api.Activity
		admin.call("POST", "/api/v1/activities", api.ActivityCreate{Title: "Termin " + strings.ToLower(email[:5]), TypeID: types.Items[0].ID,
			DueAt: time.Now().Add(time.Hour), AssigneeID: env.Demo.Users[email].String(), PersonID: next.person,
			OrganizationID: next.org, DealID: next.deal, LeadID: next.lead}, 201, &a)
		f.activities = append(f.activities, a.ID)
		f.activityOf[email] = a.ID
	}
	return f
}

// visible lists the fixture records the actor's own lists show (the lists are scoped by access.Restrict, which
// the authorization table tests).
func (f *leakFixture) visible(c *client) map[string]bool {
	c.t.Helper()
	seen := map[string]bool{}
	for _, k := range record.Kinds() {
		q := map[string]any{"limit": 200}
		for {
			var page struct {
				Items      []struct{ ID string } `json:"items"`
				NextCursor string                `json:"nextCursor"`
			}
			c.call("POST", "/api/v1/"+k.Path+"/query", q, 200, &page)
			for _, it := range page.Items {
				seen[it.ID] = true
			}
			if page.NextCursor == "" {
				break
			}
			q["cursor"] = page.NextCursor
		}
	}
	return seen
}

// hidden gives the names of the fixture records the actor may not see, and the words that make them unique.
// isHidden reports whether id is a fixture record the actor with visible may not see.
func (f *leakFixture) isHidden(id string, visible map[string]bool) bool {
	for _, byID := range f.names {
		if _, ok := byID[id]; ok {
			return !visible[id]
		}
	}
	return false
}

func (f *leakFixture) hidden(visible map[string]bool) (names, words []string) {
	for _, byID := range f.names {
		for id, name := range byID {
			if !visible[id] {
				names = append(names, name)
				words = append(words, strings.TrimPrefix(name, "Verborgen "))
			}
		}
	}
	slices.Sort(names)
	return names, words
}

// readRoutes lists the registered routes that read records: every GET, and the POST routes that query (not
// /geocode, which places an address the caller typed and echoes it). The calendar feed (/ics/…) is read apart:
// its credential is its path.
func readRoutes(env *apptest.Env) []string {
	var out []string
	for _, r := range registeredRoutes(env) {
		if _, p, _ := strings.Cut(r, " "); !strings.HasPrefix(p, "/api/") {
			continue
		}
		if strings.HasPrefix(r, "GET ") || strings.HasSuffix(r, "/query") || strings.HasSuffix(r, "/board") ||
			strings.HasSuffix(r, "/map") || strings.HasSuffix(r, "/dashboard") || strings.HasSuffix(r, "/export") {
			out = append(out, r)
		}
	}
	return out
}

var pathParam = regexp.MustCompile(`\{([A-Za-z]+)\}`)

// TestNoAnswerNamesARecordTheCallerMayNotSee is the leak test: for every signed-in actor of the authorization
// table and every read route, with every ID the actor may use and every search term made of the names the actor
// may not see, no response body contains one of those names.
func TestNoAnswerNamesARecordTheCallerMayNotSee(t *testing.T) {
	env := apptest.Start(t)
	adminC := signIn(t, env, apptest.Admin)
	f := newLeakFixture(t, env, adminC)
	routes := readRoutes(env)
	// The single sign-on client secret is written and never read back: no answer to anyone names it (saved turned
	// off, so no provider is asked).
	ssoSecret := "Geheimnis-" + strings.Repeat("x", 8) + fmt.Sprint(time.Now().UnixNano())
	adminC.call("PUT", "/api/v1/tenant/sso", api.SSOSettingsInput{Issuer: "https://accounts.google.com", ClientID: "leak",
		ClientSecret: &ssoSecret, Domains: []string{"nordlicht.example"}, DefaultUnitID: env.Demo.Units["Innendienst"].String(),
		DefaultRoleID: env.Demo.Roles["Innendienst"].String()}, 200, nil)
	var pipes, leadPipes api.PipelineList
	adminC.call("GET", "/api/v1/pipelines?recordType=deal", nil, 200, &pipes)
	adminC.call("GET", "/api/v1/pipelines?recordType=lead", nil, 200, &leadPipes)

	tested := 0
	for _, email := range []string{apptest.Admin, apptest.Manager, apptest.FieldRepNord, apptest.FieldRepSued, apptest.InsideSales} {
		c := signIn(t, env, email)
		visible := f.visible(c)
		names, words := f.hidden(visible)
		if len(names) == 0 {
			t.Logf("%s sees every fixture record", email)
			continue
		}
		tested++
		t.Run(email, func(t *testing.T) {
			requests := 0
			check := func(method, path string, body any) *apptest.Response {
				t.Helper()
				requests++
				resp := env.Do(apptest.Request{Method: method, Path: path, Token: c.token, Body: body})
				if resp.Status >= 500 {
					t.Errorf("%s %s: %d %s", method, path, resp.Status, resp.Body)
				}
				low := strings.ToLower(string(resp.Body))
				if strings.Contains(low, strings.ToLower(ssoSecret)) {
					t.Errorf("%s %s: the answer names the single sign-on client secret: %s", method, path, resp.Body)
				}
				for _, n := range words {
					if strings.Contains(low, strings.ToLower(n)) {
						t.Errorf("%s %s %v: the answer names %q, which %s may not see: %s", method, path, body, n, email, resp.Body)
					}
				}
				return resp
			}
			// A search for a word of a hidden name finds nothing: the words occur in no other record, so whatever
			// it found, it found through a record the actor may not see.
			search := func(method, path string, body any) {
				t.Helper()
				resp := check(method, path, body)
				var doc any
				resp.Decode(t, &doc)
				if found := foundRecords(doc); found > 0 {
					t.Errorf("%s %s %+v: a hidden name finds %d records: %s", method, path, body, found, resp.Body)
				}
			}
			// IDs an actor may use in a path: their visible fixture records and activities, and the tenant's settings.
			ids := func(route string) []map[string]string {
				params := pathParam.FindAllStringSubmatch(route, -1)
				if len(params) == 0 {
					return []map[string]string{{}}
				}
				k, _ := record.KindByPath(strings.Split(strings.TrimPrefix(strings.Fields(route)[1], "/api/v1/"), "/")[0])
				kind := k.Type
				var out []map[string]string
				switch {
				case len(params) > 1:
					return nil // writes only (memberships)
				case kind != "" && params[0][1] != "userID":
					for id := range f.names[kind] {
						if visible[id] {
							out = append(out, map[string]string{params[0][1]: id})
						}
					}
				case params[0][1] == "activityID":
					for _, id := range f.activities {
						out = append(out, map[string]string{"activityID": id})
					}
				case params[0][1] == "importID":
					out = append(out, map[string]string{"importID": f.importOf(c).ID})
				case params[0][1] == "pipelineID":
					out = append(out, map[string]string{"pipelineID": pipes.Items[0].ID})
				default:
					out = append(out, map[string]string{params[0][1]: env.Demo.Users[email].String()})
				}
				return out
			}
			for _, route := range routes {
				method, pattern, _ := strings.Cut(route, " ")
				for _, vals := range ids(route) {
					path := pathParam.ReplaceAllStringFunc(pattern, func(p string) string { return vals[strings.Trim(p, "{}")] })
					switch {
					case method == "GET" && pattern == "/api/v1/search":
						for _, w := range words {
							search(method, path+"?q="+url.QueryEscape(w), nil)
						}
					case method == "GET" && (pattern == "/api/v1/pipelines" || pattern == "/api/v1/trash" || pattern == "/api/v1/custom-fields" ||
						pattern == "/api/v1/lost-reasons" || pattern == "/api/v1/saved-filters"):
						for _, rt := range append([]api.RecordType{""}, record.Types(nil)...) {
							check(method, path+"?recordType="+string(rt), nil)
						}
					case method == "GET" && pattern == "/api/v1/events":
						// The stream from the feed's beginning: every event since the fixture was made. Events carry
						// ids, never names; and not even the id of a record the actor may not see (a removal names
						// one the actor saw before it was given away).
						requests++
						s := env.OpenStream("", c.token, "0-0")
						before, _ := s.Ready()
						s.Close()
						if len(before) == 0 {
							t.Error("the event stream replayed nothing since the fixture was made")
						}
						for _, ev := range before {
							low := strings.ToLower(ev.Data)
							for _, n := range words {
								if strings.Contains(low, strings.ToLower(n)) {
									t.Errorf("the event stream names %q, which %s may not see: %s", n, email, ev.Data)
								}
							}
							if ev.Name != api.StreamEventChange {
								continue
							}
							if c := ev.Change(t); c.Change != api.ChangeRemoved && (f.isHidden(c.RecordID, visible) || f.isHidden(c.ParentID, visible)) {
								t.Errorf("the event stream gives %s an event of a record it may not see: %s", email, ev.Data)
							}
						}
					case method == "GET":
						check(method, path, nil)
					case strings.HasSuffix(pattern, "/board"):
						for _, p := range append(pipes.Items, leadPipes.Items...) {
							check(method, path, api.BoardQuery{PipelineID: p.ID})
							for _, w := range words {
								search(method, path, api.BoardQuery{PipelineID: p.ID, Filter: api.ListQuery{Search: w}})
							}
						}
					case strings.HasSuffix(pattern, "/dashboard"):
						for _, s := range []api.DashboardScope{api.DashboardMe, api.DashboardTeam, api.DashboardAll} {
							check(method, path, api.DashboardQuery{Scope: s, PipelineID: pipes.Items[0].ID})
						}
					case pattern == "/api/v1/activities/query":
						check(method, path, api.ActivityQuery{})
					case strings.HasSuffix(pattern, "/export"):
						// Every column, as CSV (a workbook's text is compressed: the same cells, unreadable here).
						csvExport := api.ExportOptions{Format: api.ExportCSV}
						if pattern == "/api/v1/activities/export" {
							check(method, path, api.ActivityExportRequest{ExportOptions: csvExport})
							continue
						}
						check(method, path, api.ExportRequest{Query: api.ListQuery{Search: "Verborgen"}, ExportOptions: csvExport})
						for _, w := range words {
							// A search for a hidden word: the file holds its header and no row.
							resp := check(method, path, api.ExportRequest{Query: api.ListQuery{Search: w}, ExportOptions: csvExport})
							if lines := strings.Count(string(resp.Body), "\r\n"); resp.Status != 200 || lines != 1 {
								t.Errorf("%s %s: a hidden name finds %d rows (%d): %s", method, path, lines-1, resp.Status, resp.Body)
							}
						}
					default: // list queries and maps
						check(method, path, api.ListQuery{Search: "Verborgen"})
						for _, w := range words {
							search(method, path, api.ListQuery{Search: w})
						}
					}
				}
			}
			// The actor's calendar feed (outside /api/v1: its token is its credential) holds their own activities,
			// which link the next owner's records.
			var feed api.CalendarFeedToken
			c.call("PUT", "/api/v1/me/calendar-feed", nil, 200, &feed)
			if resp := check("GET", feed.Path, nil); resp.Status != 200 || !strings.Contains(string(resp.Body), "BEGIN:VEVENT") {
				t.Errorf("%s's calendar feed: %d %s", email, resp.Status, resp.Body)
			}
			t.Logf("%s: %d requests, %d hidden names", email, requests, len(names))
		})
	}
	if tested < 3 {
		t.Fatalf("only %d actors have records they may not see: the fixture tests too little", tested)
	}
}

// foundRecords counts the records of a list, map, board or search answer (arrays under items, deals, leads,
// persons, organizations).
func foundRecords(doc any) int {
	n := 0
	switch v := doc.(type) {
	case map[string]any:
		for k, x := range v {
			if arr, ok := x.([]any); ok && slices.Contains([]string{"items", "deals", "leads", "persons", "organizations"}, k) {
				n += len(arr)
			}
			n += foundRecords(x)
		}
	case []any:
		for _, x := range v {
			n += foundRecords(x)
		}
	}
	return n
}

// Creating a person with the e-mail address of a person the caller may not see answers as if the address were
// unknown (a 409 would confirm that it exists); with a visible person's address it is a duplicate.
func TestDuplicateCheckCountsOnlyVisiblePersons(t *testing.T) {
	env := apptest.Start(t)
	f := newLeakFixture(t, env, signIn(t, env, apptest.Admin))
	jonas := signIn(t, env, apptest.FieldRepNord)
	visible := f.visible(jonas)
	var own, other string
	for id, mail := range f.emails {
		if visible[id] {
			own = mail
		} else {
			other = mail
		}
	}
	if own == "" || other == "" {
		t.Fatal("the fixture has no visible and hidden person with an address")
	}
	jonas.call("POST", "/api/v1/persons", api.PersonCreate{LastName: "Neu", Emails: []api.ContactPoint{{Value: other}}}, 201, nil)
	jonas.call("POST", "/api/v1/persons", api.PersonCreate{LastName: "Neu", Emails: []api.ContactPoint{{Value: own}}}, 409, nil)
}

// Patching an activity with the ID of a hidden deal answers the same whether that deal is the one linked now or
// any other: both are a record the caller cannot name.
func TestActivityPatchDoesNotConfirmAHiddenLink(t *testing.T) {
	env := apptest.Start(t)
	f := newLeakFixture(t, env, signIn(t, env, apptest.Admin))
	jonas := signIn(t, env, apptest.FieldRepNord)
	var a api.Activity
	jonas.call("GET", "/api/v1/activities/"+f.activityOf[apptest.FieldRepNord], nil, 200, &a)
	if !a.DealHidden || a.DealID != "" || a.DealTitle != "" || !a.PersonHidden || !a.OrganizationHidden || !a.LeadHidden {
		t.Fatalf("the activity shows its hidden links: %+v", a)
	}
	linked, other := f.dealOf[apptest.FieldRepSued], f.dealOf[apptest.InsideSales]
	for _, id := range []string{linked, other} {
		resp := jonas.call("PATCH", "/api/v1/activities/"+a.ID, api.ActivityPatch{DealID: ptr(id)}, 422, nil, "If-Match", etagOf(a.Version))
		if e := resp.Error(t); e.Fields["dealId"] != api.FieldNotFound {
			t.Errorf("deal %s: %+v", id, e)
		}
	}
	// Leaving the link alone keeps it, and changing another field works.
	jonas.call("PATCH", "/api/v1/activities/"+a.ID, api.ActivityPatch{Title: ptr("Termin verschoben")}, 200, &a, "If-Match", etagOf(a.Version))
	if !a.DealHidden {
		t.Fatalf("the hidden link was lost: %+v", a)
	}
	var adminView api.Activity
	signIn(t, env, apptest.Admin).call("GET", "/api/v1/activities/"+a.ID, nil, 200, &adminView)
	if adminView.DealID != linked {
		t.Fatalf("the link changed: %+v", adminView)
	}
}

// A deal whose person and organisation the caller may not see shows them as placeholders, and its history names
// neither; the admin sees both.
func TestDealShowsHiddenPartiesAsPlaceholders(t *testing.T) {
	env := apptest.Start(t)
	f := newLeakFixture(t, env, signIn(t, env, apptest.Admin))
	jonas := signIn(t, env, apptest.FieldRepNord)
	id := f.dealOf[apptest.FieldRepNord]
	var d api.Deal
	jonas.call("GET", "/api/v1/deals/"+id, nil, 200, &d)
	if !d.PersonHidden || !d.OrganizationHidden || d.PersonID != "" || d.PersonName != "" || d.OrganizationName != "" {
		t.Fatalf("jonas' deal: %+v", d)
	}
	var h api.HistoryList
	jonas.call("GET", "/api/v1/deals/"+id+"/history", nil, 200, &h)
	links := 0
	for _, e := range h.Items {
		for _, c := range e.Changes {
			if c.RecordType != "" {
				links++
				if (c.Old != "" || c.New != "") || (!c.OldHidden && !c.NewHidden) {
					t.Errorf("jonas' history shows a hidden link: %+v", c)
				}
			}
		}
	}
	if links < 3 { // created with person and organisation, then the person changed
		t.Fatalf("history has %d link changes: %+v", links, h.Items)
	}
	var full api.Deal
	admin := signIn(t, env, apptest.Admin)
	admin.call("GET", "/api/v1/deals/"+id, nil, 200, &full)
	if full.PersonHidden || !strings.HasPrefix(full.PersonName, "Verborgen ") || !strings.HasPrefix(full.OrganizationName, "Verborgen ") {
		t.Fatalf("the admin's view: %+v", full)
	}
	admin.call("GET", "/api/v1/deals/"+id+"/history", nil, 200, &h)
	var named []string
	for _, e := range h.Items {
		for _, c := range e.Changes {
			if c.RecordType != "" {
				named = append(named, c.Old, c.New)
			}
		}
	}
	if !slices.ContainsFunc(named, func(n string) bool { return strings.HasSuffix(n, "Zweitperson") }) ||
		!slices.ContainsFunc(named, func(n string) bool { return strings.HasSuffix(n, "Firma") }) {
		t.Fatalf("the admin's history does not name the links: %v", named)
	}
	// A search finds the deal through a person the caller may see, not through one they may not.
	var page api.DealPage
	admin.call("POST", "/api/v1/deals/query", api.ListQuery{Search: strings.TrimPrefix(full.PersonName, "Verborgen ")}, 200, &page)
	if len(page.Items) != 1 || page.Items[0].ID != id {
		t.Fatalf("the admin's search by the person's name: %+v", page.Items)
	}
	jonas.call("POST", "/api/v1/deals/query", api.ListQuery{Search: strings.TrimPrefix(full.PersonName, "Verborgen ")}, 200, &page)
	if len(page.Items) != 0 {
		t.Fatalf("jonas finds his deal by a name he may not see: %+v", page.Items)
	}
}

// An organisation's number of persons counts the persons the caller may see, in its list, its page, its search
// and its export: a count of every person would confirm that persons the caller may not see exist.
func TestAnOrganisationCountsOnlyThePersonsTheCallerMaySee(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	jonas := signIn(t, env, apptest.FieldRepNord)
	org := jonas.createOrg(api.OrganizationCreate{Name: "Zählwerk Nord GmbH"})
	jonas.createPerson(api.PersonCreate{LastName: "Sichtbar", Organizations: []api.MembershipInput{{OrganizationID: org.ID}}})
	admin.createPerson(api.PersonCreate{LastName: "Verborgen", OwnerID: env.Demo.Users[apptest.FieldRepSued].String(),
		Organizations: []api.MembershipInput{{OrganizationID: org.ID}}})
	for _, tc := range []struct {
		who  *client
		want int
	}{{admin, 2}, {jonas, 1}} {
		if got := answer[api.Organization](tc.who, "GET", "/api/v1/organizations/"+org.ID, nil, 200).PersonCount; got != tc.want {
			t.Errorf("page: %d persons, want %d", got, tc.want)
		}
		page := answer[api.OrganizationPage](tc.who, "POST", "/api/v1/organizations/query", api.ListQuery{Search: "Zählwerk"}, 200)
		if len(page.Items) != 1 || page.Items[0].PersonCount != tc.want {
			t.Errorf("list: %+v, want one organisation with %d persons", page.Items, tc.want)
		}
	}
}
