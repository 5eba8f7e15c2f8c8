package app_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/desktop/secrets"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

const (
	email    = "claudia.becker@nordlicht.example"
	password = "Demo1234!"
)

// backend is a small stand-in for the server's auth routes: rotating refresh tokens with reuse detection, short
// lived access tokens the test can expire, and one authenticated route.
type backend struct {
	*httptest.Server
	mu      sync.Mutex
	n       int
	access  map[string]bool // valid access tokens
	refresh map[string]bool // refresh token -> still unspent
	logouts []string
	paths   []string
	// needCode: the sign-in asks for a second factor (challenge "challenge-1", right code "123456").
	needCode bool
}

func newBackend(t *testing.T) *backend {
	b := &backend{access: map[string]bool{}, refresh: map[string]bool{}}
	b.Server = httptest.NewServer(http.HandlerFunc(b.serve))
	t.Cleanup(b.Close)
	return b
}

func (b *backend) issue() api.Session {
	b.n++
	s := api.Session{
		AccessToken:     fmt.Sprintf("access-%d", b.n),
		AccessExpiresAt: time.Now().Add(15 * time.Minute),
		RefreshToken:    fmt.Sprintf("refresh-%d", b.n),
		Me: api.Me{
			User:   api.User{ID: "u1", Email: email, Name: "Claudia Becker", Active: true, Version: 1},
			Tenant: api.Tenant{ID: "t1", Name: "Nordlicht Bürotechnik GmbH", Plan: api.PlanProfessional},
		},
	}
	b.access[s.AccessToken] = true
	b.refresh[s.RefreshToken] = true
	return s
}

// expireAccess makes every access token invalid, as 15 minutes later.
func (b *backend) expireAccess() {
	b.mu.Lock()
	defer b.mu.Unlock()
	clear(b.access)
}

// revokeAll ends every session, as a deactivation would.
func (b *backend) revokeAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	clear(b.access)
	for k := range b.refresh {
		b.refresh[k] = false
	}
}

func (b *backend) serve(w http.ResponseWriter, r *http.Request) {
	if noStream(w, r) {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.paths = append(b.paths, r.Method+" "+r.URL.Path)
	fail := func(status int, code api.ErrorCode) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(api.ErrorEnvelope{Error: api.Error{Code: code, Message: string(code)}})
	}
	ok := func(v any) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}
	switch r.Method + " " + r.URL.Path {
	case "POST /api/v1/auth/login":
		var in api.LoginRequest
		_ = json.NewDecoder(r.Body).Decode(&in)
		if !strings.EqualFold(in.Email, email) || in.Password != password {
			fail(401, api.CodeInvalidCredentials)
			return
		}
		if b.needCode {
			ok(api.Session{Challenge: &api.SignInChallenge{Token: "challenge-1", Kind: api.ChallengeCode, ExpiresAt: time.Now().Add(5 * time.Minute)}})
			return
		}
		ok(b.issue())
	case "POST /api/v1/auth/second-factor":
		var in api.SecondFactorRequest
		_ = json.NewDecoder(r.Body).Decode(&in)
		switch {
		case in.Challenge != "challenge-1":
			fail(401, api.CodeChallengeInvalid)
		case in.Code != "123456":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(422)
			_ = json.NewEncoder(w).Encode(api.ErrorEnvelope{Error: api.Error{Code: api.CodeValidation, Message: "wrong",
				Fields: map[string]api.FieldCode{"code": api.FieldWrongCode}}})
		default:
			ok(b.issue())
		}
	case "POST /api/v1/auth/refresh":
		var in api.RefreshRequest
		_ = json.NewDecoder(r.Body).Decode(&in)
		unspent, known := b.refresh[in.RefreshToken]
		switch {
		case !known:
			fail(401, api.CodeTokenInvalid)
		case !unspent:
			fail(401, api.CodeTokenReused)
		default:
			b.refresh[in.RefreshToken] = false
			ok(b.issue())
		}
	case "POST /api/v1/auth/oidc/begin": // single sign-on (sso_test.go): the provider is the test's browser
		var in api.SSOBeginRequest
		_ = json.NewDecoder(r.Body).Decode(&in)
		if !strings.HasSuffix(in.Email, "@nordlicht.example") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(422)
			_ = json.NewEncoder(w).Encode(api.ErrorEnvelope{Error: api.Error{Code: api.CodeValidation,
				Fields: map[string]api.FieldCode{"email": api.FieldNoSSO}}})
			return
		}
		ok(api.SSOBegin{AuthURL: b.URL + "/authorize?" + url.Values{"state": {ssoState}, "redirect_uri": {in.RedirectURI}}.Encode()})
	case "POST /api/v1/auth/oidc/finish":
		var in api.SSOFinishRequest
		_ = json.NewDecoder(r.Body).Decode(&in)
		if in.State != ssoState || in.Code != ssoCode {
			fail(401, api.CodeSSOFailed)
			return
		}
		ok(b.issue())
	case "POST /api/v1/auth/logout":
		var in api.LogoutRequest
		_ = json.NewDecoder(r.Body).Decode(&in)
		b.logouts = append(b.logouts, in.RefreshToken)
		b.refresh[in.RefreshToken] = false
		w.WriteHeader(http.StatusNoContent)
	default:
		if !b.access[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")] {
			fail(401, api.CodeUnauthenticated)
			return
		}
		switch r.URL.Path {
		case "/api/v1/me":
			ok(api.Me{User: api.User{ID: "u1", Email: email}})
		case "/api/v1/tenant":
			ok(api.Tenant{ID: "t1", Name: "Nordlicht Bürotechnik GmbH"})
		default:
			fail(404, api.CodeNotFound)
		}
	}
}

