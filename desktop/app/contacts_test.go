package app_test

import (
	"reflect"
	"testing"

	"github.com/1sales/app/shared/api"
)

// TestRecordServicesNeedASession calls every bound method of the contact, record, sales and admin services with
// zero arguments while signed out: each must answer the 401 that brings up the sign-in form, without a request.
func TestRecordServicesNeedASession(t *testing.T) {
	needsASession(t, func(d *desk) map[string]any {
		return map[string]any{"Contacts": d.Contacts, "Records": d.Records, "Sales": d.Sales, "Admin": d.Admin}
	})
}

func TestRecordServicesPassTheServersAnswerThrough(t *testing.T) {
	b := newBackend(t)
	d := newDesk(t, b.URL)
	d.login(t, b.URL)

	// The stand-in backend answers 404 on every route it does not know.
	_, err := d.Contacts.GetPerson("p1")
	apiErr(t, err, 404, api.CodeNotFound)
	_, err = d.Records.History(api.RecordOrganization, "o1")
	apiErr(t, err, 404, api.CodeNotFound)
	err = d.Admin.ArchiveCustomField("f1", 2)
	apiErr(t, err, 404, api.CodeNotFound)
	_, err = d.Sales.ConvertLead("l1", api.LeadConvert{Person: api.ConvertTarget{Mode: api.ConvertCreate}})
	apiErr(t, err, 404, api.CodeNotFound)
	_, err = d.Sales.OrganizationDeals("o1")
	apiErr(t, err, 404, api.CodeNotFound)
	_, err = d.Admin.UpdatePipeline("pl1", 3, api.PipelinePatch{MoveTo: map[string]string{"s1": "s2"}})
	apiErr(t, err, 404, api.CodeNotFound)

	b.mu.Lock()
	defer b.mu.Unlock()
	want := []string{"GET /api/v1/persons/p1", "GET /api/v1/organizations/o1/history", "DELETE /api/v1/custom-fields/f1",
		"POST /api/v1/leads/l1/convert", "GET /api/v1/organizations/o1/deals", "PATCH /api/v1/pipelines/pl1"}
	if got := b.paths[len(b.paths)-len(want):]; !reflect.DeepEqual(got, want) {
		t.Fatalf("requests %v, want %v", got, want)
	}
}
