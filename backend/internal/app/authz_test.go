package app_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// The actors of the authorization table: every seeded role, a signed-out caller, a deactivated user and the admin
// of another tenant.
const (
	signedOut   = "signed-out"
	deactivated = "deactivated"
	otherTenant = "other-tenant-admin"
	admin       = "admin"
	manager     = "manager"
	fieldRep    = "field-rep"
	insideSales = "inside-sales"
)

var actors = []string{signedOut, deactivated, otherTenant, admin, manager, fieldRep, insideSales}

// fixture gives each case fresh records to act on, so cases do not depend on each other.
type fixture struct {
	env *apptest.Env
	t   testing.TB
}

func (f fixture) exec(query string, args ...any) uuid.UUID {
	var id uuid.UUID
	if err := f.env.DB.Owner.NewRaw(query, args...).Scan(context.Background(), &id); err != nil {
		f.t.Fatalf("fixture: %v", err)
	}
	return id
}

// calendarFeed gives a user a new calendar feed and returns its path.
func (f fixture) calendarFeed(email string) string {
	var out api.CalendarFeedToken
	resp := f.env.Do(apptest.Request{Method: "PUT", Path: "/api/v1/me/calendar-feed", Token: f.env.Token(email)})
	if resp.Status != http.StatusOK {
		f.t.Fatalf("fixture: calendar feed: %d %s", resp.Status, resp.Body)
	}
	resp.Decode(f.t, &out)
	return out.Path
}

// freshUnit makes an empty unit below the demo root.
func (f fixture) freshUnit() uuid.UUID {
	return f.exec("INSERT INTO units (tenant_id, parent_id, name) VALUES (?, ?, ?) RETURNING id",
		f.env.Demo.TenantID, f.env.Demo.Units["Vertriebsleitung"], "Tabelle "+uuid.NewString()[:8])
}

// freshRole makes a role nobody holds.
func (f fixture) freshRole() uuid.UUID {
	return f.exec("INSERT INTO roles (tenant_id, name) VALUES (?, ?) RETURNING id", f.env.Demo.TenantID, "Rolle "+uuid.NewString()[:8])
}

func (f fixture) etag(table string, id uuid.UUID) string {
	var v int64
	if err := f.env.DB.Owner.NewRaw("SELECT version FROM ? WHERE id = ?", bunIdent(table), id).Scan(context.Background(), &v); err != nil {
		f.t.Fatalf("fixture: version: %v", err)
	}
	return fmt.Sprintf(`"%d"`, v)
}

type routeCase struct {
	method string
	// prepare returns the path, the body and the If-Match header (if any) for one request.
	prepare func(f fixture, s session) (path string, body any, ifMatch string)
	// header is sent with every request of the case (e.g. the Content-Type of an upload).
	header map[string]string
	want   map[string]int
}

type session struct {
	access, refresh, email string
}

// every gives all actors the same status except the overrides.
func every(status int, overrides map[string]int) map[string]int {
	m := map[string]int{}
	for _, a := range actors {
		m[a] = status
	}
	for k, v := range overrides {
		m[k] = v
	}
	return m
}

var unauth = map[string]int{signedOut: 401, deactivated: 401}

