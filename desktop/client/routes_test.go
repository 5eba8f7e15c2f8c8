package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"testing"

	"github.com/google/uuid"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// route is one call of a route and the request it must produce.
type route struct {
	name   string
	call   func(ctx context.Context, c *client.Client) (any, error)
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
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.QueryPersons(ctx, query) }},
		{name: "create person", method: "POST", path: "/api/v1/persons", create: true,
			body:   `{"lastName":"Müller","emails":[{"value":"m@example.de","kind":"work"}],"allowDuplicate":true,"custom":{"f1":"12.5"}}`,
			status: 201, answer: person,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.CreatePerson(ctx, api.PersonCreate{LastName: "Müller", AllowDuplicate: true,
					Emails: []api.ContactPoint{{Value: "m@example.de", Kind: api.ContactWork}}, Custom: api.CustomValues{"f1": "12.5"}})
			}},
		{name: "get person escapes the id", method: "GET", path: "/api/v1/persons/p%201%2F2", status: 200, answer: person,
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.GetPerson(ctx, "p 1/2") }},
		{name: "update person sends only the patched fields", method: "PATCH", path: "/api/v1/persons/p1",
			body: `{"lastName":"Meier","custom":{"f1":""}}`, ifMatch: `"3"`, status: 200, answer: person,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.UpdatePerson(ctx, "p1", 3, api.PersonPatch{LastName: ptr("Meier"), Custom: api.CustomValues{"f1": ""}})
			}},
		{name: "delete person", method: "DELETE", path: "/api/v1/persons/p1", ifMatch: `"3"`, status: 204,
			call: func(ctx context.Context, c *client.Client) (any, error) { return nil, c.DeletePerson(ctx, "p1", 3) }},
		{name: "restore person", method: "POST", path: "/api/v1/persons/p1/restore", status: 200, answer: person,
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.RestorePerson(ctx, "p1") }},
		{name: "link organization", method: "PUT", path: "/api/v1/persons/p1/organizations/o1",
			body: `{"role":"Einkauf","primary":true}`, status: 200, answer: members,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.LinkOrganization(ctx, "p1", "o1", api.MembershipInput{Role: "Einkauf", Primary: true})
			}},
		{name: "unlink organization", method: "DELETE", path: "/api/v1/persons/p1/organizations/o1", status: 200,
			answer: members,
			call:   func(ctx context.Context, c *client.Client) (any, error) { return c.UnlinkOrganization(ctx, "p1", "o1") }},
		{name: "organization persons", method: "GET", path: "/api/v1/organizations/o1/persons", status: 200,
			answer: personPage,
			call:   func(ctx context.Context, c *client.Client) (any, error) { return c.OrganizationPersons(ctx, "o1") }},
		{name: "query organizations", method: "POST", path: "/api/v1/organizations/query", body: queryJSON, status: 200,
			answer: api.OrganizationPage{Items: []api.Organization{org}},
			call:   func(ctx context.Context, c *client.Client) (any, error) { return c.QueryOrganizations(ctx, query) }},
		{name: "create organization", method: "POST", path: "/api/v1/organizations", create: true,
			body:   `{"name":"Nordlicht","address":{"street":"","postalCode":"20095","city":"Hamburg","country":"DE"}}`,
			status: 201, answer: org,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.CreateOrganization(ctx, api.OrganizationCreate{Name: "Nordlicht",
					Address: api.Address{PostalCode: "20095", City: "Hamburg", Country: "DE"}})
			}},
		{name: "get organization", method: "GET", path: "/api/v1/organizations/o1", status: 200, answer: org,
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.GetOrganization(ctx, "o1") }},
		{name: "update organization", method: "PATCH", path: "/api/v1/organizations/o1", body: `{"website":""}`,
			ifMatch: `"4"`, status: 200, answer: org,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.UpdateOrganization(ctx, "o1", 4, api.OrganizationPatch{Website: ptr("")})
			}},
		{name: "delete organization", method: "DELETE", path: "/api/v1/organizations/o1", ifMatch: `"4"`, status: 204,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return nil, c.DeleteOrganization(ctx, "o1", 4)
			}},
		{name: "restore organization", method: "POST", path: "/api/v1/organizations/o1/restore", status: 200, answer: org,
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.RestoreOrganization(ctx, "o1") }},
		{name: "list notes of a person", method: "GET", path: "/api/v1/persons/p1/notes", status: 200,
			answer: api.NoteList{Items: []api.Note{note}},
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.ListNotes(ctx, api.RecordPerson, "p1")
			}},
		{name: "add note to an organization", method: "POST", path: "/api/v1/organizations/o1/notes", create: true,
			body: `{"body":"Rückruf"}`, status: 201, answer: note,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.AddNote(ctx, api.RecordOrganization, "o1", api.NoteCreate{Body: "Rückruf"})
			}},
		{name: "update note", method: "PATCH", path: "/api/v1/notes/n1", body: `{"body":"Erledigt"}`, ifMatch: `"2"`,
			status: 200, answer: note,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.UpdateNote(ctx, "n1", 2, api.NotePatch{Body: ptr("Erledigt")})
			}},
		{name: "delete note", method: "DELETE", path: "/api/v1/notes/n1", ifMatch: `"2"`, status: 204,
			call: func(ctx context.Context, c *client.Client) (any, error) { return nil, c.DeleteNote(ctx, "n1", 2) }},
		{name: "history of a deal", method: "GET", path: "/api/v1/deals/d1/history", status: 200,
			answer: api.HistoryList{Items: []api.HistoryEntry{{ID: "h1", Action: api.HistoryUpdated,
				Changes: []api.FieldChange{{Field: "custom.f1", Label: "Umsatz", Old: "1", New: "2"}}}}},
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.History(ctx, api.RecordDeal, "d1") }},
		{name: "search escapes the query", method: "GET", path: "/api/v1/search", query: "q=M%C3%BCller+%26+S%C3%B6hne",
			status: 200, answer: api.SearchResult{Persons: []api.Person{person}, Organizations: []api.Organization{org}},
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.Search(ctx, "Müller & Söhne") }},
		{name: "trash of one type", method: "GET", path: "/api/v1/trash", query: "recordType=person", status: 200,
			answer: api.TrashList{Items: []api.TrashItem{{RecordType: api.RecordPerson, ID: "p1", Name: "Müller"}}},
			call:   func(ctx context.Context, c *client.Client) (any, error) { return c.Trash(ctx, api.RecordPerson) }},
		{name: "trash of every type", method: "GET", path: "/api/v1/trash", status: 200, answer: api.TrashList{},
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.Trash(ctx, "") }},
		{name: "active custom fields", method: "GET", path: "/api/v1/custom-fields", query: "recordType=organization",
			status: 200, answer: api.CustomFieldList{Items: []api.CustomField{field}},
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.ListCustomFields(ctx, api.RecordOrganization, false)
			}},
		{name: "custom fields with archived", method: "GET", path: "/api/v1/custom-fields",
			query: "archived=true&recordType=person", status: 200, answer: api.CustomFieldList{Items: []api.CustomField{field}},
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.ListCustomFields(ctx, api.RecordPerson, true)
			}},
		{name: "create custom field", method: "POST", path: "/api/v1/custom-fields", create: true,
			body:   `{"recordType":"person","label":"Umsatz","kind":"number","required":false,"position":0}`,
			status: 201, answer: field,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.CreateCustomField(ctx, api.CustomFieldCreate{RecordType: api.RecordPerson, Label: "Umsatz",
					Kind: api.FieldKindNumber})
			}},
		{name: "restore custom field by patch", method: "PATCH", path: "/api/v1/custom-fields/f1",
			body: `{"archived":false}`, ifMatch: `"1"`, status: 200, answer: field,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.UpdateCustomField(ctx, "f1", 1, api.CustomFieldPatch{Archived: ptr(false)})
			}},
		{name: "archive custom field", method: "DELETE", path: "/api/v1/custom-fields/f1", ifMatch: `"1"`, status: 204,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return nil, c.ArchiveCustomField(ctx, "f1", 1)
			}},
		{name: "list saved filters", method: "GET", path: "/api/v1/saved-filters", query: "recordType=person",
			status: 200, answer: api.SavedFilterList{Items: []api.SavedFilter{filter}},
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.ListSavedFilters(ctx, api.RecordPerson)
			}},
		{name: "create saved filter", method: "POST", path: "/api/v1/saved-filters", create: true,
			body:   `{"recordType":"person","name":"München","shared":true,"query":` + queryJSON + `}`,
			status: 201, answer: filter,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.CreateSavedFilter(ctx, api.SavedFilterCreate{RecordType: api.RecordPerson, Name: "München",
					Shared: true, Query: query})
			}},
		{name: "update saved filter", method: "PATCH", path: "/api/v1/saved-filters/s1", body: `{"shared":false}`,
			ifMatch: `"1"`, status: 200, answer: filter,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.UpdateSavedFilter(ctx, "s1", 1, api.SavedFilterPatch{Shared: ptr(false)})
			}},
		{name: "delete saved filter", method: "DELETE", path: "/api/v1/saved-filters/s1", ifMatch: `"1"`, status: 204,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return nil, c.DeleteSavedFilter(ctx, "s1", 1)
			}},
	}
}

