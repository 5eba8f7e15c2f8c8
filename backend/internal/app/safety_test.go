package app_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

func TestStaleVersionIsRefusedWith412(t *testing.T) {
	env := apptest.Start(t)
	token := env.Token(apptest.Admin)
	id := env.Demo.Units["Außendienst Nord"].String()
	get := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/units/" + id, Token: token})
	etag := get.Header.Get("ETag")
	if etag != `"1"` {
		t.Fatalf("ETag = %q", etag)
	}
	patch := func(name, ifMatch string) *apptest.Response {
		req := apptest.Request{Method: "PATCH", Path: "/api/v1/units/" + id, Token: token, Body: api.UnitPatch{Name: &name}}
		if ifMatch != "" {
			req.Header = map[string]string{"If-Match": ifMatch}
		}
		return env.Do(req)
	}
	// Two users saw version 1; the first save wins, the second is refused and changes nothing.
	if r := patch("Außendienst Nord-West", etag); r.Status != 200 || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("first save: %d %s %s", r.Status, r.Header.Get("ETag"), r.Body)
	}
	if r := patch("Außendienst Nord-Ost", etag); r.Status != http.StatusPreconditionFailed || r.Error(t).Code != api.CodeVersionMismatch {
		t.Fatalf("stale save: %d %s", r.Status, r.Body)
	}
	if r := patch("Ohne Version", ""); r.Status != http.StatusPreconditionRequired || r.Error(t).Code != api.CodePreconditionNeeded {
		t.Fatalf("no If-Match: %d %s", r.Status, r.Body)
	}
	var u api.Unit
	env.Do(apptest.Request{Method: "GET", Path: "/api/v1/units/" + id, Token: token}).Decode(t, &u)
	if u.Name != "Außendienst Nord-West" || u.Version != 2 {
		t.Fatalf("stored %+v", u)
	}
	// The same for deletes.
	if r := env.Do(apptest.Request{Method: "DELETE", Path: "/api/v1/roles/" + env.Demo.Roles["Innendienst"].String(), Token: token,
		Header: map[string]string{"If-Match": `"7"`}}); r.Status != http.StatusPreconditionFailed {
		t.Fatalf("stale delete: %d %s", r.Status, r.Body)
	}
}

func countRows(t *testing.T, env *apptest.Env, query string, args ...any) int {
	t.Helper()
	var n int
	if err := env.DB.Owner.NewRaw(query, args...).Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestIdempotencyKeyReplaysTheFirstAnswerAndCreatesNothingNew(t *testing.T) {
	env := apptest.Start(t)
	token := env.Token(apptest.Admin)
	body := api.UnitCreate{Name: "Key Accounts", ParentID: env.Demo.Units["Vertriebsleitung"].String()}
	create := func(key string, b any) *apptest.Response {
		return env.Do(apptest.Request{Method: "POST", Path: "/api/v1/units", Token: token, Body: b,
			Header: map[string]string{"Idempotency-Key": key}})
	}
	first := create("7f0c-key-1", body)
	if first.Status != http.StatusCreated {
		t.Fatalf("first: %d %s", first.Status, first.Body)
	}
	again := create("7f0c-key-1", body)
	if again.Status != http.StatusCreated || string(again.Body) != string(first.Body) || again.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("replay: %d %s (first %s)", again.Status, again.Body, first.Body)
	}
	if again.Header.Get("ETag") != first.Header.Get("ETag") {
		t.Fatalf("replayed ETag %q, first %q", again.Header.Get("ETag"), first.Header.Get("ETag"))
	}
	if n := countRows(t, env, "SELECT count(*) FROM units WHERE name = 'Key Accounts'"); n != 1 {
		t.Fatalf("%d units created", n)
	}
	// The same key for another body is an error, not a silent replay.
	other := create("7f0c-key-1", api.UnitCreate{Name: "Andere", ParentID: body.ParentID})
	if other.Status != http.StatusUnprocessableEntity || other.Error(t).Code != api.CodeIdempotencyReused {
		t.Fatalf("reused key: %d %s", other.Status, other.Body)
	}
	// A failed request releases its key: the corrected retry with the same key goes through.
	bad := create("7f0c-key-2", api.UnitCreate{Name: "", ParentID: body.ParentID})
	if bad.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad: %d", bad.Status)
	}
	if ok := create("7f0c-key-2", api.UnitCreate{Name: "Korrigiert", ParentID: body.ParentID}); ok.Status != http.StatusCreated {
		t.Fatalf("retry after failure: %d %s", ok.Status, ok.Body)
	}
	// Concurrent duplicates: exactly one record; the duplicates wait for the first and replay its answer.
	var wg sync.WaitGroup
	answers := make([]*apptest.Response, 8)
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = create("7f0c-key-3", api.UnitCreate{Name: "Parallel", ParentID: body.ParentID})
		}()
	}
	wg.Wait()
	fresh := 0
	for _, a := range answers {
		if a.Status != http.StatusCreated || string(a.Body) != string(answers[0].Body) {
			t.Fatalf("concurrent duplicate: %d %s (another: %s)", a.Status, a.Body, answers[0].Body)
		}
		if a.Header.Get("Idempotent-Replayed") != "true" {
			fresh++
		}
	}
	if fresh != 1 {
		t.Fatalf("%d of the concurrent duplicates ran, want 1", fresh)
	}
	if n := countRows(t, env, "SELECT count(*) FROM units WHERE name = 'Parallel'"); n != 1 {
		t.Fatalf("%d units created by concurrent duplicates", n)
	}
}

