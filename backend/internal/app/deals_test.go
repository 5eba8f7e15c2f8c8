package app_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

func makePipeline(c *client, rt api.RecordType, name string, probs ...int) api.Pipeline {
	c.t.Helper()
	in := api.PipelineCreate{RecordType: rt, Name: name}
	for i, p := range probs {
		in.Stages = append(in.Stages, api.StageInput{Name: name + " Stufe " + string(rune('A'+i)), Probability: p})
	}
	var p api.Pipeline
	c.call("POST", "/api/v1/pipelines", in, 201, &p)
	return p
}

func column(t *testing.T, b api.Board, stage string) api.BoardColumn {
	t.Helper()
	for _, c := range b.Columns {
		if c.Stage.ID == stage {
			return c
		}
	}
	t.Fatalf("no column %s", stage)
	return api.BoardColumn{}
}

func TestDealsMoveThroughThePipelineWithSumsAndHistory(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	p := makePipeline(admin, api.RecordDeal, "Bestellung", 10, 50, 90)
	org := admin.createOrg(api.OrganizationCreate{Name: "Kunde AG"})
	var reason api.LostReason
	admin.call("POST", "/api/v1/lost-reasons", api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Zu teuer"}, 201, &reason)

	var d1, d2 api.Deal
	admin.call("POST", "/api/v1/deals", api.DealCreate{Title: "Kopierer", Value: "1234.56", OrganizationID: org.ID, PipelineID: p.ID}, 201, &d1)
	admin.call("POST", "/api/v1/deals", api.DealCreate{Title: "Drucker", Value: "1000", OrganizationID: org.ID, PipelineID: p.ID, StageID: p.Stages[1].ID}, 201, &d2)
	if d1.StageID != p.Stages[0].ID || d1.Currency != "EUR" || d1.Status != api.DealOpen || d1.OrganizationName != "Kunde AG" || d1.Probability != 10 {
		t.Fatalf("created %+v", d1)
	}
	board := func() api.Board {
		var b api.Board
		admin.call("POST", "/api/v1/deals/board", api.BoardQuery{PipelineID: p.ID}, 200, &b)
		return b
	}
	b := board()
	if c := column(t, b, p.Stages[0].ID); c.Count != 1 || c.Total != "1234.56" || c.Weighted != "123.46" || len(c.Deals) != 1 {
		t.Fatalf("first column %+v", c)
	}
	// Drag to the next stage: the sums follow.
	admin.call("PATCH", "/api/v1/deals/"+d1.ID, api.DealPatch{StageID: &p.Stages[1].ID}, 200, &d1, "If-Match", etagOf(d1.Version))
	b = board()
	if c := column(t, b, p.Stages[1].ID); c.Count != 2 || c.Total != "2234.56" || c.Weighted != "1117.28" {
		t.Fatalf("second column %+v", c)
	}
	if c := column(t, b, p.Stages[0].ID); c.Count != 0 || c.Total != "0.00" {
		t.Fatalf("first column after the move %+v", c)
	}
	// Lost needs a reason; with one it leaves the board, keeps the reason and comment, and all is in the history.
	r := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/deals/" + d1.ID, Token: admin.token,
		Header: map[string]string{"If-Match": etagOf(d1.Version)}, Body: api.DealPatch{Status: ptr(api.DealLost)}})
	if r.Status != 422 || r.Error(t).Fields["lostReasonId"] != "required" {
		t.Fatalf("lost without reason: %d %s", r.Status, r.Body)
	}
	admin.call("PATCH", "/api/v1/deals/"+d1.ID, api.DealPatch{Status: ptr(api.DealLost), LostReasonID: &reason.ID, LostComment: ptr("Budget gestrichen")},
		200, &d1, "If-Match", etagOf(d1.Version))
	if d1.Status != api.DealLost || d1.LostReasonName != "Zu teuer" || d1.ClosedAt == nil {
		t.Fatalf("lost %+v", d1)
	}
	if c := column(t, board(), p.Stages[1].ID); c.Count != 1 {
		t.Fatalf("lost deal still on the board: %+v", c)
	}
	var hist api.HistoryList
	admin.call("GET", "/api/v1/deals/"+d1.ID+"/history", nil, 200, &hist)
	want := map[string][2]string{"status": {"open", "lost"}, "lostReason": {"", "Zu teuer"}, "lostComment": {"", "Budget gestrichen"}}
	for _, ch := range hist.Items[0].Changes {
		if w, ok := want[ch.Field]; ok && (ch.Old != w[0] || ch.New != w[1]) {
			t.Errorf("change %+v", ch)
		}
		delete(want, ch.Field)
	}
	if len(want) != 0 || hist.Items[1].Changes[0] != (api.FieldChange{Field: "stage", Old: p.Stages[0].Name, New: p.Stages[1].Name}) {
		t.Fatalf("history %+v", hist.Items[:2])
	}
	// The organisation shows its deals; the won status is its own.
	admin.call("PATCH", "/api/v1/deals/"+d2.ID, api.DealPatch{Status: ptr(api.DealWon)}, 200, &d2, "If-Match", etagOf(d2.Version))
	var of api.DealPage
	admin.call("GET", "/api/v1/organizations/"+org.ID+"/deals", nil, 200, &of)
	if len(of.Items) != 2 {
		t.Fatalf("organisation deals %+v", of.Items)
	}
	// Search goes through the trigram lookup for deals as for persons.
	var found api.DealPage
	admin.call("POST", "/api/v1/deals/query", api.ListQuery{Search: "kopierer"}, 200, &found)
	if found.Total != 1 || found.Items[0].ID != d1.ID {
		t.Fatalf("deal search %+v", found)
	}
	var won api.DealPage
	admin.call("POST", "/api/v1/deals/query", api.ListQuery{Status: "won"}, 200, &won)
	if won.Total != 1 || won.Items[0].ID != d2.ID {
		t.Fatalf("won deals %+v", won)
	}
}

