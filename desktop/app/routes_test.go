package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// The route tables: every bound method that calls one route, and the request it must produce. They prove the
// wiring (method, escaped path, query, body, If-Match, Idempotency-Key); the machinery behind it (retries, refresh,
// error mapping) has its own tests in package client.

// route is one call of a bound method and the request it must produce.
type route struct {
	name   string
	call   func(d *app.App) (any, error)
	method string
	path   string // escaped, below the server root
	query  string // raw query string
	// body lists the JSON members the request body must have (a subset check); "" means no body at all.
	body    string
	ifMatch string // the If-Match header, "" for none
	create  bool   // sends an Idempotency-Key
	status  int    // the answer's status
	answer  any    // the answer's body, and what call must return; nil for 204
}

func ptr[T any](v T) *T { return &v }

// seen is one request as the server got it; path is escaped as sent, query is the raw query string.
type seen struct {
	method, path, query string
	header              http.Header
	body                string
}

// recorder is a stand-in backend that signs in (access token access-1), records every other request and answers
// it through the test's handler.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
}

func newRecorder(t *testing.T, answer func(w http.ResponseWriter, r *http.Request)) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if noStream(w, r) {
			return
		}
		if r.URL.Path == "/api/v1/auth/login" {
			writeOK(w, 200, api.Session{AccessToken: "access-1", RefreshToken: "refresh-1", AccessExpiresAt: time.Now().Add(time.Hour),
				Me: api.Me{User: api.User{ID: "u1", Email: email}}})
			return
		}
		b, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, seen{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), string(b)})
		rec.mu.Unlock()
		answer(w, r)
	}))
	t.Cleanup(rec.Close)
	return rec
}

// requests returns the requests after the sign-in.
func (rec *recorder) requests() []seen {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]seen(nil), rec.reqs...)
}

// signedIn is an App signed in at rec with the client options given (retries, say).
func signedIn(t *testing.T, rec *recorder, opts client.Options) *app.App {
	t.Helper()
	a := startApp(t, app.Config{Client: opts})
	signIn(t, a, rec.URL)
	return a
}

func writeErr(w http.ResponseWriter, status int, code api.ErrorCode, fields map[string]api.FieldCode) {
	writeOK(w, status, api.ErrorEnvelope{Error: api.Error{Code: code, Message: "msg " + string(code), Fields: fields, RequestID: "req-1"}})
}