func TestBadInputGetsAnEnvelopeWithFieldCodes(t *testing.T) {
	env := apptest.Start(t)
	token := env.Token(apptest.Admin)
	root := env.Demo.Units["Vertriebsleitung"].String()
	cases := []struct {
		name       string
		path       string
		body       any
		header     map[string]string
		wantStatus int
		wantCode   api.ErrorCode
		wantFields map[string]api.FieldCode
	}{
		{"malformed JSON", "/api/v1/units", `{"name": "x",`, nil, 400, api.CodeMalformedJSON, nil},
		{"not JSON at all", "/api/v1/users", `name=x`, nil, 400, api.CodeMalformedJSON, nil},
		{"two JSON values", "/api/v1/units", `{"name":"a","parentId":"` + root + `"} {}`, nil, 400, api.CodeMalformedJSON, nil},
		{"empty body", "/api/v1/roles", ``, nil, 400, api.CodeMalformedJSON, nil},
		{"unknown field", "/api/v1/units", `{"name":"a","parentId":"` + root + `","colour":"red"}`, nil, 400, api.CodeUnknownField, map[string]api.FieldCode{"colour": "unknown"}},
		{"wrong type", "/api/v1/roles", `{"name": 42}`, nil, 400, api.CodeMalformedJSON, map[string]api.FieldCode{"name": "type"}},
		{"missing fields", "/api/v1/users", `{}`, nil, 422, api.CodeValidation, map[string]api.FieldCode{
			"email": "required", "name": "required", "password": "required", "unitId": "required", "roleId": "required"}},
		{"invalid fields", "/api/v1/users", api.UserCreate{Email: "kein-at-zeichen", Name: strings.Repeat("x", 201), Password: "kurz",
			UnitID: "not-a-uuid", RoleID: "00000000-0000-0000-0000-000000000000"}, nil, 422, api.CodeValidation, map[string]api.FieldCode{
			"email": "invalid", "name": "too_long", "password": "too_short", "unitId": "invalid", "roleId": "not_found"}},
		{"taken e-mail", "/api/v1/users", api.UserCreate{Email: apptest.Manager, Name: "Doppelt", Password: apptest.Password,
			UnitID: root, RoleID: env.Demo.Roles["Außendienst"].String()}, nil, 409, api.CodeConflict, map[string]api.FieldCode{"email": "taken"}},
		{"invalid grant", "/api/v1/roles", `{"name":"R","grants":[{"recordType":"deal","action":"fly","scope":"all"}]}`, nil, 422,
			api.CodeValidation, map[string]api.FieldCode{"grants[0].action": "invalid"}},
		{"oversized body", "/api/v1/units", `{"name":"` + strings.Repeat("x", 2<<20) + `"}`, nil, 413, api.CodeBodyTooLarge, nil},
		{"wrong content type", "/api/v1/units", `{}`, map[string]string{"Content-Type": "text/plain"}, 415, api.CodeUnsupportedMedia, nil},
		{"idempotency key too long", "/api/v1/units", api.UnitCreate{Name: "a", ParentID: root},
			map[string]string{"Idempotency-Key": strings.Repeat("k", 201)}, 400, api.CodeValidation, map[string]api.FieldCode{"Idempotency-Key": "too_long"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := env.Do(apptest.Request{Method: "POST", Path: tc.path, Token: token, Body: tc.body, Header: tc.header})
			if resp.Status != tc.wantStatus {
				t.Fatalf("status %d %s, want %d", resp.Status, resp.Body, tc.wantStatus)
			}
			e := resp.Error(t)
			if e.Code != tc.wantCode || e.RequestID == "" {
				t.Fatalf("envelope %+v, want code %s with a request ID", e, tc.wantCode)
			}
			for field, code := range tc.wantFields {
				if e.Fields[field] != code {
					t.Errorf("field %s: got %q, want %q (all: %v)", field, e.Fields[field], code, e.Fields)
				}
			}
		})
	}
	// A malformed ID in the path names no record.
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/users/kein-uuid", Token: token}); r.Status != 404 {
		t.Fatalf("malformed id: %d", r.Status)
	}
}

