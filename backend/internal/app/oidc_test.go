package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/oauth2-proxy/mockoidc"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/oidc/oidctest"
	"github.com/1sales/app/shared/api"
)

// ssoRedirect is where the desktop's loopback listener would wait; the tests read the provider's redirect there
// instead of following it.
const ssoRedirect = "http://127.0.0.1:49152/callback"

// configureSSO saves the demo company's single sign-on with the provider and nordlicht.example as its domain.
func configureSSO(t *testing.T, env *apptest.Env, issuer, clientID, secret string, passwordDisabled bool) api.SSOSettings {
	t.Helper()
	resp := env.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/tenant/sso", Token: env.Token(apptest.Admin),
		Body: ssoInput(env, issuer, clientID, secret, passwordDisabled)})
	if resp.Status != http.StatusOK {
		t.Fatalf("configure SSO: %d %s", resp.Status, resp.Body)
	}
	var out api.SSOSettings
	resp.Decode(t, &out)
	return out
}

func ssoInput(env *apptest.Env, issuer, clientID, secret string, passwordDisabled bool) api.SSOSettingsInput {
	return api.SSOSettingsInput{Enabled: true, Issuer: issuer, ClientID: clientID, ClientSecret: &secret,
		Domains: []string{"nordlicht.example"}, DefaultUnitID: env.Demo.Units["Innendienst"].String(),
		DefaultRoleID: env.Demo.Roles["Innendienst"].String(), PasswordDisabled: passwordDisabled}
}

// ssoBrowser plays the system browser: it opens the authorization URL (after tweak, when given) and returns the
// code and state the provider redirected to the loopback address with.
func ssoBrowser(t testing.TB, authURL string, tweak func(q url.Values)) (code, state string) {
	t.Helper()
	code, state, err := authorize(authURL, tweak)
	if err != nil {
		t.Fatal(err)
	}
	return code, state
}

// authorize is ssoBrowser without a test to fail (for a fuzz target's bodies).
func authorize(authURL string, tweak func(q url.Values)) (code, state string, err error) {
	u, err := url.Parse(authURL)
	if err != nil {
		return "", "", err
	}
	if tweak != nil {
		q := u.Query()
		tweak(q)
		u.RawQuery = q.Encode()
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(u.String())
	if err != nil {
		return "", "", err
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || !strings.HasPrefix(loc.String(), ssoRedirect) {
		return "", "", fmt.Errorf("authorize: %d, redirected to %q, want %s", resp.StatusCode, resp.Header.Get("Location"), ssoRedirect)
	}
	return loc.Query().Get("code"), loc.Query().Get("state"), nil
}

func ssoBegin(t testing.TB, env *apptest.Env, email string) string {
	t.Helper()
	authURL, err := begin(env, email)
	if err != nil {
		t.Fatal(err)
	}
	return authURL
}

// begin is ssoBegin without a test to fail.
func begin(env *apptest.Env, email string) (string, error) {
	resp, err := env.TryAt(env.Server.URL, apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/oidc/begin",
		Body: api.SSOBeginRequest{Email: email, RedirectURI: ssoRedirect}})
	if err != nil {
		return "", err
	}
	var b api.SSOBegin
	if resp.Status != http.StatusOK || json.Unmarshal(resp.Body, &b) != nil {
		return "", fmt.Errorf("begin: %d %s", resp.Status, resp.Body)
	}
	return b.AuthURL, nil
}

func ssoFinish(env *apptest.Env, code, state string) *apptest.Response {
	return env.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/oidc/finish",
		Body: api.SSOFinishRequest{State: state, Code: code}})
}

// ssoSignIn runs the whole flow for email and returns the finish's answer.
func ssoSignIn(t *testing.T, env *apptest.Env, email string, tweak func(q url.Values)) *apptest.Response {
	t.Helper()
	code, state := ssoBrowser(t, ssoBegin(t, env, email), tweak)
	return ssoFinish(env, code, state)
}

func wantSSORefused(t *testing.T, resp *apptest.Response, what string) {
	t.Helper()
	if resp.Status != http.StatusUnauthorized || resp.Error(t).Code != api.CodeSSOFailed {
		t.Fatalf("%s: %d %s, want 401 %s", what, resp.Status, resp.Body, api.CodeSSOFailed)
	}
}

func startMockOIDC(t *testing.T) *mockoidc.MockOIDC {
	t.Helper()
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown() })
	return m
}

