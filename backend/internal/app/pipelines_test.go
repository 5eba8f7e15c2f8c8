package app_test

import (
	"net/http"
	"testing"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

func TestPipelinesStagesAndThePlanLimit(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	var p api.Pipeline
	admin.call("POST", "/api/v1/pipelines", api.PipelineCreate{RecordType: api.RecordDeal, Name: "Bestellung auf Rechnung", Stages: []api.StageInput{
		{Name: "Erste Kontaktaufnahme", Probability: 10}, {Name: "Anfrage eingegangen", Probability: 20}, {Name: "Angebot verschickt", Probability: 50},
	}}, 201, &p)
	if len(p.Stages) != 3 || p.Stages[2].Name != "Angebot verschickt" || p.Stages[2].Probability != 50 || p.Stages[2].Position != 3 {
		t.Fatalf("created %+v", p)
	}
	// Rename one, reorder, add one, remove one (empty), in one change.
	stages := []api.StageInput{
		{ID: p.Stages[2].ID, Name: "Angebot versendet", Probability: 60},
		{ID: p.Stages[0].ID, Name: "Erste Kontaktaufnahme", Probability: 10},
		{Name: "Verhandlungen geführt", Probability: 80},
	}
	admin.call("PATCH", "/api/v1/pipelines/"+p.ID, api.PipelinePatch{Stages: &stages}, 200, &p, "If-Match", etagOf(p.Version))
	var got []string
	for _, s := range p.Stages {
		got = append(got, s.Name)
	}
	if len(got) != 3 || got[0] != "Angebot versendet" || got[1] != "Erste Kontaktaufnahme" || got[2] != "Verhandlungen geführt" || p.Stages[0].Probability != 60 {
		t.Fatalf("stages %v %+v", got, p.Stages)
	}
	// Bad input: no stages, probability out of range, a stage ID of another pipeline, a record type without pipelines.
	var other api.Pipeline
	admin.call("POST", "/api/v1/pipelines", api.PipelineCreate{RecordType: api.RecordLead, Name: "Leads", Stages: []api.StageInput{{Name: "Neu", Probability: 10}}}, 201, &other)
	bad := []api.StageInput{{ID: other.Stages[0].ID, Name: "Fremd", Probability: 101}}
	r := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/pipelines/" + p.ID, Token: admin.token,
		Header: map[string]string{"If-Match": etagOf(p.Version)}, Body: api.PipelinePatch{Stages: &bad}})
	if r.Status != 422 || r.Error(t).Fields["stages[0].id"] != "invalid" || r.Error(t).Fields["stages[0].probability"] != "range" {
		t.Fatalf("bad stages: %d %s", r.Status, r.Body)
	}
	for _, in := range []api.PipelineCreate{
		{RecordType: api.RecordDeal, Name: "Leer"},
		{RecordType: api.RecordPerson, Name: "Personen", Stages: []api.StageInput{{Name: "A", Probability: 1}}},
		{RecordType: api.RecordDeal, Name: "", Stages: []api.StageInput{{Name: "", Probability: -1}}},
	} {
		if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/pipelines", Token: admin.token, Body: in}); r.Status != 422 || len(r.Error(t).Fields) == 0 {
			t.Fatalf("%+v: %d %s", in, r.Status, r.Body)
		}
	}
	// The basic plan allows three pipelines; the fourth is refused with a clear code, and nothing is created.
	basic := signIn(t, env, apptest.OtherAdmin)
	for i := range 3 {
		basic.call("POST", "/api/v1/pipelines", api.PipelineCreate{RecordType: api.RecordDeal, Name: "P" + string(rune('1'+i)),
			Stages: []api.StageInput{{Name: "A", Probability: 10}}}, 201, nil)
	}
	r = env.Do(apptest.Request{Method: "POST", Path: "/api/v1/pipelines", Token: basic.token,
		Body: api.PipelineCreate{RecordType: api.RecordLead, Name: "P4", Stages: []api.StageInput{{Name: "A", Probability: 10}}}})
	if r.Status != http.StatusConflict || r.Error(t).Code != api.CodePipelineLimit || r.Error(t).Fields["pipelines"] != "limit" {
		t.Fatalf("fourth pipeline: %d %s", r.Status, r.Body)
	}
	var list api.PipelineList
	basic.call("GET", "/api/v1/pipelines?recordType=lead", nil, 200, &list)
	if len(list.Items) != 0 {
		t.Fatalf("created beyond the limit: %+v", list.Items)
	}
}

func TestLostReasonsKeepTimestampsAndArchive(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	var r api.LostReason
	admin.call("POST", "/api/v1/lost-reasons", api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Zu teuer", Description: "Preis über Budget"}, 201, &r)
	created := r.CreatedAt
	admin.call("PATCH", "/api/v1/lost-reasons/"+r.ID, api.LostReasonPatch{Archived: ptr(true)}, 200, &r, "If-Match", etagOf(r.Version))
	if !r.Archived || !r.CreatedAt.Equal(created) || !r.UpdatedAt.After(created) {
		t.Fatalf("archived %+v", r)
	}
	var list api.LostReasonList
	admin.call("GET", "/api/v1/lost-reasons?recordType=deal", nil, 200, &list)
	if len(list.Items) != 0 {
		t.Fatalf("archived reason listed: %+v", list.Items)
	}
	admin.call("GET", "/api/v1/lost-reasons?recordType=deal&archived=true", nil, 200, &list)
	if len(list.Items) != 1 {
		t.Fatalf("archive list %+v", list.Items)
	}
	if resp := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/lost-reasons", Token: admin.token,
		Body: api.LostReasonCreate{RecordType: api.RecordOrganization, Name: ""}}); resp.Status != 422 ||
		resp.Error(t).Fields["recordType"] != "invalid" || resp.Error(t).Fields["name"] != "required" {
		t.Fatalf("bad reason: %d %s", resp.Status, resp.Body)
	}
}