func contactRoutes() []route {
	person := api.Person{ID: "p1", LastName: "Müller", Version: 3, Custom: api.CustomValues{"f1": "12.5"},
		Organizations: []api.Membership{{OrganizationID: "o1", OrganizationName: "Nordlicht", PersonID: "p1", Primary: true}}}
	org := api.Organization{ID: "o1", Name: "Nordlicht", PersonCount: 2, Version: 4}
	members := api.MembershipList{Items: []api.Membership{{OrganizationID: "o1", PersonID: "p1", Role: "Einkauf"}}}
	personPage := api.PersonPage{Items: []api.Person{person}, NextCursor: "c2", Total: 51, TotalCapped: false}
	note := api.Note{ID: "n1", RecordType: api.RecordPerson, RecordID: "p1", Body: "Rückruf", Version: 2}
	field := api.CustomField{ID: "f1", RecordType: api.RecordPerson, Label: "Umsatz", Kind: api.FieldKindNumber, Version: 1}
	filter := api.SavedFilter{ID: "s1", RecordType: api.RecordPerson, Name: "München", Version: 1,
		Query: api.ListQuery{City: "München"}}
	query := api.ListQuery{Search: "Müller", Owner: "team", PostalCode: "80", Cursor: "c1", Limit: 20, Sort: "-updatedAt",
		Custom: []api.CustomCondition{{FieldID: "f1", Op: "gt", Value: "1000"}}}
	const queryJSON = `{"search":"Müller","owner":"team","postalCode":"80","cursor":"c1","limit":20,"sort":"-updatedAt",
		"custom":[{"fieldId":"f1","op":"gt","value":"1000"}]}`

	return []route{
		{name: "query persons", method: "POST", path: "/api/v1/persons/query", body: queryJSON,
			status: 200, answer: personPage,
			call: func(d *app.App) (any, error) { return d.Contacts.QueryPersons(query) }},
		{name: "count persons", method: "POST", path: "/api/v1/persons/count", body: queryJSON,
			status: 200, answer: api.ListTotal{Total: 1000, TotalCapped: true},
			call: func(d *app.App) (any, error) { return d.Records.CountRecords(api.RecordPerson, query) }},
		{name: "create person", method: "POST", path: "/api/v1/persons", create: true,
			body:   `{"lastName":"Müller","emails":[{"value":"m@example.de","kind":"work"}],"allowDuplicate":true,"custom":{"f1":"12.5"}}`,
			status: 201, answer: person,
			call: func(d *app.App) (any, error) {
				return d.Contacts.CreatePerson(api.PersonCreate{LastName: "Müller", AllowDuplicate: true,
					Emails: []api.ContactPoint{{Value: "m@example.de", Kind: api.ContactWork}}, Custom: api.CustomValues{"f1": "12.5"}})
			}},
		{name: "get person escapes the id", method: "GET", path: "/api/v1/persons/p%201%2F2", status: 200, answer: person,
			call: func(d *app.App) (any, error) { return d.Contacts.GetPerson("p 1/2") }},
		{name: "update person sends only the patched fields", method: "PATCH", path: "/api/v1/persons/p1",
			body: `{"lastName":"Meier","custom":{"f1":""}}`, ifMatch: `"3"`, status: 200, answer: person,
			call: func(d *app.App) (any, error) {
				return d.Contacts.UpdatePerson("p1", 3, api.PersonPatch{LastName: ptr("Meier"), Custom: api.CustomValues{"f1": ""}})
			}},
		{name: "delete person", method: "DELETE", path: "/api/v1/persons/p1", ifMatch: `"3"`, status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Contacts.DeletePerson("p1", 3) }},
		{name: "restore person", method: "POST", path: "/api/v1/persons/p1/restore", status: 200, answer: person,
			call: func(d *app.App) (any, error) { return d.Contacts.RestorePerson("p1") }},
		{name: "link organization", method: "PUT", path: "/api/v1/persons/p1/organizations/o1",
			body: `{"role":"Einkauf","primary":true}`, status: 200, answer: members,
			call: func(d *app.App) (any, error) {
				return d.Contacts.LinkOrganization("p1", "o1", api.MembershipInput{Role: "Einkauf", Primary: true})
			}},
		{name: "unlink organization", method: "DELETE", path: "/api/v1/persons/p1/organizations/o1", status: 200,
			answer: members,
			call:   func(d *app.App) (any, error) { return d.Contacts.UnlinkOrganization("p1", "o1") }},
		{name: "organization persons", method: "GET", path: "/api/v1/organizations/o1/persons", status: 200,
			answer: personPage,
			call:   func(d *app.App) (any, error) { return d.Contacts.OrganizationPersons("o1") }},
		{name: "query organizations", method: "POST", path: "/api/v1/organizations/query", body: queryJSON, status: 200,
			answer: api.OrganizationPage{Items: []api.Organization{org}},
			call:   func(d *app.App) (any, error) { return d.Contacts.QueryOrganizations(query) }},
		{name: "create organization", method: "POST", path: "/api/v1/organizations", create: true,
			body:   `{"name":"Nordlicht","address":{"street":"","postalCode":"20095","city":"Hamburg","country":"DE"}}`,
			status: 201, answer: org,
			call: func(d *app.App) (any, error) {
				return d.Contacts.CreateOrganization(api.OrganizationCreate{Name: "Nordlicht",
					Address: api.Address{PostalCode: "20095", City: "Hamburg", Country: "DE"}})
			}},
		{name: "get organization", method: "GET", path: "/api/v1/organizations/o1", status: 200, answer: org,
			call: func(d *app.App) (any, error) { return d.Contacts.GetOrganization("o1") }},
		{name: "update organization", method: "PATCH", path: "/api/v1/organizations/o1", body: `{"website":""}`,
			ifMatch: `"4"`, status: 200, answer: org,
			call: func(d *app.App) (any, error) {
				return d.Contacts.UpdateOrganization("o1", 4, api.OrganizationPatch{Website: ptr("")})
			}},
		{name: "delete organization", method: "DELETE", path: "/api/v1/organizations/o1", ifMatch: `"4"`, status: 204,
			call: func(d *app.App) (any, error) {
				return nil, d.Contacts.DeleteOrganization("o1", 4)
			}},
		{name: "restore organization", method: "POST", path: "/api/v1/organizations/o1/restore", status: 200, answer: org,
			call: func(d *app.App) (any, error) { return d.Contacts.RestoreOrganization("o1") }},
		{name: "list notes of a person", method: "GET", path: "/api/v1/persons/p1/notes", status: 200,
			answer: api.NoteList{Items: []api.Note{note}},
			call: func(d *app.App) (any, error) {
				return d.Records.ListNotes(api.RecordPerson, "p1")
			}},
		{name: "add note to an organization", method: "POST", path: "/api/v1/organizations/o1/notes", create: true,
			body: `{"body":"Rückruf"}`, status: 201, answer: note,
			call: func(d *app.App) (any, error) {
				return d.Records.AddNote(api.RecordOrganization, "o1", api.NoteCreate{Body: "Rückruf"})
			}},
		{name: "update note", method: "PATCH", path: "/api/v1/notes/n1", body: `{"body":"Erledigt"}`, ifMatch: `"2"`,
			status: 200, answer: note,
			call: func(d *app.App) (any, error) {
				return d.Records.UpdateNote("n1", 2, api.NotePatch{Body: ptr("Erledigt")})
			}},
		{name: "delete note", method: "DELETE", path: "/api/v1/notes/n1", ifMatch: `"2"`, status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Records.DeleteNote("n1", 2) }},
		{name: "open a record", method: "PUT", path: "/api/v1/presence", body: `{"recordType":"lead","recordId":"l 1"}`,
			status: 204, call: func(d *app.App) (any, error) { return nil, d.Records.OpenRecord(api.RecordLead, "l 1") }},
		{name: "leave the record", method: "DELETE", path: "/api/v1/presence", status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Records.LeaveRecord() }},
		{name: "presence on an organization", method: "GET", path: "/api/v1/organizations/o1/presence", status: 200,
			answer: api.PresenceList{Items: []api.PresenceUser{{ID: "u2", Name: "Jonas Weber"}}},
			call:   func(d *app.App) (any, error) { return d.Records.RecordPresence(api.RecordOrganization, "o1") }},
		{name: "history of a deal", method: "GET", path: "/api/v1/deals/d1/history", status: 200,
			answer: api.HistoryList{Items: []api.HistoryEntry{{ID: "h1", Action: api.HistoryUpdated,
				Changes: []api.FieldChange{{Field: "custom.f1", Label: "Umsatz", Old: "1", New: "2"}}}}},
			call: func(d *app.App) (any, error) { return d.Records.History(api.RecordDeal, "d1") }},
		{name: "search escapes the query", method: "GET", path: "/api/v1/search", query: "q=M%C3%BCller+%26+S%C3%B6hne",
			status: 200, answer: api.SearchResult{Persons: []api.Person{person}, Organizations: []api.Organization{org}},
			call: func(d *app.App) (any, error) { return d.Contacts.Search("Müller & Söhne") }},
		{name: "trash of one type", method: "GET", path: "/api/v1/trash", query: "recordType=person", status: 200,
			answer: api.TrashList{Items: []api.TrashItem{{RecordType: api.RecordPerson, ID: "p1", Name: "Müller"}}},
			call:   func(d *app.App) (any, error) { return d.Records.Trash(api.RecordPerson) }},
		{name: "trash of every type", method: "GET", path: "/api/v1/trash", status: 200, answer: api.TrashList{},
			call: func(d *app.App) (any, error) { return d.Records.Trash("") }},
		{name: "active custom fields", method: "GET", path: "/api/v1/custom-fields", query: "recordType=organization",
			status: 200, answer: api.CustomFieldList{Items: []api.CustomField{field}},
			call: func(d *app.App) (any, error) {
				return d.Records.ListCustomFields(api.RecordOrganization, false)
			}},
		{name: "custom fields with archived", method: "GET", path: "/api/v1/custom-fields",
			query: "archived=true&recordType=person", status: 200, answer: api.CustomFieldList{Items: []api.CustomField{field}},
			call: func(d *app.App) (any, error) {
				return d.Records.ListCustomFields(api.RecordPerson, true)
			}},
		{name: "create custom field", method: "POST", path: "/api/v1/custom-fields", create: true,
			body:   `{"recordType":"person","label":"Umsatz","kind":"number","required":false,"position":0}`,
			status: 201, answer: field,
			call: func(d *app.App) (any, error) {
				return d.Admin.CreateCustomField(api.CustomFieldCreate{RecordType: api.RecordPerson, Label: "Umsatz",
					Kind: api.FieldKindNumber})
			}},
		{name: "restore custom field by patch", method: "PATCH", path: "/api/v1/custom-fields/f1",
			body: `{"archived":false}`, ifMatch: `"1"`, status: 200, answer: field,
			call: func(d *app.App) (any, error) {
				return d.Admin.UpdateCustomField("f1", 1, api.CustomFieldPatch{Archived: ptr(false)})
			}},
		{name: "archive custom field", method: "DELETE", path: "/api/v1/custom-fields/f1", ifMatch: `"1"`, status: 204,
			call: func(d *app.App) (any, error) {
				return nil, d.Admin.ArchiveCustomField("f1", 1)
			}},
		{name: "list saved filters", method: "GET", path: "/api/v1/saved-filters", query: "recordType=person",
			status: 200, answer: api.SavedFilterList{Items: []api.SavedFilter{filter}},
			call: func(d *app.App) (any, error) {
				return d.Records.ListSavedFilters(api.RecordPerson)
			}},
		{name: "create saved filter", method: "POST", path: "/api/v1/saved-filters", create: true,
			body:   `{"recordType":"person","name":"München","shared":true,"query":` + queryJSON + `}`,
			status: 201, answer: filter,
			call: func(d *app.App) (any, error) {
				return d.Records.CreateSavedFilter(api.SavedFilterCreate{RecordType: api.RecordPerson, Name: "München",
					Shared: true, Query: query})
			}},
		{name: "update saved filter", method: "PATCH", path: "/api/v1/saved-filters/s1", body: `{"shared":false}`,
			ifMatch: `"1"`, status: 200, answer: filter,
			call: func(d *app.App) (any, error) {
				return d.Records.UpdateSavedFilter("s1", 1, api.SavedFilterPatch{Shared: ptr(false)})
			}},
		{name: "delete saved filter", method: "DELETE", path: "/api/v1/saved-filters/s1", ifMatch: `"1"`, status: 204,
			call: func(d *app.App) (any, error) {
				return nil, d.Records.DeleteSavedFilter("s1", 1)
			}},
	}
}