func merge(ms ...map[string]int) map[string]int {
	out := map[string]int{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func path(p string) func(fixture, session) (string, any, string) {
	return func(fixture, session) (string, any, string) { return p, nil, "" }
}

func TestAuthorizationTable(t *testing.T) {
	env := apptest.Start(t)
	f := fixture{env: env, t: t}
	adminToken := env.Token(apptest.Admin)

	// A demo user who signs in and is then deactivated.
	deactivatedEmail := "ehemalig@nordlicht.example"
	resp := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/users", Token: adminToken, Body: api.UserCreate{
		Email: deactivatedEmail, Name: "Ehemalige Kollegin", Password: apptest.Password,
		UnitID: env.Demo.Units["Innendienst"].String(), RoleID: env.Demo.Roles["Innendienst"].String()}})
	if resp.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", resp.Status, resp.Body)
	}
	var created api.User
	resp.Decode(t, &created)
	deactivatedSession := env.Login(deactivatedEmail)
	if r := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/users/" + created.ID, Token: adminToken,
		Header: map[string]string{"If-Match": resp.Header.Get("ETag")}, Body: map[string]any{"active": false}}); r.Status != 200 {
		t.Fatalf("deactivate: %d %s", r.Status, r.Body)
	}

	if r := env.Do(apptest.Request{Method: "PUT", Path: "/api/v1/tenant/settings", Token: adminToken,
		Body: api.TenantSettingsInput{Language: api.LanguageDE, SupportEmail: "support@nordlicht.example"}}); r.Status != 200 {
		t.Fatalf("support address: %d %s", r.Status, r.Body)
	}

	emails := map[string]string{admin: apptest.Admin, manager: apptest.Manager, fieldRep: apptest.FieldRepNord,
		insideSales: apptest.InsideSales, otherTenant: apptest.OtherAdmin}

	demoUser := env.Demo.Users[apptest.FieldRepSued]
	demoUnit := env.Demo.Units["Außendienst Süd"]
	demoRole := env.Demo.Roles["Außendienst"]
	nord := env.Demo.Units["Außendienst Nord"].String()
	repRole := demoRole.String()
	lenaToken := env.Token(lena)

	cases := map[string]routeCase{
		"GET /healthz":             {method: "GET", prepare: path("/healthz"), want: every(200, nil)},
		"GET /readyz":              {method: "GET", prepare: path("/readyz"), want: every(200, nil)},
		"GET /api/v1/openapi.json": {method: "GET", prepare: path("/api/v1/openapi.json"), want: every(200, nil)},
		"GET /api/v1/version":      {method: "GET", prepare: path("/api/v1/version"), want: every(200, nil)},
		"POST /api/v1/auth/login": {method: "POST", prepare: func(_ fixture, s session) (string, any, string) {
			email := s.email
			if email == "" {
				email = "unbekannt@nordlicht.example"
			}
			return "/api/v1/auth/login", api.LoginRequest{Email: email, Password: apptest.Password}, ""
		}, want: every(200, unauth)},
		"POST /api/v1/auth/refresh": {method: "POST", prepare: func(_ fixture, s session) (string, any, string) {
			return "/api/v1/auth/refresh", api.RefreshRequest{RefreshToken: s.refresh}, ""
		}, want: every(200, unauth)},
		"POST /api/v1/auth/logout": {method: "POST", prepare: func(_ fixture, s session) (string, any, string) {
			return "/api/v1/auth/logout", api.LogoutRequest{RefreshToken: "irrelevant-" + s.email}, ""
		}, want: every(204, nil)},
		// Single sign-on begins for a domain with a provider only (none here: 422 email no_sso, whoever asks) and
		// finishes with a state that was begun (none: 401 auth.sso_failed); oidc_test.go signs in through both.
		"POST /api/v1/auth/oidc/begin": {method: "POST", prepare: body("/api/v1/auth/oidc/begin",
			api.SSOBeginRequest{Email: "jemand@ohne-sso.example", RedirectURI: "http://127.0.0.1:49152/callback"}),
			want: every(422, nil)},
		"POST /api/v1/auth/oidc/finish": {method: "POST", prepare: body("/api/v1/auth/oidc/finish",
			api.SSOFinishRequest{State: "nie-begonnen", Code: "x"}), want: every(401, nil)},
		// The steps of a sign-in after the password take its challenge, not a token: an unknown one is refused
		// for everyone alike (the steps themselves: twofactor_test.go).
		"POST /api/v1/auth/second-factor": {method: "POST", prepare: body("/api/v1/auth/second-factor",
			api.SecondFactorRequest{Challenge: "unbekannt", Code: "123456"}), want: every(401, nil)},
		"POST /api/v1/auth/enrolment": {method: "POST", prepare: body("/api/v1/auth/enrolment",
			api.EnrolmentRequest{Challenge: "unbekannt"}), want: every(401, nil)},
		"POST /api/v1/auth/enrolment/confirm": {method: "POST", prepare: body("/api/v1/auth/enrolment/confirm",
			api.EnrolmentConfirmRequest{Challenge: "unbekannt", Code: "123456"}), want: every(401, nil)},
		// Everyone's own second factor and devices. The codes sent are too short, so they are refused before they
		// count against the sign-in throttle; ending "all other" sessions keeps the caller's; a session ID that is
		// no session of the caller's is not found.
		"GET /api/v1/me/two-factor":            {method: "GET", prepare: path("/api/v1/me/two-factor"), want: every(200, unauth)},
		"POST /api/v1/me/two-factor/enrolment": {method: "POST", prepare: path("/api/v1/me/two-factor/enrolment"), want: every(200, unauth)},
		"POST /api/v1/me/two-factor/confirm": {method: "POST", prepare: body("/api/v1/me/two-factor/confirm", api.TOTPCode{Code: "12"}),
			want: every(422, unauth)},
		"POST /api/v1/me/two-factor/disable": {method: "POST", prepare: body("/api/v1/me/two-factor/disable", api.TOTPCode{Code: "12"}),
			want: every(422, unauth)},
		"POST /api/v1/me/two-factor/recovery-codes": {method: "POST", prepare: body("/api/v1/me/two-factor/recovery-codes",
			api.TOTPCode{Code: "12"}), want: every(422, unauth)},
		"GET /api/v1/me/sessions":    {method: "GET", prepare: path("/api/v1/me/sessions"), want: every(200, unauth)},
		"DELETE /api/v1/me/sessions": {method: "DELETE", prepare: path("/api/v1/me/sessions"), want: every(204, unauth)},
		"DELETE /api/v1/me/sessions/{sessionID}": {method: "DELETE", prepare: func(fixture, session) (string, any, string) {
			return "/api/v1/me/sessions/" + uuid.NewString(), nil, ""
		}, want: every(404, unauth)},
		// An admin's view and reset of a user's second factor, and the sign-out of all of a user's sessions, on the
		// deactivated user (whose sessions no other case needs).
		"GET /api/v1/users/{userID}/two-factor": {method: "GET", prepare: path("/api/v1/users/" + created.ID + "/two-factor"),
			want: admins(200)},
		"DELETE /api/v1/users/{userID}/two-factor": {method: "DELETE", prepare: path("/api/v1/users/" + created.ID + "/two-factor"),
			want: admins(204)},
		"DELETE /api/v1/users/{userID}/sessions": {method: "DELETE", prepare: path("/api/v1/users/" + created.ID + "/sessions"),
			want: admins(204)},
		"GET /api/v1/me":         {method: "GET", prepare: path("/api/v1/me"), want: every(200, unauth)},
		"GET /api/v1/me/storage": {method: "GET", prepare: path("/api/v1/me/storage"), want: every(200, unauth)},
		"GET /api/v1/tenant":     {method: "GET", prepare: path("/api/v1/tenant"), want: every(200, unauth)},
		// Everyone's own calendar feed; the feed itself takes no access token: its token is in the path (a feed of
		// Lena's, whoever asks).
		"GET /api/v1/me/calendar-feed":    {method: "GET", prepare: path("/api/v1/me/calendar-feed"), want: every(200, unauth)},
		"PUT /api/v1/me/calendar-feed":    {method: "PUT", prepare: path("/api/v1/me/calendar-feed"), want: every(200, unauth)},
		"DELETE /api/v1/me/calendar-feed": {method: "DELETE", prepare: path("/api/v1/me/calendar-feed"), want: every(204, unauth)},
		"GET /ics/{file}": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			return f.calendarFeed(apptest.FieldRepSued), nil, ""
		}, want: every(200, nil)},
		// The tenant's settings are its admins'; the support address is set for the demo company below, so that
		// everyone there may send a request (201), while the other company has none (409 support.no_address).
		"GET /api/v1/tenant/settings": {method: "GET", prepare: path("/api/v1/tenant/settings"),
			want: merge(every(403, unauth), map[string]int{admin: 200, otherTenant: 200})},
		"PUT /api/v1/tenant/settings": {method: "PUT", prepare: func(_ fixture, s session) (string, any, string) {
			in := api.TenantSettingsInput{Language: api.LanguageDE, SupportEmail: "support@nordlicht.example"}
			if s.email == apptest.OtherAdmin {
				in.SupportEmail = ""
			}
			return "/api/v1/tenant/settings", in, ""
		}, want: merge(every(403, unauth), map[string]int{admin: 200, otherTenant: 200})},
		// Single sign-on settings are the admins' of each company (saved turned off here: no provider is asked).
		"GET /api/v1/tenant/sso": {method: "GET", prepare: path("/api/v1/tenant/sso"),
			want: merge(every(403, unauth), map[string]int{admin: 200, otherTenant: 200})},
		"PUT /api/v1/tenant/sso": {method: "PUT", prepare: func(_ fixture, s session) (string, any, string) {
			in := api.SSOSettingsInput{Issuer: "https://login.microsoftonline.com/nordlicht/v2.0", ClientID: "app",
				Domains: []string{"nordlicht.example"}, DefaultUnitID: env.Demo.Units["Innendienst"].String(),
				DefaultRoleID: env.Demo.Roles["Innendienst"].String()}
			if s.email == apptest.OtherAdmin {
				in.Domains = []string{"andere-firma.example"}
				in.DefaultUnitID, in.DefaultRoleID = env.Other.Units["Zentrale"].String(), env.Other.Roles["Administrator"].String()
			}
			return "/api/v1/tenant/sso", in, ""
		}, want: merge(every(403, unauth), map[string]int{admin: 200, otherTenant: 200})},
		"GET /api/v1/tenant/checklist": {method: "GET", prepare: path("/api/v1/tenant/checklist"),
			want: merge(every(403, unauth), map[string]int{admin: 200, otherTenant: 200})},
		"GET /api/v1/support": {method: "GET", prepare: path("/api/v1/support"), want: every(200, unauth)},
		"POST /api/v1/support": {method: "POST", prepare: body("/api/v1/support", api.SupportRequest{Text: "Hilfe"}),
			want: merge(every(201, unauth), map[string]int{otherTenant: 409})},
		// Notifications: everyone has their own; a foreign ID marks nothing and says nothing (notifications_test.go).
		"GET /api/v1/notifications": {method: "GET", prepare: path("/api/v1/notifications?limit=10"), want: every(200, unauth)},
		"POST /api/v1/notifications/read": {method: "POST", prepare: body("/api/v1/notifications/read",
			api.NotificationRead{IDs: []string{uuid.NewString()}}), want: every(200, unauth)},
		"POST /api/v1/notifications/read-all": {method: "POST", prepare: path("/api/v1/notifications/read-all"), want: every(200, unauth)},
		// A stream that opens never ends by itself: the table asks with a position that is no position, which every
		// signed-in caller gets refused (the streams' scoping is TestStreamsAreScopedByWhatTheUserMaySee's).
		"GET /api/v1/events": {method: "GET", prepare: path("/api/v1/events"), header: map[string]string{"Last-Event-ID": "x"},
			want: every(422, unauth)},
		"POST /api/v1/me/password": {method: "POST", prepare: func(fixture, session) (string, any, string) {
			return "/api/v1/me/password", api.PasswordChange{CurrentPassword: "nicht-richtig", NewPassword: "Neues-Passwort-9"}, ""
		}, want: every(422, unauth)},

		// Password reset and the pages of the mails' links: anyone. The request answers alike for every address;
		// a token of no link is refused (the links themselves: invitations_test.go, resets_test.go).
		"POST /api/v1/auth/password-reset": {method: "POST", prepare: func(_ fixture, s session) (string, any, string) {
			email := s.email
			if email == "" {
				email = "unbekannt@nordlicht.example"
			}
			return "/api/v1/auth/password-reset", api.PasswordResetRequest{Email: email}, ""
		}, want: every(202, nil)},
		"POST /api/v1/auth/password-reset/confirm": {method: "POST", prepare: body("/api/v1/auth/password-reset/confirm",
			api.LinkPassword{Token: noLink, Password: "Neues-Passwort-9"}), want: every(410, nil)},
		// The pages answer 200 with the page saying what happened (here: the link is invalid).
		"GET /password-reset":  {method: "GET", prepare: path("/password-reset?token=" + noLink), want: every(200, nil)},
		"POST /password-reset": {method: "POST", prepare: body("/password-reset", linkForm), header: formHeader, want: every(200, nil)},
		// Invitations: the admins'; accepted by anyone with the link's token.
		"GET /api/v1/invitations": {method: "GET", prepare: path("/api/v1/invitations"),
			want: merge(every(403, unauth), map[string]int{admin: 200, otherTenant: 200})},
		"POST /api/v1/invitations": {method: "POST", prepare: func(fixture, session) (string, any, string) {
			return "/api/v1/invitations", api.InvitationCreate{Email: "eingeladen-" + uuid.NewString()[:8] + "@nordlicht.example",
				Name: "Neu", UnitID: nord, RoleID: repRole}, ""
		}, want: merge(every(403, unauth), map[string]int{admin: 201, otherTenant: 422})},
		"POST /api/v1/invitations/{invitationID}/resend": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/invitations/" + f.invitation().String() + "/resend", nil, ""
		}, want: admins(200)},
		"DELETE /api/v1/invitations/{invitationID}": {method: "DELETE", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/invitations/" + f.invitation().String(), nil, ""
		}, want: admins(204)},
		"POST /api/v1/invitations/accept": {method: "POST", prepare: body("/api/v1/invitations/accept",
			api.LinkPassword{Token: noLink, Password: "Neues-Passwort-9"}), want: every(410, nil)},
		"GET /invitation":  {method: "GET", prepare: path("/invitation?token=" + noLink), want: every(200, nil)},
		"POST /invitation": {method: "POST", prepare: body("/invitation", linkForm), header: formHeader, want: every(200, nil)},
		// The operator's API takes no user's token; without an operator token configured it does not exist.
		"POST /api/v1/operator/tenants": {method: "POST", prepare: body("/api/v1/operator/tenants", api.OperatorTenantCreate{
			Name: "Neu GmbH", Plan: api.PlanBasic, AdminEmail: "chef@neu.example", AdminName: "Chef"}), want: every(404, nil)},

		"GET /api/v1/users": {method: "GET", prepare: path("/api/v1/users"), want: every(200, unauth)},
		"POST /api/v1/users": {method: "POST", prepare: func(fixture, session) (string, any, string) {
			return "/api/v1/users", api.UserCreate{Email: "neu-" + uuid.NewString()[:8] + "@nordlicht.example", Name: "Neu",
				Password: apptest.Password, UnitID: nord, RoleID: repRole}, ""
		}, want: merge(every(403, unauth), map[string]int{admin: 201, otherTenant: 422})},
		"GET /api/v1/users/{userID}": {method: "GET", prepare: path("/api/v1/users/" + demoUser.String()),
			want: merge(every(200, unauth), map[string]int{otherTenant: 404})},
		"PATCH /api/v1/users/{userID}": {method: "PATCH", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/users/" + demoUser.String(), api.UserPatch{Name: ptr("Lena Fischer")}, f.etag("users", demoUser)
		}, want: merge(every(403, unauth), map[string]int{admin: 200, otherTenant: 404})},

		"GET /api/v1/units": {method: "GET", prepare: path("/api/v1/units"), want: every(200, unauth)},
		"POST /api/v1/units": {method: "POST", prepare: func(fixture, session) (string, any, string) {
			return "/api/v1/units", api.UnitCreate{Name: "Neue Einheit", ParentID: nord}, ""
		}, want: merge(every(403, unauth), map[string]int{admin: 201, otherTenant: 422})},
		"GET /api/v1/units/{unitID}": {method: "GET", prepare: path("/api/v1/units/" + demoUnit.String()),
			want: merge(every(200, unauth), map[string]int{otherTenant: 404})},
		"PATCH /api/v1/units/{unitID}": {method: "PATCH", prepare: change("/api/v1/units/", "units", fixture.freshUnit,
			func() any { return api.UnitPatch{Name: ptr("Umbenannt")} }), want: admins(200)},
		"DELETE /api/v1/units/{unitID}": {method: "DELETE", prepare: change("/api/v1/units/", "units", fixture.freshUnit, nil),
			want: admins(204)},

		"GET /api/v1/roles": {method: "GET", prepare: path("/api/v1/roles"), want: every(200, unauth)},
		"POST /api/v1/roles": {method: "POST", prepare: func(fixture, session) (string, any, string) {
			return "/api/v1/roles", api.RoleCreate{Name: "Rolle " + uuid.NewString()[:8]}, ""
		}, want: merge(every(403, unauth), map[string]int{admin: 201, otherTenant: 201})},
		"GET /api/v1/roles/{roleID}": {method: "GET", prepare: path("/api/v1/roles/" + demoRole.String()),
			want: merge(every(200, unauth), map[string]int{otherTenant: 404})},
		"PATCH /api/v1/roles/{roleID}": {method: "PATCH", prepare: change("/api/v1/roles/", "roles", fixture.freshRole,
			func() any { return api.RolePatch{Name: ptr("Neu " + uuid.NewString()[:8])} }), want: admins(200)},
		"DELETE /api/v1/roles/{roleID}": {method: "DELETE", prepare: change("/api/v1/roles/", "roles", fixture.freshRole, nil),
			want: admins(204)},

		// Contacts. Records owned by Lena Fischer (Außendienst Süd): the admin (all) and the manager (unit tree)
		// reach them; Jonas (Außendienst Nord, own), Sabine (Innendienst, own persons) and the other tenant get 404.
		"POST /api/v1/persons/query": {method: "POST", prepare: body("/api/v1/persons/query", api.ListQuery{}), want: every(200, unauth)},
		"POST /api/v1/persons": {method: "POST", prepare: func(fixture, session) (string, any, string) {
			return "/api/v1/persons", api.PersonCreate{FirstName: "Neue", LastName: "Person " + uuid.NewString()[:8]}, ""
		}, want: every(201, unauth)},
		"PATCH /api/v1/persons/{personID}": {method: "PATCH", prepare: change("/api/v1/persons/", "persons", ofLena(fixture.person),
			func() any { return api.PersonPatch{JobTitle: ptr("Einkauf")} }), want: lenasRecord(200)},
		"PUT /api/v1/persons/{personID}/organizations/{organizationID}": {method: "PUT", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/persons/" + f.person(lena).String() + "/organizations/" + f.org(lena).String(), api.MembershipInput{Role: "Einkauf"}, ""
		}, want: lenasRecord(200)},
		"DELETE /api/v1/persons/{personID}/organizations/{organizationID}": {method: "DELETE", prepare: func(f fixture, _ session) (string, any, string) {
			p, o := f.person(lena), f.org(lena)
			f.member(p, o)
			return "/api/v1/persons/" + p.String() + "/organizations/" + o.String(), nil, ""
		}, want: lenasRecord(200)},

		"POST /api/v1/organizations/query": {method: "POST", prepare: body("/api/v1/organizations/query", api.ListQuery{}), want: every(200, unauth)},
		"POST /api/v1/organizations": {method: "POST", prepare: func(fixture, session) (string, any, string) {
			return "/api/v1/organizations", api.OrganizationCreate{Name: "Neue Firma " + uuid.NewString()[:8]}, ""
		}, want: every(201, unauth)},
		"PATCH /api/v1/organizations/{organizationID}": {method: "PATCH", prepare: change("/api/v1/organizations/", "organizations", ofLena(fixture.org),
			func() any { return api.OrganizationPatch{Industry: ptr("Handel")} }), want: lenasRecord(200)},
		"GET /api/v1/organizations/{organizationID}/persons": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			o := f.org(lena)
			f.member(f.person(lena), o)
			return "/api/v1/organizations/" + o.String() + "/persons", nil, ""
		}, want: lenasRecord(200)},

		"PATCH /api/v1/notes/{noteID}": {method: "PATCH", prepare: change("/api/v1/notes/", "notes", fixture.lenasNote,
			func() any { return api.NotePatch{Body: ptr("Geändert")} }), want: lenasRecord(200)},
		"DELETE /api/v1/notes/{noteID}": {method: "DELETE", prepare: change("/api/v1/notes/", "notes", fixture.lenasNote, nil), want: lenasRecord(204)},

		// Documents follow their record: on Lena's records as the record routes; by id the same, via the record.
		"GET /api/v1/documents/{documentID}": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/documents/" + f.document("person", f.person(lena), lena, false).String(), nil, ""
		}, want: lenasRecord(200)},
		"GET /api/v1/documents/{documentID}/content": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/documents/" + f.document("person", f.person(lena), lena, false).String() + "/content", nil, ""
		}, want: lenasRecord(200)},
		"DELETE /api/v1/documents/{documentID}": {method: "DELETE", prepare: change("/api/v1/documents/", "documents",
			func(f fixture) uuid.UUID { return f.document("person", f.person(lena), lena, false) }, nil), want: lenasRecord(204)},
		"POST /api/v1/documents/{documentID}/restore": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/documents/" + f.document("person", f.person(lena), lena, true).String() + "/restore", nil, ""
		}, want: lenasRecord(200)},

		// Presence: a record of Lena's is opened by those who may see it; leaving needs no record.
		"PUT /api/v1/presence": {method: "PUT", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/presence", api.PresenceOpen{RecordType: api.RecordPerson, RecordID: f.person(lena).String()}, ""
		}, want: lenasRecord(204)},
		"DELETE /api/v1/presence": {method: "DELETE", prepare: path("/api/v1/presence"), want: every(204, unauth)},

		"GET /api/v1/search": {method: "GET", prepare: path("/api/v1/search?q=Fischer"), want: every(200, unauth)},
		// Any signed-in user may geocode an address (offline here: no online geocoder is configured).
		"POST /api/v1/geocode": {method: "POST", prepare: body("/api/v1/geocode", api.GeocodeRequest{Query: "80331 München"}), want: every(200, unauth)},
		"GET /api/v1/trash":    {method: "GET", prepare: path("/api/v1/trash"), want: every(200, unauth)},

		"GET /api/v1/custom-fields": {method: "GET", prepare: path("/api/v1/custom-fields?recordType=person"), want: every(200, unauth)},
		"POST /api/v1/custom-fields": {method: "POST", prepare: func(fixture, session) (string, any, string) {
			return "/api/v1/custom-fields", api.CustomFieldCreate{RecordType: api.RecordPerson, Label: "Feld " + uuid.NewString()[:8], Kind: api.FieldKindText}, ""
		}, want: merge(every(403, unauth), map[string]int{admin: 201, otherTenant: 201})},
		"PATCH /api/v1/custom-fields/{fieldID}": {method: "PATCH", prepare: change("/api/v1/custom-fields/", "custom_fields", fixture.field,
			func() any { return api.CustomFieldPatch{Label: ptr("Umbenannt " + uuid.NewString()[:8])} }), want: admins(200)},
		"DELETE /api/v1/custom-fields/{fieldID}": {method: "DELETE", prepare: change("/api/v1/custom-fields/", "custom_fields", fixture.field, nil),
			want: admins(204)},

		// Saved filters of Lena's, shared: visible to her colleagues, changeable only by her.
		"GET /api/v1/saved-filters": {method: "GET", prepare: path("/api/v1/saved-filters?recordType=person"), want: every(200, unauth)},
		"POST /api/v1/saved-filters": {method: "POST", prepare: func(fixture, session) (string, any, string) {
			return "/api/v1/saved-filters", api.SavedFilterCreate{RecordType: api.RecordPerson, Name: "Meine", Query: api.ListQuery{Owner: "me"}}, ""
		}, want: every(201, unauth)},
		"PATCH /api/v1/saved-filters/{filterID}": {method: "PATCH", prepare: change("/api/v1/saved-filters/", "saved_filters", ofLena(fixture.filter),
			func() any { return api.SavedFilterPatch{Name: ptr("Neu")} }),
			want: merge(every(403, unauth), map[string]int{otherTenant: 404})},
		"DELETE /api/v1/saved-filters/{filterID}": {method: "DELETE", prepare: change("/api/v1/saved-filters/", "saved_filters", ofLena(fixture.filter), nil),
			want: merge(every(403, unauth), map[string]int{otherTenant: 404})},

		"GET /api/v1/pipelines": {method: "GET", prepare: path("/api/v1/pipelines?recordType=deal"), want: every(200, unauth)},
		"POST /api/v1/pipelines": {method: "POST", prepare: func(fixture, session) (string, any, string) {
			return "/api/v1/pipelines", api.PipelineCreate{RecordType: api.RecordDeal, Name: "Pipeline " + uuid.NewString()[:8],
				Stages: []api.StageInput{{Name: "Erstkontakt", Probability: 10}}}, ""
		}, want: merge(every(403, unauth), map[string]int{admin: 201, otherTenant: 201})},
		"GET /api/v1/pipelines/{pipelineID}": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/pipelines/" + f.pipeline().String(), nil, ""
		}, want: merge(every(200, unauth), map[string]int{otherTenant: 404})},
		"PATCH /api/v1/pipelines/{pipelineID}": {method: "PATCH", prepare: change("/api/v1/pipelines/", "pipelines", fixture.pipeline,
			func() any { return api.PipelinePatch{Name: ptr("Umbenannt " + uuid.NewString()[:8])} }), want: admins(200)},
		"DELETE /api/v1/pipelines/{pipelineID}": {method: "DELETE", prepare: change("/api/v1/pipelines/", "pipelines", fixture.pipeline, nil),
			want: admins(204)},

		"GET /api/v1/lost-reasons": {method: "GET", prepare: path("/api/v1/lost-reasons?recordType=deal"), want: every(200, unauth)},
		"POST /api/v1/lost-reasons": {method: "POST", prepare: func(fixture, session) (string, any, string) {
			return "/api/v1/lost-reasons", api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Grund " + uuid.NewString()[:8]}, ""
		}, want: merge(every(403, unauth), map[string]int{admin: 201, otherTenant: 201})},
		"PATCH /api/v1/lost-reasons/{reasonID}": {method: "PATCH", prepare: change("/api/v1/lost-reasons/", "lost_reasons", fixture.reason,
			func() any { return api.LostReasonPatch{Description: ptr("Zu teuer")} }), want: admins(200)},
		"DELETE /api/v1/lost-reasons/{reasonID}": {method: "DELETE", prepare: change("/api/v1/lost-reasons/", "lost_reasons", fixture.reason, nil),
			want: admins(204)},

		// Deals owned by Lena: as for persons (Innendienst sees only its own deals).
		"POST /api/v1/deals/query": {method: "POST", prepare: body("/api/v1/deals/query", api.ListQuery{}), want: every(200, unauth)},
		"POST /api/v1/deals/board": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			pl, _ := f.stagesOf("deal")
			return "/api/v1/deals/board", api.BoardQuery{PipelineID: pl.String()}, ""
		}, want: merge(every(200, unauth), map[string]int{otherTenant: 404})},
		"POST /api/v1/deals": {method: "POST", prepare: func(f fixture, s session) (string, any, string) {
			pl, _ := f.stagesOf("deal")
			in := api.DealCreate{Title: "Neuer Deal", Value: "100", PipelineID: pl.String()}
			if u, ok := f.env.Demo.Users[s.email]; ok {
				in.OrganizationID = f.orgOwnedBy(u).String()
			}
			return "/api/v1/deals", in, ""
		}, want: merge(every(201, unauth), map[string]int{otherTenant: 422})},
		"PATCH /api/v1/deals/{dealID}": {method: "PATCH", prepare: change("/api/v1/deals/", "deals", ofLena(fixture.deal),
			func() any { return api.DealPatch{Value: ptr("2500.50")} }), want: lenasRecord(200)},
		"GET /api/v1/persons/{personID}/deals": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/persons/" + f.person(lena).String() + "/deals", nil, ""
		}, want: lenasRecord(200)},
		"GET /api/v1/organizations/{organizationID}/deals": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/organizations/" + f.org(lena).String() + "/deals", nil, ""
		}, want: lenasRecord(200)},

		// Leads owned by Lena: Innendienst sees all leads.
		"POST /api/v1/leads/query": {method: "POST", prepare: body("/api/v1/leads/query", api.ListQuery{}), want: every(200, unauth)},
		"POST /api/v1/leads/board": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			pl, _ := f.stagesOf("lead")
			return "/api/v1/leads/board", api.BoardQuery{PipelineID: pl.String()}, ""
		}, want: merge(every(200, unauth), map[string]int{otherTenant: 404})},
		"POST /api/v1/leads": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			pl, _ := f.stagesOf("lead")
			return "/api/v1/leads", api.LeadCreate{Title: "Messe-Kontakt", PersonName: "Eva Klein", PipelineID: pl.String()}, ""
		}, want: merge(every(201, unauth), map[string]int{otherTenant: 422})},
		"PATCH /api/v1/leads/{leadID}": {method: "PATCH", prepare: change("/api/v1/leads/", "leads", ofLena(fixture.lead),
			func() any { return api.LeadPatch{Source: ptr("Messe")} }), want: lenasLead(200)},
		"POST /api/v1/leads/{leadID}/convert": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/leads/" + f.lead(lena).String() + "/convert", api.LeadConvert{Person: api.ConvertTarget{Mode: api.ConvertCreate},
				Organization: api.ConvertTarget{Mode: api.ConvertNone}}, ""
		}, want: lenasLead(200)},
		"GET /api/v1/leads/{leadID}/matches": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/leads/" + f.lead(lena).String() + "/matches", nil, ""
		}, want: lenasLead(200)},
		// Activity types: everyone reads, admins change.
		"GET /api/v1/activity-types": {method: "GET", prepare: path("/api/v1/activity-types"), want: every(200, unauth)},
		"POST /api/v1/activity-types": {method: "POST", prepare: func(fixture, session) (string, any, string) {
			return "/api/v1/activity-types", api.ActivityTypeCreate{Name: "Typ " + uuid.NewString()[:8], Color: "#228be6", Icon: "phone"}, ""
		}, want: merge(every(403, unauth), map[string]int{admin: 201, otherTenant: 201})},
		"PATCH /api/v1/activity-types/{typeID}": {method: "PATCH", prepare: change("/api/v1/activity-types/", "activity_types", fixture.activityType,
			func() any { return api.ActivityTypePatch{Color: ptr("#fa5252")} }), want: admins(200)},
		"DELETE /api/v1/activity-types/{typeID}": {method: "DELETE", prepare: change("/api/v1/activity-types/", "activity_types", fixture.activityType, nil),
			want: admins(204)},

		// Activities assigned to Lena: as her records (Innendienst sees only its own activities).
		"POST /api/v1/activities/query": {method: "POST", prepare: body("/api/v1/activities/query", api.ActivityQuery{}), want: every(200, unauth)},
		"POST /api/v1/activities": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/activities", api.ActivityCreate{Title: "Rückruf", TypeID: f.activityType().String(), DueAt: time.Now().Add(time.Hour)}, ""
		}, want: merge(every(201, unauth), map[string]int{otherTenant: 422})},
		"GET /api/v1/activities/{activityID}": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/activities/" + f.activity(lena).String(), nil, ""
		}, want: lenasRecord(200)},
		"PATCH /api/v1/activities/{activityID}": {method: "PATCH", prepare: change("/api/v1/activities/", "activities", ofLena(fixture.activity),
			func() any { return api.ActivityPatch{Done: ptr(true)} }), want: lenasRecord(200)},
		"DELETE /api/v1/activities/{activityID}": {method: "DELETE", prepare: change("/api/v1/activities/", "activities", ofLena(fixture.activity), nil),
			want: lenasRecord(204)},

		// Every role of the demo company may export the activities it sees (the export's scoping is export_test.go's).
		"POST /api/v1/activities/export": {method: "POST", prepare: body("/api/v1/activities/export",
			api.ActivityExportRequest{ExportOptions: api.ExportOptions{Format: api.ExportCSV}}), want: every(200, unauth)},
		// The record of exports: admins, each of their own company.
		"GET /api/v1/exports": {method: "GET", prepare: path("/api/v1/exports"),
			want: merge(every(403, unauth), map[string]int{admin: 200, otherTenant: 200})},
		// Imports: everyone who may create records imports them; an import is its importer's (admins may look at it,
		// download its failed rows and undo it, but not run it); Lena's to the others, as another user's.
		"POST /api/v1/imports": {method: "POST", header: map[string]string{"Content-Type": "text/csv"},
			prepare: body("/api/v1/imports?recordType=person&fileName=Kontakte.csv", importCSV), want: every(201, unauth)},
		"GET /api/v1/imports": {method: "GET", prepare: path("/api/v1/imports"), want: every(200, unauth)},
		"GET /api/v1/imports/{importID}": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/imports/" + f.importOf(lenaToken, false).ID, nil, ""
		}, want: lenasImport(200)},
		"POST /api/v1/imports/{importID}/analysis": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/imports/" + f.importOf(lenaToken, false).ID + "/analysis", api.ImportReadOptions{Delimiter: ";"}, ""
		}, want: lenasImport(403)},
		"POST /api/v1/imports/{importID}/preview": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			an := f.importOf(lenaToken, false)
			return "/api/v1/imports/" + an.ID + "/preview", an.Suggested, ""
		}, want: lenasImport(403)},
		"POST /api/v1/imports/{importID}/start": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			an := f.importOf(lenaToken, false)
			return "/api/v1/imports/" + an.ID + "/start", an.Suggested, ""
		}, want: lenasImport(403)},
		"GET /api/v1/imports/{importID}/failed-rows": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/imports/" + f.importOf(lenaToken, true).ID + "/failed-rows?format=csv&lang=en", nil, ""
		}, want: lenasImport(200)},
		"POST /api/v1/imports/{importID}/undo": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/imports/" + f.importOf(lenaToken, true).ID + "/undo", nil, ""
		}, want: lenasImport(200)},

		// The dashboard: everyone has one (their own scope by default; a wider one only as the role allows).
		"POST /api/v1/dashboard": {method: "POST", prepare: body("/api/v1/dashboard", api.DashboardQuery{}), want: every(200, unauth)},

		// Lead sources: everyone sees the list (lists filter by source), only admins configure them; deliveries
		// take a source's key and nobody's token.
		"GET /api/v1/lead-sources": {method: "GET", prepare: path("/api/v1/lead-sources"), want: every(200, unauth)},
		"POST /api/v1/lead-sources": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			pl, _ := f.stagesOf("lead")
			return "/api/v1/lead-sources", api.LeadSourceCreate{Name: "Quelle " + uuid.NewString()[:8], Active: true,
				PipelineID: pl.String(), FallbackOwnerID: f.user(apptest.Admin).String()}, ""
		}, want: merge(every(403, unauth), map[string]int{admin: 201, otherTenant: 422})},
		"GET /api/v1/lead-sources/{sourceID}": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/lead-sources/" + f.leadSource().String(), nil, ""
		}, want: adminOnly(200)},
		"PATCH /api/v1/lead-sources/{sourceID}": {method: "PATCH", prepare: func(f fixture, _ session) (string, any, string) {
			id := f.leadSource()
			return "/api/v1/lead-sources/" + id.String(), api.LeadSourcePatch{Active: ptr(false)}, f.etag("lead_sources", id)
		}, want: adminOnly(200)},
		"DELETE /api/v1/lead-sources/{sourceID}": {method: "DELETE", prepare: func(f fixture, _ session) (string, any, string) {
			id := f.leadSource()
			return "/api/v1/lead-sources/" + id.String(), nil, f.etag("lead_sources", id)
		}, want: adminOnly(204)},
		"GET /api/v1/lead-sources/{sourceID}/keys": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/lead-sources/" + f.leadSource().String() + "/keys", nil, ""
		}, want: adminOnly(200)},
		"POST /api/v1/lead-sources/{sourceID}/keys": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/lead-sources/" + f.leadSource().String() + "/keys", nil, ""
		}, want: adminOnly(201)},
		"DELETE /api/v1/lead-sources/{sourceID}/keys/{keyID}": {method: "DELETE", prepare: func(f fixture, _ session) (string, any, string) {
			src := f.leadSource()
			return "/api/v1/lead-sources/" + src.String() + "/keys/" + f.sourceKey(src).String(), nil, ""
		}, want: adminOnly(204)},
		"PUT /api/v1/lead-sources/{sourceID}/signing-secret": {method: "PUT", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/lead-sources/" + f.leadSource().String() + "/signing-secret", nil, ""
		}, want: adminOnly(200)},
		"DELETE /api/v1/lead-sources/{sourceID}/signing-secret": {method: "DELETE", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/lead-sources/" + f.leadSource().String() + "/signing-secret", nil, ""
		}, want: adminOnly(204)},
		"POST /api/v1/lead-sources/{sourceID}/preview": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/lead-sources/" + f.leadSource().String() + "/preview",
				api.LeadSourcePreviewRequest{Payload: `{"externalId": "T-1", "fields": {"Firma": "Beispiel GmbH", "PLZ": "20095"}}`}, ""
		}, want: adminOnly(200)},
		"GET /api/v1/lead-sources/{sourceID}/deliveries": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/lead-sources/" + f.leadSource().String() + "/deliveries", nil, ""
		}, want: adminOnly(200)},
		"POST /api/v1/intake/{sourceID}/leads": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
			return "/api/v1/intake/" + f.leadSource().String() + "/leads", api.IntakeBatch{Leads: []api.IntakeLead{{ExternalID: "T-1",
				Fields: map[string]any{"Firma": "Beispiel GmbH"}}}}, ""
		}, want: every(401, nil)},

		"GET /api/v1/lead-mapping": {method: "GET", prepare: path("/api/v1/lead-mapping"), want: every(200, unauth)},
		"PUT /api/v1/lead-mapping": {method: "PUT", prepare: body("/api/v1/lead-mapping", api.FieldMappingList{Items: []api.FieldMapping{
			{LeadField: "personName", Target: api.RecordPerson, TargetField: "name"}}}), want: merge(every(403, unauth), map[string]int{admin: 200, otherTenant: 200})},
	}
	// The routes every record kind has, for every kind of the registry: on a record of Lena's.
	for _, k := range record.Kinds() {
		kf := kindFixtureOf(t, k)
		base := "/api/v1/" + k.Path
		one, rec := base+"/{"+k.Param()+"}", base+"/{recordID}"
		on := func(suffix string, body any) func(fixture, session) (string, any, string) {
			return func(f fixture, _ session) (string, any, string) {
				return base + "/" + kf.make(f, lena).String() + suffix, body, ""
			}
		}
		for name, rc := range map[string]routeCase{
			"POST " + base + "/map":   {method: "POST", prepare: body(base+"/map", api.ListQuery{}), want: every(200, unauth)},
			"POST " + base + "/count": {method: "POST", prepare: body(base+"/count", api.ListQuery{}), want: every(200, unauth)},
			// Every demo role may export what it sees (export_test.go: only that, and 403 without the right).
			"POST " + base + "/export": {method: "POST", prepare: body(base+"/export", api.ExportRequest{}), want: every(200, unauth)},
			"GET " + one:               {method: "GET", prepare: on("", nil), want: kf.lenas(200)},
			"DELETE " + one: {method: "DELETE", prepare: func(f fixture, _ session) (string, any, string) {
				id := kf.make(f, lena)
				return base + "/" + id.String(), nil, f.etag(k.Table, id)
			}, want: kf.lenas(204)},
			"POST " + one + "/restore": {method: "POST", prepare: func(f fixture, _ session) (string, any, string) {
				return base + "/" + f.trashed(k.Table, kf.make(f, lena)).String() + "/restore", nil, ""
			}, want: kf.lenas(200)},
			"GET " + rec + "/notes":   {method: "GET", prepare: on("/notes", nil), want: kf.lenas(200)},
			"POST " + rec + "/notes":  {method: "POST", prepare: on("/notes", api.NoteCreate{Body: "Rückruf"}), want: kf.lenas(201)},
			"GET " + rec + "/history": {method: "GET", prepare: on("/history", nil), want: kf.lenas(200)},
			// Documents follow their record.
			"GET " + rec + "/documents": {method: "GET", prepare: func(f fixture, _ session) (string, any, string) {
				id := kf.make(f, lena)
				f.document(string(k.Type), id, lena, false)
				return base + "/" + id.String() + "/documents", nil, ""
			}, want: kf.lenas(200)},
			"POST " + rec + "/documents": {method: "POST", header: uploadHeader, prepare: on("/documents", "Rückruf vereinbart.\n"),
				want: kf.lenas(201)},
			"GET " + rec + "/activities": {method: "GET", prepare: on("/activities", nil), want: kf.lenas(200)},
			"GET " + rec + "/presence":   {method: "GET", prepare: on("/presence", nil), want: kf.lenas(200)},
		} {
			if _, dup := cases[name]; dup {
				t.Fatalf("%s has a row of its own and one of every record kind", name)
			}
			cases[name] = rc
		}
	}
	// Not routes, but every caller must get the envelope for them too.
	unrouted := map[string]routeCase{
		"GET /api/v1/does-not-exist": {method: "GET", prepare: path("/api/v1/does-not-exist"), want: every(404, nil)},
		"PUT /api/v1/users":          {method: "PUT", prepare: path("/api/v1/users"), want: every(405, nil)},
	}

	assertEveryRouteCovered(t, env, cases)
	for k, v := range unrouted {
		cases[k] = v
	}

	// Every response, success or error, must match the API's description.
	doc, err := app.OpenAPI(env.App.Routes())
	if err != nil {
		t.Fatal(err)
	}
	conformance := newOpenAPIValidator(t, doc)

	// One sign-in per actor serves every case (sign-ins are deliberately slow).
	cached := map[string]api.Session{}
	for actor, email := range emails {
		cached[actor] = env.Login(email)
	}
	for name, rc := range cases {
		for _, actor := range actors {
			t.Run(name+"/"+actor, func(t *testing.T) {
				var s session
				switch actor {
				case signedOut:
				case deactivated:
					s = session{access: deactivatedSession.AccessToken, refresh: deactivatedSession.RefreshToken}
				default:
					ls := cached[actor]
					if name == "POST /api/v1/auth/refresh" {
						ls = env.Login(emails[actor]) // refreshing spends the token: never the shared one
					}
					s = session{access: ls.AccessToken, refresh: ls.RefreshToken, email: emails[actor]}
				}
				p, body, ifMatch := rc.prepare(f, s)
				req := apptest.Request{Method: rc.method, Path: p, Token: s.access, Body: body, Header: map[string]string{}}
				for k, v := range rc.header {
					req.Header[k] = v
				}
				if ifMatch != "" {
					req.Header["If-Match"] = ifMatch
				}
				resp := env.Do(req)
				if want := rc.want[actor]; resp.Status != want {
					t.Fatalf("%s %s as %s: got %d %s, want %d", rc.method, p, actor, resp.Status, resp.Body, want)
				}
				if resp.Status >= 400 && resp.Error(t).Code == "" {
					t.Fatalf("error without envelope: %s", resp.Body)
				}
				if _, unrouted := unrouted[name]; !unrouted {
					assertConforms(t, conformance, env.Server.URL, req, resp)
				}
			})
		}
	}
}

