package app_test

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/shared/api"
)

func TestOperatorAPICreatesACompanyWithItsFirstAdminsInvitation(t *testing.T) {
	in := api.OperatorTenantCreate{Name: "Neue Kunde GmbH", Plan: api.PlanBasic, AdminEmail: "chefin@neue-kunde.example",
		AdminName: "Clara Chefin", Language: api.LanguageEN}
	create := func(e *linkEnv, token string, in any) *apptest.Response {
		return e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/operator/tenants", Token: token, Body: in})
	}
	// Without an operator token configured the API does not exist.
	off := startLinks(t)
	for _, token := range []string{"", strings.Repeat("o", 40), off.Token(apptest.Admin)} {
		if r := create(off, token, in); r.Status != http.StatusNotFound {
			t.Errorf("unconfigured, token %q: %d %s", token[:min(len(token), 8)], r.Status, r.Body)
		}
	}

	operator := strings.Repeat("operator-secret-", 3)
	e := startLinks(t, func(c *config.Config) { c.OperatorToken = operator })
	for _, token := range []string{"", operator + "x", operator[:len(operator)-1], e.Token(apptest.Admin)} {
		wantError(t, "a wrong operator token", create(e, token, in), http.StatusUnauthorized, api.CodeUnauthenticated, nil)
	}
	for _, c := range []struct {
		name   string
		in     api.OperatorTenantCreate
		fields map[string]api.FieldCode
	}{
		{"no name, unknown plan", api.OperatorTenantCreate{Plan: "gold", AdminEmail: in.AdminEmail, AdminName: "A"},
			map[string]api.FieldCode{"name": api.FieldRequired, "plan": api.FieldInvalid}},
		{"malformed address, 10,000-character name", api.OperatorTenantCreate{Name: "X", Plan: api.PlanBasic, AdminEmail: "chefin@",
			AdminName: strings.Repeat("x", 10000)}, map[string]api.FieldCode{"adminEmail": api.FieldInvalid, "adminName": api.FieldTooLong}},
		{"unknown language", api.OperatorTenantCreate{Name: "X", Plan: api.PlanBasic, AdminEmail: in.AdminEmail, AdminName: "A", Language: "fr"},
			map[string]api.FieldCode{"language": api.FieldInvalid}},
	} {
		wantError(t, c.name, create(e, operator, c.in), http.StatusUnprocessableEntity, api.CodeValidation, c.fields)
	}
	r := create(e, operator, in)
	if r.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	var out api.OperatorTenant
	r.Decode(t, &out)
	msg, path, token := e.mailTo(in.AdminEmail)
	if !strings.Contains(msg.Subject, "Invitation to Neue Kunde GmbH") || !strings.Contains(msg.Text, "first administrator") {
		t.Errorf("mail: %q\n%s", msg.Subject, msg.Text)
	}
	if r := e.postForm(path, url.Values{"token": {token}, "password": {newPassword}, "confirm": {newPassword}}); r.Status != http.StatusOK {
		t.Fatalf("accept on the page: %d %s", r.Status, r.Body)
	}
	status, s := e.signIn(in.AdminEmail, newPassword)
	if status != http.StatusOK || s.Me.Tenant.ID != out.TenantID || s.Me.Tenant.Name != in.Name || s.Me.Tenant.Plan != api.PlanBasic ||
		!s.Me.Role.IsAdmin || s.Me.Unit.Name != in.Name || s.Me.User.Name != in.AdminName {
		t.Fatalf("the first admin: %d %+v", status, s.Me)
	}
	// The new company is set up like any other: roles, activity types, its language; and the admin invites the team.
	for _, p := range []string{"/api/v1/roles", "/api/v1/activity-types"} {
		if r := e.Do(apptest.Request{Method: http.MethodGet, Path: p, Token: s.AccessToken}); r.Status != http.StatusOK || !bytes.Contains(r.Body, []byte(`"id"`)) {
			t.Errorf("%s: %d %s", p, r.Status, r.Body)
		}
	}
	var set api.TenantSettings
	e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/tenant/settings", Token: s.AccessToken}).Decode(t, &set)
	if set.Language != api.LanguageEN {
		t.Errorf("settings: %+v", set)
	}
	// The first-run checklist: nothing done in the new company; each step ticked by what is made.
	checklist := func() []api.SetupStep {
		t.Helper()
		var c api.SetupChecklist
		r := e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/tenant/checklist", Token: s.AccessToken})
		if r.Status != http.StatusOK {
			t.Fatalf("checklist: %d %s", r.Status, r.Body)
		}
		r.Decode(t, &c)
		if !c.Offered {
			t.Errorf("the new company's checklist is not offered: %+v", c)
		}
		return c.Done
	}
	if done := checklist(); len(done) != 0 {
		t.Errorf("a new company's checklist: %v done", done)
	}
	if r := e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/invitations", Token: s.AccessToken, Body: api.InvitationCreate{
		Email: "kollege@neue-kunde.example", Name: "Kollege", UnitID: s.Me.Unit.ID, RoleID: s.Me.Role.ID}}); r.Status != http.StatusCreated {
		t.Fatalf("the first admin invites: %d %s", r.Status, r.Body)
	}
	if r := e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/units", Token: s.AccessToken, Body: api.UnitCreate{
		Name: "Vertrieb", ParentID: s.Me.Unit.ID}}); r.Status != http.StatusCreated {
		t.Fatalf("unit: %d %s", r.Status, r.Body)
	}
	if done := checklist(); !slices.Equal(done, []api.SetupStep{api.SetupTeam, api.SetupUnits}) {
		t.Errorf("after an invitation and a unit: %v done", done)
	}
	// The demo company (as the tests provision it: users and units, no pipelines) likewise.
	var demo api.SetupChecklist
	e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/tenant/checklist", Token: e.Token(apptest.Admin)}).Decode(t, &demo)
	if !slices.Equal(demo.Done, []api.SetupStep{api.SetupTeam, api.SetupUnits}) {
		t.Errorf("the demo company's checklist: %v", demo.Done)
	}
	// ... but it is not offered there: the demo company is no new customer company.
	if demo.Offered {
		t.Errorf("the demo company is offered the first-run checklist: %+v", demo)
	}
	// Nor to a new company after its first 30 days.
	if _, err := e.DB.Owner.ExecContext(t.Context(), "UPDATE tenants SET setup_until = now() - interval '1 second' WHERE id = ?",
		out.TenantID); err != nil {
		t.Fatal(err)
	}
	var late api.SetupChecklist
	e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/tenant/checklist", Token: s.AccessToken}).Decode(t, &late)
	if late.Offered {
		t.Errorf("the checklist is offered after its 30 days: %+v", late)
	}

	// The same admin address again: the account exists (in the new company now).
	if r := create(e, operator, in); r.Status != http.StatusCreated {
		t.Errorf("a second company for the same address: %d %s", r.Status, r.Body)
	} else if n := e.mailsTo(in.AdminEmail); n != 1 {
		t.Errorf("%d mails to the address, which has an account in another company now (want the first only)", n)
	}
}