func sessionOf(t *testing.T, resp *apptest.Response) api.Session {
	t.Helper()
	if resp.Status != http.StatusOK {
		t.Fatalf("finish: %d %s", resp.Status, resp.Body)
	}
	var s api.Session
	resp.Decode(t, &s)
	if s.AccessToken == "" || s.RefreshToken == "" {
		t.Fatalf("finish answered no session: %s", resp.Body)
	}
	return s
}

// Against mockoidc, a standards-compliant provider started by the test: the first sign-in of an unknown address of
// the domain creates the account with the default unit and role, the next one matches it, a demo user is matched
// to their account, and the session is a real one (the access token works, the refresh token refreshes).
func TestSSOSignInCreatesTheUserJustInTimeAndMatchesExistingOnes(t *testing.T) {
	env := apptest.Start(t)
	m := startMockOIDC(t)
	settings := configureSSO(t, env, m.Issuer(), m.ClientID, m.ClientSecret, false)
	if !settings.ClientSecretSet || !settings.Enabled || settings.RedirectURI == "" {
		t.Fatalf("settings after save: %+v", settings)
	}

	m.QueueUser(&mockoidc.MockUser{Subject: "s-neu", Email: "neu.kollege@nordlicht.example", EmailVerified: true})
	first := sessionOf(t, ssoSignIn(t, env, "neu.kollege@nordlicht.example", nil))
	if first.Me.User.Email != "neu.kollege@nordlicht.example" || first.Me.Unit.ID != env.Demo.Units["Innendienst"].String() ||
		first.Me.Role.ID != env.Demo.Roles["Innendienst"].String() {
		t.Fatalf("created user: %+v", first.Me)
	}
	if resp := env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: first.AccessToken}); resp.Status != http.StatusOK {
		t.Fatalf("me with the SSO session: %d %s", resp.Status, resp.Body)
	}
	if resp := env.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh",
		Body: api.RefreshRequest{RefreshToken: first.RefreshToken}}); resp.Status != http.StatusOK {
		t.Fatalf("refresh of the SSO session: %d %s", resp.Status, resp.Body)
	}

	m.QueueUser(&mockoidc.MockUser{Subject: "s-neu", Email: "neu.kollege@nordlicht.example", EmailVerified: true})
	second := sessionOf(t, ssoSignIn(t, env, "neu.kollege@nordlicht.example", nil))
	if second.Me.User.ID != first.Me.User.ID {
		t.Fatalf("second sign-in is user %s, want the same %s", second.Me.User.ID, first.Me.User.ID)
	}
	var n int
	if err := env.DB.Owner.NewRaw("SELECT count(*) FROM users WHERE lower(email) = 'neu.kollege@nordlicht.example'").
		Scan(t.Context(), &n); err != nil || n != 1 {
		t.Fatalf("users with the address: %d (%v), want 1", n, err)
	}

	m.QueueUser(&mockoidc.MockUser{Subject: "s-jonas", Email: strings.ToUpper(apptest.FieldRepNord), EmailVerified: true})
	jonas := sessionOf(t, ssoSignIn(t, env, apptest.FieldRepNord, nil))
	if jonas.Me.User.ID != env.Demo.Users[apptest.FieldRepNord].String() {
		t.Fatalf("existing user matched as %s, want %s", jonas.Me.User.ID, env.Demo.Users[apptest.FieldRepNord])
	}
}

// mockoidc puts the nonce of the authorization request in the ID token: a browser that changed it (or a token
// minted for another sign-in) carries a nonce the backend did not issue. An ID token that expired before it was
// presented is refused too (the provider's clock runs two hours behind).
func TestSSORefusesAWrongNonceAndAnExpiredTokenFromTheProvider(t *testing.T) {
	env := apptest.Start(t)
	m := startMockOIDC(t)
	configureSSO(t, env, m.Issuer(), m.ClientID, m.ClientSecret, false)
	user := &mockoidc.MockUser{Subject: "s1", Email: apptest.FieldRepNord, EmailVerified: true}

	m.QueueUser(user)
	wantSSORefused(t, ssoSignIn(t, env, apptest.FieldRepNord, func(q url.Values) { q.Set("nonce", "another-nonce-0123456789") }),
		"wrong nonce")

	m.FastForward(-2 * time.Hour)
	m.QueueUser(user)
	wantSSORefused(t, ssoSignIn(t, env, apptest.FieldRepNord, nil), "expired ID token")

	m.FastForward(2 * time.Hour) // the control: the same provider in time signs in
	m.QueueUser(user)
	sessionOf(t, ssoSignIn(t, env, apptest.FieldRepNord, nil))
}