func (b *backend) unspent() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for k, v := range b.refresh {
		if v {
			out = append(out, k)
		}
	}
	return out
}

// desk is a started App with in-memory secrets, a temporary settings file and recorded events.
type desk struct {
	*app.App
	secrets  *secrets.Memory
	settings *settings.File
	mu       sync.Mutex
	events   []string
}

func newDesk(t *testing.T, envServer string) *desk {
	t.Helper()
	return newDeskOn(t, envServer, secrets.NewMemory(), settings.New(filepath.Join(t.TempDir(), "settings.json")))
}

// newDeskOn starts an App on the given keyring and settings: a second one on the same stores is the next start.
func newDeskOn(t *testing.T, envServer string, sec *secrets.Memory, set *settings.File) *desk {
	t.Helper()
	d := &desk{secrets: sec, settings: set}
	d.App = startApp(t, app.Config{
		ServerURL: envServer,
		Secrets:   d.secrets,
		Settings:  d.settings,
		Emit: func(e string, _ ...any) {
			if strings.HasPrefix(e, "live:") { // the change stream's own (live_test.go)
				return
			}
			d.mu.Lock()
			defer d.mu.Unlock()
			d.events = append(d.events, e)
		},
	})
	return d
}

func (d *desk) token(t *testing.T, server string) string {
	t.Helper()
	tok, err := d.secrets.Get(server, email)
	if err != nil {
		t.Fatalf("keyring entry for %s: %v", server, err)
	}
	return tok
}

func (d *desk) login(t *testing.T, server string) {
	t.Helper()
	if _, err := d.Session.Login(app.LoginInput{ServerURL: server, Email: email, Password: password}); err != nil {
		t.Fatalf("Login: %v", err)
	}
}

// apiErr asserts that err is an *APIError with status and code.
func apiErr(t *testing.T, err error, status int, code api.ErrorCode) *client.APIError {
	t.Helper()
	ae, ok := client.AsAPIError(err)
	if !ok || ae.Status != status || ae.Code != code {
		t.Fatalf("err = %v, want status %d code %s", err, status, code)
	}
	return ae
}