// identityRoutes are the session's own routes and the users, units, roles and tenant of Admin.
func identityRoutes() []route {
	me := api.Me{User: api.User{ID: "u1", Email: "claudia.becker@nordlicht.example", Name: "Claudia Becker", Version: 2},
		Tenant: api.Tenant{ID: "t1", Name: "Nordlicht", Plan: api.PlanProfessional}}
	user := api.User{ID: "u 2", Email: "neu@nordlicht.example", Name: "Neu", UnitID: "n1", RoleID: "r1", Active: true, Version: 7}
	unit := api.Unit{ID: "n1", Name: "Außendienst", ParentID: ptr("root"), Version: 4}
	role := api.Role{ID: "r1", Name: "Vertrieb", Grants: []api.Grant{}, Version: 3}
	return []route{
		{name: "me", method: "GET", path: "/api/v1/me", status: 200, answer: me,
			call: func(d *app.App) (any, error) { return d.Session.Me() }},
		{name: "change password", method: "POST", path: "/api/v1/me/password", status: 204,
			body: `{"currentPassword":"alt","newPassword":"Neu12345!"}`,
			call: func(d *app.App) (any, error) {
				return nil, d.Session.ChangePassword(api.PasswordChange{CurrentPassword: "alt", NewPassword: "Neu12345!"})
			}},
		{name: "calendar feed", method: "GET", path: "/api/v1/me/calendar-feed", status: 200,
			answer: api.CalendarFeed{Active: true, DaysBack: 90, DaysAhead: 365, TimeZone: "Europe/Berlin"},
			call:   func(d *app.App) (any, error) { return d.Session.CalendarFeed() }},
		{name: "renew the calendar feed (the server's public URL)", method: "PUT", path: "/api/v1/me/calendar-feed", status: 200,
			answer: api.CalendarFeedToken{Token: "1sc_x", Path: "/ics/1sc_x.ics", URL: "https://crm.example.de/ics/1sc_x.ics"},
			call:   func(d *app.App) (any, error) { return d.Session.RenewCalendarFeed() }},
		{name: "switch the calendar feed off", method: "DELETE", path: "/api/v1/me/calendar-feed", status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Session.DisableCalendarFeed() }},
		{name: "list invitations", method: "GET", path: "/api/v1/invitations", status: 200,
			answer: api.InvitationList{Items: []api.Invitation{{ID: "i1", Email: "neu@nordlicht.example"}}},
			call:   func(d *app.App) (any, error) { return d.Admin.ListInvitations() }},
		{name: "invite", method: "POST", path: "/api/v1/invitations", create: true, status: 201,
			answer: api.Invitation{ID: "i1", Email: "neu@nordlicht.example"},
			body:   `{"email":"neu@nordlicht.example","name":"Neu","unitId":"n1","roleId":"r1"}`,
			call: func(d *app.App) (any, error) {
				return d.Admin.Invite(api.InvitationCreate{Email: "neu@nordlicht.example", Name: "Neu", UnitID: "n1", RoleID: "r1"})
			}},
		{name: "resend an invitation escapes the id", method: "POST", path: "/api/v1/invitations/i%201/resend", status: 200,
			answer: api.Invitation{ID: "i 1"}, call: func(d *app.App) (any, error) { return d.Admin.ResendInvitation("i 1") }},
		{name: "revoke an invitation", method: "DELETE", path: "/api/v1/invitations/i1", status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Admin.RevokeInvitation("i1") }},
		{name: "first-run checklist", method: "GET", path: "/api/v1/tenant/checklist", status: 200,
			answer: api.SetupChecklist{Done: []api.SetupStep{api.SetupTeam}},
			call:   func(d *app.App) (any, error) { return d.Admin.SetupChecklist() }},
		{name: "list users", method: "GET", path: "/api/v1/users", status: 200, answer: api.UserList{Items: []api.User{user}},
			call: func(d *app.App) (any, error) { return d.Admin.ListUsers() }},
		{name: "create user", method: "POST", path: "/api/v1/users", create: true, status: 201, answer: user,
			body: `{"email":"neu@nordlicht.example","name":"Neu","password":"Demo1234!","unitId":"n1","roleId":"r1"}`,
			call: func(d *app.App) (any, error) {
				return d.Admin.CreateUser(api.UserCreate{Email: "neu@nordlicht.example", Name: "Neu", Password: "Demo1234!",
					UnitID: "n1", RoleID: "r1"})
			}},
		{name: "deactivate user escapes the id", method: "PATCH", path: "/api/v1/users/u%202", body: `{"active":false}`,
			ifMatch: `"7"`, status: 200, answer: user,
			call: func(d *app.App) (any, error) { return d.Admin.UpdateUser("u 2", 7, api.UserPatch{Active: ptr(false)}) }},
		{name: "list units", method: "GET", path: "/api/v1/units", status: 200, answer: api.UnitList{Items: []api.Unit{unit}},
			call: func(d *app.App) (any, error) { return d.Admin.ListUnits() }},
		{name: "create unit", method: "POST", path: "/api/v1/units", create: true, status: 201, answer: unit,
			body: `{"name":"Außendienst","parentId":"root"}`,
			call: func(d *app.App) (any, error) {
				return d.Admin.CreateUnit(api.UnitCreate{Name: "Außendienst", ParentID: "root"})
			}},
		{name: "rename unit", method: "PATCH", path: "/api/v1/units/n1", body: `{"name":"Innendienst"}`, ifMatch: `"4"`,
			status: 200, answer: unit,
			call: func(d *app.App) (any, error) {
				return d.Admin.UpdateUnit("n1", 4, api.UnitPatch{Name: ptr("Innendienst")})
			}},
		{name: "delete unit", method: "DELETE", path: "/api/v1/units/n1", ifMatch: `"4"`, status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Admin.DeleteUnit("n1", 4) }},
		{name: "list roles", method: "GET", path: "/api/v1/roles", status: 200, answer: api.RoleList{Items: []api.Role{role}},
			call: func(d *app.App) (any, error) { return d.Admin.ListRoles() }},
		{name: "create role", method: "POST", path: "/api/v1/roles", create: true, status: 201, answer: role,
			body: `{"name":"Vertrieb","isAdmin":false}`,
			call: func(d *app.App) (any, error) { return d.Admin.CreateRole(api.RoleCreate{Name: "Vertrieb"}) }},
		{name: "make role admin", method: "PATCH", path: "/api/v1/roles/r1", body: `{"isAdmin":true}`, ifMatch: `"3"`,
			status: 200, answer: role,
			call: func(d *app.App) (any, error) { return d.Admin.UpdateRole("r1", 3, api.RolePatch{IsAdmin: ptr(true)}) }},
		{name: "delete role", method: "DELETE", path: "/api/v1/roles/r1", ifMatch: `"3"`, status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Admin.DeleteRole("r1", 3) }},
		{name: "tenant", method: "GET", path: "/api/v1/tenant", status: 200, answer: me.Tenant,
			call: func(d *app.App) (any, error) { return d.Admin.Tenant() }},
	}
}