func ptr[T any](v T) *T { return &v }

// importCSV is a small person file: one good row, one that fails.
const importCSV = "Vorname;Nachname;E-Mail\r\nAnna;Import;anna.import@example.de\r\nOhne;Mail;keine-mail\r\n"

// importOf uploads importCSV as the user of token; done: and runs it with its suggested settings.
func (f fixture) importOf(token string, done bool) api.ImportAnalysis {
	resp := f.env.Do(apptest.Request{Method: "POST", Path: "/api/v1/imports?recordType=person&fileName=Kontakte.csv", Token: token,
		Body: importCSV, Header: map[string]string{"Content-Type": "text/csv"}})
	if resp.Status != http.StatusCreated {
		f.t.Fatalf("fixture: upload: %d %s", resp.Status, resp.Body)
	}
	var an api.ImportAnalysis
	resp.Decode(f.t, &an)
	if !done {
		return an
	}
	s := an.Suggested
	s.Duplicates.Action = api.DuplicateCreate
	if resp := f.env.Do(apptest.Request{Method: "POST", Path: "/api/v1/imports/" + an.ID + "/start", Token: token, Body: s}); resp.Status != http.StatusAccepted {
		f.t.Fatalf("fixture: start: %d %s", resp.Status, resp.Body)
	}
	for {
		found, err := f.env.App.ImportWorker().Step(context.Background())
		if err != nil {
			f.t.Fatalf("fixture: import: %v", err)
		}
		if !found {
			return an
		}
	}
}

