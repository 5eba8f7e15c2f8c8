package app_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/oidc/oidctest"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/shared/api"
)

// FuzzBodyFields sends each input in every string field (and, when it is a JSON number, in every number field)
// of a valid body of every route that decodes a JSON body, and in the keys of its maps, through the real server
// on a real database: no answer may be a 5xx or lack the error envelope. The routes come from bodyRoutes, which
// fails when the app registers a POST, PUT or PATCH route it lacks. `go test` runs the seeds; `make fuzz` fuzzes.
func FuzzBodyFields(f *testing.F) {
	// The seed corpus (what `go test` runs): NUL, a bidi override, invalid UTF-8, 10,000 characters, odd days and
	// times, odd numbers (as strings, and as literals in number fields), a bare "-".
	for _, s := range []string{
		"", "a\x00b", "invoice\u202egpj.exe", "\xff\xfe", strings.Repeat("ä", 10000),
		"0000-01-01", "9999-12-31", "2026-02-30", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
		"1e400", "-0", "NaN", "99999999999999999999999999999", "-9223372036854775809", "-",
	} {
		f.Add(s)
	}
	env := apptest.Start(f, func(c *config.Config) { c.OperatorToken = fuzzOperator })
	routes := bodyRoutes(f, env)
	names := slices.Sorted(maps.Keys(routes))
	f.Fuzz(func(t *testing.T, s string) {
		e := env.For(t)
		for _, name := range names {
			r := routes[name]
			base, err := json.Marshal(r.body())
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range leavesOf(reflect.TypeOf(r.body()), nil) {
				body, ok := withValue(t, base, l, s)
				if !ok {
					continue
				}
				resp := e.Do(r.request(t, body))
				if resp.Status >= 500 || resp.Status >= 400 && resp.Error(t).Code == "" {
					t.Errorf("%s with %q in %s: %d %s", name, s, l, resp.Status, resp.Body)
				}
				if r.after != nil {
					r.after(resp, body)
				}
			}
		}
	})
}

// noJSONBody lists the POST, PUT and PATCH routes that decode no JSON body, and why: of every record kind its
// restore and its upload.
func noJSONBody() map[string]string {
	out := map[string]string{"POST /api/v1/documents/{documentID}/restore": "no body",
		"POST /api/v1/lead-sources/{sourceID}/keys":          "no body",
		"PUT /api/v1/lead-sources/{sourceID}/signing-secret": "no body",
		"POST /api/v1/notifications/read-all":                "no body",
		"PUT /api/v1/me/calendar-feed":                       "no body",
		"POST /api/v1/me/two-factor/enrolment":               "no body",
		"POST /api/v1/intake/{sourceID}/leads":               "a source's key, not a token; its lenient per-lead decoding is tested in intake_test.go",
		"POST /api/v1/imports":                               "the body is the file (imports_test.go)",
		"POST /api/v1/imports/{importID}/undo":               "no body",
		"POST /api/v1/invitations/{invitationID}/resend":     "no body",
		"POST /invitation":                                   "a page's form, not JSON (invitations_test.go sends it)",
		"POST /password-reset":                               "a page's form, not JSON (resets_test.go sends it)"}
	for _, k := range record.Kinds() {
		out["POST /api/v1/"+k.Path+"/{"+k.Param()+"}/restore"] = "no body"
		out["POST /api/v1/"+k.Path+"/{recordID}/documents"] = "the body is the file (document_test.go)"
	}
	return out
}

// bodyRoute is a route that decodes a JSON body: a valid body (its type's fields are where inputs go), the path
// and If-Match of each request, and the token that sends it.
type bodyRoute struct {
	method string
	token  string
	body   func() any
	target func(t testing.TB) (path, ifMatch string)
	// after sees each answer and the body sent (to follow a changed password).
	after func(resp *apptest.Response, sent []byte)
}

// request is one request of the route with body.
func (r bodyRoute) request(t testing.TB, body any) apptest.Request {
	p, ifMatch := r.target(t)
	req := apptest.Request{Method: r.method, Path: p, Token: r.token, Body: body}
	if ifMatch != "" {
		req.Header = map[string]string{"If-Match": ifMatch}
	}
	return req
}

// bodyRoutes makes the records the routes act on, once, and returns a route per registered pattern that takes
// a JSON body; it fails for a POST, PUT or PATCH route that is neither here nor in noJSONBody.
// fuzzOperator is the operator token of the fuzzer's server.
var fuzzOperator = strings.Repeat("fuzz-operator-", 3)