// allRoutes is every route table: session and admin, contacts and records, sales, documents, activities, maps,
// lead sources and notifications.
func allRoutes() []route {
	var all []route
	for _, table := range [][]route{identityRoutes(), contactRoutes(), salesRoutes(), documentRoutes(), exportRoutes(), activityRoutes(),
		geoRoutes(), intakeRoutes(), notificationRoutes(), importRoutes(), supportRoutes(), twoFactorRoutes()} {
		all = append(all, table...)
	}
	return all
}

func TestRoutesSendTheDocumentedRequest(t *testing.T) {
	for _, tt := range allRoutes() {
		t.Run(tt.name, func(t *testing.T) {
			s := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.answer == nil {
					w.WriteHeader(tt.status)
					return
				}
				writeOK(w, tt.status, tt.answer)
			})
			got, err := tt.call(signedIn(t, s, client.Options{}))
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			if tt.answer != nil && !reflect.DeepEqual(got, tt.answer) {
				t.Errorf("result = %+v\nwant     %+v", got, tt.answer)
			}

			reqs := s.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.method != tt.method || r.path != tt.path || r.query != tt.query {
				t.Errorf("sent %s %s?%s, want %s %s?%s", r.method, r.path, r.query, tt.method, tt.path, tt.query)
			}
			if got := r.header.Get("Authorization"); got != "Bearer access-1" {
				t.Errorf("Authorization %q", got)
			}
			if got := r.header.Get("If-Match"); got != tt.ifMatch {
				t.Errorf("If-Match %q, want %q", got, tt.ifMatch)
			}
			key := r.header.Get("Idempotency-Key")
			if tt.create {
				if _, err := uuid.Parse(key); err != nil {
					t.Errorf("Idempotency-Key %q is not a UUID", key)
				}
			} else if key != "" {
				t.Errorf("Idempotency-Key %q on a request that creates nothing", key)
			}
			checkBody(t, r, tt.body)
		})
	}
}

