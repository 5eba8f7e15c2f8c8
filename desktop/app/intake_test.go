package app_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/desktop/secrets"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

// intakeRoutes are the lead source routes (issue 13) and the requests they must produce.
func intakeRoutes() []route {
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	source := api.LeadSource{ID: "s1", Name: "1leads", Active: true, PipelineID: "pl2", StageID: "st9",
		FallbackOwnerID: "u1", Mapping: []api.SourceFieldMapping{{From: "Firma", To: "company"}},
		Rules:     []api.AssignmentRule{{PostalFrom: "20", PostalTo: "29", Countries: []string{"DE"}, UnitID: "n1"}},
		RateLimit: 120, Version: 3, CreatedAt: at, UpdatedAt: at}
	key := api.LeadSourceKey{ID: "k1", Prefix: "ls_4f2a", CreatedAt: at, CreatedByName: "Claudia Becker"}
	lead := api.Lead{ID: "l1", Title: "Anfrage Wärmepumpe", SourceID: "s1", ExternalID: "x-1", Version: 1}
	return []route{
		{name: "list lead sources", method: "GET", path: "/api/v1/lead-sources", status: 200,
			answer: api.LeadSourceList{Items: []api.LeadSource{source}},
			call:   func(d *app.App) (any, error) { return d.Sales.ListLeadSources() }},
		{name: "create lead source", method: "POST", path: "/api/v1/lead-sources", create: true,
			body: `{"name":"1leads","active":true,"pipelineId":"pl2","stageId":"","fallbackOwnerId":"u1",
				"mapping":[{"from":"Firma","to":"company"}],"rateLimit":0}`,
			status: 201, answer: source,
			call: func(d *app.App) (any, error) {
				return d.Admin.CreateLeadSource(api.LeadSourceCreate{Name: "1leads", Active: true, PipelineID: "pl2",
					FallbackOwnerID: "u1", Mapping: []api.SourceFieldMapping{{From: "Firma", To: "company"}}})
			}},
		{name: "get lead source escapes the id", method: "GET", path: "/api/v1/lead-sources/s%201%2F2", status: 200,
			answer: source,
			call:   func(d *app.App) (any, error) { return d.Admin.GetLeadSource("s 1/2") }},
		{name: "pause lead source", method: "PATCH", path: "/api/v1/lead-sources/s1", body: `{"active":false}`,
			ifMatch: `"3"`, status: 200, answer: source,
			call: func(d *app.App) (any, error) {
				return d.Admin.UpdateLeadSource("s1", 3, api.LeadSourcePatch{Active: ptr(false)})
			}},
		{name: "patch clears the rules with an empty list", method: "PATCH", path: "/api/v1/lead-sources/s1",
			body: `{"mapping":[{"from":"Firma","to":"company"}],"rules":[]}`, ifMatch: `"3"`, status: 200, answer: source,
			call: func(d *app.App) (any, error) {
				return d.Admin.UpdateLeadSource("s1", 3, api.LeadSourcePatch{Rules: &[]api.AssignmentRule{},
					Mapping: &[]api.SourceFieldMapping{{From: "Firma", To: "company"}}})
			}},
		{name: "delete lead source", method: "DELETE", path: "/api/v1/lead-sources/s1", ifMatch: `"3"`, status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Admin.DeleteLeadSource("s1", 3) }},
		{name: "list keys", method: "GET", path: "/api/v1/lead-sources/s1/keys", status: 200,
			answer: api.LeadSourceKeyList{Items: []api.LeadSourceKey{key}},
			call:   func(d *app.App) (any, error) { return d.Admin.ListLeadSourceKeys("s1") }},
		{name: "create key", method: "POST", path: "/api/v1/lead-sources/s1/keys", create: true, status: 201,
			answer: api.LeadSourceKeyCreated{Key: key, Secret: "ls_4f2a.geheim"},
			call:   func(d *app.App) (any, error) { return d.Admin.CreateLeadSourceKey("s1") }},
		{name: "revoke key", method: "DELETE", path: "/api/v1/lead-sources/s1/keys/k1", status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Admin.RevokeLeadSourceKey("s1", "k1") }},
		{name: "rotate signing secret", method: "PUT", path: "/api/v1/lead-sources/s1/signing-secret", status: 200,
			answer: api.SigningSecret{Secret: "whsec_1"},
			call:   func(d *app.App) (any, error) { return d.Admin.RotateLeadSourceSigningSecret("s1") }},
		{name: "disable signing", method: "DELETE", path: "/api/v1/lead-sources/s1/signing-secret", status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Admin.DisableLeadSourceSigning("s1") }},
		{name: "preview", method: "POST", path: "/api/v1/lead-sources/s1/preview",
			body: `{"payload":"{\"leads\":[]}"}`, status: 200,
			answer: api.LeadSourcePreview{Items: []api.LeadPreviewItem{{ExternalID: "x-1", Lead: lead,
				Fields: map[string]api.FieldCode{"E-Mail": api.FieldInvalid}}}},
			call: func(d *app.App) (any, error) {
				return d.Admin.PreviewLeadSource("s1", api.LeadSourcePreviewRequest{Payload: `{"leads":[]}`})
			}},
		{name: "deliveries", method: "GET", path: "/api/v1/lead-sources/s1/deliveries", status: 200,
			answer: api.LeadDeliveryList{Items: []api.LeadDelivery{{ID: "d1", At: at, Status: 200, Items: 2, Created: 1,
				Rejected: 1, DurationMs: 12, Rejections: []api.IntakeItemResult{{Index: 1, Status: api.IntakeRejected,
					Fields: map[string]api.FieldCode{"externalId": api.FieldRequired}}}}}},
			call: func(d *app.App) (any, error) { return d.Admin.LeadSourceDeliveries("s1") }},
		{name: "assigned leads", method: "GET", path: "/api/v1/leads/assigned", query: "since=2026-12-01T09%3A30%3A00Z",
			status: 200, answer: api.AssignedLeads{Count: 1, Items: []api.Lead{lead}, Until: at},
			call: func(d *app.App) (any, error) { return d.Sales.AssignedLeads("2026-12-01T09:30:00Z") }},
	}
}

