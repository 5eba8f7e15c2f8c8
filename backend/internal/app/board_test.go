package app_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

// boardFigures is a board's count, total and weighted value per stage.
func boardFigures(b api.Board) []string {
	out := make([]string, len(b.Columns))
	for i, c := range b.Columns {
		out[i] = fmt.Sprintf("%s:%d/%s/%s", c.Stage.Name, c.Count, c.Total, c.Weighted)
	}
	return out
}

// checkBoardTotals compares, for every demo role and owner filter, the board's figures (which come from the
// stage totals the triggers keep) with the same board counted from the deals (a filter that narrows nothing but
// is more than an owner filter sends the board there), and the totals table with the deals it sums.
func checkBoardTotals(t *testing.T, env *apptest.Env, pipelineID, when string) {
	t.Helper()
	for _, who := range []string{apptest.Admin, apptest.Manager, apptest.FieldRepNord, apptest.FieldRepSued, apptest.InsideSales} {
		c := signIn(t, env, who)
		for _, owner := range []string{"", "me", "team", env.Demo.Users[apptest.FieldRepSued].String()} {
			var fromTotals, counted api.Board
			c.call("POST", "/api/v1/deals/board", api.BoardQuery{PipelineID: pipelineID, Filter: api.ListQuery{Owner: owner}}, 200, &fromTotals)
			c.call("POST", "/api/v1/deals/board", api.BoardQuery{PipelineID: pipelineID,
				Filter: api.ListQuery{Owner: owner, CreatedFrom: "2000-01-01"}}, 200, &counted)
			if got, want := fmt.Sprint(boardFigures(fromTotals)), fmt.Sprint(boardFigures(counted)); got != want {
				t.Fatalf("%s: %s, owner %q: board %s, counted %s", when, who, owner, got, want)
			}
		}
	}
	var drift []string
	if err := env.DB.Owner.NewRaw(`SELECT concat_ws(' ', coalesce(t.stage_id, d.stage_id), coalesce(t.owner_id, d.owner_id), t.deals, d.n, t.value, d.v)
		FROM (SELECT * FROM deal_stage_totals WHERE deals <> 0 OR value <> 0) AS t
		FULL JOIN (SELECT tenant_id, pipeline_id, stage_id, owner_id, count(*) AS n, sum(value) AS v FROM deals
			WHERE status = 'open' AND deleted_at IS NULL GROUP BY 1, 2, 3, 4) AS d
		USING (tenant_id, pipeline_id, stage_id, owner_id)
		WHERE t.deals IS DISTINCT FROM d.n OR t.value IS DISTINCT FROM d.v`).Scan(context.Background(), &drift); err != nil {
		t.Fatal(err)
	}
	if len(drift) > 0 {
		t.Fatalf("%s: deal_stage_totals differ from the deals (stage owner totals counted): %v", when, drift)
	}
}

