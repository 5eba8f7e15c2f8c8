package app_test

import (
	"encoding/json"
	"net/http"
	"runtime"
	"testing"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// supportRoutes are the help screen's and the tenant settings' routes.
func supportRoutes() []route {
	settings := api.TenantSettings{Language: api.LanguageDE, SupportEmail: "support@nordlicht.example", Version: 2}
	return []route{
		{name: "tenant settings", method: "GET", path: "/api/v1/tenant/settings", status: 200, answer: settings,
			call: func(d *app.App) (any, error) { return d.Admin.TenantSettings() }},
		{name: "set tenant settings", method: "PUT", path: "/api/v1/tenant/settings", status: 200, answer: settings,
			body: `{"language":"de","supportEmail":"support@nordlicht.example"}`,
			call: func(d *app.App) (any, error) {
				return d.Admin.SetTenantSettings(api.TenantSettingsInput{Language: api.LanguageDE, SupportEmail: "support@nordlicht.example"})
			}},
		{name: "single sign-on settings", method: "GET", path: "/api/v1/tenant/sso", status: 200,
			answer: api.SSOSettings{Configured: true, Issuer: "https://accounts.google.com", Domains: []string{"nordlicht.example"}},
			call:   func(d *app.App) (any, error) { return d.Admin.SSOSettings() }},
		{name: "set single sign-on settings", method: "PUT", path: "/api/v1/tenant/sso", status: 200,
			answer: api.SSOSettings{Configured: true, Issuer: "https://accounts.google.com", Domains: []string{"nordlicht.example"}},
			body: `{"enabled":true,"issuer":"https://accounts.google.com","clientId":"c","domains":["nordlicht.example"],` +
				`"defaultUnitId":"u","defaultRoleId":"r","passwordDisabled":false}`,
			call: func(d *app.App) (any, error) {
				return d.Admin.SetSSOSettings(api.SSOSettingsInput{Enabled: true, Issuer: "https://accounts.google.com",
					ClientID: "c", Domains: []string{"nordlicht.example"}, DefaultUnitID: "u", DefaultRoleID: "r"})
			}},
		{name: "support request without diagnostics", method: "POST", path: "/api/v1/support", create: true, status: 201,
			answer: api.SupportReceipt{ID: "m1"}, body: `{"subject":"","text":"Hilfe"}`,
			call: func(d *app.App) (any, error) {
				return d.Session.SendSupportRequest(app.SupportForm{Text: "Hilfe", ErrorIDs: []string{"req-9"}})
			}},
		{name: "support request with diagnostics", method: "POST", path: "/api/v1/support", create: true, status: 201,
			answer: api.SupportReceipt{ID: "m2"},
			body:   `{"subject":"Export","text":"Hilfe","diagnostics":{"os":"` + runtime.GOOS + "/" + runtime.GOARCH + `","errorIds":["req-8","req-9"]}}`,
			call: func(d *app.App) (any, error) {
				return d.Session.SendSupportRequest(app.SupportForm{Subject: "Export", Text: "Hilfe", AttachDiagnostics: true,
					ErrorIDs: []string{"req-8", "req-9"}})
			}},
	}
}

// Without consent, not even the server address or the error numbers go along; with it, they do, and the server
// is the one the desktop is connected to.
func TestSupportRequestCarriesDiagnosticsOnlyWithConsent(t *testing.T) {
	s := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { writeOK(w, 201, api.SupportReceipt{ID: "m"}) })
	d := signedIn(t, s, client.Options{})
	if _, err := d.Session.SendSupportRequest(app.SupportForm{Text: "a", ErrorIDs: []string{"req-1"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Session.SendSupportRequest(app.SupportForm{Text: "b", AttachDiagnostics: true, ErrorIDs: []string{"req-1"}}); err != nil {
		t.Fatal(err)
	}
	reqs := s.requests()
	var without, with api.SupportRequest
	if err := json.Unmarshal([]byte(reqs[0].body), &without); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(reqs[1].body), &with); err != nil {
		t.Fatal(err)
	}
	if without.Diagnostics != nil {
		t.Errorf("diagnostics without consent: %s", reqs[0].body)
	}
	if with.Diagnostics == nil || with.Diagnostics.ServerURL != s.URL || with.Diagnostics.AppVersion == "" {
		t.Errorf("diagnostics with consent: %s", reqs[1].body)
	}
}

func TestSupportInfoAddsTheDesktopsOwnFacts(t *testing.T) {
	s := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		writeOK(w, 200, api.SupportInfo{SupportEmail: "support@nordlicht.example", ServerVersion: "abc123"})
	})
	info, err := signedIn(t, s, client.Options{}).Session.SupportInfo()
	if err != nil {
		t.Fatal(err)
	}
	want := app.SupportInfo{AppVersion: info.AppVersion, OS: runtime.GOOS + "/" + runtime.GOARCH, ServerURL: s.URL,
		ServerVersion: "abc123", SupportEmail: "support@nordlicht.example"}
	if info != want || info.AppVersion == "" {
		t.Errorf("info %+v, want %+v", info, want)
	}
	if reqs := s.requests(); len(reqs) != 1 || reqs[0].path != "/api/v1/support" {
		t.Errorf("requests %+v", reqs)
	}
}
