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

// TestConversionFillsRequiredCustomFieldsOfTheNewRecords: a new organisation, person or deal whose record type has
// a required custom field is refused with that field named under its part of the conversion (nothing is created),
// and created with the values the dialog sends (on top of the mapping, which it may override).
func TestConversionFillsRequiredCustomFieldsOfTheNewRecords(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	leadPipe := makePipeline(admin, api.RecordLead, "Eingang", 10)
	dealPipe := makePipeline(admin, api.RecordDeal, "Verkauf", 20)
	kundennr := admin.createField(api.RecordOrganization, "Kundennummer", api.FieldKindText, true)
	size := admin.createField(api.RecordPerson, "Mitarbeiterzahl", api.FieldKindNumber, true)
	region := admin.createField(api.RecordDeal, "Region", api.FieldKindText, true)
	leadNo := admin.createField(api.RecordLead, "Kundennummer (Lead)", api.FieldKindText, false)

	var l api.Lead
	admin.call("POST", "/api/v1/leads", api.LeadCreate{Title: "Kopierer", PersonName: "Eva Roth", Company: "Roth KG",
		PipelineID: leadPipe.ID, Custom: api.CustomValues{leadNo.ID: "K-77"}}, 201, &l)
	convert := func(in api.LeadConvert) *apptest.Response {
		return env.Do(apptest.Request{Method: "POST", Path: "/api/v1/leads/" + l.ID + "/convert", Token: admin.token, Body: in})
	}
	create := api.ConvertTarget{Mode: api.ConvertCreate}
	r := convert(api.LeadConvert{Person: create, Organization: create, Deal: &api.ConvertDeal{PipelineID: dealPipe.ID}})
	if r.Status != 422 || r.Error(t).Fields["organization.custom."+kundennr.ID] != api.FieldRequired {
		t.Fatalf("without the organisation's required field: %d %s", r.Status, r.Body)
	}
	// The organisation's value is given; the person's is of the wrong type, the deal's still missing.
	r = convert(api.LeadConvert{Person: api.ConvertTarget{Mode: api.ConvertCreate, Custom: api.CustomValues{size.ID: "viele"}},
		Organization: api.ConvertTarget{Mode: api.ConvertCreate, Custom: api.CustomValues{kundennr.ID: "K-1"}},
		Deal:         &api.ConvertDeal{PipelineID: dealPipe.ID}})
	if r.Status != 422 || r.Error(t).Fields["person.custom."+size.ID] != api.FieldType {
		t.Fatalf("a wrong person value: %d %s", r.Status, r.Body)
	}
	r = convert(api.LeadConvert{Person: api.ConvertTarget{Mode: api.ConvertCreate, Custom: api.CustomValues{size.ID: "12"}},
		Organization: api.ConvertTarget{Mode: api.ConvertCreate, Custom: api.CustomValues{kundennr.ID: "K-1"}},
		Deal:         &api.ConvertDeal{PipelineID: dealPipe.ID}})
	if r.Status != 422 || r.Error(t).Fields["deal.custom."+region.ID] != api.FieldRequired {
		t.Fatalf("without the deal's required field: %d %s", r.Status, r.Body)
	}
	if n := countRows(t, env, "SELECT count(*) FROM organizations WHERE name = 'Roth KG'"); n != 0 {
		t.Fatalf("a refused conversion left %d organisations", n)
	}

	// The mapping fills the organisation's field from the lead; the dialog's value replaces it.
	admin.call("PUT", "/api/v1/lead-mapping", api.FieldMappingList{Items: []api.FieldMapping{
		{LeadField: "personName", Target: api.RecordPerson, TargetField: "name"},
		{LeadField: "company", Target: api.RecordOrganization, TargetField: "name"},
		{LeadField: "custom." + leadNo.ID, Target: api.RecordOrganization, TargetField: "custom." + kundennr.ID},
	}}, 200, nil)
	var conv api.LeadConversion
	admin.call("POST", "/api/v1/leads/"+l.ID+"/convert", api.LeadConvert{Person: api.ConvertTarget{Mode: api.ConvertCreate, Custom: api.CustomValues{size.ID: "12"}},
		Organization: create, Deal: &api.ConvertDeal{PipelineID: dealPipe.ID, Custom: api.CustomValues{region.ID: "Nord"}}}, 200, &conv)
	var o api.Organization
	admin.call("GET", "/api/v1/organizations/"+conv.OrganizationID, nil, 200, &o)
	var p api.Person
	admin.call("GET", "/api/v1/persons/"+conv.PersonID, nil, 200, &p)
	var d api.Deal
	admin.call("GET", "/api/v1/deals/"+conv.DealID, nil, 200, &d)
	if o.Custom[kundennr.ID] != "K-77" || p.Custom[size.ID] != "12" || d.Custom[region.ID] != "Nord" {
		t.Fatalf("values: organisation %v person %v deal %v", o.Custom, p.Custom, d.Custom)
	}

	var l2 api.Lead
	admin.call("POST", "/api/v1/leads", api.LeadCreate{Title: "Toner", Company: "Roth KG Süd", PipelineID: leadPipe.ID,
		Custom: api.CustomValues{leadNo.ID: "K-78"}}, 201, &l2)
	admin.call("POST", "/api/v1/leads/"+l2.ID+"/convert", api.LeadConvert{Person: api.ConvertTarget{Mode: api.ConvertNone},
		Organization: api.ConvertTarget{Mode: api.ConvertCreate, Custom: api.CustomValues{kundennr.ID: "K-99"}}}, 200, &conv)
	admin.call("GET", "/api/v1/organizations/"+conv.OrganizationID, nil, 200, &o)
	if o.Custom[kundennr.ID] != "K-99" {
		t.Fatalf("the dialog's value does not replace the mapped one: %v", o.Custom)
	}
}
