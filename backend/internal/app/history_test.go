package app_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

// change is a FieldChange as a test names it: field, old, new (and hidden marks).
func changesOf(e api.HistoryEntry) []api.FieldChange {
	out := make([]api.FieldChange, len(e.Changes))
	for i, c := range e.Changes {
		c.Label = ""
		out[i] = c
	}
	return out
}

// TestDealHistoryHasItsChangesAndItsActivities: a deal's history after create, stage move, value change and loss,
// and an activity planned on it, done and deleted, holds each entry with its raw data (names at the time,
// decimals, days, codes, times in RFC 3339), newest first.
func TestDealHistoryHasItsChangesAndItsActivities(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	p := makePipeline(admin, api.RecordDeal, "Vertrieb", 10, 50)
	org := admin.createOrg(api.OrganizationCreate{Name: "Hansen Logistik GmbH"})
	var reason api.LostReason
	admin.call("POST", "/api/v1/lost-reasons", api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Preis zu hoch"}, 201, &reason)

	var d api.Deal
	admin.call("POST", "/api/v1/deals", api.DealCreate{Title: "Flottenausstattung", Value: "12345.67", OrganizationID: org.ID,
		PipelineID: p.ID, ExpectedCloseDate: "2027-01-31"}, 201, &d)
	admin.call("PATCH", "/api/v1/deals/"+d.ID, api.DealPatch{StageID: &p.Stages[1].ID}, 200, &d, "If-Match", etagOf(d.Version))
	admin.call("PATCH", "/api/v1/deals/"+d.ID, api.DealPatch{Value: ptr("15000")}, 200, &d, "If-Match", etagOf(d.Version))
	admin.call("PATCH", "/api/v1/deals/"+d.ID, api.DealPatch{Status: ptr(api.DealLost), LostReasonID: &reason.ID,
		LostComment: ptr("Wettbewerber 10 % günstiger")}, 200, &d, "If-Match", etagOf(d.Version))

	types := admin.activityTypes()
	due := time.Date(2027, 1, 31, 10, 0, 0, 0, berlin)
	var x api.Activity
	admin.call("POST", "/api/v1/activities", api.ActivityCreate{Title: "Angebot nachfassen", TypeID: types.Items[0].ID, DueAt: due,
		DealID: d.ID, OrganizationID: org.ID}, 201, &x)
	admin.call("PATCH", "/api/v1/activities/"+x.ID, api.ActivityPatch{Done: ptr(true)}, 200, &x, "If-Match", etagOf(x.Version))
	admin.call("PATCH", "/api/v1/activities/"+x.ID, api.ActivityPatch{Title: ptr("Angebot nachgefasst")}, 200, &x, "If-Match", etagOf(x.Version))
	admin.call("DELETE", "/api/v1/activities/"+x.ID, nil, 204, nil, "If-Match", etagOf(x.Version))

	var hist api.HistoryList
	admin.call("GET", "/api/v1/deals/"+d.ID+"/history", nil, 200, &hist)
	activity := func(title string) []api.FieldChange {
		return []api.FieldChange{{Field: "activity", New: title}, {Field: "activityType", New: types.Items[0].Name},
			{Field: "activityDue", New: "2027-01-31T09:00:00Z"}}
	}
	want := []struct {
		action  api.HistoryAction
		changes []api.FieldChange
	}{
		// A change of the title alone is no entry of the deal; the deletion names the activity as it was then.
		{api.HistoryActivityDeleted, activity("Angebot nachgefasst")},
		{api.HistoryActivityDone, activity("Angebot nachfassen")},
		{api.HistoryActivityPlanned, activity("Angebot nachfassen")},
		{api.HistoryUpdated, []api.FieldChange{{Field: "status", Old: "open", New: "lost"}, {Field: "lostReason", New: "Preis zu hoch"},
			{Field: "lostComment", New: "Wettbewerber 10 % günstiger"}}},
		{api.HistoryUpdated, []api.FieldChange{{Field: "value", Old: "12345.67", New: "15000.00"}}},
		{api.HistoryUpdated, []api.FieldChange{{Field: "stage", Old: p.Stages[0].Name, New: p.Stages[1].Name}}},
		{api.HistoryCreated, []api.FieldChange{{Field: "title", New: "Flottenausstattung"}, {Field: "value", New: "12345.67"},
			{Field: "currency", New: "EUR"}, {Field: "expectedCloseDate", New: "2027-01-31"},
			{Field: "organization", New: "Hansen Logistik GmbH", RecordType: api.RecordOrganization},
			{Field: "pipeline", New: "Vertrieb"}, {Field: "stage", New: p.Stages[0].Name}, {Field: "status", New: "open"},
			{Field: "owner", New: "Claudia Becker"}}},
	}
	if len(hist.Items) != len(want) {
		t.Fatalf("%d entries, want %d: %+v", len(hist.Items), len(want), hist.Items)
	}
	for i, w := range want {
		e := hist.Items[i]
		if e.Action != w.action || !reflect.DeepEqual(changesOf(e), w.changes) || e.ActorName != "Claudia Becker" {
			t.Errorf("entry %d: %s by %q %+v\nwant %s %+v", i, e.Action, e.ActorName, e.Changes, w.action, w.changes)
		}
	}
	// The organisation the activity linked has the same entries; the deletion is in its history too.
	admin.call("GET", "/api/v1/organizations/"+org.ID+"/history", nil, 200, &hist)
	if hist.Items[0].Action != api.HistoryActivityDeleted || hist.Items[2].Action != api.HistoryActivityPlanned {
		t.Fatalf("organisation history %+v", hist.Items[:3])
	}
}

// TestActivityInHistoryShowsItsTitleOnlyToWhoMaySeeIt: Innendienst sees every lead but only its own activities;
// in the history of a field rep's lead it reads that an activity was planned and done, without its title.
func TestActivityInHistoryShowsItsTitleOnlyToWhoMaySeeIt(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	rep := signIn(t, env, apptest.FieldRepNord)
	inside := signIn(t, env, apptest.InsideSales)
	leadPipe := makePipeline(admin, api.RecordLead, "Eingang", 10)
	var l api.Lead
	rep.call("POST", "/api/v1/leads", api.LeadCreate{Title: "Messekontakt", PipelineID: leadPipe.ID}, 201, &l)
	var x api.Activity
	rep.call("POST", "/api/v1/activities", api.ActivityCreate{Title: "Rückruf Preisliste", TypeID: rep.activityTypes().Items[0].ID,
		DueAt: time.Date(2027, 2, 1, 8, 30, 0, 0, time.UTC), LeadID: l.ID}, 201, &x)
	rep.call("PATCH", "/api/v1/activities/"+x.ID, api.ActivityPatch{Done: ptr(true)}, 200, &x, "If-Match", etagOf(x.Version))

	read := func(c *client) []api.HistoryEntry {
		var hist api.HistoryList
		c.call("GET", "/api/v1/leads/"+l.ID+"/history", nil, 200, &hist)
		if len(hist.Items) != 3 || hist.Items[0].Action != api.HistoryActivityDone || hist.Items[1].Action != api.HistoryActivityPlanned {
			t.Fatalf("lead history %+v", hist.Items)
		}
		return hist.Items
	}
	for _, e := range read(rep)[:2] {
		if c := e.Changes[0]; c.New != "Rückruf Preisliste" || c.NewHidden {
			t.Fatalf("the assignee reads %+v", c)
		}
	}
	for _, e := range read(inside)[:2] {
		if c := e.Changes[0]; c.Field != "activity" || c.New != "" || !c.NewHidden || e.Changes[2].New != "2027-02-01T08:30:00Z" {
			t.Fatalf("inside sales reads %+v", e.Changes)
		}
	}
	// Deleted, the activity is named by the assignee it had: still hidden from Innendienst, shown to the rep.
	rep.call("DELETE", "/api/v1/activities/"+x.ID, nil, 204, nil, "If-Match", etagOf(x.Version))
	var hist api.HistoryList
	inside.call("GET", "/api/v1/leads/"+l.ID+"/history", nil, 200, &hist)
	if c := hist.Items[0].Changes[0]; hist.Items[0].Action != api.HistoryActivityDeleted || c.New != "" || !c.NewHidden {
		t.Fatalf("inside sales reads the deletion %+v", hist.Items[0])
	}
	hist = api.HistoryList{}
	rep.call("GET", "/api/v1/leads/"+l.ID+"/history", nil, 200, &hist)
	if c := hist.Items[0].Changes[0]; c.New != "Rückruf Preisliste" || c.NewHidden {
		t.Fatalf("the rep reads the deletion %+v", hist.Items[0])
	}
}