// A provider whose tokens the test controls, served through a real discovery document and JWKS: each bad token
// is refused by the backend's verification, and the same provider's good token signs in (so that the refusals are
// the tokens', not the setup's).
func TestSSORefusesTokensThatFailVerification(t *testing.T) {
	env := apptest.Start(t)
	p := oidctest.Start(t)
	configureSSO(t, env, p.Issuer, p.ClientID, p.ClientSecret, false)
	p.SignIn(apptest.FieldRepSued)
	for _, c := range []struct {
		name   string
		tamper func(map[string]any)
		key    bool
	}{
		{name: "wrong audience", tamper: func(c map[string]any) { c["aud"] = "another-client" }},
		{name: "wrong issuer", tamper: func(c map[string]any) { c["iss"] = "https://evil.example" }},
		{name: "wrong nonce", tamper: func(c map[string]any) { c["nonce"] = "not-the-nonce-we-sent" }},
		{name: "no nonce", tamper: func(c map[string]any) { delete(c, "nonce") }},
		{name: "expired", tamper: func(c map[string]any) { c["exp"] = time.Now().Add(-time.Minute).Unix() }},
		{name: "signed with another key", key: true},
		{name: "address outside the domains", tamper: func(c map[string]any) { c["email"] = "x@andere-firma.example" }},
		{name: "address not verified", tamper: func(c map[string]any) { c["email_verified"] = false }},
	} {
		t.Run(c.name, func(t *testing.T) {
			p.Tamper(c.tamper)
			p.SignWithForeignKey(c.key)
			defer func() { p.Tamper(nil); p.SignWithForeignKey(false) }()
			wantSSORefused(t, ssoSignIn(t, env, apptest.FieldRepSued, nil), c.name)
		})
	}
	s := sessionOf(t, ssoSignIn(t, env, apptest.FieldRepSued, nil))
	if s.Me.User.ID != env.Demo.Users[apptest.FieldRepSued].String() {
		t.Fatalf("control sign-in as %s", s.Me.User.ID)
	}
}

// The state is spent by its first finish: a replay (even with the same code) is refused, as are an unknown state
// and a sign-in whose provider refuses the code.
func TestSSOStateIsSingleUse(t *testing.T) {
	env := apptest.Start(t)
	p := oidctest.Start(t)
	configureSSO(t, env, p.Issuer, p.ClientID, p.ClientSecret, false)
	p.SignIn(apptest.FieldRepNord)
	code, state := ssoBrowser(t, ssoBegin(t, env, apptest.FieldRepNord), nil)
	sessionOf(t, ssoFinish(env, code, state))
	wantSSORefused(t, ssoFinish(env, code, state), "replayed state")
	wantSSORefused(t, ssoFinish(env, code, "unknown-state"), "unknown state")

	_, state = ssoBrowser(t, ssoBegin(t, env, apptest.FieldRepNord), nil)
	wantSSORefused(t, ssoFinish(env, "a-code-the-provider-never-gave", state), "code refused by the provider")
}

// Begin answers from the domain only: no single sign-on for a domain that has none (whether or not the address
// has an account), nor for one whose company turned it off; bad redirect URIs are refused by field.
func TestSSOBeginTellsOnlyWhetherTheDomainUsesSingleSignOn(t *testing.T) {
	env := apptest.Start(t)
	p := oidctest.Start(t)
	begin := func(email, redirect string) *apptest.Response {
		return env.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/oidc/begin",
			Body: api.SSOBeginRequest{Email: email, RedirectURI: redirect}})
	}
	known, unknown := begin(apptest.OtherAdmin, ssoRedirect), begin("niemand@andere-firma.example", ssoRedirect)
	for _, resp := range []*apptest.Response{known, unknown} {
		if resp.Status != http.StatusUnprocessableEntity || resp.Error(t).Fields["email"] != api.FieldNoSSO {
			t.Fatalf("domain without SSO: %d %s", resp.Status, resp.Body)
		}
	}
	if k, u := known.Error(t), unknown.Error(t); k.Code != u.Code || k.Message != u.Message || len(k.Fields) != len(u.Fields) {
		t.Fatalf("answers differ for a known and an unknown address:\n%s\n%s", known.Body, unknown.Body)
	}
	configureSSO(t, env, p.Issuer, p.ClientID, p.ClientSecret, false)
	if resp := begin("niemand@nordlicht.example", ssoRedirect); resp.Status != http.StatusOK {
		t.Fatalf("configured domain, unknown address: %d %s", resp.Status, resp.Body)
	}
	for _, c := range []struct{ redirect, field string }{
		{"", "required"}, {"http://evil.example:8080/cb", "invalid"}, {"https://127.0.0.1:8080/cb", "invalid"},
		{"http://127.0.0.1/cb", "invalid"}, {"http://127.0.0.1:8080/cb?x=1", "invalid"},
		{"http://127.0.0.1:8080/" + strings.Repeat("a", 400), "too_long"},
	} {
		resp := begin(apptest.FieldRepNord, c.redirect)
		if resp.Status != http.StatusUnprocessableEntity || string(resp.Error(t).Fields["redirectUri"]) != c.field {
			t.Errorf("redirect %.40q: %d %s, want 422 redirectUri %s", c.redirect, resp.Status, resp.Body, c.field)
		}
	}
	in := ssoInput(env, p.Issuer, p.ClientID, p.ClientSecret, false)
	in.Enabled = false
	if resp := env.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/tenant/sso", Token: env.Token(apptest.Admin),
		Body: in}); resp.Status != http.StatusOK {
		t.Fatalf("disable SSO: %d %s", resp.Status, resp.Body)
	}
	if resp := begin(apptest.FieldRepNord, ssoRedirect); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("begin with SSO disabled: %d %s", resp.Status, resp.Body)
	}
}