// lenasImport is the expectation for an import of Lena Fischer's: hers alone, an admin may look at it.
func lenasImport(adminStatus int) map[string]int {
	return merge(every(404, unauth), map[string]int{admin: adminStatus})
}

const lena = apptest.FieldRepSued

// lenasRecord is the expectation for a record owned by Lena Fischer (Außendienst Süd).
func lenasRecord(ok int) map[string]int {
	return merge(every(404, unauth), map[string]int{admin: ok, manager: ok})
}

// change prepares a PATCH (patch gives its body) or a DELETE (patch nil) of the row that find makes, at the row's
// version in table.
func change(base, table string, find func(fixture) uuid.UUID, patch func() any) func(fixture, session) (string, any, string) {
	return func(f fixture, _ session) (string, any, string) {
		id := find(f)
		var b any
		if patch != nil {
			b = patch()
		}
		return base + id.String(), b, f.etag(table, id)
	}
}

// ofLena makes a row of Lena's with a fixture's maker.
func ofLena(make func(fixture, string) uuid.UUID) func(fixture) uuid.UUID {
	return func(f fixture) uuid.UUID { return make(f, lena) }
}

// admins is the expectation for a route only admins may use, on a row of the demo company.
// noLink is a token of the form of a mailed link's that belongs to no link.
var noLink = strings.Repeat("a", api.LinkTokenLength)

