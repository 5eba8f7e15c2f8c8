package app_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// requestStatements records the statements that HTTP requests run (the workers' statements carry no request ID),
// white space folded, each with whether it ran for the signed-in user (its context carries the actor; the request's
// check runs before the actor is known).
type requestStatements struct {
	mu    sync.Mutex
	stmts []requestStatement
}

type requestStatement struct {
	sql      string
	signedIn bool
}

func (h *requestStatements) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}

func (h *requestStatements) AfterQuery(ctx context.Context, e *bun.QueryEvent) {
	if httpx.RequestID(ctx) == "" {
		return
	}
	_, err := access.FromContext(ctx)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.stmts = append(h.stmts, requestStatement{strings.Join(strings.Fields(db.Shape(e.Query)), " "), err == nil})
}

// recorded runs send and returns the statements its request ran that keep says are wanted.
func (h *requestStatements) recorded(send func(), keep func(requestStatement) bool) []string {
	h.mu.Lock()
	h.stmts = nil
	h.mu.Unlock()
	send()
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, s := range h.stmts {
		if keep(s) {
			out = append(out, s.sql)
		}
	}
	return out
}

// of runs send and returns every statement its request ran.
func (h *requestStatements) of(send func()) []string {
	return h.recorded(send, func(requestStatement) bool { return true })
}

// work runs send and returns what its handler ran for the signed-in user, without the frame of the tenant
// transaction (BEGIN, the tenant setting, COMMIT) and without the request's check.
func (h *requestStatements) work(send func()) []string {
	return h.recorded(send, func(s requestStatement) bool {
		switch {
		case !s.signedIn, s.sql == "BEGIN", s.sql == "COMMIT", s.sql == "ROLLBACK", strings.HasPrefix(s.sql, "SELECT set_config("):
			return false
		}
		return true
	})
}

func TestASignedInRequestIsOneTransaction(t *testing.T) {
	d := testdb.New(t)
	rec := &requestStatements{}
	d.App.AddQueryHook(rec)
	env := apptest.StartOn(t, d, d.App, nil)
	admin := env.Token(apptest.Admin)
	list := func() {
		if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons/query", Token: admin,
			Body: api.ListQuery{Sort: "-createdAt", Limit: 50}}); r.Status != http.StatusOK {
			t.Fatalf("list: %d %s", r.Status, r.Body)
		}
	}
	isActorLoad := func(s string) bool { return strings.Contains(s, "unit_tree") }
	isFieldsLoad := func(s string) bool { return strings.Contains(s, "custom_fields") }

	// The first request of a session loads its actor, in the request's one transaction.
	first := rec.of(list)
	if !slices.ContainsFunc(first, isActorLoad) {
		t.Fatalf("the first request did not load its actor:\n%s", strings.Join(first, "\n"))
	}
	// Later ones: BEGIN, the check, the work, COMMIT; the actor and the field definitions are this instance's copies.
	for _, send := range []func(){list, func() {
		if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons", Token: admin,
			Header: map[string]string{"Idempotency-Key": "one-transaction"},
			Body:   api.PersonCreate{FirstName: "Eine", LastName: "Transaktion"}}); r.Status != http.StatusCreated {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
	}} {
		stmts := rec.of(send)
		transactions := 0
		for _, s := range stmts {
			if s == "BEGIN" {
				transactions++
			}
		}
		if transactions != 1 || stmts[0] != "BEGIN" || !strings.Contains(stmts[1], "auth_session_version") ||
			stmts[len(stmts)-1] != "COMMIT" || slices.ContainsFunc(stmts, isActorLoad) || slices.ContainsFunc(stmts, isFieldsLoad) {
			t.Fatalf("want one transaction (BEGIN, the check, the work, COMMIT) without loading the actor or the fields, got:\n%s",
				strings.Join(stmts, "\n"))
		}
	}
}