func TestDealBadInput(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	p := makePipeline(admin, api.RecordDeal, "Haupt", 10, 60)
	other := makePipeline(admin, api.RecordDeal, "Neben", 20)
	org := admin.createOrg(api.OrganizationCreate{Name: "Kunde GmbH"})
	for _, tc := range []struct {
		name   string
		in     api.DealCreate
		fields map[string]api.FieldCode
	}{
		{"stage of another pipeline", api.DealCreate{Title: "A", OrganizationID: org.ID, PipelineID: p.ID, StageID: other.Stages[0].ID}, map[string]api.FieldCode{"stageId": "invalid"}},
		{"negative value", api.DealCreate{Title: "A", Value: "-5", OrganizationID: org.ID, PipelineID: p.ID}, map[string]api.FieldCode{"value": "range"}},
		{"three decimals", api.DealCreate{Title: "A", Value: "1.234", OrganizationID: org.ID, PipelineID: p.ID}, map[string]api.FieldCode{"value": "invalid"}},
		{"neither person nor organisation", api.DealCreate{Title: "A", PipelineID: p.ID}, map[string]api.FieldCode{"personId": "required", "organizationId": "required"}},
		{"no title, bad date and currency", api.DealCreate{OrganizationID: org.ID, PipelineID: p.ID, ExpectedCloseDate: "31.12.2026", Currency: "Euro"},
			map[string]api.FieldCode{"title": "required", "expectedCloseDate": "invalid", "currency": "invalid"}},
		{"a lead pipeline", api.DealCreate{Title: "A", OrganizationID: org.ID, PipelineID: makePipeline(admin, api.RecordLead, "Leads", 10).ID}, map[string]api.FieldCode{"pipelineId": "not_found"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/deals", Token: admin.token, Body: tc.in})
			if r.Status != 422 {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			for f, code := range tc.fields {
				if got := r.Error(t).Fields[f]; got != code {
					t.Errorf("%s: %q, want %q (%s)", f, got, code, r.Body)
				}
			}
		})
	}
}

// Two users move the same deal at once: one wins, the other gets 412 and nothing is overwritten silently.
func TestConcurrentDealMovesGiveOneSuccessAndOne412(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	manager := signIn(t, env, apptest.Manager)
	p := makePipeline(admin, api.RecordDeal, "Parallel", 10, 50, 90)
	org := admin.createOrg(api.OrganizationCreate{Name: "Parallel GmbH"})
	for round := range 5 {
		var d api.Deal
		admin.call("POST", "/api/v1/deals", api.DealCreate{Title: "Runde", OrganizationID: org.ID, PipelineID: p.ID}, 201, &d)
		var wg sync.WaitGroup
		statuses := make([]int, 2)
		for i, c := range []*client{admin, manager} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/deals/" + d.ID, Token: c.token,
					Header: map[string]string{"If-Match": etagOf(d.Version)}, Body: api.DealPatch{StageID: &p.Stages[i+1].ID}}).Status
			}()
		}
		wg.Wait()
		ok, stale := 0, 0
		for _, s := range statuses {
			switch s {
			case http.StatusOK:
				ok++
			case http.StatusPreconditionFailed:
				stale++
			}
		}
		if ok != 1 || stale != 1 {
			t.Fatalf("round %d: statuses %v", round, statuses)
		}
		var after api.Deal
		admin.call("GET", "/api/v1/deals/"+d.ID, nil, 200, &after)
		winner := 0
		if statuses[1] == http.StatusOK {
			winner = 1
		}
		if after.StageID != p.Stages[winner+1].ID || after.Version != d.Version+1 {
			t.Fatalf("round %d: stored %s v%d, winner %d", round, after.StageName, after.Version, winner)
		}
	}
}