// linkForm is a link page's form with noLink, and formHeader its Content-Type.
var (
	linkForm   = "token=" + noLink + "&password=Neues-Passwort-9&confirm=Neues-Passwort-9"
	formHeader = map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
)

// invitation makes an open invitation of the demo company.
func (f fixture) invitation() uuid.UUID {
	return f.exec(`INSERT INTO invitations (tenant_id, email, name, unit_id, role_id, token_hash, expires_at)
		VALUES (?, ?, 'Gast', ?, ?, sha256(gen_random_uuid()::text::bytea), now() + interval '7 days') RETURNING id`,
		f.env.Demo.TenantID, "gast-"+uuid.NewString()[:8]+"@nordlicht.example", f.env.Demo.Units["Innendienst"],
		f.env.Demo.Roles["Innendienst"])
}

func admins(ok int) map[string]int {
	return merge(every(403, unauth), map[string]int{admin: ok, otherTenant: 404})
}

func body(p string, b any) func(fixture, session) (string, any, string) {
	return func(fixture, session) (string, any, string) { return p, b, "" }
}

func (f fixture) user(email string) uuid.UUID { return f.env.Demo.Users[email] }

// person makes a live person owned by the user with that e-mail.
func (f fixture) person(owner string) uuid.UUID {
	name := "Kunde " + uuid.NewString()[:8]
	return f.exec(`INSERT INTO persons (tenant_id, owner_id, first_name, last_name, sort_name, search_text)
		VALUES (?, ?, 'Karl', ?, ?, lower(?)) RETURNING id`, f.env.Demo.TenantID, f.user(owner), name, name, name)
}