func TestCachedActorsAndFieldsFollowChangesOnEveryInstance(t *testing.T) {
	env := apptest.Start(t)
	other := env.Instance() // another server behind the load balancer, with copies of its own
	admin := env.Token(apptest.Admin)
	rep := env.Token(apptest.FieldRepNord)
	repAt := func(req apptest.Request) *apptest.Response {
		req.Token = rep
		return env.DoAt(other, req)
	}
	etag := func(path string) string {
		return env.Do(apptest.Request{Method: "GET", Path: path, Token: admin}).Header.Get("ETag")
	}
	patch := func(path string, body any) {
		t.Helper()
		if r := env.Do(apptest.Request{Method: "PATCH", Path: path, Token: admin,
			Header: map[string]string{"If-Match": etag(path)}, Body: body}); r.Status != http.StatusOK {
			t.Fatalf("patch %s: %d %s", path, r.Status, r.Body)
		}
	}
	newPerson := func(name string, custom map[string]string) *apptest.Response {
		return repAt(apptest.Request{Method: "POST", Path: "/api/v1/persons",
			Body: api.PersonCreate{FirstName: "Anna", LastName: name, Custom: custom}})
	}

	// The other instance knows the rep (and the persons' fields) from his requests.
	if r := repAt(apptest.Request{Method: "POST", Path: "/api/v1/roles", Body: api.RoleCreate{Name: "Vorher"}}); r.Status != http.StatusForbidden {
		t.Fatalf("a rep creates a role: %d %s", r.Status, r.Body)
	}
	if r := newPerson("Vorher", nil); r.Status != http.StatusCreated {
		t.Fatalf("create before: %d %s", r.Status, r.Body)
	}

	// A role change on this instance applies to his next request on the other.
	roleID := env.Demo.Roles["Außendienst"].String()
	patch("/api/v1/roles/"+roleID, api.RolePatch{IsAdmin: ptr(true)})
	if r := repAt(apptest.Request{Method: "POST", Path: "/api/v1/roles", Body: api.RoleCreate{Name: "Nachher"}}); r.Status != http.StatusCreated {
		t.Fatalf("after the role change: %d %s", r.Status, r.Body)
	}
	patch("/api/v1/roles/"+roleID, api.RolePatch{IsAdmin: ptr(false)})
	if r := repAt(apptest.Request{Method: "POST", Path: "/api/v1/roles", Body: api.RoleCreate{Name: "Zurück"}}); r.Status != http.StatusForbidden {
		t.Fatalf("after the role change back: %d %s", r.Status, r.Body)
	}

	// A required field added here is required there at once.
	var field api.CustomField
	if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/custom-fields", Token: admin,
		Body: api.CustomFieldCreate{RecordType: api.RecordPerson, Label: "Kundennummer", Kind: api.FieldKindText, Required: true}}); r.Status != http.StatusCreated {
		t.Fatalf("create field: %d %s", r.Status, r.Body)
	} else {
		r.Decode(t, &field)
	}
	if r := newPerson("Ohne", nil); r.Status != http.StatusUnprocessableEntity || r.Error(t).Fields["custom."+field.ID] != api.FieldRequired {
		t.Fatalf("create without the new required field: %d %s", r.Status, r.Body)
	}
	if r := newPerson("Mit", map[string]string{field.ID: "K-1"}); r.Status != http.StatusCreated {
		t.Fatalf("create with it: %d %s", r.Status, r.Body)
	}

	// Deactivated here: refused there at his next request; so is a session ended here.
	userPath := "/api/v1/users/" + env.Demo.Users[apptest.FieldRepNord].String()
	patch(userPath, api.UserPatch{Active: ptr(false)})
	if r := repAt(apptest.Request{Method: "GET", Path: "/api/v1/me"}); r.Status != http.StatusUnauthorized {
		t.Fatalf("a deactivated user's request: %d %s", r.Status, r.Body)
	}
	manager := env.Token(apptest.Manager)
	if r := env.DoAt(other, apptest.Request{Method: "GET", Path: "/api/v1/me", Token: manager}); r.Status != http.StatusOK {
		t.Fatalf("manager: %d", r.Status)
	}
	if r := env.Do(apptest.Request{Method: "DELETE", Path: "/api/v1/users/" + env.Demo.Users[apptest.Manager].String() + "/sessions",
		Token: admin}); r.Status != http.StatusNoContent {
		t.Fatalf("end the manager's sessions: %d %s", r.Status, r.Body)
	}
	if r := env.DoAt(other, apptest.Request{Method: "GET", Path: "/api/v1/me", Token: manager}); r.Status != http.StatusUnauthorized {
		t.Fatalf("an ended session's request: %d %s", r.Status, r.Body)
	}
}

