package app_test

import (
	"testing"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

func TestLeadMovesIsLostWithAReasonOrConvertedThroughTheMapping(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	inside := signIn(t, env, apptest.InsideSales)
	leadPipe := makePipeline(admin, api.RecordLead, "Qualifizierung", 10, 40, 80)
	dealPipe := makePipeline(admin, api.RecordDeal, "Verkauf", 20, 70)
	branche := admin.createField(api.RecordLead, "Branche", api.FieldKindText, false)
	sektor := admin.createField(api.RecordPerson, "Sektor", api.FieldKindText, false)
	var leadReason, dealReason api.LostReason
	admin.call("POST", "/api/v1/lost-reasons", api.LostReasonCreate{RecordType: api.RecordLead, Name: "Kein Interesse"}, 201, &leadReason)
	admin.call("POST", "/api/v1/lost-reasons", api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Zu teuer"}, 201, &dealReason)

	// Innendienst creates and works the lead.
	var l api.Lead
	inside.call("POST", "/api/v1/leads", api.LeadCreate{Title: "Anfrage Kopierer", PersonName: "Dr. Petra Schulze", Company: "Schulze Steuerberatung",
		Email: "p.schulze@schulze-stb.example", Phone: "+49 511 1234", Address: api.Address{City: "Hannover", PostalCode: "30159", Country: "DE"},
		Source: "Website", PipelineID: leadPipe.ID, Custom: api.CustomValues{branche.ID: "Steuerberatung"}}, 201, &l)
	inside.call("PATCH", "/api/v1/leads/"+l.ID, api.LeadPatch{StageID: &leadPipe.Stages[1].ID}, 200, &l, "If-Match", etagOf(l.Version))
	var b api.Board
	inside.call("POST", "/api/v1/leads/board", api.BoardQuery{PipelineID: leadPipe.ID}, 200, &b)
	if c := column(t, b, leadPipe.Stages[1].ID); c.Count != 1 || len(c.Leads) != 1 {
		t.Fatalf("lead board %+v", c)
	}
	// A deal reason does not lose a lead; a lead reason does, and reopening clears it.
	r := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/leads/" + l.ID, Token: inside.token, Header: map[string]string{"If-Match": etagOf(l.Version)},
		Body: api.LeadPatch{Status: ptr(api.LeadLost), LostReasonID: &dealReason.ID}})
	if r.Status != 422 || r.Error(t).Fields["lostReasonId"] != "not_found" {
		t.Fatalf("deal reason on a lead: %d %s", r.Status, r.Body)
	}
	inside.call("PATCH", "/api/v1/leads/"+l.ID, api.LeadPatch{Status: ptr(api.LeadLost), LostReasonID: &leadReason.ID}, 200, &l, "If-Match", etagOf(l.Version))
	inside.call("PATCH", "/api/v1/leads/"+l.ID, api.LeadPatch{Status: ptr(api.LeadOpen)}, 200, &l, "If-Match", etagOf(l.Version))
	if l.Status != api.LeadOpen || l.LostReasonID != "" {
		t.Fatalf("reopened %+v", l)
	}

	// The admin maps the lead's Branche to the person's Sektor (plus name, e-mail and company).
	admin.call("PUT", "/api/v1/lead-mapping", api.FieldMappingList{Items: []api.FieldMapping{
		{LeadField: "personName", Target: api.RecordPerson, TargetField: "name"},
		{LeadField: "email", Target: api.RecordPerson, TargetField: "email"},
		{LeadField: "custom." + branche.ID, Target: api.RecordPerson, TargetField: "custom." + sektor.ID},
		{LeadField: "company", Target: api.RecordOrganization, TargetField: "name"},
		{LeadField: "address", Target: api.RecordOrganization, TargetField: "address"},
	}}, 200, nil)
	bad := env.Do(apptest.Request{Method: "PUT", Path: "/api/v1/lead-mapping", Token: admin.token, Body: api.FieldMappingList{Items: []api.FieldMapping{
		{LeadField: "address", Target: api.RecordPerson, TargetField: "email"}, {LeadField: "nope", Target: api.RecordPerson, TargetField: "name"}}}})
	if bad.Status != 422 || bad.Error(t).Fields["items[0].targetField"] != "type" || bad.Error(t).Fields["items[1].leadField"] != "invalid" {
		t.Fatalf("bad mapping: %d %s", bad.Status, bad.Body)
	}

	// Duplicate hints: an existing person with the lead's e-mail address.
	admin.createPerson(api.PersonCreate{LastName: "Schulze", Emails: []api.ContactPoint{{Value: "p.schulze@schulze-stb.example"}}})
	var m api.LeadMatches
	inside.call("GET", "/api/v1/leads/"+l.ID+"/matches", nil, 200, &m)
	// Innendienst sees only its own persons: the admin's person is no hint for it, but is for the admin.
	if len(m.Persons) != 0 {
		t.Fatalf("inside sales sees hints %+v", m.Persons)
	}
	admin.call("GET", "/api/v1/leads/"+l.ID+"/matches", nil, 200, &m)
	if len(m.Persons) != 1 {
		t.Fatalf("admin hints %+v", m.Persons)
	}

	var conv api.LeadConversion
	inside.call("POST", "/api/v1/leads/"+l.ID+"/convert", api.LeadConvert{Person: api.ConvertTarget{Mode: api.ConvertCreate},
		Organization: api.ConvertTarget{Mode: api.ConvertCreate}, Deal: &api.ConvertDeal{PipelineID: dealPipe.ID, Value: "4800"}}, 200, &conv)
	if conv.Lead.Status != api.LeadConverted || conv.Lead.ConvertedPersonID != conv.PersonID || conv.DealID == "" || conv.Lead.ConvertedAt == nil {
		t.Fatalf("conversion %+v", conv)
	}
	var p api.Person
	inside.call("GET", "/api/v1/persons/"+conv.PersonID, nil, 200, &p)
	if p.FirstName != "Dr. Petra" || p.LastName != "Schulze" || p.Custom[sektor.ID] != "Steuerberatung" || len(p.Organizations) != 1 ||
		p.Organizations[0].OrganizationName != "Schulze Steuerberatung" || len(p.Emails) != 1 || len(p.Phones) != 0 {
		t.Fatalf("converted person %+v", p)
	}
	// The new person is found by the mapped value.
	if page := inside.persons(api.ListQuery{Custom: []api.CustomCondition{{FieldID: sektor.ID, Op: "eq", Value: "steuerberatung"}}}); page.Total != 1 {
		t.Fatalf("find by mapped value: %v", names(page.Items))
	}
	var o api.Organization
	inside.call("GET", "/api/v1/organizations/"+conv.OrganizationID, nil, 200, &o)
	var d api.Deal
	inside.call("GET", "/api/v1/deals/"+conv.DealID, nil, 200, &d)
	if o.Address.City != "Hannover" || d.Title != "Anfrage Kopierer" || d.Value != "4800.00" || d.PersonID != p.ID || d.OrganizationID != o.ID {
		t.Fatalf("organisation %+v deal %+v", o, d)
	}
	// A converted lead stays, with its unmapped fields, but cannot be converted, moved or lost again.
	inside.call("GET", "/api/v1/leads/"+l.ID, nil, 200, &l)
	if l.Source != "Website" || l.Status != api.LeadConverted {
		t.Fatalf("lead after conversion %+v", l)
	}
	r = env.Do(apptest.Request{Method: "POST", Path: "/api/v1/leads/" + l.ID + "/convert", Token: inside.token,
		Body: api.LeadConvert{Person: api.ConvertTarget{Mode: api.ConvertCreate}, Organization: api.ConvertTarget{Mode: api.ConvertNone}}})
	if r.Status != 422 || r.Error(t).Fields["status"] != "invalid" {
		t.Fatalf("second conversion: %d %s", r.Status, r.Body)
	}
	r = env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/leads/" + l.ID, Token: inside.token, Header: map[string]string{"If-Match": etagOf(l.Version)},
		Body: api.LeadPatch{Status: ptr(api.LeadLost), LostReasonID: &leadReason.ID}})
	if r.Status != 422 {
		t.Fatalf("losing a converted lead: %d %s", r.Status, r.Body)
	}
	// Converting into existing records links them instead of creating new ones.
	var l2 api.Lead
	inside.call("POST", "/api/v1/leads", api.LeadCreate{Title: "Folgeauftrag", PersonName: "Petra Schulze", PipelineID: leadPipe.ID}, 201, &l2)
	inside.call("POST", "/api/v1/leads/"+l2.ID+"/convert", api.LeadConvert{Person: api.ConvertTarget{Mode: api.ConvertExisting, ExistingID: p.ID},
		Organization: api.ConvertTarget{Mode: api.ConvertNone}}, 200, &conv)
	if conv.PersonID != p.ID || conv.OrganizationID != "" {
		t.Fatalf("existing conversion %+v", conv)
	}
	if n := countRows(t, env, "SELECT count(*) FROM persons WHERE last_name = 'Schulze'"); n != 2 {
		t.Fatalf("%d persons named Schulze", n)
	}
}