func bodyRoutes(t testing.TB, env *apptest.Env) map[string]bodyRoute {
	t.Helper()
	fx := fixture{env: env, t: t}
	admin := env.Token(apptest.Admin)
	root := env.Demo.Units["Vertriebsleitung"].String()
	repRole := env.Demo.Roles["Außendienst"].String()
	adminID := env.Demo.Users[apptest.Admin].String()
	newUser := func(email string) uuid.UUID {
		resp := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/users", Token: admin, Body: api.UserCreate{
			Email: email, Name: "Fuzz", Password: apptest.Password, UnitID: root, RoleID: repRole}})
		var u api.User
		if resp.Status != http.StatusCreated {
			t.Fatalf("user %s: %d %s", email, resp.Status, resp.Body)
		}
		resp.Decode(t, &u)
		return uuid.MustParse(u.ID)
	}
	newUser("fuzz-login@nordlicht.example")
	newUser("fuzz-password@nordlicht.example")
	patchedUser := newUser("fuzz-patch@nordlicht.example")
	passwordToken := env.Token("fuzz-password@nordlicht.example")
	refreshToken := env.Login("fuzz-login@nordlicht.example").RefreshToken // spent by the first request
	// A password reset and an invitation whose links' tokens are known, spent by the first request.
	resetToken, inviteToken := strings.Repeat("r", api.LinkTokenLength), strings.Repeat("i", api.LinkTokenLength)
	fx.exec(`INSERT INTO password_resets (tenant_id, user_id, token_hash, expires_at) VALUES (?, ?, ?, now() + interval '30 minutes')
		RETURNING id`, env.Demo.TenantID, newUser("fuzz-reset@nordlicht.example"), auth.HashLinkToken(resetToken))
	fx.exec(`INSERT INTO invitations (tenant_id, email, name, unit_id, role_id, token_hash, expires_at)
		VALUES (?, 'fuzz-eingeladen@nordlicht.example', 'Gast', ?, ?, ?, now() + interval '7 days') RETURNING id`,
		env.Demo.TenantID, root, repRole, auth.HashLinkToken(inviteToken))
	// The address near conditions refer to is geocoded once (offline gazetteer).
	if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/geocode", Token: admin, Body: api.GeocodeRequest{Query: "80331 München"}}); r.Status != 200 {
		t.Fatalf("geocode: %d %s", r.Status, r.Body)
	}
	password := apptest.Password
	if r := env.Do(apptest.Request{Method: "PUT", Path: "/api/v1/tenant/settings", Token: admin,
		Body: api.TenantSettingsInput{Language: api.LanguageDE, SupportEmail: "support@nordlicht.example"}}); r.Status != 200 {
		t.Fatalf("support address: %d %s", r.Status, r.Body)
	}

	// Single sign-on through a provider started here, so that begin reaches it (discovery) with the fuzzed bodies.
	sso := oidctest.Start(t)
	if r := env.Do(apptest.Request{Method: "PUT", Path: "/api/v1/tenant/sso", Token: admin, Body: api.SSOSettingsInput{
		Enabled: true, Issuer: sso.Issuer, ClientID: sso.ClientID, ClientSecret: &sso.ClientSecret,
		Domains: []string{"nordlicht.example"}, DefaultUnitID: root, DefaultRoleID: repRole}}); r.Status != 200 {
		t.Fatalf("single sign-on: %d %s", r.Status, r.Body)
	}
	sso.SignIn("fuzz-sso@nordlicht.example")

	person, org := fx.person(apptest.Admin), fx.org(apptest.Admin)
	fx.member(person, org)
	note := fx.note(person, apptest.Admin)
	dealPipeline, dealStages := fx.stagesOf("deal")
	sourcePipeline, sourceStages := fx.stagesOf("lead")
	source := fx.leadSource()
	leadPipeline, leadStages := fx.stagesOf("lead")
	deal := fx.exec(`INSERT INTO deals (tenant_id, owner_id, title, value, organization_id, pipeline_id, stage_id)
		VALUES (?, ?, 'Deal', 1000, ?, ?, ?) RETURNING id`, env.Demo.TenantID, env.Demo.Users[apptest.Admin], org, dealPipeline, dealStages[0])
	lead := fx.exec(`INSERT INTO leads (tenant_id, owner_id, title, person_name, pipeline_id, stage_id)
		VALUES (?, ?, 'Lead', 'Karl Kunde', ?, ?) RETURNING id`, env.Demo.TenantID, env.Demo.Users[apptest.Admin], leadPipeline, leadStages[0])
	activity, activityType := fx.activity(apptest.Admin), fx.activityType()
	unit, role, reason, filter := fx.freshUnit(), fx.freshRole(), fx.reason(), fx.filter(apptest.Admin)
	patchedPipeline, patchedStages := fx.stagesOf("deal")
	textField := func(rt string) string {
		return fx.exec(`INSERT INTO custom_fields (tenant_id, record_type, label, kind) VALUES (?, ?, ?, 'text') RETURNING id`,
			env.Demo.TenantID, rt, "Text "+uuid.NewString()[:8]).String()
	}
	personField, orgField, dealField, leadField := textField("person"), textField("organization"), textField("deal"), textField("lead")
	numberField := fx.exec(`INSERT INTO custom_fields (tenant_id, record_type, label, kind) VALUES (?, 'person', 'Zahl', 'number') RETURNING id`,
		env.Demo.TenantID).String()
	field := textField("person")
	dealReason := fx.reason().String()
	imp := fx.importOf(admin, false)
	importSettings := api.ImportSettings{Columns: []api.ImportMapping{{Column: 0, Target: "firstName", Number: api.NumberDE, Date: api.DateDMY},
		{Column: 1, Target: "lastName"}, {Column: 2, Target: "custom." + personField}}, OwnerID: adminID,
		Duplicates: api.ImportDuplicates{Target: "custom." + personField, Action: api.DuplicateUpdate}}

	fixed := func(p string) func(testing.TB) (string, string) {
		return func(testing.TB) (string, string) { return p, "" }
	}
	// versioned sends the record's current version: answers that change it leave no stale If-Match behind.
	versioned := func(p, table string, id uuid.UUID) func(testing.TB) (string, string) {
		return func(t testing.TB) (string, string) { return p, fixture{env: env, t: t}.etag(table, id) }
	}
	address := api.Address{Street: "Leopoldstraße 1", PostalCode: "80802", City: "München", Country: "DE"}
	listQuery := func(pipeline, stage, field string) api.ListQuery {
		return api.ListQuery{Search: "Müller", Owner: "me", OrganizationID: "", PostalCode: "80", City: "München", Country: "DE",
			CreatedFrom: "2020-01-01", CreatedTo: "2030-12-31", UpdatedFrom: "2020-01-01", UpdatedTo: "2030-12-31",
			Custom:     []api.CustomCondition{{FieldID: field, Op: "contains", Value: "x"}},
			PipelineID: pipeline, StageID: stage, Sort: "-createdAt", Limit: 20,
			Near: &api.Near{Address: "80331 München", RadiusKm: 50}}
	}
	dealQuery := listQuery(dealPipeline.String(), dealStages[0].String(), dealField)
	dealQuery.Status, dealQuery.ClosedFrom, dealQuery.ClosedTo = "open", "2020-01-01", "2030-12-31"
	dealQuery.CloseDateFrom, dealQuery.CloseDateTo = "2020-01-01", "2030-12-31"
	leadQuery := listQuery(leadPipeline.String(), leadStages[0].String(), leadField)
	leadQuery.Status = "open"
	query := func(q api.ListQuery) func() any { return func() any { return q } }
	value := func(v any) func() any { return func() any { return v } }
	p, o, d, l := person.String(), org.String(), deal.String(), lead.String()

	tf := twoFactorBodies(t, env, admin, newUser)

	routes := map[string]bodyRoute{
		"POST /api/v1/auth/login":   {body: value(api.LoginRequest{Email: "fuzz-login@nordlicht.example", Password: apptest.Password})},
		"POST /api/v1/auth/refresh": {body: value(api.RefreshRequest{RefreshToken: refreshToken})},
		"POST /api/v1/auth/logout":  {body: value(api.LogoutRequest{RefreshToken: "abgelaufen"})},
		// The steps after the password and the user's own TOTP: the first body is a valid one (a live challenge, a
		// right code), later ones reuse it, spent (see twoFactorBodies).
		"POST /api/v1/auth/second-factor":           {body: tf.secondFactor},
		"POST /api/v1/auth/enrolment":               {body: tf.enrolment},
		"POST /api/v1/auth/enrolment/confirm":       {body: tf.enrolmentConfirm},
		"POST /api/v1/me/two-factor/confirm":        {token: admin, body: tf.confirm},
		"POST /api/v1/me/two-factor/disable":        {token: admin, body: tf.disable},
		"POST /api/v1/me/two-factor/recovery-codes": {token: tf.renewToken, body: tf.renew},
		"POST /api/v1/me/password": {token: passwordToken,
			body: func() any { return api.PasswordChange{CurrentPassword: password, NewPassword: password} },
			after: func(resp *apptest.Response, sent []byte) {
				var in api.PasswordChange
				if resp.Status == http.StatusNoContent && json.Unmarshal(sent, &in) == nil {
					password = in.NewPassword
				}
			}},

		"POST /api/v1/auth/oidc/begin": {body: value(api.SSOBeginRequest{Email: "fuzz-sso@nordlicht.example",
			RedirectURI: "http://127.0.0.1:49152/callback"})},
		// A sign-in begun and authorized at the provider for every body: the valid one signs in.
		"POST /api/v1/auth/oidc/finish": {body: func() any {
			authURL, err := begin(env, "fuzz-sso@nordlicht.example")
			if err != nil {
				return api.SSOFinishRequest{State: err.Error()} // refused, and reported as such
			}
			code, state, err := authorize(authURL, nil)
			if err != nil {
				return api.SSOFinishRequest{State: err.Error()}
			}
			return api.SSOFinishRequest{State: state, Code: code}
		}},
		// The other company's settings, turned off (no provider is asked); the demo company's stay as set above.
		"PUT /api/v1/tenant/sso": {token: env.Token(apptest.OtherAdmin), body: value(api.SSOSettingsInput{
			Issuer: "https://accounts.google.com", ClientID: "fuzz", ClientSecret: ptr("geheim"),
			Domains: []string{"andere-firma.example"}, DefaultUnitID: env.Other.Units["Zentrale"].String(),
			DefaultRoleID: env.Other.Roles["Administrator"].String()})},
		// The reset request answers alike for every address (after the throttle's limits, 429).
		"POST /api/v1/auth/password-reset":         {body: value(api.PasswordResetRequest{Email: "fuzz-reset@nordlicht.example"})},
		"POST /api/v1/auth/password-reset/confirm": {body: value(api.LinkPassword{Token: resetToken, Password: "Neues-Passwort-9"})},
		"POST /api/v1/invitations/accept":          {body: value(api.LinkPassword{Token: inviteToken, Password: "Neues-Passwort-9"})},
		"POST /api/v1/invitations": {body: value(api.InvitationCreate{Email: "fuzz-einladung@nordlicht.example", Name: "Neu",
			UnitID: root, RoleID: repRole})},
		"POST /api/v1/operator/tenants": {token: fuzzOperator, body: value(api.OperatorTenantCreate{Name: "Neu GmbH", Plan: api.PlanBasic,
			AdminEmail: "chef@neu.example", AdminName: "Chef", Language: api.LanguageDE})},

		"POST /api/v1/notifications/read": {body: value(api.NotificationRead{IDs: []string{uuid.NewString()}})},
		"PUT /api/v1/tenant/settings": {body: value(api.TenantSettingsInput{Language: api.LanguageDE,
			SupportEmail: "support@nordlicht.example"})},
		// A rep of its own, so that the admin's requests elsewhere are not throttled by these (5 an hour: then 429).
		"POST /api/v1/support": {token: env.Token(apptest.FieldRepSued), body: value(api.SupportRequest{Subject: "Frage",
			Text: "Wie exportiere ich?", Diagnostics: &api.SupportDiagnostics{AppVersion: "0.1.0", OS: "linux/amd64",
				ServerURL: "http://127.0.0.1:8421", ErrorIDs: []string{"req-1"}}})},

		"POST /api/v1/users": {body: value(api.UserCreate{Email: "fuzz-neu@nordlicht.example", Name: "Neu", Password: apptest.Password,
			UnitID: root, RoleID: repRole})},
		"PATCH /api/v1/users/{userID}": {target: versioned("/api/v1/users/"+patchedUser.String(), "users", patchedUser),
			body: value(api.UserPatch{Name: ptr("Geändert"), UnitID: &root, RoleID: &repRole, Active: ptr(true), Password: ptr(apptest.Password)})},
		"POST /api/v1/units": {body: value(api.UnitCreate{Name: "Fuzz-Einheit", ParentID: root})},
		"PATCH /api/v1/units/{unitID}": {target: versioned("/api/v1/units/"+unit.String(), "units", unit),
			body: value(api.UnitPatch{Name: ptr("Fuzz-Einheit 2"), ParentID: &root})},
		"POST /api/v1/roles": {body: value(api.RoleCreate{Name: "Fuzz-Rolle", Grants: []api.Grant{{RecordType: api.RecordPerson,
			Action: api.ActionView, Scope: api.ScopeAll}}})},
		"PATCH /api/v1/roles/{roleID}": {target: versioned("/api/v1/roles/"+role.String(), "roles", role),
			body: value(api.RolePatch{Name: ptr("Fuzz-Rolle 2"), IsAdmin: ptr(false), Grants: &[]api.Grant{{RecordType: api.RecordDeal,
				Action: api.ActionEdit, Scope: api.ScopeOwn}}})},

		"POST /api/v1/persons/query": {body: query(listQuery("", "", personField))},
		"POST /api/v1/persons": {body: value(api.PersonCreate{Salutation: api.SalutationFrau, Title: "Dr.", FirstName: "Eva",
			LastName: "Müller", JobTitle: "Einkauf", Emails: []api.ContactPoint{{Value: "eva@example.com", Kind: api.ContactWork}},
			Phones: []api.ContactPoint{{Value: "+49 89 123456", Kind: api.ContactMobile}}, Address: address, OwnerID: adminID,
			Organizations: []api.MembershipInput{{OrganizationID: o, Role: "Einkauf", Primary: true}},
			Custom:        api.CustomValues{personField: "x", numberField: "42"}, AllowDuplicate: true})},
		"PATCH /api/v1/persons/{personID}": {target: versioned("/api/v1/persons/"+p, "persons", person),
			body: value(api.PersonPatch{Salutation: ptr(api.SalutationHerr), Title: ptr(""), FirstName: ptr("Karl"), LastName: ptr("Kunde"),
				JobTitle: ptr("Leitung"), Emails: &[]api.ContactPoint{{Value: "karl@example.com", Kind: api.ContactWork}},
				Phones: &[]api.ContactPoint{{Value: "0711 1234", Kind: api.ContactWork}}, Address: &address, OwnerID: &adminID,
				Custom: api.CustomValues{personField: "y", numberField: "7"}})},
		"PUT /api/v1/persons/{personID}/organizations/{organizationID}": {target: fixed("/api/v1/persons/" + p + "/organizations/" + o),
			body: value(api.MembershipInput{OrganizationID: o, Role: "Einkauf", Primary: true})},

		"POST /api/v1/organizations/query": {body: query(listQuery("", "", orgField))},
		"POST /api/v1/organizations": {body: value(api.OrganizationCreate{Name: "Fuzz GmbH", Address: address, Phone: "+49 89 1",
			Email: "info@example.com", Website: "https://example.com", Industry: "Handel", OwnerID: adminID,
			Custom: api.CustomValues{orgField: "x"}})},
		"PATCH /api/v1/organizations/{organizationID}": {target: versioned("/api/v1/organizations/"+o, "organizations", org),
			body: value(api.OrganizationPatch{Name: ptr("Fuzz AG"), Address: &address, Phone: ptr("+49 89 2"), Email: ptr("a@example.com"),
				Website: ptr("https://example.org"), Industry: ptr("Bau"), OwnerID: &adminID, Custom: api.CustomValues{orgField: "y"}})},

		"PATCH /api/v1/notes/{noteID}": {target: versioned("/api/v1/notes/"+note.String(), "notes", note), body: value(api.NotePatch{Body: ptr("Geändert")})},
		"POST /api/v1/geocode":         {body: value(api.GeocodeRequest{Query: "80331 München"})},
		"PUT /api/v1/presence":         {body: value(api.PresenceOpen{RecordType: api.RecordPerson, RecordID: p})},

		"POST /api/v1/custom-fields": {body: value(api.CustomFieldCreate{RecordType: api.RecordOrganization, Label: "Fuzz", Kind: api.FieldKindText, Position: 3})},
		"PATCH /api/v1/custom-fields/{fieldID}": {target: versioned("/api/v1/custom-fields/"+field, "custom_fields", uuid.MustParse(field)),
			body: value(api.CustomFieldPatch{Label: ptr("Fuzz 2"), Required: ptr(false), Position: ptr(2), Archived: ptr(false)})},
		"POST /api/v1/saved-filters": {body: value(api.SavedFilterCreate{RecordType: api.RecordDeal, Name: "Fuzz", Query: dealQuery, Shared: true})},
		"PATCH /api/v1/saved-filters/{filterID}": {target: versioned("/api/v1/saved-filters/"+filter.String(), "saved_filters", filter),
			body: value(api.SavedFilterPatch{Name: ptr("Fuzz 2"), Query: &api.ListQuery{Search: "Kunde", Sort: "name"}, Shared: ptr(false)})},

		"POST /api/v1/deals/query": {body: query(dealQuery)},
		"POST /api/v1/deals/board": {body: value(api.BoardQuery{PipelineID: dealPipeline.String(), Filter: api.ListQuery{Search: "Deal",
			Owner: "me", CloseDateFrom: "2026-01-01"}, CardsPerStage: 10})},
		"POST /api/v1/deals": {body: value(api.DealCreate{Title: "Kopierer", Value: "1234.50", Currency: "EUR", OwnerID: adminID,
			ExpectedCloseDate: "2026-12-31", PersonID: p, OrganizationID: o, PipelineID: dealPipeline.String(),
			StageID: dealStages[1].String(), Custom: api.CustomValues{dealField: "x"}})},
		"PATCH /api/v1/deals/{dealID}": {target: versioned("/api/v1/deals/"+d, "deals", deal),
			body: value(api.DealPatch{Title: ptr("Drucker"), Value: ptr("99.99"), Currency: ptr("EUR"), OwnerID: &adminID,
				ExpectedCloseDate: ptr("2027-01-31"), PersonID: &p, OrganizationID: &o, PipelineID: ptr(dealPipeline.String()),
				StageID: ptr(dealStages[1].String()), Status: ptr(api.DealOpen),
				LostReasonID: &dealReason, LostComment: ptr("zu teuer"), Custom: api.CustomValues{dealField: "y"}})},

		"POST /api/v1/leads/query": {body: query(leadQuery)},
		"POST /api/v1/leads/board": {body: value(api.BoardQuery{PipelineID: leadPipeline.String(), Filter: api.ListQuery{Search: "Lead"}, CardsPerStage: 5})},
		"POST /api/v1/leads": {body: value(api.LeadCreate{Title: "Messe", PersonName: "Eva Klein", Company: "Klein KG",
			Email: "eva@klein.example", Phone: "+49 30 1", Address: address, Source: "Messe", OwnerID: adminID,
			PipelineID: leadPipeline.String(), StageID: leadStages[0].String(), Custom: api.CustomValues{leadField: "x"}})},
		"PATCH /api/v1/leads/{leadID}": {target: versioned("/api/v1/leads/"+l, "leads", lead),
			body: value(api.LeadPatch{Title: ptr("Messe 2"), PersonName: ptr("Eva Groß"), Company: ptr("Groß KG"), Email: ptr("eva@gross.example"),
				Phone: ptr("+49 30 2"), Address: &address, Source: ptr("Web"), OwnerID: &adminID, PipelineID: ptr(leadPipeline.String()), StageID: ptr(leadStages[1].String()),
				Status: ptr(api.LeadOpen), LostComment: ptr(""), Custom: api.CustomValues{leadField: "y"}})},
		// Each conversion gets a lead of its own: a converted lead cannot be converted again.
		"POST /api/v1/leads/{leadID}/convert": {target: func(t testing.TB) (string, string) {
			return "/api/v1/leads/" + fixture{env: env, t: t}.lead(apptest.Admin).String() + "/convert", ""
		},
			body: value(api.LeadConvert{Person: api.ConvertTarget{Mode: api.ConvertCreate}, Organization: api.ConvertTarget{Mode: api.ConvertExisting, ExistingID: o},
				Deal: &api.ConvertDeal{PipelineID: dealPipeline.String(), StageID: dealStages[0].String(), Title: "Aus dem Lead", Value: "10"}})},
		"PUT /api/v1/lead-mapping": {body: value(api.FieldMappingList{Items: []api.FieldMapping{
			{LeadField: "personName", Target: api.RecordPerson, TargetField: "name"},
			{LeadField: "company", Target: api.RecordOrganization, TargetField: "name"}}})},

		"POST /api/v1/pipelines": {body: value(api.PipelineCreate{RecordType: api.RecordLead, Name: "Fuzz",
			Stages: []api.StageInput{{Name: "Neu", Probability: 10}}})},
		"PATCH /api/v1/pipelines/{pipelineID}": {target: versioned("/api/v1/pipelines/"+patchedPipeline.String(), "pipelines", patchedPipeline),
			body: value(api.PipelinePatch{Name: ptr("Fuzz 2"), Stages: &[]api.StageInput{{ID: patchedStages[0].String(), Name: "Erst", Probability: 10},
				{ID: patchedStages[1].String(), Name: "Zweit", Probability: 50}}, MoveTo: map[string]string{patchedStages[1].String(): patchedStages[0].String()}})},
		"POST /api/v1/lead-sources": {body: value(api.LeadSourceCreate{Name: "Fuzz", Active: true, PipelineID: sourcePipeline.String(),
			StageID: sourceStages[0].String(), FallbackOwnerID: adminID, RateLimit: 60,
			Mapping: []api.SourceFieldMapping{{From: "Firma", To: "company"}, {From: "PLZ", To: "postalCode"}},
			Rules:   []api.AssignmentRule{{PostalFrom: "20", PostalTo: "29", Countries: []string{"DE"}, UserID: adminID}}})},
		"PATCH /api/v1/lead-sources/{sourceID}": {target: versioned("/api/v1/lead-sources/"+source.String(), "lead_sources", source),
			body: value(api.LeadSourcePatch{Name: ptr("Fuzz 2"), Active: ptr(true), RateLimit: ptr(30),
				Mapping: &[]api.SourceFieldMapping{{From: "Ort", To: "city"}}, Rules: &[]api.AssignmentRule{{UnitID: root}}})},
		"POST /api/v1/lead-sources/{sourceID}/preview": {target: fixed("/api/v1/lead-sources/" + source.String() + "/preview"),
			body: value(api.LeadSourcePreviewRequest{Payload: `{"externalId": "F-1", "fields": {"Firma": "Fuzz GmbH"}}`})},
		"POST /api/v1/lost-reasons": {body: value(api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Fuzz", Description: "Preis"})},
		"PATCH /api/v1/lost-reasons/{reasonID}": {target: versioned("/api/v1/lost-reasons/"+reason.String(), "lost_reasons", reason),
			body: value(api.LostReasonPatch{Name: ptr("Fuzz 2"), Description: ptr("Zeit"), Archived: ptr(false)})},
		"POST /api/v1/activity-types": {body: value(api.ActivityTypeCreate{Name: "Fuzz", Color: "#228be6", Icon: "phone"})},
		"PATCH /api/v1/activity-types/{typeID}": {target: versioned("/api/v1/activity-types/"+activityType.String(), "activity_types", activityType),
			body: value(api.ActivityTypePatch{Name: ptr("Fuzz 2"), Color: ptr("#fa5252"), Icon: ptr("mail"), Position: ptr(2), Archived: ptr(false)})},

		"POST /api/v1/activities/query": {body: value(api.ActivityQuery{Assignee: "me", Due: "week", DueFrom: "2026-01-01", DueTo: "2026-12-31",
			DoneFrom: "2026-01-01", DoneTo: "2026-12-31", TypeID: activityType.String(), Status: "open", RecordType: api.RecordPerson,
			RecordID: p, Limit: 10})},
		"POST /api/v1/activities": {body: value(api.ActivityCreate{Title: "Anruf", Comment: "Rückruf erbeten", TypeID: activityType.String(),
			DueAt: time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC), DurationMinutes: 30, AssigneeID: adminID, PersonID: p,
			OrganizationID: o, DealID: d, LeadID: l})},
		"PATCH /api/v1/activities/{activityID}": {target: versioned("/api/v1/activities/"+activity.String(), "activities", activity),
			body: value(api.ActivityPatch{Title: ptr("Termin"), Comment: ptr(""), TypeID: ptr(activityType.String()),
				DueAt: ptr(time.Date(2026, 7, 1, 14, 0, 0, 0, time.UTC)), DurationMinutes: ptr(60), Done: ptr(false), AssigneeID: &adminID,
				PersonID: &p, OrganizationID: &o, DealID: &d, LeadID: &l})},

		"POST /api/v1/activities/export": {body: value(api.ActivityExportRequest{Query: api.ActivityQuery{Assignee: "me",
			DueFrom: "2026-01-01", TypeID: activityType.String(), Status: "open"}, ExportOptions: exportOptions(api.RecordActivity)})},

		"POST /api/v1/dashboard": {body: value(api.DashboardQuery{Scope: api.DashboardAll, PipelineID: dealPipeline.String()})},

		"POST /api/v1/imports/{importID}/analysis": {target: fixed("/api/v1/imports/" + imp.ID + "/analysis"),
			body: value(api.ImportReadOptions{Sheet: "", HeaderRow: 1, Encoding: api.EncodingUTF8, Delimiter: ";"})},
		"POST /api/v1/imports/{importID}/preview": {target: fixed("/api/v1/imports/" + imp.ID + "/preview"), body: value(importSettings)},
		"POST /api/v1/imports/{importID}/start": {target: func(t testing.TB) (string, string) {
			return "/api/v1/imports/" + fixture{env: env.For(t), t: t}.importOf(admin, false).ID + "/start", ""
		}, body: value(importSettings)},
	}
	// Of every record kind its map (the body of its list) and a note on its record.
	kindQuery := map[api.RecordType]api.ListQuery{api.RecordPerson: listQuery("", "", personField),
		api.RecordOrganization: listQuery("", "", orgField), api.RecordDeal: dealQuery, api.RecordLead: leadQuery}
	kindRecord := map[api.RecordType]string{api.RecordPerson: p, api.RecordOrganization: o, api.RecordDeal: d, api.RecordLead: l}
	for _, k := range record.Kinds() {
		q, ok := kindQuery[k.Type]
		id, ok2 := kindRecord[k.Type]
		if !ok || !ok2 {
			t.Fatalf("record kind %s has no list query or record in bodyRoutes", k.Type)
		}
		routes["POST /api/v1/"+k.Path+"/map"] = bodyRoute{body: query(q)}
		routes["POST /api/v1/"+k.Path+"/count"] = bodyRoute{body: query(q)}
		routes["POST /api/v1/"+k.Path+"/export"] = bodyRoute{body: value(api.ExportRequest{Query: q, ExportOptions: exportOptions(k.Type)})}
		routes["POST /api/v1/"+k.Path+"/{recordID}/notes"] = bodyRoute{target: fixed("/api/v1/" + k.Path + "/" + id + "/notes"),
			body: value(api.NoteCreate{Body: "Rückruf"})}
	}
	noBody := noJSONBody()
	for _, route := range registeredRoutes(env) {
		method, p, _ := strings.Cut(route, " ")
		if method != "POST" && method != "PUT" && method != "PATCH" {
			continue
		}
		r, ok := routes[route]
		switch {
		case ok && noBody[route] != "":
			t.Errorf("route %q is both fuzzed and listed as taking no JSON body", route)
		case !ok && noBody[route] == "":
			t.Errorf("route %q decodes a body but has no row in bodyRoutes (or noJSONBody)", route)
		case ok:
			r.method = method
			if r.token == "" && !strings.HasPrefix(p, "/api/v1/auth/") {
				r.token = admin
			}
			if r.target == nil {
				r.target = fixed(p)
			}
			routes[route] = r
		}
	}
	for route, r := range routes {
		if r.method == "" {
			t.Errorf("bodyRoutes has %q, which the app does not register", route)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	// Every body as it is must pass: a body refused for another field would test only the validation.
	for _, route := range slices.Sorted(maps.Keys(routes)) {
		r := routes[route]
		resp := env.Do(r.request(t, r.body()))
		if resp.Status >= 300 {
			t.Errorf("%s: the valid body is refused: %d %s", route, resp.Status, resp.Body)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	return routes
}

// A leaf is where an input goes in a body: a path of object keys and array indices (0), where mapKey stands for
// the key of a map entry and mapValue for its value; number marks a JSON number.
type leaf struct {
	path   []any
	number bool
}

type (
	mapKey   struct{}
	mapValue struct{}
)

func (l leaf) String() string {
	var b strings.Builder
	for i, p := range l.path {
		switch p := p.(type) {
		case string:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p)
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		case mapKey:
			b.WriteString(".<key>")
		case mapValue:
			b.WriteString(".<value>")
		}
	}
	return b.String()
}

var timeType = reflect.TypeFor[time.Time]()

// leavesOf lists the string and number leaves of a wire type (times are strings in JSON).
func leavesOf(t reflect.Type, path []any) []leaf {
	at := func(p any) []any { return append(slices.Clip(path), p) }
	switch t.Kind() {
	case reflect.Pointer:
		return leavesOf(t.Elem(), path)
	case reflect.String:
		return []leaf{{path: path}}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16,
		reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return []leaf{{path: path, number: true}}
	case reflect.Slice, reflect.Array:
		return leavesOf(t.Elem(), at(0))
	case reflect.Map:
		return append([]leaf{{path: at(mapKey{})}}, leavesOf(t.Elem(), at(mapValue{}))...)
	case reflect.Struct:
		if t == timeType {
			return []leaf{{path: path}}
		}
		var out []leaf
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			out = append(out, leavesOf(f.Type, at(name))...)
		}
		return out
	}
	return nil
}

// fuzzMark stands in the body for the input until the body is encoded, so that the input goes out byte for byte
// (json.Marshal would make invalid UTF-8 valid).
const fuzzMark = "\uE000fuzz\uE000"

// withValue returns base (JSON) with s at l: as a string, or as a raw number literal at a number leaf when s is
// one (ok false otherwise).
func withValue(t *testing.T, base []byte, l leaf, s string) ([]byte, bool) {
	var tree any
	dec := json.NewDecoder(bytes.NewReader(base))
	dec.UseNumber()
	if err := dec.Decode(&tree); err != nil {
		t.Fatal(err)
	}
	var v any = fuzzMark
	if l.number {
		if !isJSONNumber(s) {
			return nil, false
		}
		v = json.Number(s)
	}
	raw, err := json.Marshal(set(tree, l.path, v))
	if err != nil {
		t.Fatalf("%s: %v", l, err)
	}
	mark, _ := json.Marshal(fuzzMark)
	return bytes.ReplaceAll(raw, mark, rawJSONString(s)), true
}

func isJSONNumber(s string) bool {
	return s != "" && (s[0] == '-' || s[0] >= '0' && s[0] <= '9') && json.Valid([]byte(s))
}

// set puts v at path in a decoded JSON tree, making what is missing on the way.
func set(node any, path []any, v any) any {
	if len(path) == 0 {
		return v
	}
	switch p := path[0].(type) {
	case string:
		m, _ := node.(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		m[p] = set(m[p], path[1:], v)
		return m
	case int:
		a, _ := node.([]any)
		if len(a) == 0 {
			a = []any{nil}
		}
		a[0] = set(a[0], path[1:], v)
		return a
	case mapKey: // the map's first entry, under the input as its key
		m, _ := node.(map[string]any)
		var val any = "x"
		if k := firstKey(m); k != "" {
			val = m[k]
		}
		return map[string]any{fuzzMark: val}
	case mapValue:
		m, _ := node.(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		k := firstKey(m)
		if k == "" {
			k = "fuzz"
		}
		m[k] = set(m[k], path[1:], v)
		return m
	}
	panic(fmt.Sprintf("set: path element %T", path[0]))
}

func firstKey(m map[string]any) string {
	if len(m) == 0 {
		return ""
	}
	return slices.Sorted(maps.Keys(m))[0]
}

// rawJSONString quotes s for JSON escaping only what JSON requires (quote, backslash, C0 controls): other bytes,
// invalid UTF-8 among them, go out as they are.
func rawJSONString(s string) []byte {
	b := []byte{'"'}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = fmt.Appendf(b, `\u%04x`, c)
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// exportOptions are options of an export of the record type with every field set: its first and last standard
// columns, CSV in the comma style, English.
func exportOptions(rt api.RecordType) api.ExportOptions {
	cols := api.ExportColumnsByType[rt]
	return api.ExportOptions{Columns: []string{string(cols[0]), string(cols[len(cols)-1])}, Format: api.ExportCSV,
		CSVStyle: api.CSVComma, Language: api.LanguageEN}
}

// twoFactorFuzz makes the bodies of the two-factor routes: each valid the first time (when bodyRoutes checks
// that the valid body passes, in the order of the routes' names), then the same body again, spent, whose
// variations the fuzzer sends.
type twoFactorFuzz struct {
	secondFactor, enrolment, enrolmentConfirm, confirm, disable, renew func() any
	// renewToken is the token of a user with TOTP on, whose first renewal of the recovery codes succeeds.
	renewToken string
}

func twoFactorBodies(t testing.TB, env *apptest.Env, admin string, newUser func(string) uuid.UUID) twoFactorFuzz {
	t.Helper()
	ctx := context.Background()
	// challenge stores a live sign-in challenge of kind for the user and returns its token.
	challenge := func(user uuid.UUID, kind api.ChallengeKind) string {
		tok := uuid.NewString()
		h := sha256.Sum256([]byte(tok))
		if _, err := env.DB.Owner.NewRaw(`INSERT INTO signin_challenges (token_hash, tenant_id, user_id, kind, expires_at)
			VALUES (?, ?, ?, ?, now() + interval '1 hour')`, h[:], env.Demo.TenantID, user, kind).Exec(ctx); err != nil {
			t.Fatalf("challenge: %v", err)
		}
		return tok
	}
	secretOf := func(user uuid.UUID) string {
		var secret string
		if err := env.DB.Owner.NewRaw("SELECT secret FROM user_totp WHERE user_id = ?", user).Scan(ctx, &secret); err != nil {
			t.Fatalf("totp secret: %v", err)
		}
		box, err := env.Config.SecretBox()
		if err != nil {
			t.Fatal(err)
		}
		if secret, err = box.Open(env.Demo.TenantID, secretbox.TOTPSecret, user, secret); err != nil {
			t.Fatalf("totp secret: %v", err)
		}
		return secret
	}
	code := func(secret string, offset int) string {
		c, err := totp.GenerateCodeCustom(secret, time.Now().Add(time.Duration(offset)*30*time.Second),
			totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	once := func(make func() any) func() any {
		var v any
		return func() any {
			if v == nil {
				v = make()
			}
			return v
		}
	}
	withTOTP, enrolling := newUser("fuzz-totp@nordlicht.example"), newUser("fuzz-enrol@nordlicht.example")
	const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	if _, err := env.DB.Owner.NewRaw(`INSERT INTO user_totp (tenant_id, user_id, secret, confirmed_at) VALUES (?, ?, ?, now())`,
		env.Demo.TenantID, withTOTP, secret).Exec(ctx); err != nil {
		t.Fatalf("totp: %v", err)
	}
	enrolChallenge := challenge(enrolling, api.ChallengeEnrol)
	adminID := env.Demo.Users[apptest.Admin]
	// Signed in before TOTP is on (then the password alone opens a session).
	renewing := newUser("fuzz-renew@nordlicht.example")
	renewToken := env.Token("fuzz-renew@nordlicht.example")
	if _, err := env.DB.Owner.NewRaw(`INSERT INTO user_totp (tenant_id, user_id, secret, confirmed_at) VALUES (?, ?, ?, now())`,
		env.Demo.TenantID, renewing, secret).Exec(ctx); err != nil {
		t.Fatalf("totp: %v", err)
	}
	return twoFactorFuzz{
		renewToken: renewToken,
		renew:      once(func() any { return api.TOTPCode{Code: code(secret, 0)} }),
		secondFactor: once(func() any {
			return api.SecondFactorRequest{Challenge: challenge(withTOTP, api.ChallengeCode), Code: code(secret, 0)}
		}),
		enrolment: once(func() any { return api.EnrolmentRequest{Challenge: enrolChallenge} }),
		enrolmentConfirm: once(func() any {
			return api.EnrolmentConfirmRequest{Challenge: enrolChallenge, Code: code(secretOf(enrolling), 0)}
		}),
		confirm: once(func() any {
			if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/me/two-factor/enrolment", Token: admin}); r.Status != 200 {
				t.Fatalf("enrolment: %d %s", r.Status, r.Body)
			}
			return api.TOTPCode{Code: code(secretOf(adminID), -1)}
		}),
		disable: once(func() any { return api.TOTPCode{Code: code(secretOf(adminID), 0)} }),
	}
}