func TestLoginRejectsBadInputWithoutAskingTheServer(t *testing.T) {
	b := newBackend(t)
	tests := []struct {
		name       string
		in         app.LoginInput
		wantFields map[string]api.FieldCode
	}{
		{"no server", app.LoginInput{Email: email, Password: password}, map[string]api.FieldCode{"serverUrl": "required"}},
		{"not http", app.LoginInput{ServerURL: "ftp://crm.example.com", Email: email, Password: password},
			map[string]api.FieldCode{"serverUrl": "invalid"}},
		{"no scheme", app.LoginInput{ServerURL: "crm.example.com", Email: email, Password: password},
			map[string]api.FieldCode{"serverUrl": "invalid"}},
		{"query", app.LoginInput{ServerURL: "https://crm.example.com/?x=1", Email: email, Password: password},
			map[string]api.FieldCode{"serverUrl": "invalid"}},
		{"plain http to another computer", app.LoginInput{ServerURL: "http://crm.example.com", Email: email, Password: password},
			map[string]api.FieldCode{"serverUrl": "insecure"}},
		{"plain http to an address of the network", app.LoginInput{ServerURL: "http://10.0.0.5:8421", Email: email, Password: password},
			map[string]api.FieldCode{"serverUrl": "insecure"}},
		{"no e-mail, no password", app.LoginInput{ServerURL: b.URL, Email: "  "},
			map[string]api.FieldCode{"email": "required", "password": "required"}},
	}
	d := newDesk(t, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := d.Session.Login(tt.in)
			ae := apiErr(t, err, 0, api.CodeValidation)
			if fmt.Sprint(ae.Fields) != fmt.Sprint(tt.wantFields) {
				t.Fatalf("fields = %v, want %v", ae.Fields, tt.wantFields)
			}
			var decoded client.APIError // the frontend parses the message
			if err := json.Unmarshal([]byte(err.Error()), &decoded); err != nil || decoded.Fields["email"] != tt.wantFields["email"] {
				t.Fatalf("Error() = %s is not the JSON shape: %v", err.Error(), err)
			}
		})
	}
	if len(b.paths) != 0 {
		t.Fatalf("server was asked: %v", b.paths)
	}
}

func TestLoginKeepsTokenInKeyringAndServerInSettings(t *testing.T) {
	b := newBackend(t)
	d := newDesk(t, "")
	// Typed with a trailing slash and in upper case: the entry must be the canonical server URL.
	res, err := d.Session.Login(app.LoginInput{ServerURL: " " + strings.ToUpper(b.URL) + "/ ", Email: "Claudia.Becker@Nordlicht.Example", Password: password})
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	if res.Me == nil || res.Me.User.Email != email || res.Step != "" {
		t.Fatalf("Login = %+v", res)
	}
	if tok := d.token(t, b.URL); tok != "refresh-1" {
		t.Fatalf("keyring holds %q, want refresh-1", tok)
	}
	prefs, _ := d.settings.Load()
	if prefs.ServerURL != b.URL || prefs.Email != email || prefs.Language != "de" {
		t.Fatalf("settings = %+v", prefs)
	}
	st, err := d.Session.State()
	if err != nil || !st.SignedIn || st.ServerURL != b.URL || st.Me == nil || st.Me.User.ID != "u1" {
		t.Fatalf("State = %+v, %v", st, err)
	}
}

func TestLoginWithWrongPassword(t *testing.T) {
	b := newBackend(t)
	d := newDesk(t, "")
	_, err := d.Session.Login(app.LoginInput{ServerURL: b.URL, Email: email, Password: "wrong"})
	apiErr(t, err, 401, api.CodeInvalidCredentials)
	if d.secrets.Len() != 0 {
		t.Fatal("keyring written after a failed sign-in")
	}
	if st, _ := d.Session.State(); st.SignedIn {
		t.Fatal("signed in after a failed sign-in")
	}
}