// TestTheConfigurationVersionRisesWithWhatActorsAndFieldsAreMadeOf: each change a cached actor or field list depends
// on raises its tenant's version, in the changing transaction; other changes of the same tables leave it.
func TestTheConfigurationVersionRisesWithWhatActorsAndFieldsAreMadeOf(t *testing.T) {
	env := apptest.Start(t)
	ctx := context.Background()
	owner := env.DB.Owner
	tenant := env.Demo.TenantID
	version := func() int64 {
		var v int64
		if err := owner.NewRaw("SELECT config_version FROM tenants WHERE id = ?", tenant).Scan(ctx, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	otherVersion := func() (v int64) {
		if err := owner.NewRaw("SELECT config_version FROM tenants WHERE id = ?", env.Other.TenantID).Scan(ctx, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	otherBefore := otherVersion()
	jonas, nord, sued := env.Demo.Users[apptest.FieldRepNord], env.Demo.Units["Außendienst Nord"], env.Demo.Units["Außendienst Süd"]
	role := env.Demo.Roles["Außendienst"]
	for _, c := range []struct {
		what  string
		sql   string
		args  []any
		rises bool
	}{
		{"a user's name", "UPDATE users SET name = 'Jonas S.' WHERE id = ?", []any{jonas}, false},
		{"a user's unit", "UPDATE users SET unit_id = ? WHERE id = ?", []any{sued, jonas}, true},
		{"a user's role", "UPDATE users SET role_id = (SELECT id FROM roles WHERE tenant_id = ? AND id <> role_id LIMIT 1) WHERE id = ?", []any{tenant, jonas}, true},
		{"a user deactivated", "UPDATE users SET active = false WHERE id = ?", []any{jonas}, true},
		{"a role's name", "UPDATE roles SET name = 'Außendienst (alt)' WHERE id = ?", []any{role}, false},
		{"a role's grants", "UPDATE roles SET grants = '[]' WHERE id = ?", []any{role}, true},
		{"a role's admin right", "UPDATE roles SET is_admin = true WHERE id = ?", []any{role}, true},
		{"a unit's name", "UPDATE units SET name = 'Nord' WHERE id = ?", []any{nord}, false},
		{"a unit added", "INSERT INTO units (tenant_id, parent_id, name) VALUES (?, ?, 'Neu')", []any{tenant, nord}, true},
		{"a unit moved", "UPDATE units SET parent_id = ? WHERE name = 'Neu' AND tenant_id = ?", []any{sued, tenant}, true},
		{"a unit removed", "DELETE FROM units WHERE name = 'Neu' AND tenant_id = ?", []any{tenant}, true},
		{"a field added", "INSERT INTO custom_fields (tenant_id, record_type, label, kind) VALUES (?, 'person', 'Nr', 'text')", []any{tenant}, true},
		{"a field changed", "UPDATE custom_fields SET label = 'Nummer' WHERE tenant_id = ?", []any{tenant}, true},
		{"a person", "UPDATE persons SET first_name = first_name || '' WHERE tenant_id = ?", []any{tenant}, false},
	} {
		before := version()
		if _, err := owner.NewRaw(c.sql, c.args...).Exec(ctx); err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if rose := version() > before; rose != c.rises {
			t.Errorf("%s: the version rose %v, want %v", c.what, rose, c.rises)
		}
	}
	if otherVersion() != otherBefore {
		t.Fatal("the other tenant's version rose with this tenant's changes")
	}
}

// TestAListCountsAfterItsPage: a page that defers its total counts nothing past itself; the kind's count route
// answers the total the list would have counted, in the caller's scope, and refuses what the list refuses.
func TestAListCountsAfterItsPage(t *testing.T) {
	d := testdb.New(t)
	rec := &requestStatements{}
	d.App.AddQueryHook(rec)
	env := apptest.StartOn(t, d, d.App, nil)
	rep := env.Token(apptest.FieldRepNord)
	for i := range 3 {
		for path, body := range map[string]any{
			"/api/v1/persons":       api.PersonCreate{FirstName: "Zähl", LastName: fmt.Sprint("Person ", i)},
			"/api/v1/organizations": api.OrganizationCreate{Name: fmt.Sprint("Zählwerk ", i)},
		} {
			if r := env.Do(apptest.Request{Method: "POST", Path: path, Token: rep, Body: body}); r.Status != http.StatusCreated {
				t.Fatalf("create %s: %d %s", path, r.Status, r.Body)
			}
		}
	}
	for _, who := range []string{apptest.Admin, apptest.FieldRepNord} {
		token := env.Token(who)
		for _, kind := range []string{"persons", "organizations"} {
			q := api.ListQuery{Sort: "-createdAt", Limit: 2}
			var counted, deferred, total api.PersonPage // every kind's page has these fields
			env.Do(apptest.Request{Method: "POST", Path: "/api/v1/" + kind + "/query", Token: token, Body: q}).Decode(t, &counted)
			q.DeferTotal = true
			stmts := rec.of(func() {
				env.Do(apptest.Request{Method: "POST", Path: "/api/v1/" + kind + "/query", Token: token, Body: q}).Decode(t, &deferred)
			})
			if counted.NextCursor == "" {
				t.Fatalf("%s %s: fewer than 3", who, kind)
			}
			if deferred.Total != 2 || !deferred.TotalCapped || deferred.NextCursor != counted.NextCursor {
				t.Fatalf("%s %s deferred: total %d capped %v", who, kind, deferred.Total, deferred.TotalCapped)
			}
			if slices.ContainsFunc(stmts, func(s string) bool { return strings.Contains(s, "AS capped") }) {
				t.Fatalf("%s %s: the deferred page counted:\n%s", who, kind, strings.Join(stmts, "\n"))
			}
			r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/" + kind + "/count", Token: token, Body: q})
			r.Decode(t, &total)
			if r.Status != http.StatusOK || total.Total != counted.Total || total.TotalCapped != counted.TotalCapped {
				t.Fatalf("%s %s count: %d %s, the list counted %d", who, kind, r.Status, r.Body, counted.Total)
			}
		}
		// Deals and leads have the route too.
		for _, kind := range []string{"deals", "leads"} {
			var total api.ListTotal
			if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/" + kind + "/count", Token: token, Body: api.ListQuery{}}); r.Status != http.StatusOK {
				t.Fatalf("%s count: %d %s", kind, r.Status, r.Body)
			} else {
				r.Decode(t, &total)
			}
			var page api.DealPage
			env.Do(apptest.Request{Method: "POST", Path: "/api/v1/" + kind + "/query", Token: token, Body: api.ListQuery{}}).Decode(t, &page)
			if total.Total != page.Total {
				t.Fatalf("%s: count %d, list %d", kind, total.Total, page.Total)
			}
		}
		r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons/count", Token: token, Body: api.ListQuery{Sort: "shoeSize"}})
		if r.Status != http.StatusUnprocessableEntity || r.Error(t).Fields["sort"] == "" {
			t.Fatalf("count with a bad sort: %d %s", r.Status, r.Body)
		}
	}
	// The rep's count is his scope's: without the admin's own person.
	if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons", Token: env.Token(apptest.Admin),
		Body: api.PersonCreate{FirstName: "Nur", LastName: "Chefsache"}}); r.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	var all, own api.ListTotal
	env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons/count", Token: env.Token(apptest.Admin), Body: api.ListQuery{}}).Decode(t, &all)
	env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons/count", Token: env.Token(apptest.FieldRepNord), Body: api.ListQuery{}}).Decode(t, &own)
	if own.Total != 3 || all.Total != 4 {
		t.Fatalf("counts: rep %d, admin %d", own.Total, all.Total)
	}
}

// TestASlowBodyHoldsNoConnection: the request's transaction begins once its body is in, so that clients sending
// slowly cannot hold the pool's connections (idle in a transaction) while they send.
func TestASlowBodyHoldsNoConnection(t *testing.T) {
	env := apptest.Start(t)
	token := env.Token(apptest.Admin)
	inTransaction := func() int {
		var n int
		// As the service's role, which sees the state of its own sessions.
		if err := env.DB.App.NewRaw(`SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND usename = ? AND state LIKE 'idle in transaction%'`, testdb.AppRole).Scan(context.Background(), &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	body, send := io.Pipe()
	t.Cleanup(func() { _ = send.CloseWithError(io.ErrUnexpectedEOF) }) // before the server closes: it waits for the handler
	req, err := http.NewRequest("POST", env.Server.URL+"/api/v1/persons/query", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	done := make(chan *http.Response, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
		}
		done <- resp
	}()
	if _, err := send.Write([]byte(`{"sort":`)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // the server has the headers and half the body
	if n := inTransaction(); n != 0 {
		t.Fatalf("%d connections idle in a transaction while the body is on its way", n)
	}
	if _, err := send.Write([]byte(`"name"}`)); err != nil {
		t.Fatal(err)
	}
	_ = send.Close()
	resp := <-done
	if resp == nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the slow request: %v", resp)
	}
	_ = resp.Body.Close()
}