// noticeDesk is an App that asks for assigned leads every few milliseconds and records what it emits.
type noticeDesk struct {
	*app.App
	mu     sync.Mutex
	events []api.AssignedLeads
}

func newNoticeDesk(t *testing.T) *noticeDesk {
	t.Helper()
	d := &noticeDesk{}
	dir := t.TempDir()
	d.App = app.New(app.Config{Secrets: secrets.NewMemory(), Settings: settings.New(filepath.Join(dir, "settings.json")),
		Client: client.Options{RetryWait: time.Millisecond}, CacheDir: filepath.Join(dir, "cache"),
		NoticeInterval: 5 * time.Millisecond,
		Emit: func(event string, data ...any) {
			if event != app.EventLeadsAssigned {
				return
			}
			d.mu.Lock()
			defer d.mu.Unlock()
			for _, v := range data {
				d.events = append(d.events, v.(api.AssignedLeads))
			}
		}})
	d.OnStartup(t.Context())
	t.Cleanup(func() { d.OnShutdown(t.Context()) })
	return d
}

func (d *noticeDesk) emitted() []api.AssignedLeads {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]api.AssignedLeads(nil), d.events...)
}

// waitFor polls cond for up to two seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(2 * time.Second); time.Now().Before(end); time.Sleep(2 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestSignedInDesktopAsksForAssignedLeadsFromSignInAndEmitsNewOnes(t *testing.T) {
	until1 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	until2 := until1.Add(30 * time.Second)
	var mu sync.Mutex
	calls := 0
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		switch {
		case n == 1: // the first answer assigns two leads
			writeOK(w, 200, api.AssignedLeads{Count: 2, Items: []api.Lead{{ID: "l1", Title: "Wärmepumpe"},
				{ID: "l2", Title: "Photovoltaik"}}, Until: until1})
		case n == 2: // a failure: the next ask repeats the since
			writeErr(w, 500, api.CodeInternal, nil)
		default: // nothing new
			writeOK(w, 200, api.AssignedLeads{Count: 0, Items: []api.Lead{}, Until: until2})
		}
	})
	d := newNoticeDesk(t)
	before := time.Now().Add(-time.Second)
	if _, err := d.Session.Login(app.LoginInput{ServerURL: rec.URL, Email: email, Password: password}); err != nil {
		t.Fatalf("Login: %v", err)
	}
	waitFor(t, "four asks", func() bool { return len(rec.requests()) >= 4 })

	reqs := rec.requests()
	for _, r := range reqs {
		if r.method != "GET" || r.path != "/api/v1/leads/assigned" {
			t.Fatalf("sent %s %s, want GET /api/v1/leads/assigned", r.method, r.path)
		}
	}
	since := func(r seen) time.Time {
		t.Helper()
		q, err := parseQuery(r.query)
		if err != nil {
			t.Fatalf("query %q: %v", r.query, err)
		}
		ts, err := time.Parse(time.RFC3339Nano, q)
		if err != nil {
			t.Fatalf("since %q: %v", q, err)
		}
		return ts
	}
	if s := since(reqs[0]); s.Before(before) || s.After(time.Now()) {
		t.Errorf("first since %v, want the sign-in time", s)
	}
	if s := since(reqs[1]); !s.Equal(until1) {
		t.Errorf("second since %v, want the first answer's until %v", s, until1)
	}
	// The failed ask's since is asked again, since is only advanced by an answer.
	if s := since(reqs[2]); !s.Equal(until1) {
		t.Errorf("since after a failure %v, want %v again", s, until1)
	}

	got := d.emitted()
	if len(got) != 1 || got[0].Count != 2 || len(got[0].Items) != 2 || got[0].Items[0].Title != "Wärmepumpe" {
		t.Errorf("emitted %+v, want one event with the two leads (empty answers emit nothing)", got)
	}
}