// checkBody asserts that the request's JSON body has every member of want, nested objects included, with the same
// value, or that there is no body when want is "".
func checkBody(t *testing.T, r seen, want string) {
	t.Helper()
	if want == "" {
		if r.body != "" {
			t.Errorf("body %s, want none", r.body)
		}
		return
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	var sent, wanted any
	if err := json.Unmarshal([]byte(r.body), &sent); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
	if err := json.Unmarshal([]byte(want), &wanted); err != nil {
		t.Fatalf("test body %q: %v", want, err)
	}
	if !containsJSON(sent, wanted) {
		t.Errorf("body %s\nlacks      %s", r.body, want)
	}
}

// containsJSON reports whether got has every member of want's objects; arrays and scalars must be equal.
func containsJSON(got, want any) bool {
	w, ok := want.(map[string]any)
	if !ok {
		return reflect.DeepEqual(got, want)
	}
	g, ok := got.(map[string]any)
	if !ok {
		return false
	}
	for k, v := range w {
		gv, present := g[k]
		if !present || !containsJSON(gv, v) {
			return false
		}
	}
	return true
}

func TestRoutesPassTheErrorEnvelopeThrough(t *testing.T) {
	for _, tt := range allRoutes() {
		t.Run(tt.name, func(t *testing.T) {
			s := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				writeErr(w, 412, api.CodeVersionMismatch, map[string]api.FieldCode{"version": "stale"})
			})
			_, err := tt.call(signedIn(t, s, client.Options{}))
			ae, ok := client.AsAPIError(err)
			want := client.APIError{Status: 412, Code: api.CodeVersionMismatch, Message: "msg " + string(api.CodeVersionMismatch),
				Fields: map[string]api.FieldCode{"version": "stale"}, RequestID: "req-1"}
			if !ok || !reflect.DeepEqual(*ae, want) {
				t.Fatalf("err = %v, want %+v", err, want)
			}
		})
	}
}

