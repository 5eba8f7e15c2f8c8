package app_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/desktop/client"
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
	}
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