func TestHierarchyRules(t *testing.T) {
	env := apptest.Start(t)
	token := env.Token(apptest.Admin)
	leitung := env.Demo.Units["Vertriebsleitung"].String()
	nord := env.Demo.Units["Außendienst Nord"].String()
	etag := func(path string) string {
		return env.Do(apptest.Request{Method: "GET", Path: path, Token: token}).Header.Get("ETag")
	}
	// Moving a unit below its own descendant would make a cycle.
	r := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/units/" + leitung, Token: token,
		Header: map[string]string{"If-Match": etag("/api/v1/units/" + leitung)}, Body: api.UnitPatch{ParentID: &nord}})
	if r.Status != 422 || r.Error(t).Fields["parentId"] == "" {
		t.Fatalf("root move: %d %s", r.Status, r.Body)
	}
	sub := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/units", Token: token, Body: api.UnitCreate{Name: "Nord-Team 1", ParentID: nord}})
	var subUnit api.Unit
	sub.Decode(t, &subUnit)
	r = env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/units/" + nord, Token: token,
		Header: map[string]string{"If-Match": etag("/api/v1/units/" + nord)}, Body: api.UnitPatch{ParentID: &subUnit.ID}})
	if r.Status != 422 || r.Error(t).Fields["parentId"] != api.FieldCycle {
		t.Fatalf("cycle: %d %s", r.Status, r.Body)
	}
	// A unit with users or sub-units cannot be deleted; a role held by users neither.
	for _, p := range []string{"/api/v1/units/" + nord, "/api/v1/roles/" + env.Demo.Roles["Außendienst"].String()} {
		r = env.Do(apptest.Request{Method: "DELETE", Path: p, Token: token, Header: map[string]string{"If-Match": etag(p)}})
		if r.Status != http.StatusConflict || r.Error(t).Fields["id"] != api.FieldInUse {
			t.Fatalf("delete %s: %d %s", p, r.Status, r.Body)
		}
	}
}

func TestRoleAndUnitChangesApplyOnTheNextRequest(t *testing.T) {
	env := apptest.Start(t)
	admin := env.Token(apptest.Admin)
	rep := env.Token(apptest.FieldRepNord) // signed in before the change
	roleID := env.Demo.Roles["Außendienst"].String()

	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: rep}); r.Status != 200 {
		t.Fatal(r.Status)
	}
	roleETag := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/roles/" + roleID, Token: admin}).Header.Get("ETag")
	if r := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/roles/" + roleID, Token: admin,
		Header: map[string]string{"If-Match": roleETag}, Body: api.RolePatch{IsAdmin: ptr(true)}}); r.Status != 200 {
		t.Fatalf("patch role: %d %s", r.Status, r.Body)
	}
	// The same access token now carries the new right: the actor is loaded on every request.
	if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/roles", Token: rep, Body: api.RoleCreate{Name: "Von Jonas"}}); r.Status != 201 {
		t.Fatalf("after the role change: %d %s", r.Status, r.Body)
	}
	var me api.Me
	env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: rep}).Decode(t, &me)
	if !me.Role.IsAdmin {
		t.Fatalf("me.role = %+v", me.Role)
	}
}

func TestListsSortNamesTheGermanWay(t *testing.T) {
	env := apptest.Start(t)
	token := env.Token(apptest.Admin)
	root := env.Demo.Units["Vertriebsleitung"].String()
	for _, name := range []string{"Zentrale", "Ärzte-Team", "bestandskunden"} {
		if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/units", Token: token, Body: api.UnitCreate{Name: name, ParentID: root}}); r.Status != 201 {
			t.Fatalf("create %s: %d", name, r.Status)
		}
	}
	var units api.UnitList
	env.Do(apptest.Request{Method: "GET", Path: "/api/v1/units", Token: token}).Decode(t, &units)
	var names []string
	for _, u := range units.Items {
		names = append(names, u.Name)
	}
	// Parents first; siblings in German order: Ä as A, case ignored.
	want := "Vertriebsleitung,Ärzte-Team,Außendienst Nord,Außendienst Süd,bestandskunden,Innendienst,Zentrale"
	if got := strings.Join(names, ","); got != want {
		t.Fatalf("units in order %s, want %s", got, want)
	}
}