func TestResume(t *testing.T) {
	tests := []struct {
		name string
		// prepare sets up settings and keyring (and the server) for d; it returns the server URL used.
		prepare      func(t *testing.T, b *backend, d *desk) string
		wantSignedIn bool
		wantCode     api.ErrorCode // error code; "" for none
		wantToken    string        // keyring entry afterwards; "" for none
	}{
		{
			name:    "nothing saved",
			prepare: func(t *testing.T, b *backend, d *desk) string { return b.URL },
		},
		{
			name: "server and e-mail saved, no token",
			prepare: func(t *testing.T, b *backend, d *desk) string {
				_ = d.settings.Update(func(s *settings.Settings) { s.ServerURL, s.Email = b.URL, email })
				return b.URL
			},
		},
		{
			name: "valid token signs in and is rotated",
			prepare: func(t *testing.T, b *backend, d *desk) string {
				d.login(t, b.URL) // refresh-1 saved
				return b.URL
			},
			wantSignedIn: true,
			wantToken:    "refresh-2",
		},
		{
			name: "refused token is removed",
			prepare: func(t *testing.T, b *backend, d *desk) string {
				d.login(t, b.URL)
				b.revokeAll()
				return b.URL
			},
		},
		{
			name: "unreachable server is an error and keeps the token",
			prepare: func(t *testing.T, b *backend, d *desk) string {
				d.login(t, b.URL)
				b.Close()
				return b.URL
			},
			wantCode:  api.CodeNetworkUnreachable,
			wantToken: "refresh-1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBackend(t)
			first := newDesk(t, "")
			server := tt.prepare(t, b, first)
			d := newDeskOn(t, "", first.secrets, first.settings) // the next start of the program

			st, err := d.Session.Resume()
			if tt.wantCode != "" {
				apiErr(t, err, 0, tt.wantCode)
			} else if err != nil {
				t.Fatalf("Resume: %v", err)
			}
			if st.SignedIn != tt.wantSignedIn {
				t.Fatalf("SignedIn = %v, want %v", st.SignedIn, tt.wantSignedIn)
			}
			tok, err := d.secrets.Get(server, email)
			if tt.wantToken == "" && err == nil {
				t.Fatalf("keyring still holds %q", tok)
			}
			if tt.wantToken != "" && tok != tt.wantToken {
				t.Fatalf("keyring holds %q (%v), want %q", tok, err, tt.wantToken)
			}
			if tt.wantSignedIn {
				if _, err := d.Admin.Tenant(); err != nil {
					t.Fatalf("Tenant after Resume: %v", err)
				}
			}
		})
	}
}

func TestLogoutEndsSessionEverywhere(t *testing.T) {
	b := newBackend(t)
	d := newDesk(t, "")
	d.login(t, b.URL)

	if err := d.Session.Logout(); err != nil {
		t.Fatalf("Logout: %v", err)
	}
	if d.secrets.Len() != 0 {
		t.Fatal("keyring entry left after Logout")
	}
	if len(b.logouts) != 1 || b.logouts[0] != "refresh-1" || len(b.unspent()) != 0 {
		t.Fatalf("server logouts %v, unspent %v", b.logouts, b.unspent())
	}
	st, _ := d.Session.State()
	if st.SignedIn || st.Me != nil || st.ServerURL != b.URL || st.Email != email {
		t.Fatalf("State after Logout = %+v, want signed out with the form prefilled", st)
	}
	_, err := d.Session.Me()
	apiErr(t, err, 401, api.CodeUnauthenticated)
	if err := d.Session.Logout(); err != nil {
		t.Fatalf("second Logout: %v", err)
	}
}

func TestExpiredAccessTokenIsRenewedAndTheNewRefreshTokenSaved(t *testing.T) {
	b := newBackend(t)
	d := newDesk(t, "")
	d.login(t, b.URL)
	b.expireAccess()

	if _, err := d.Admin.Tenant(); err != nil {
		t.Fatalf("Tenant: %v", err)
	}
	if tok := d.token(t, b.URL); tok != "refresh-2" {
		t.Fatalf("keyring holds %q, want the rotated refresh-2", tok)
	}
	if len(d.events) != 0 {
		t.Fatalf("events %v, want none", d.events)
	}
}

func TestRevokedSessionExpires(t *testing.T) {
	b := newBackend(t)
	d := newDesk(t, "")
	d.login(t, b.URL)
	b.revokeAll()

	_, err := d.Admin.ListUsers()
	apiErr(t, err, 401, api.CodeTokenReused)
	if len(d.events) != 1 || d.events[0] != app.EventSessionExpired {
		t.Fatalf("events %v, want [%s]", d.events, app.EventSessionExpired)
	}
	if d.secrets.Len() != 0 {
		t.Fatal("dead refresh token left in the keyring")
	}
	if st, _ := d.Session.State(); st.SignedIn {
		t.Fatal("still signed in")
	}
	_, err = d.Admin.Tenant()
	apiErr(t, err, 401, api.CodeUnauthenticated)
}

func TestStatePrefersConfiguredServer(t *testing.T) {
	tests := []struct{ env, saved, want string }{
		{"", "https://saved.example.com", "https://saved.example.com"},
		{"https://env.example.com", "https://saved.example.com", "https://env.example.com"},
		{"https://env.example.com", "", "https://env.example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			d := newDesk(t, tt.env)
			_ = d.settings.Update(func(s *settings.Settings) { s.ServerURL = tt.saved })
			st, err := d.Session.State()
			if err != nil || st.ServerURL != tt.want || st.SignedIn || st.Language != "de" {
				t.Fatalf("State = %+v, %v; want server %s", st, err, tt.want)
			}
		})
	}
}

