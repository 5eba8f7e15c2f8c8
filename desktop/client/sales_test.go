package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// salesRoutes are the deal, lead, pipeline and lost reason routes and the requests they must produce.
func salesRoutes() []route {
	deal := api.Deal{ID: "d1", Title: "Wartungsvertrag", Value: "1234.56", Currency: "EUR", PipelineID: "pl1",
		StageID: "st1", StageName: "Angebot", Probability: 40, Status: api.DealOpen, Version: 5,
		Custom: api.CustomValues{"f1": "x"}}
	dealPage := api.DealPage{Items: []api.Deal{deal}, NextCursor: "c2", Total: 7}
	lead := api.Lead{ID: "l1", Title: "Messe", PersonName: "Eva Roth", Company: "Nordlicht", Email: "e@example.de",
		PipelineID: "pl2", StageID: "st9", Status: api.LeadOpen, Version: 2}
	leadPage := api.LeadPage{Items: []api.Lead{lead}, Total: 1}
	stage := api.Stage{ID: "st1", Name: "Angebot", Probability: 40, Position: 1}
	pipeline := api.Pipeline{ID: "pl1", RecordType: api.RecordDeal, Name: "Vertrieb", Stages: []api.Stage{stage},
		Version: 3}
	board := api.Board{Pipeline: pipeline, Currency: "EUR", Columns: []api.BoardColumn{{Stage: stage, Count: 1,
		Total: "1234.56", Weighted: "493.82", Deals: []api.Deal{deal}}}}
	reason := api.LostReason{ID: "r1", RecordType: api.RecordDeal, Name: "Preis", Version: 1}
	mapping := api.FieldMappingList{Items: []api.FieldMapping{
		{LeadField: "company", Target: api.RecordOrganization, TargetField: "name"},
		{LeadField: "custom.f1", Target: api.RecordPerson, TargetField: "custom.f2"}}}
	const mappingJSON = `{"items":[{"leadField":"company","target":"organization","targetField":"name"},
		{"leadField":"custom.f1","target":"person","targetField":"custom.f2"}]}`
	query := api.ListQuery{Search: "Wartung", Owner: "me", Limit: 25, Sort: "-value"}
	const queryJSON = `{"search":"Wartung","owner":"me","limit":25,"sort":"-value"}`
	boardQuery := api.BoardQuery{PipelineID: "pl1", Filter: query, CardsPerStage: 20}
	const boardJSON = `{"pipelineId":"pl1","filter":` + queryJSON + `,"cardsPerStage":20}`
	lost := api.DealLost

	return []route{
		{name: "query deals", method: "POST", path: "/api/v1/deals/query", body: queryJSON, status: 200,
			answer: dealPage,
			call:   func(ctx context.Context, c *client.Client) (any, error) { return c.QueryDeals(ctx, query) }},
		{name: "deal board", method: "POST", path: "/api/v1/deals/board", body: boardJSON, status: 200, answer: board,
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.DealBoard(ctx, boardQuery) }},
		{name: "create deal", method: "POST", path: "/api/v1/deals", create: true,
			body: `{"title":"Wartungsvertrag","value":"1234.56","currency":"EUR","organizationId":"o1",
				"pipelineId":"pl1","stageId":"","custom":{"f1":"x"}}`,
			status: 201, answer: deal,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.CreateDeal(ctx, api.DealCreate{Title: "Wartungsvertrag", Value: "1234.56", Currency: "EUR",
					OrganizationID: "o1", PipelineID: "pl1", Custom: api.CustomValues{"f1": "x"}})
			}},
		{name: "get deal escapes the id", method: "GET", path: "/api/v1/deals/d%201%2F2", status: 200, answer: deal,
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.GetDeal(ctx, "d 1/2") }},
		{name: "lose deal by patch", method: "PATCH", path: "/api/v1/deals/d1",
			body: `{"status":"lost","lostReasonId":"r1","lostComment":""}`, ifMatch: `"5"`, status: 200, answer: deal,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.UpdateDeal(ctx, "d1", 5, api.DealPatch{Status: &lost, LostReasonID: ptr("r1"), LostComment: ptr("")})
			}},
		{name: "delete deal", method: "DELETE", path: "/api/v1/deals/d1", ifMatch: `"5"`, status: 204,
			call: func(ctx context.Context, c *client.Client) (any, error) { return nil, c.DeleteDeal(ctx, "d1", 5) }},
		{name: "restore deal", method: "POST", path: "/api/v1/deals/d1/restore", status: 200, answer: deal,
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.RestoreDeal(ctx, "d1") }},
		{name: "deals of a person", method: "GET", path: "/api/v1/persons/p1/deals", status: 200, answer: dealPage,
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.PersonDeals(ctx, "p1") }},
		{name: "deals of an organization", method: "GET", path: "/api/v1/organizations/o1/deals", status: 200,
			answer: dealPage,
			call:   func(ctx context.Context, c *client.Client) (any, error) { return c.OrganizationDeals(ctx, "o1") }},
		{name: "notes of a deal", method: "GET", path: "/api/v1/deals/d1/notes", status: 200, answer: api.NoteList{},
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.ListNotes(ctx, api.RecordDeal, "d1")
			}},

		{name: "query leads", method: "POST", path: "/api/v1/leads/query", body: queryJSON, status: 200,
			answer: leadPage,
			call:   func(ctx context.Context, c *client.Client) (any, error) { return c.QueryLeads(ctx, query) }},
		{name: "lead board", method: "POST", path: "/api/v1/leads/board", body: boardJSON, status: 200,
			answer: api.Board{Pipeline: pipeline, Columns: []api.BoardColumn{{Stage: stage, Leads: []api.Lead{lead}}}},
			call:   func(ctx context.Context, c *client.Client) (any, error) { return c.LeadBoard(ctx, boardQuery) }},
		{name: "create lead", method: "POST", path: "/api/v1/leads", create: true,
			body: `{"title":"Messe","personName":"Eva Roth","company":"Nordlicht","email":"e@example.de",
				"address":{"city":"Kiel"},"pipelineId":"pl2"}`,
			status: 201, answer: lead,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.CreateLead(ctx, api.LeadCreate{Title: "Messe", PersonName: "Eva Roth", Company: "Nordlicht",
					Email: "e@example.de", Address: api.Address{City: "Kiel"}, PipelineID: "pl2"})
			}},
		{name: "get lead", method: "GET", path: "/api/v1/leads/l1", status: 200, answer: lead,
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.GetLead(ctx, "l1") }},
		{name: "move lead by patch", method: "PATCH", path: "/api/v1/leads/l1", body: `{"stageId":"st9"}`,
			ifMatch: `"2"`, status: 200, answer: lead,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.UpdateLead(ctx, "l1", 2, api.LeadPatch{StageID: ptr("st9")})
			}},
		{name: "delete lead", method: "DELETE", path: "/api/v1/leads/l1", ifMatch: `"2"`, status: 204,
			call: func(ctx context.Context, c *client.Client) (any, error) { return nil, c.DeleteLead(ctx, "l1", 2) }},
		{name: "restore lead", method: "POST", path: "/api/v1/leads/l1/restore", status: 200, answer: lead,
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.RestoreLead(ctx, "l1") }},
		{name: "convert lead with a deal", method: "POST", path: "/api/v1/leads/l1/convert",
			body: `{"person":{"mode":"existing","existingId":"p1"},"organization":{"mode":"create","existingId":""},
				"deal":{"pipelineId":"pl1","stageId":"st1","title":"Messe","value":"500.00"}}`,
			status: 200, answer: api.LeadConversion{Lead: lead, PersonID: "p1", OrganizationID: "o2", DealID: "d2"},
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.ConvertLead(ctx, "l1", api.LeadConvert{
					Person:       api.ConvertTarget{Mode: api.ConvertExisting, ExistingID: "p1"},
					Organization: api.ConvertTarget{Mode: api.ConvertCreate},
					Deal:         &api.ConvertDeal{PipelineID: "pl1", StageID: "st1", Title: "Messe", Value: "500.00"}})
			}},
		{name: "lead matches", method: "GET", path: "/api/v1/leads/l1/matches", status: 200,
			answer: api.LeadMatches{Persons: []api.Person{{ID: "p1", LastName: "Roth"}}, Organizations: []api.Organization{}},
			call:   func(ctx context.Context, c *client.Client) (any, error) { return c.LeadMatches(ctx, "l1") }},
		{name: "history of a lead", method: "GET", path: "/api/v1/leads/l1/history", status: 200,
			answer: api.HistoryList{Items: []api.HistoryEntry{{ID: "h1", Action: api.HistoryCreated}}},
			call:   func(ctx context.Context, c *client.Client) (any, error) { return c.History(ctx, api.RecordLead, "l1") }},
		{name: "lead mapping", method: "GET", path: "/api/v1/lead-mapping", status: 200, answer: mapping,
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.LeadMapping(ctx) }},
		{name: "set lead mapping", method: "PUT", path: "/api/v1/lead-mapping", body: mappingJSON, status: 200,
			answer: mapping,
			call:   func(ctx context.Context, c *client.Client) (any, error) { return c.SetLeadMapping(ctx, mapping) }},

		{name: "deal pipelines", method: "GET", path: "/api/v1/pipelines", query: "recordType=deal", status: 200,
			answer: api.PipelineList{Items: []api.Pipeline{pipeline}},
			call:   func(ctx context.Context, c *client.Client) (any, error) { return c.ListPipelines(ctx, api.RecordDeal) }},
		{name: "create pipeline", method: "POST", path: "/api/v1/pipelines", create: true,
			body:   `{"recordType":"lead","name":"Messen","stages":[{"id":"","name":"Neu","probability":10}]}`,
			status: 201, answer: pipeline,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.CreatePipeline(ctx, api.PipelineCreate{RecordType: api.RecordLead, Name: "Messen",
					Stages: []api.StageInput{{Name: "Neu", Probability: 10}}})
			}},
		{name: "get pipeline", method: "GET", path: "/api/v1/pipelines/pl1", status: 200, answer: pipeline,
			call: func(ctx context.Context, c *client.Client) (any, error) { return c.GetPipeline(ctx, "pl1") }},
		{name: "update pipeline moves the records of a removed stage", method: "PATCH", path: "/api/v1/pipelines/pl1",
			body:    `{"stages":[{"id":"st1","name":"Angebot","probability":50},{"id":"","name":"Abschluss","probability":90}],"moveTo":{"st0":"st1"}}`,
			ifMatch: `"3"`, status: 200, answer: pipeline,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				stages := []api.StageInput{{ID: "st1", Name: "Angebot", Probability: 50}, {Name: "Abschluss", Probability: 90}}
				return c.UpdatePipeline(ctx, "pl1", 3, api.PipelinePatch{Stages: &stages, MoveTo: map[string]string{"st0": "st1"}})
			}},
		{name: "delete pipeline", method: "DELETE", path: "/api/v1/pipelines/pl1", ifMatch: `"3"`, status: 204,
			call: func(ctx context.Context, c *client.Client) (any, error) { return nil, c.DeletePipeline(ctx, "pl1", 3) }},

		{name: "active lost reasons", method: "GET", path: "/api/v1/lost-reasons", query: "recordType=deal",
			status: 200, answer: api.LostReasonList{Items: []api.LostReason{reason}},
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.ListLostReasons(ctx, api.RecordDeal, false)
			}},
		{name: "lost reasons with archived", method: "GET", path: "/api/v1/lost-reasons",
			query: "archived=true&recordType=lead", status: 200, answer: api.LostReasonList{Items: []api.LostReason{}},
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.ListLostReasons(ctx, api.RecordLead, true)
			}},
		{name: "create lost reason", method: "POST", path: "/api/v1/lost-reasons", create: true,
			body: `{"recordType":"deal","name":"Preis","description":"zu teuer"}`, status: 201, answer: reason,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.CreateLostReason(ctx, api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Preis",
					Description: "zu teuer"})
			}},
		{name: "archive lost reason by patch", method: "PATCH", path: "/api/v1/lost-reasons/r1",
			body: `{"archived":true}`, ifMatch: `"1"`, status: 200, answer: reason,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.UpdateLostReason(ctx, "r1", 1, api.LostReasonPatch{Archived: ptr(true)})
			}},
		{name: "delete lost reason", method: "DELETE", path: "/api/v1/lost-reasons/r1", ifMatch: `"1"`, status: 204,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return nil, c.DeleteLostReason(ctx, "r1", 1)
			}},
	}
}