func TestBoardTotalsFollowEveryChangeOfADeal(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	nord := signIn(t, env, apptest.FieldRepNord)
	sued := signIn(t, env, apptest.FieldRepSued)
	p := makePipeline(admin, api.RecordDeal, "Summen", 10, 40, 80)
	var reason api.LostReason
	admin.call("POST", "/api/v1/lost-reasons", api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Zu spät"}, 201, &reason)
	orgNord := nord.createOrg(api.OrganizationCreate{Name: "Nord GmbH"})
	orgSued := sued.createOrg(api.OrganizationCreate{Name: "Süd AG"})
	step := func(when string) { t.Helper(); checkBoardTotals(t, env, p.ID, when) }
	step("empty")

	create := func(c *client, org, value string, stage int) api.Deal {
		t.Helper()
		var d api.Deal
		c.call("POST", "/api/v1/deals", api.DealCreate{Title: "Angebot " + value, Value: value, OrganizationID: org,
			PipelineID: p.ID, StageID: p.Stages[stage].ID}, 201, &d)
		return d
	}
	patch := func(c *client, d *api.Deal, in api.DealPatch) {
		t.Helper()
		c.call("PATCH", "/api/v1/deals/"+d.ID, in, 200, d, "If-Match", etagOf(d.Version))
	}
	a := create(nord, orgNord.ID, "1000.10", 0)
	b := create(nord, orgNord.ID, "250", 0)
	c := create(sued, orgSued.ID, "99.99", 1)
	d := create(admin, orgNord.ID, "12345.67", 2)
	step("created")

	patch(nord, &a, api.DealPatch{StageID: &p.Stages[1].ID})
	step("moved")
	patch(nord, &b, api.DealPatch{Value: ptr("333.33")})
	step("value changed")
	patch(nord, &b, api.DealPatch{Title: ptr("Nur der Titel")})
	step("title changed")
	person := nord.createPerson(api.PersonCreate{FirstName: "Jörg", LastName: "Müller"})
	patch(nord, &b, api.DealPatch{PersonID: &person.ID})
	step("person added")
	patch(admin, &a, api.DealPatch{OwnerID: ptr(env.Demo.Users[apptest.FieldRepSued].String())})
	step("owner changed")
	patch(sued, &c, api.DealPatch{Status: ptr(api.DealWon)})
	step("won")
	patch(admin, &d, api.DealPatch{Status: ptr(api.DealLost), LostReasonID: &reason.ID})
	step("lost")
	patch(admin, &d, api.DealPatch{Status: ptr(api.DealOpen), StageID: &p.Stages[0].ID})
	step("reopened")
	nord.call("DELETE", "/api/v1/deals/"+b.ID, nil, 204, nil, "If-Match", etagOf(b.Version))
	step("trashed")
	nord.call("POST", "/api/v1/deals/"+b.ID+"/restore", nil, 200, &b)
	step("restored")

	// Another pipeline: moving a deal there moves its figures.
	q := makePipeline(admin, api.RecordDeal, "Andere", 50)
	patch(admin, &d, api.DealPatch{PipelineID: &q.ID, StageID: &q.Stages[0].ID})
	step("other pipeline")
	checkBoardTotals(t, env, q.ID, "other pipeline, its board")

	// A stage removed with its deals moved to another stage.
	var pl api.Pipeline
	admin.call("GET", "/api/v1/pipelines/"+p.ID, nil, 200, &pl)
	stages := []api.StageInput{{ID: p.Stages[0].ID, Name: p.Stages[0].Name, Probability: 10}, {ID: p.Stages[2].ID, Name: p.Stages[2].Name, Probability: 75}}
	admin.call("PATCH", "/api/v1/pipelines/"+p.ID, api.PipelinePatch{Stages: &stages, MoveTo: map[string]string{p.Stages[1].ID: p.Stages[2].ID}},
		200, &pl, "If-Match", etagOf(pl.Version))
	step("stage removed, probability changed")

	// Every card is the deal as the deal's own page shows it (names of owner, parties, stage, probability).
	var board api.Board
	admin.call("POST", "/api/v1/deals/board", api.BoardQuery{PipelineID: p.ID}, 200, &board)
	cards := 0
	for _, col := range board.Columns {
		for _, card := range col.Deals {
			var page api.Deal
			admin.call("GET", "/api/v1/deals/"+card.ID, nil, 200, &page)
			if !reflect.DeepEqual(card, page) {
				t.Errorf("card %+v\nits page %+v", card, page)
			}
			cards++
		}
	}
	if cards != 2 { // a (moved, now Lena's) and b (with a person); c is won, d in the other pipeline
		t.Fatalf("%d cards on the board, want 2: %+v", cards, board.Columns)
	}

	// The demo tenant's figures are its own: another tenant's deals do not count.
	other := signIn(t, env, apptest.OtherAdmin)
	op := makePipeline(other, api.RecordDeal, "Fremd", 30)
	oo := other.createOrg(api.OrganizationCreate{Name: "Fremd KG"})
	var od api.Deal
	other.call("POST", "/api/v1/deals", api.DealCreate{Title: "Fremd", Value: "5", OrganizationID: oo.ID, PipelineID: op.ID}, 201, &od)
	step("other tenant")
	admin.call("POST", "/api/v1/deals/board", api.BoardQuery{PipelineID: op.ID}, 404, nil)
}

// Moves of deals of one owner in opposite directions at once update the same stage totals: they wait for each
// other, never deadlock, and the totals stay exact.
func TestConcurrentMovesKeepBoardTotalsExact(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	nord := signIn(t, env, apptest.FieldRepNord)
	p := makePipeline(admin, api.RecordDeal, "Parallel", 20, 60)
	org := nord.createOrg(api.OrganizationCreate{Name: "Parallel GmbH"})
	deals := make([]api.Deal, 8)
	for i := range deals {
		nord.call("POST", "/api/v1/deals", api.DealCreate{Title: fmt.Sprintf("Deal %d", i), Value: fmt.Sprintf("%d.50", 100*(i+1)),
			OrganizationID: org.ID, PipelineID: p.ID, StageID: p.Stages[i%2].ID}, 201, &deals[i])
	}
	var wg sync.WaitGroup
	errs := make(chan string, len(deals)*6)
	for i := range deals {
		wg.Add(1)
		go func(d api.Deal) {
			defer wg.Done()
			for range 6 {
				next := p.Stages[0].ID
				if d.StageID == next {
					next = p.Stages[1].ID
				}
				r := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/deals/" + d.ID, Token: nord.token,
					Header: map[string]string{"If-Match": etagOf(d.Version)}, Body: api.DealPatch{StageID: &next}})
				if r.Status != 200 {
					errs <- fmt.Sprintf("%d %s", r.Status, r.Body)
					return
				}
				r.Decode(t, &d)
			}
		}(deals[i])
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent move: %s", e)
	}
	checkBoardTotals(t, env, p.ID, "after concurrent moves")
}