func TestSetLanguage(t *testing.T) {
	d := newDesk(t, "")
	if err := d.Session.SetLanguage("en"); err != nil {
		t.Fatalf("SetLanguage(en): %v", err)
	}
	if st, _ := d.Session.State(); st.Language != "en" {
		t.Fatalf("Language = %q, want en", st.Language)
	}
	ae := apiErr(t, d.Session.SetLanguage("fr"), 0, api.CodeValidation)
	if ae.Fields["language"] != api.FieldInvalid {
		t.Fatalf("fields = %v", ae.Fields)
	}
}

// Without a public URL on the server, the feed's URL is the server this desktop signed in to, with the path.
func TestRenewedCalendarFeedURLIsTheConnectedServerWithoutAPublicURL(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		writeOK(w, 200, api.CalendarFeedToken{Token: "1sc_x", Path: "/ics/1sc_x.ics"})
	})
	got, err := signedIn(t, rec, client.Options{}).Session.RenewCalendarFeed()
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != rec.URL+"/ics/1sc_x.ics" {
		t.Fatalf("URL %q, want %q", got.URL, rec.URL+"/ics/1sc_x.ics")
	}
}

func TestLoginWithASecondFactorWaitsForTheCodeBeforeKeepingAnything(t *testing.T) {
	b := newBackend(t)
	b.needCode = true
	d := newDesk(t, "")
	if _, err := d.Session.SecondFactor(app.SecondFactorInput{Code: "123456"}); err == nil {
		t.Fatal("a code without a sign-in waiting for it was taken")
	}
	res, err := d.Session.Login(app.LoginInput{ServerURL: b.URL, Email: email, Password: password})
	if err != nil || res.Step != api.ChallengeCode || res.Me != nil {
		t.Fatalf("Login = %+v, %v; want the code step", res, err)
	}
	if st, _ := d.Session.State(); st.SignedIn {
		t.Fatal("signed in before the second factor")
	}
	if tok, err := d.secrets.Get(b.URL, email); err == nil {
		t.Fatalf("keyring holds %q before the second factor", tok)
	}
	_, err = d.Session.SecondFactor(app.SecondFactorInput{Code: "654321"})
	if ae, ok := client.AsAPIError(err); !ok || ae.Fields["code"] != api.FieldWrongCode {
		t.Fatalf("wrong code: %v", err)
	}
	res, err = d.Session.SecondFactor(app.SecondFactorInput{Code: " 123456 "})
	if err != nil || res.Me == nil || res.Me.User.Email != email {
		t.Fatalf("SecondFactor = %+v, %v", res, err)
	}
	if tok := d.token(t, b.URL); tok != "refresh-1" {
		t.Fatalf("keyring holds %q, want refresh-1", tok)
	}
	if _, err := d.Session.SecondFactor(app.SecondFactorInput{Code: "123456"}); err == nil {
		t.Fatal("the spent sign-in took a second code")
	}
}

func TestRequestPasswordResetAsksTheServerWithoutASession(t *testing.T) {
	var got []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, r.Method+" "+r.URL.Path+" "+r.Header.Get("Authorization")+" "+string(b))
		mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	}))
	t.Cleanup(srv.Close)
	d := newDesk(t, "")
	err := d.Session.RequestPasswordReset(app.PasswordResetInput{ServerURL: "ftp://x", Email: " "})
	ae := apiErr(t, err, 0, api.CodeValidation)
	if ae.Fields["serverUrl"] != api.FieldInvalid || ae.Fields["email"] != api.FieldRequired {
		t.Errorf("fields: %v", ae.Fields)
	}
	if err := d.Session.RequestPasswordReset(app.PasswordResetInput{ServerURL: srv.URL, Email: " " + email + " "}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := `POST /api/v1/auth/password-reset  {"email":"` + email + `"}`; len(got) != 1 || strings.TrimSpace(got[0]) != want {
		t.Errorf("requests: %q, want %q", got, want)
	}
}