func (f fixture) org(owner string) uuid.UUID {
	name := "Firma " + uuid.NewString()[:8]
	return f.exec(`INSERT INTO organizations (tenant_id, owner_id, name, search_text) VALUES (?, ?, ?, lower(?)) RETURNING id`,
		f.env.Demo.TenantID, f.user(owner), name, name)
}

func (f fixture) member(person, org uuid.UUID) {
	f.exec(`INSERT INTO memberships (tenant_id, person_id, organization_id) VALUES (?, ?, ?) RETURNING person_id`,
		f.env.Demo.TenantID, person, org)
}

func (f fixture) trashed(table string, id uuid.UUID) uuid.UUID {
	return f.exec("UPDATE ? SET deleted_at = now() WHERE id = ? RETURNING id", bunIdent(table), id)
}

// lenasNote makes a note of Lena's on a person of hers.
func (f fixture) lenasNote() uuid.UUID { return f.note(f.person(lena), lena) }

func (f fixture) note(person uuid.UUID, author string) uuid.UUID {
	return f.exec(`INSERT INTO notes (tenant_id, record_type, record_id, author_id, body) VALUES (?, 'person', ?, ?, 'Notiz') RETURNING id`,
		f.env.Demo.TenantID, person, f.user(author))
}

func (f fixture) field() uuid.UUID {
	return f.exec(`INSERT INTO custom_fields (tenant_id, record_type, label, kind) VALUES (?, 'person', ?, 'text') RETURNING id`,
		f.env.Demo.TenantID, "Feld "+uuid.NewString()[:8])
}