func TestDuplicateEmailConflictKeepsItsFields(t *testing.T) {
	s := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		writeErr(w, 409, api.CodeDuplicateEmail, map[string]api.FieldCode{"emails[1]": api.FieldDuplicate})
	})
	_, err := signedIn(t, s, client.Options{}).Contacts.CreatePerson(api.PersonCreate{LastName: "Müller"})
	ae, ok := client.AsAPIError(err)
	if !ok || ae.Status != 409 || ae.Code != api.CodeDuplicateEmail || ae.Fields["emails[1]"] != api.FieldDuplicate {
		t.Fatalf("err = %v, want 409 %s with emails[1] duplicate", err, api.CodeDuplicateEmail)
	}
	// The UI parses Error() and shows the field error next to the second address.
	var parsed struct {
		Code   string            `json:"code"`
		Fields map[string]string `json:"fields"`
	}
	if json.Unmarshal([]byte(err.Error()), &parsed) != nil || parsed.Fields["emails[1]"] != string(api.FieldDuplicate) {
		t.Fatalf("Error() = %s", err.Error())
	}
}

func TestRecordTypeWithoutRoutesIsRefusedBeforeAnyRequest(t *testing.T) {
	s := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { writeOK(w, 200, api.NoteList{}) })
	d := signedIn(t, s, client.Options{})
	calls := map[string]func() error{
		"notes of an activity": func() error { _, err := d.Records.ListNotes(api.RecordActivity, "a1"); return err },
		"note without type":    func() error { _, err := d.Records.AddNote("", "p1", api.NoteCreate{Body: "x"}); return err },
		"history of nonsense":  func() error { _, err := d.Records.History("persons", "p1"); return err },
		"activities of a note": func() error { _, err := d.Activities.RecordActivities("note", "n1"); return err },
		"documents of nothing": func() error { _, err := d.Documents.List("", "x"); return err },
		"map of activities":    func() error { _, err := d.Maps.RecordMap(api.RecordActivity, api.ListQuery{}); return err },
	}
	for name, do := range calls {
		t.Run(name, func(t *testing.T) {
			ae, ok := client.AsAPIError(do())
			if !ok || ae.Status != 0 || ae.Code != api.CodeValidation || ae.Fields["recordType"] != api.FieldInvalid {
				t.Fatalf("err = %v, want local %s on recordType", ae, api.CodeValidation)
			}
		})
	}
	if n := len(s.requests()); n != 0 {
		t.Fatalf("server saw %d requests, want none", n)
	}
}