func TestRemovingAStageWithDealsAsksWhereToMoveThem(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	p := makePipeline(admin, api.RecordDeal, "Umbau", 10, 50)
	org := admin.createOrg(api.OrganizationCreate{Name: "Umbau KG"})
	var d api.Deal
	admin.call("POST", "/api/v1/deals", api.DealCreate{Title: "Bleibt", OrganizationID: org.ID, PipelineID: p.ID, StageID: p.Stages[1].ID}, 201, &d)
	keep := []api.StageInput{{ID: p.Stages[0].ID, Name: p.Stages[0].Name, Probability: 10}}
	r := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/pipelines/" + p.ID, Token: admin.token,
		Header: map[string]string{"If-Match": etagOf(p.Version)}, Body: api.PipelinePatch{Stages: &keep}})
	if r.Status != 409 || r.Error(t).Code != api.CodeStageInUse || r.Error(t).Fields["moveTo."+p.Stages[1].ID] != "required" {
		t.Fatalf("remove a used stage: %d %s", r.Status, r.Body)
	}
	admin.call("PATCH", "/api/v1/pipelines/"+p.ID, api.PipelinePatch{Stages: &keep, MoveTo: map[string]string{p.Stages[1].ID: p.Stages[0].ID}}, 200, &p,
		"If-Match", etagOf(p.Version))
	admin.call("GET", "/api/v1/deals/"+d.ID, nil, 200, &d)
	if len(p.Stages) != 1 || d.StageID != p.Stages[0].ID {
		t.Fatalf("after the move: stages %+v, deal in %s", p.Stages, d.StageName)
	}
	admin.call("DELETE", "/api/v1/pipelines/"+p.ID, nil, 409, nil, "If-Match", etagOf(p.Version))
}

// A saved deal or lead filter takes the conditions its list takes (pipeline, stage, status, closing dates) and
// refuses the ones it does not.
func TestSavedFiltersCheckedAsTheirList(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	p := makePipeline(admin, api.RecordDeal, "Gespeichert", 10, 50)
	q := api.ListQuery{PipelineID: p.ID, StageID: p.Stages[1].ID, Status: "won", ClosedFrom: "2026-11-01", CloseDateTo: "2026-12-31"}
	var f api.SavedFilter
	admin.call("POST", "/api/v1/saved-filters", api.SavedFilterCreate{RecordType: api.RecordDeal, Name: "Gewonnen", Query: q}, 201, &f)
	if f.Query.StageID != p.Stages[1].ID || f.Query.ClosedFrom != "2026-11-01" {
		t.Fatalf("saved %+v", f.Query)
	}
	admin.call("POST", "/api/v1/saved-filters", api.SavedFilterCreate{RecordType: api.RecordLead, Name: "Konvertiert",
		Query: api.ListQuery{Status: "converted", ClosedTo: "2026-11-30"}}, 201, nil)
	r := admin.call("POST", "/api/v1/saved-filters", api.SavedFilterCreate{RecordType: api.RecordLead, Name: "Falsch",
		Query: api.ListQuery{Status: "won", CloseDateFrom: "2026-11-01"}}, 422, nil)
	if e := r.Error(t); e.Fields["query.status"] != api.FieldInvalid || e.Fields["query.closeDateFrom"] != api.FieldInvalid {
		t.Fatalf("lead filter: %s", r.Body)
	}
	r = admin.call("POST", "/api/v1/saved-filters", api.SavedFilterCreate{RecordType: api.RecordPerson, Name: "Personen",
		Query: api.ListQuery{Status: "open"}}, 422, nil)
	if r.Error(t).Fields["query.status"] != api.FieldInvalid {
		t.Fatalf("person filter: %s", r.Body)
	}
}