func (f fixture) filter(owner string) uuid.UUID {
	return f.exec(`INSERT INTO saved_filters (tenant_id, owner_id, record_type, name, query, shared) VALUES (?, ?, 'person', ?, '{}', true) RETURNING id`,
		f.env.Demo.TenantID, f.user(owner), "Filter "+uuid.NewString()[:8])
}

func (f fixture) pipeline() uuid.UUID {
	id := f.exec("INSERT INTO pipelines (tenant_id, record_type, name) VALUES (?, 'deal', ?) RETURNING id", f.env.Demo.TenantID, "Pipeline "+uuid.NewString()[:8])
	f.exec("INSERT INTO stages (tenant_id, pipeline_id, name, probability, position) VALUES (?, ?, 'Erstkontakt', 10, 1) RETURNING id", f.env.Demo.TenantID, id)
	return id
}

func (f fixture) reason() uuid.UUID {
	return f.exec("INSERT INTO lost_reasons (tenant_id, record_type, name) VALUES (?, 'deal', ?) RETURNING id", f.env.Demo.TenantID, "Grund "+uuid.NewString()[:8])
}

// uploadHeader declares a small text file.
var uploadHeader = map[string]string{"Content-Type": "text/plain", api.HeaderFileName: "Notiz%20f%C3%BCr%20Lena.txt"}