// TestBoundCallsAreRepeatedOnlyWhenSafe: after a 503, a call is repeated only when a repeat cannot do the change
// twice, and a repeated create keeps its Idempotency-Key.
func TestBoundCallsAreRepeatedOnlyWhenSafe(t *testing.T) {
	tests := []struct {
		name      string
		call      func(d *app.App) error
		wantCalls int
	}{
		// A restore carries no key and no version: after a 503 it may have happened, so it is not repeated.
		{"restore not repeated on 503", func(d *app.App) error {
			_, err := d.Contacts.RestorePerson("p1")
			return err
		}, 1},
		// Linking is a PUT of the whole link: repeating it gives the same result.
		{"link repeated on 503", func(d *app.App) error {
			_, err := d.Contacts.LinkOrganization("p1", "o1", api.MembershipInput{Role: "Einkauf"})
			return err
		}, 2},
		{"unlink repeated on 503", func(d *app.App) error {
			_, err := d.Contacts.UnlinkOrganization("p1", "o1")
			return err
		}, 2},
		// Opening a record and leaving it say what the desktop shows now: repeating them gives the same result.
		{"open record repeated on 503", func(d *app.App) error {
			return d.Records.OpenRecord(api.RecordDeal, "d1")
		}, 2},
		{"leave record repeated on 503", func(d *app.App) error {
			return d.Records.LeaveRecord()
		}, 2},
		{"search repeated on 503", func(d *app.App) error {
			_, err := d.Contacts.Search("Müller")
			return err
		}, 2},
		// A conversion carries no key: after a 503 it may have happened, so it is not repeated.
		{"convert not repeated on 503", func(d *app.App) error {
			_, err := d.Sales.ConvertLead("l1", api.LeadConvert{
				Person: api.ConvertTarget{Mode: api.ConvertCreate}, Organization: api.ConvertTarget{Mode: api.ConvertNone}})
			return err
		}, 1},
		{"create deal repeated on 503 with its key", func(d *app.App) error {
			_, err := d.Sales.CreateDeal(api.DealCreate{Title: "x", PipelineID: "pl1"})
			return err
		}, 2},
		// The mapping is a PUT of the whole list: repeating it gives the same result.
		{"set lead mapping repeated on 503", func(d *app.App) error {
			_, err := d.Admin.SetLeadMapping(api.FieldMappingList{Items: []api.FieldMapping{}})
			return err
		}, 2},
		{"pipelines repeated on 503", func(d *app.App) error {
			_, err := d.Sales.ListPipelines(api.RecordLead)
			return err
		}, 2},
		{"pipeline update not repeated on 503", func(d *app.App) error {
			_, err := d.Admin.UpdatePipeline("pl1", 3, api.PipelinePatch{Name: ptr("x")})
			return err
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				writeErr(w, 503, api.CodeUnavailable, nil)
			})
			err := tt.call(signedIn(t, s, client.Options{Retries: 1}))
			if ae, ok := client.AsAPIError(err); !ok || ae.Status != 503 {
				t.Fatalf("err = %v, want 503", err)
			}
			reqs := s.requests()
			if len(reqs) != tt.wantCalls {
				t.Fatalf("server saw %d requests, want %d", len(reqs), tt.wantCalls)
			}
			if len(reqs) == 2 && reqs[0].header.Get("Idempotency-Key") != reqs[1].header.Get("Idempotency-Key") {
				t.Fatalf("the repeat changed the Idempotency-Key")
			}
		})
	}
}

// A desktop that closes with a record page open leaves the record (the page had no chance to); one that has no
// record open sends nothing.
func TestShutdownLeavesTheOpenRecord(t *testing.T) {
	for _, open := range []bool{true, false} {
		rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
		d := signedIn(t, rec, client.Options{})
		if open {
			if err := d.Records.OpenRecord(api.RecordPerson, "p1"); err != nil {
				t.Fatal(err)
			}
		}
		d.OnShutdown(t.Context())
		var got []string
		for _, r := range rec.requests() {
			got = append(got, r.method+" "+r.path)
		}
		want := []string{}
		if open {
			want = []string{"PUT /api/v1/presence", "DELETE /api/v1/presence"}
		}
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("open %v: requests %v, want %v", open, got, want)
		}
	}
}