// A board shows the first cards of each stage and more of a stage on request (its "Weitere laden"): each column
// its own number of cards, newest change first, for deals and leads alike; a limit for a stage that is not the
// board's, or out of range, is a 422 with the field.
func TestBoardShowsMoreCardsOfOneStageOnRequest(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	nord := signIn(t, env, apptest.FieldRepNord)
	deals := makePipeline(admin, api.RecordDeal, "Mehr", 20, 60)
	leads := makePipeline(admin, api.RecordLead, "Mehr Leads", 0, 0)
	other := makePipeline(admin, api.RecordDeal, "Andere", 50)
	org := nord.createOrg(api.OrganizationCreate{Name: "Viele Karten GmbH"})
	for i := range 7 {
		for s := range 2 {
			nord.call("POST", "/api/v1/deals", api.DealCreate{Title: fmt.Sprintf("Deal %d-%d", s, i), OrganizationID: org.ID,
				PipelineID: deals.ID, StageID: deals.Stages[s].ID}, 201, nil)
			nord.call("POST", "/api/v1/leads", api.LeadCreate{Title: fmt.Sprintf("Lead %d-%d", s, i), PipelineID: leads.ID,
				StageID: leads.Stages[s].ID}, 201, nil)
		}
	}
	for _, tc := range []struct {
		path string
		p    api.Pipeline
		n    func(api.BoardColumn) int
		top  func(api.BoardColumn) string
	}{
		{"/api/v1/deals/board", deals, func(c api.BoardColumn) int { return len(c.Deals) }, func(c api.BoardColumn) string { return c.Deals[0].Title }},
		{"/api/v1/leads/board", leads, func(c api.BoardColumn) int { return len(c.Leads) }, func(c api.BoardColumn) string { return c.Leads[0].Title }},
	} {
		var b api.Board
		nord.call("POST", tc.path, api.BoardQuery{PipelineID: tc.p.ID, CardsPerStage: 3,
			StageLimits: map[string]int{tc.p.Stages[1].ID: 6}}, 200, &b)
		first, second := column(t, b, tc.p.Stages[0].ID), column(t, b, tc.p.Stages[1].ID)
		if tc.n(first) != 3 || first.Count != 7 || tc.n(second) != 6 || second.Count != 7 {
			t.Fatalf("%s: %d of %d and %d of %d cards, want 3 of 7 and 6 of 7", tc.path, tc.n(first), first.Count, tc.n(second), second.Count)
		}
		if !strings.HasSuffix(tc.top(first), "0-6") || !strings.HasSuffix(tc.top(second), "1-6") {
			t.Fatalf("%s: newest change first: %q, %q", tc.path, tc.top(first), tc.top(second))
		}
		for _, limits := range []map[string]int{{other.Stages[0].ID: 5}, {"kaputt": 5}, {tc.p.Stages[1].ID: 0}, {tc.p.Stages[1].ID: 201}} {
			resp := nord.call("POST", tc.path, api.BoardQuery{PipelineID: tc.p.ID, StageLimits: limits}, 422, nil)
			if e := resp.Error(t); e.Fields["stageLimits"] != api.FieldInvalid {
				t.Fatalf("%s %v: %+v", tc.path, limits, e)
			}
		}
	}
}
