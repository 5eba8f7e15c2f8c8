package app_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// salesRoutes are the deal, lead, pipeline and lost reason routes and the requests they must produce. (GET
// /pipelines/{id} has no row: no bound method reads one pipeline; the lists carry them whole.)
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
			call:   func(d *app.App) (any, error) { return d.Sales.QueryDeals(query) }},
		{name: "deal board", method: "POST", path: "/api/v1/deals/board", body: boardJSON, status: 200, answer: board,
			call: func(d *app.App) (any, error) { return d.Sales.DealBoard(boardQuery) }},
		{name: "create deal", method: "POST", path: "/api/v1/deals", create: true,
			body: `{"title":"Wartungsvertrag","value":"1234.56","currency":"EUR","organizationId":"o1",
				"pipelineId":"pl1","stageId":"","custom":{"f1":"x"}}`,
			status: 201, answer: deal,
			call: func(d *app.App) (any, error) {
				return d.Sales.CreateDeal(api.DealCreate{Title: "Wartungsvertrag", Value: "1234.56", Currency: "EUR",
					OrganizationID: "o1", PipelineID: "pl1", Custom: api.CustomValues{"f1": "x"}})
			}},
		{name: "get deal escapes the id", method: "GET", path: "/api/v1/deals/d%201%2F2", status: 200, answer: deal,
			call: func(d *app.App) (any, error) { return d.Sales.GetDeal("d 1/2") }},
		{name: "lose deal by patch", method: "PATCH", path: "/api/v1/deals/d1",
			body: `{"status":"lost","lostReasonId":"r1","lostComment":""}`, ifMatch: `"5"`, status: 200, answer: deal,
			call: func(d *app.App) (any, error) {
				return d.Sales.UpdateDeal("d1", 5, api.DealPatch{Status: &lost, LostReasonID: ptr("r1"), LostComment: ptr("")})
			}},
		{name: "delete deal", method: "DELETE", path: "/api/v1/deals/d1", ifMatch: `"5"`, status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Sales.DeleteDeal("d1", 5) }},
		{name: "restore deal", method: "POST", path: "/api/v1/deals/d1/restore", status: 200, answer: deal,
			call: func(d *app.App) (any, error) { return d.Sales.RestoreDeal("d1") }},
		{name: "deals of a person", method: "GET", path: "/api/v1/persons/p1/deals", status: 200, answer: dealPage,
			call: func(d *app.App) (any, error) { return d.Sales.PersonDeals("p1") }},
		{name: "deals of an organization", method: "GET", path: "/api/v1/organizations/o1/deals", status: 200,
			answer: dealPage,
			call:   func(d *app.App) (any, error) { return d.Sales.OrganizationDeals("o1") }},
		{name: "notes of a deal", method: "GET", path: "/api/v1/deals/d1/notes", status: 200, answer: api.NoteList{},
			call: func(d *app.App) (any, error) {
				return d.Records.ListNotes(api.RecordDeal, "d1")
			}},

		{name: "query leads", method: "POST", path: "/api/v1/leads/query", body: queryJSON, status: 200,
			answer: leadPage,
			call:   func(d *app.App) (any, error) { return d.Sales.QueryLeads(query) }},
		{name: "lead board", method: "POST", path: "/api/v1/leads/board", body: boardJSON, status: 200,
			answer: api.Board{Pipeline: pipeline, Columns: []api.BoardColumn{{Stage: stage, Leads: []api.Lead{lead}}}},
			call:   func(d *app.App) (any, error) { return d.Sales.LeadBoard(boardQuery) }},
		{name: "create lead", method: "POST", path: "/api/v1/leads", create: true,
			body: `{"title":"Messe","personName":"Eva Roth","company":"Nordlicht","email":"e@example.de",
				"address":{"city":"Kiel"},"pipelineId":"pl2"}`,
			status: 201, answer: lead,
			call: func(d *app.App) (any, error) {
				return d.Sales.CreateLead(api.LeadCreate{Title: "Messe", PersonName: "Eva Roth", Company: "Nordlicht",
					Email: "e@example.de", Address: api.Address{City: "Kiel"}, PipelineID: "pl2"})
			}},
		{name: "get lead", method: "GET", path: "/api/v1/leads/l1", status: 200, answer: lead,
			call: func(d *app.App) (any, error) { return d.Sales.GetLead("l1") }},
		{name: "move lead by patch", method: "PATCH", path: "/api/v1/leads/l1", body: `{"stageId":"st9"}`,
			ifMatch: `"2"`, status: 200, answer: lead,
			call: func(d *app.App) (any, error) {
				return d.Sales.UpdateLead("l1", 2, api.LeadPatch{StageID: ptr("st9")})
			}},
		{name: "delete lead", method: "DELETE", path: "/api/v1/leads/l1", ifMatch: `"2"`, status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Sales.DeleteLead("l1", 2) }},
		{name: "restore lead", method: "POST", path: "/api/v1/leads/l1/restore", status: 200, answer: lead,
			call: func(d *app.App) (any, error) { return d.Sales.RestoreLead("l1") }},
		{name: "convert lead with a deal", method: "POST", path: "/api/v1/leads/l1/convert",
			body: `{"person":{"mode":"existing","existingId":"p1"},"organization":{"mode":"create","existingId":""},
				"deal":{"pipelineId":"pl1","stageId":"st1","title":"Messe","value":"500.00"}}`,
			status: 200, answer: api.LeadConversion{Lead: lead, PersonID: "p1", OrganizationID: "o2", DealID: "d2"},
			call: func(d *app.App) (any, error) {
				return d.Sales.ConvertLead("l1", api.LeadConvert{
					Person:       api.ConvertTarget{Mode: api.ConvertExisting, ExistingID: "p1"},
					Organization: api.ConvertTarget{Mode: api.ConvertCreate},
					Deal:         &api.ConvertDeal{PipelineID: "pl1", StageID: "st1", Title: "Messe", Value: "500.00"}})
			}},
		{name: "lead matches", method: "GET", path: "/api/v1/leads/l1/matches", status: 200,
			answer: api.LeadMatches{Persons: []api.Person{{ID: "p1", LastName: "Roth"}}, Organizations: []api.Organization{}},
			call:   func(d *app.App) (any, error) { return d.Sales.LeadMatches("l1") }},
		{name: "history of a lead", method: "GET", path: "/api/v1/leads/l1/history", status: 200,
			answer: api.HistoryList{Items: []api.HistoryEntry{{ID: "h1", Action: api.HistoryCreated}}},
			call:   func(d *app.App) (any, error) { return d.Records.History(api.RecordLead, "l1") }},
		{name: "lead mapping", method: "GET", path: "/api/v1/lead-mapping", status: 200, answer: mapping,
			call: func(d *app.App) (any, error) { return d.Sales.LeadMapping() }},
		{name: "set lead mapping", method: "PUT", path: "/api/v1/lead-mapping", body: mappingJSON, status: 200,
			answer: mapping,
			call:   func(d *app.App) (any, error) { return d.Admin.SetLeadMapping(mapping) }},

		{name: "deal pipelines", method: "GET", path: "/api/v1/pipelines", query: "recordType=deal", status: 200,
			answer: api.PipelineList{Items: []api.Pipeline{pipeline}},
			call:   func(d *app.App) (any, error) { return d.Sales.ListPipelines(api.RecordDeal) }},
		{name: "create pipeline", method: "POST", path: "/api/v1/pipelines", create: true,
			body:   `{"recordType":"lead","name":"Messen","stages":[{"id":"","name":"Neu","probability":10}]}`,
			status: 201, answer: pipeline,
			call: func(d *app.App) (any, error) {
				return d.Admin.CreatePipeline(api.PipelineCreate{RecordType: api.RecordLead, Name: "Messen",
					Stages: []api.StageInput{{Name: "Neu", Probability: 10}}})
			}},
		{name: "update pipeline moves the records of a removed stage", method: "PATCH", path: "/api/v1/pipelines/pl1",
			body:    `{"stages":[{"id":"st1","name":"Angebot","probability":50},{"id":"","name":"Abschluss","probability":90}],"moveTo":{"st0":"st1"}}`,
			ifMatch: `"3"`, status: 200, answer: pipeline,
			call: func(d *app.App) (any, error) {
				stages := []api.StageInput{{ID: "st1", Name: "Angebot", Probability: 50}, {Name: "Abschluss", Probability: 90}}
				return d.Admin.UpdatePipeline("pl1", 3, api.PipelinePatch{Stages: &stages, MoveTo: map[string]string{"st0": "st1"}})
			}},
		{name: "delete pipeline", method: "DELETE", path: "/api/v1/pipelines/pl1", ifMatch: `"3"`, status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Admin.DeletePipeline("pl1", 3) }},

		{name: "active lost reasons", method: "GET", path: "/api/v1/lost-reasons", query: "recordType=deal",
			status: 200, answer: api.LostReasonList{Items: []api.LostReason{reason}},
			call: func(d *app.App) (any, error) {
				return d.Sales.ListLostReasons(api.RecordDeal, false)
			}},
		{name: "lost reasons with archived", method: "GET", path: "/api/v1/lost-reasons",
			query: "archived=true&recordType=lead", status: 200, answer: api.LostReasonList{Items: []api.LostReason{}},
			call: func(d *app.App) (any, error) {
				return d.Sales.ListLostReasons(api.RecordLead, true)
			}},
		{name: "create lost reason", method: "POST", path: "/api/v1/lost-reasons", create: true,
			body: `{"recordType":"deal","name":"Preis","description":"zu teuer"}`, status: 201, answer: reason,
			call: func(d *app.App) (any, error) {
				return d.Admin.CreateLostReason(api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Preis",
					Description: "zu teuer"})
			}},
		{name: "archive lost reason by patch", method: "PATCH", path: "/api/v1/lost-reasons/r1",
			body: `{"archived":true}`, ifMatch: `"1"`, status: 200, answer: reason,
			call: func(d *app.App) (any, error) {
				return d.Admin.UpdateLostReason("r1", 1, api.LostReasonPatch{Archived: ptr(true)})
			}},
		{name: "delete lost reason", method: "DELETE", path: "/api/v1/lost-reasons/r1", ifMatch: `"1"`, status: 204,
			call: func(d *app.App) (any, error) {
				return nil, d.Admin.DeleteLostReason("r1", 1)
			}},
	}
}

// TestConvertWithoutDealSendsNoDeal: the server reads a present "deal" as "create a deal", so a conversion without
// one must leave the member out rather than send null or an empty object.
func TestConvertWithoutDealSendsNoDeal(t *testing.T) {
	s := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { writeOK(w, 200, api.LeadConversion{}) })
	_, err := signedIn(t, s, client.Options{}).Sales.ConvertLead("l1", api.LeadConvert{
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