func TestSalesRetryPolicy(t *testing.T) {
	tests := []struct {
		name      string
		call      func(c *client.Client) error
		wantCalls int
	}{
		// A conversion carries no key: after a 503 it may have happened, so it is not repeated.
		{"convert not repeated on 503", func(c *client.Client) error {
			_, err := c.ConvertLead(context.Background(), "l1", api.LeadConvert{
				Person: api.ConvertTarget{Mode: api.ConvertCreate}, Organization: api.ConvertTarget{Mode: api.ConvertNone}})
			return err
		}, 1},
		{"create deal repeated on 503 with its key", func(c *client.Client) error {
			_, err := c.CreateDeal(context.Background(), api.DealCreate{Title: "x", PipelineID: "pl1"})
			return err
		}, 2},
		// The mapping is a PUT of the whole list: repeating it gives the same result.
		{"set lead mapping repeated on 503", func(c *client.Client) error {
			_, err := c.SetLeadMapping(context.Background(), api.FieldMappingList{Items: []api.FieldMapping{}})
			return err
		}, 2},
		{"pipelines repeated on 503", func(c *client.Client) error {
			_, err := c.ListPipelines(context.Background(), api.RecordLead)
			return err
		}, 2},
		{"pipeline update not repeated on 503", func(c *client.Client) error {
			_, err := c.UpdatePipeline(context.Background(), "pl1", 3, api.PipelinePatch{Name: ptr("x")})
			return err
		}, 1},
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

// TestConvertWithoutDealSendsNoDeal: the server reads a present "deal" as "create a deal", so a conversion without
// one must leave the member out rather than send null or an empty object.
func TestConvertWithoutDealSendsNoDeal(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, api.LeadConversion{}) })
	_, err := newClient(s, client.Options{}).ConvertLead(context.Background(), "l1", api.LeadConvert{
		Person: api.ConvertTarget{Mode: api.ConvertCreate}, Organization: api.ConvertTarget{Mode: api.ConvertNone}})
	if err != nil {
		t.Fatal(err)
	}
	body := s.requests()[0].body
	var sent map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &sent); err != nil {
		t.Fatalf("body %q: %v", body, err)
	}
	if _, ok := sent["deal"]; ok || sent["person"] == nil {
		t.Fatalf("body %s: want person and organization, no deal", body)
	}
}