// With password sign-in disabled for the domain, a correct password is refused with a clear code (and a wrong one
// stays invalid_credentials); the users of other companies sign in with passwords as before.
func TestSSOPasswordSignInDisabledForTheDomain(t *testing.T) {
	env := apptest.Start(t)
	p := oidctest.Start(t)
	login := func(email, password string) *apptest.Response {
		return env.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
			Body: api.LoginRequest{Email: email, Password: password}})
	}
	configureSSO(t, env, p.Issuer, p.ClientID, p.ClientSecret, false)
	if resp := login(apptest.FieldRepNord, apptest.Password); resp.Status != http.StatusOK {
		t.Fatalf("password sign-in while allowed: %d %s", resp.Status, resp.Body)
	}
	configureSSO(t, env, p.Issuer, p.ClientID, p.ClientSecret, true)
	if resp := login(apptest.FieldRepNord, apptest.Password); resp.Status != http.StatusForbidden ||
		resp.Error(t).Code != api.CodePasswordDisabled {
		t.Fatalf("password sign-in while disabled: %d %s", resp.Status, resp.Body)
	}
	if resp := login(apptest.FieldRepSued, "wrong-password-1"); resp.Status != http.StatusUnauthorized ||
		resp.Error(t).Code != api.CodeInvalidCredentials {
		t.Fatalf("wrong password while disabled: %d %s", resp.Status, resp.Body)
	}
	if resp := login(apptest.OtherAdmin, apptest.Password); resp.Status != http.StatusOK {
		t.Fatalf("another company's user: %d %s", resp.Status, resp.Body)
	}
	p.SignIn(apptest.FieldRepNord)
	sessionOf(t, ssoSignIn(t, env, apptest.FieldRepNord, nil))
}