func TestSignOutStopsAskingForAssignedLeads(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/auth/logout" {
			w.WriteHeader(204)
			return
		}
		writeOK(w, 200, api.AssignedLeads{Count: 1, Items: []api.Lead{{ID: "l1", Title: "Wärmepumpe"}},
			Until: time.Now()})
	})
	d := newNoticeDesk(t)
	if _, err := d.Session.Login(app.LoginInput{ServerURL: rec.URL, Email: email, Password: password}); err != nil {
		t.Fatalf("Login: %v", err)
	}
	waitFor(t, "a notice", func() bool { return len(d.emitted()) > 0 })
	if err := d.Session.Logout(); err != nil {
		t.Fatalf("Logout: %v", err)
	}
	time.Sleep(20 * time.Millisecond) // an ask in flight at sign-out may still land
	n := len(rec.requests())
	time.Sleep(50 * time.Millisecond) // ten intervals
	if got := len(rec.requests()); got != n {
		t.Errorf("%d requests after sign-out, want none", got-n)
	}
}

// parseQuery returns the since of a raw query string.
func parseQuery(raw string) (string, error) {
	v, err := url.ParseQuery(raw)
	if err != nil {
		return "", err
	}
	return v.Get("since"), nil
}

func TestLeadSourcePatchLeavesOutTheListsItDoesNotChange(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { writeOK(w, 200, api.LeadSource{ID: "s1"}) })
	if _, err := signedIn(t, rec, client.Options{}).Admin.UpdateLeadSource("s1", 3,
		api.LeadSourcePatch{Active: ptr(false)}); err != nil {
		t.Fatalf("UpdateLeadSource: %v", err)
	}
	reqs := rec.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	var sent map[string]any
	if err := json.Unmarshal([]byte(reqs[0].body), &sent); err != nil {
		t.Fatalf("body %q: %v", reqs[0].body, err)
	}
	if want := map[string]any{"active": false}; !reflect.DeepEqual(sent, want) {
		t.Errorf("body %s, want only {\"active\":false}: absent lists must stay absent", reqs[0].body)
	}
}