// document stores a small text document on a record, uploaded by uploader, live or in the trash.
func (f fixture) document(rt string, recordID uuid.UUID, uploader string, trashed bool) uuid.UUID {
	content := []byte("Angebot über 12 Kopierer.\n")
	key := f.env.Demo.TenantID.String() + "/fx/" + strings.ReplaceAll(uuid.NewString(), "-", "")
	w, err := f.env.Blobs.Put(context.Background(), key, bytes.NewReader(content), int64(len(content)))
	if err != nil {
		f.t.Fatalf("fixture: store: %v", err)
	}
	return f.exec(`INSERT INTO documents (tenant_id, record_type, record_id, file_name, content_type, size_bytes, sha256,
			storage_key, state, uploaded_by, deleted_at)
		VALUES (?, ?, ?, 'Angebot.txt', 'text/plain; charset=utf-8', ?, ?, ?, 'stored', ?, CASE WHEN ? THEN now() END) RETURNING id`,
		f.env.Demo.TenantID, rt, recordID, w.Size, w.SHA256[:], key, f.user(uploader), trashed)
}

// kindFixture makes a live record of a kind owned by a user, and gives the expectation for one of Lena's.
type kindFixture struct {
	make  func(f fixture, owner string) uuid.UUID
	lenas func(ok int) map[string]int
	// updateStatements is how many statements an update of a record of the kind runs in its transaction
	// (TestAnUpdateOfEveryKindRunsItsFewestStatements): the row with the kind's custom field definitions (and a
	// person's memberships), what the kind's store completes a loaded row with (a lead's possible duplicates), and the
	// UPDATE with its version check and its history entry in one statement (record.Store.Update).
	updateStatements int
}

// kindFixtures are the fixtures of the record kinds: Innendienst sees every lead, and of the others only its own.
var kindFixtures = map[api.RecordType]kindFixture{
	api.RecordPerson:       {fixture.person, lenasRecord, 2},
	api.RecordOrganization: {fixture.org, lenasRecord, 2},
	api.RecordDeal:         {fixture.deal, lenasRecord, 2},
	api.RecordLead:         {fixture.lead, lenasLead, 3},
}

// kindFixtureOf is the fixture of a kind; a kind without one fails the test (add it to kindFixtures).
func kindFixtureOf(t testing.TB, k record.Kind) kindFixture {
	t.Helper()
	kf, ok := kindFixtures[k.Type]
	if !ok {
		t.Fatalf("record kind %s has no fixture in kindFixtures", k.Type)
	}
	return kf
}

// lenasLead is the expectation for a lead owned by Lena: Innendienst sees every lead.
func lenasLead(ok int) map[string]int {
	return merge(lenasRecord(ok), map[string]int{insideSales: ok})
}

// stagesOf makes a pipeline with two stages for the record type.
func (f fixture) stagesOf(rt string) (uuid.UUID, []uuid.UUID) {
	pl := f.exec("INSERT INTO pipelines (tenant_id, record_type, name) VALUES (?, ?, ?) RETURNING id", f.env.Demo.TenantID, rt, "P "+uuid.NewString()[:8])
	var stages []uuid.UUID
	for i, name := range []string{"Erstkontakt", "Angebot"} {
		stages = append(stages, f.exec("INSERT INTO stages (tenant_id, pipeline_id, name, probability, position) VALUES (?, ?, ?, ?, ?) RETURNING id",
			f.env.Demo.TenantID, pl, name, 20*(i+1), i+1))
	}
	return pl, stages
}

func (f fixture) orgOwnedBy(owner uuid.UUID) uuid.UUID {
	return f.exec(`INSERT INTO organizations (tenant_id, owner_id, name) VALUES (?, ?, ?) RETURNING id`, f.env.Demo.TenantID, owner, "Firma "+uuid.NewString()[:8])
}

func (f fixture) deal(owner string) uuid.UUID {
	pl, stages := f.stagesOf("deal")
	return f.exec(`INSERT INTO deals (tenant_id, owner_id, title, value, organization_id, pipeline_id, stage_id) VALUES (?, ?, ?, 1000, ?, ?, ?) RETURNING id`,
		f.env.Demo.TenantID, f.user(owner), "Deal "+uuid.NewString()[:8], f.org(owner), pl, stages[0])
}

func (f fixture) lead(owner string) uuid.UUID {
	pl, stages := f.stagesOf("lead")
	return f.exec(`INSERT INTO leads (tenant_id, owner_id, title, person_name, pipeline_id, stage_id) VALUES (?, ?, ?, 'Karl Kunde', ?, ?) RETURNING id`,
		f.env.Demo.TenantID, f.user(owner), "Lead "+uuid.NewString()[:8], pl, stages[0])
}

// adminOnly: the demo admin gets ok, the other tenant's admin 404 (not their record), everyone else 403.
func adminOnly(ok int) map[string]int {
	return merge(every(403, unauth), map[string]int{admin: ok, otherTenant: 404})
}

// leadSource makes an active source of the demo tenant (in a pipeline of its own, the admin as fallback owner).
func (f fixture) leadSource() uuid.UUID {
	pl, stages := f.stagesOf("lead")
	return f.exec(`INSERT INTO lead_sources (tenant_id, name, pipeline_id, stage_id, fallback_owner_id) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		f.env.Demo.TenantID, "Quelle "+uuid.NewString()[:8], pl, stages[0], f.user(apptest.Admin))
}

// sourceKey makes a key of a source (whose secret nobody knows).
func (f fixture) sourceKey(source uuid.UUID) uuid.UUID {
	return f.exec(`INSERT INTO lead_source_keys (tenant_id, source_id, prefix, key_hash) VALUES (?, ?, '1sk_test', sha256(?::bytea)) RETURNING id`,
		f.env.Demo.TenantID, source, uuid.NewString())
}

// activityType makes a type of the demo tenant nobody uses.
func (f fixture) activityType() uuid.UUID {
	return f.exec("INSERT INTO activity_types (tenant_id, name, color, icon) VALUES (?, ?, '#228be6', 'phone') RETURNING id",
		f.env.Demo.TenantID, "Typ "+uuid.NewString()[:8])
}

// activity makes an open activity assigned to the user with that e-mail.
func (f fixture) activity(assignee string) uuid.UUID {
	return f.exec(`INSERT INTO activities (tenant_id, type_id, title, due_at, assignee_id) VALUES (?, ?, 'Anruf', now() + interval '1 day', ?) RETURNING id`,
		f.env.Demo.TenantID, f.activityType(), f.user(assignee))
}