// The settings: the secret is never answered (only that one is set), kept when the input leaves it out, and
// removed with ""; bad input is refused by field, never with a 5xx; a domain of another company is taken; only
// admins see or change the settings.
func TestSSOSettingsKeepTheSecretAndRefuseBadInput(t *testing.T) {
	env := apptest.Start(t)
	p := oidctest.Start(t)
	admin := env.Token(apptest.Admin)
	put := func(token string, in api.SSOSettingsInput) *apptest.Response {
		return env.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/tenant/sso", Token: token, Body: in})
	}
	get := func(token string) *apptest.Response {
		return env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/tenant/sso", Token: token})
	}
	var empty api.SSOSettings
	get(admin).Decode(t, &empty)
	if empty.Configured || empty.ClientSecretSet || empty.Domains == nil {
		t.Fatalf("settings before any: %+v", empty)
	}
	configureSSO(t, env, p.Issuer, p.ClientID, p.ClientSecret, false)
	resp := get(admin)
	if strings.Contains(string(resp.Body), p.ClientSecret) {
		t.Fatalf("the secret came back: %s", resp.Body)
	}
	in := ssoInput(env, p.Issuer, p.ClientID, "", false)
	in.ClientSecret = nil
	if resp := put(admin, in); resp.Status != http.StatusOK {
		t.Fatalf("save without secret: %d %s", resp.Status, resp.Body)
	}
	var s api.SSOSettings
	get(admin).Decode(t, &s)
	if !s.ClientSecretSet || strings.Contains(string(get(admin).Body), p.ClientSecret) {
		t.Fatalf("secret after a save without one: %+v", s)
	}
	blank := ""
	in.ClientSecret = &blank
	put(admin, in).Decode(t, &s)
	if s.ClientSecretSet {
		t.Fatalf("secret after removing it: %+v", s)
	}

	for _, c := range []struct {
		name  string
		edit  func(*api.SSOSettingsInput)
		field string
		code  api.FieldCode
	}{
		{"issuer without scheme", func(i *api.SSOSettingsInput) { i.Issuer = "login.microsoftonline.com/x/v2.0" }, "issuer", api.FieldInvalid},
		{"issuer not a URL", func(i *api.SSOSettingsInput) { i.Issuer = "https://exa mple.org" }, "issuer", api.FieldInvalid},
		{"issuer ftp", func(i *api.SSOSettingsInput) { i.Issuer = "ftp://idp.example.org" }, "issuer", api.FieldInvalid},
		{"issuer without host", func(i *api.SSOSettingsInput) { i.Issuer = "https://" }, "issuer", api.FieldInvalid},
		{"issuer with query", func(i *api.SSOSettingsInput) { i.Issuer = "https://idp.example.org/?a=b" }, "issuer", api.FieldInvalid},
		{"issuer http to another host", func(i *api.SSOSettingsInput) { i.Issuer = "http://idp.example.org" }, "issuer", api.FieldInsecure},
		{"issuer too long", func(i *api.SSOSettingsInput) { i.Issuer = "https://idp.example.org/" + strings.Repeat("a", 500) }, "issuer", api.FieldTooLong},
		{"issuer that is no provider", func(i *api.SSOSettingsInput) { i.Issuer = env.Server.URL }, "issuer", api.FieldUnreachable},
		{"client id of 10,000 characters", func(i *api.SSOSettingsInput) { i.ClientID = strings.Repeat("c", 10000) }, "clientId", api.FieldTooLong},
		{"client id empty", func(i *api.SSOSettingsInput) { i.ClientID = " " }, "clientId", api.FieldRequired},
		{"secret too long", func(i *api.SSOSettingsInput) { x := strings.Repeat("s", 1001); i.ClientSecret = &x }, "clientSecret", api.FieldTooLong},
		{"no domains", func(i *api.SSOSettingsInput) { i.Domains = nil }, "domains", api.FieldRequired},
		{"bad domain", func(i *api.SSOSettingsInput) { i.Domains = []string{"nordlicht"} }, "domains[0]", api.FieldInvalid},
		{"domain with @", func(i *api.SSOSettingsInput) { i.Domains = []string{"a@nordlicht.example"} }, "domains[0]", api.FieldInvalid},
		{"domain twice", func(i *api.SSOSettingsInput) { i.Domains = []string{"nordlicht.example", "Nordlicht.Example"} }, "domains[1]", api.FieldDuplicate},
		{"unit of nobody", func(i *api.SSOSettingsInput) { i.DefaultUnitID = "00000000-0000-0000-0000-000000000000" }, "defaultUnitId", api.FieldNotFound},
		{"role not a UUID", func(i *api.SSOSettingsInput) { i.DefaultRoleID = "x" }, "defaultRoleId", api.FieldInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := ssoInput(env, p.Issuer, p.ClientID, p.ClientSecret, false)
			c.edit(&in)
			resp := put(admin, in)
			if resp.Status != http.StatusUnprocessableEntity || resp.Error(t).Fields[c.field] != c.code {
				t.Fatalf("%d %s, want 422 with %s: %s", resp.Status, resp.Body, c.field, c.code)
			}
		})
	}

	other := ssoInput(env, p.Issuer, p.ClientID, p.ClientSecret, false)
	other.DefaultUnitID, other.DefaultRoleID = env.Other.Units["Zentrale"].String(), env.Other.Roles["Administrator"].String()
	if resp := put(env.Token(apptest.OtherAdmin), other); resp.Status != http.StatusUnprocessableEntity ||
		resp.Error(t).Fields["domains[0]"] != api.FieldTaken {
		t.Fatalf("another company's domain: %d %s", resp.Status, resp.Body)
	}
	for _, who := range []string{apptest.Manager, apptest.FieldRepNord} {
		if resp := get(env.Token(who)); resp.Status != http.StatusForbidden {
			t.Errorf("GET as %s: %d", who, resp.Status)
		}
	}
}