// allRoutes is every route table: contacts and records, sales, documents, activities.
func allRoutes() []route {
	return append(append(append(append(contactRoutes(), salesRoutes()...), documentRoutes()...), activityRoutes()...), geoRoutes()...)
}

func TestRoutesSendTheDocumentedRequest(t *testing.T) {
	for _, tt := range allRoutes() {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				switch {
				case r.URL.Path == "/api/v1/auth/login":
					writeJSON(w, 200, session(1))
				case tt.answer == nil:
					w.WriteHeader(tt.status)
				default:
					writeJSON(w, tt.status, tt.answer)
				}
			})
			c := newClient(s, client.Options{})
			signIn(t, c)

			got, err := tt.call(context.Background(), c)
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			if tt.answer != nil && !reflect.DeepEqual(got, tt.answer) {
				t.Errorf("result = %+v\nwant     %+v", got, tt.answer)
			}

			reqs := s.requests()[1:]
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
			s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if r.URL.Path == "/api/v1/auth/login" {
					writeJSON(w, 200, session(1))
					return
				}
				writeErr(w, 412, api.CodeVersionMismatch, map[string]api.FieldCode{"version": "stale"})
			})
			c := newClient(s, client.Options{})
			signIn(t, c)

			_, err := tt.call(context.Background(), c)
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
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeErr(w, 409, api.CodeDuplicateEmail, map[string]api.FieldCode{"emails[1]": api.FieldDuplicate})
	})
	_, err := newClient(s, client.Options{}).CreatePerson(context.Background(), api.PersonCreate{LastName: "Müller"})
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
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, api.NoteList{}) })
	c := newClient(s, client.Options{})
	ctx := context.Background()
	calls := map[string]func() error{
		"notes of an activity": func() error { _, err := c.ListNotes(ctx, api.RecordActivity, "a1"); return err },
		"note without type":    func() error { _, err := c.AddNote(ctx, "", "p1", api.NoteCreate{Body: "x"}); return err },
		"history of nonsense":  func() error { _, err := c.History(ctx, "persons", "p1"); return err },
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

func TestRestoreAndLinkRetryPolicy(t *testing.T) {
	tests := []struct {
		name      string
		call      func(c *client.Client) error
		wantCalls int
	}{
		// A restore carries no key and no version: after a 503 it may have happened, so it is not repeated.
		{"restore not repeated on 503", func(c *client.Client) error {
			_, err := c.RestorePerson(context.Background(), "p1")
			return err
		}, 1},
		// Linking is a PUT of the whole link: repeating it gives the same result.
		{"link repeated on 503", func(c *client.Client) error {
			_, err := c.LinkOrganization(context.Background(), "p1", "o1", api.MembershipInput{Role: "Einkauf"})
			return err
		}, 2},
		{"search repeated on 503", func(c *client.Client) error {
			_, err := c.Search(context.Background(), "Müller")
			return err
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				writeErr(w, 503, api.CodeUnavailable, nil)
			})
			err := tt.call(newClient(s, client.Options{Retries: 1}))
			if ae, ok := client.AsAPIError(err); !ok || ae.Status != 503 {
				t.Fatalf("err = %v, want 503", err)
			}
			if n := len(s.requests()); n != tt.wantCalls {
				t.Fatalf("server saw %d requests, want %d", n, tt.wantCalls)
			}
		})
	}
}
