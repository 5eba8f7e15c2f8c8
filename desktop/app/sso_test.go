package app_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/desktop/secrets"
	"github.com/1sales/app/shared/api"
)

// The state and code the stand-in backend's begin and finish agree on (session_test.go).
const (
	ssoState = "state-1"
	ssoCode  = "code-1"
)

// ssoDesk is an App whose system browser is browse: it gets the authorization URL the backend answered.
func ssoDesk(t *testing.T, browse func(authURL string) error) (*app.App, *secrets.Memory) {
	t.Helper()
	sec := secrets.NewMemory()
	return startApp(t, app.Config{Secrets: sec, OpenBrowser: browse}), sec
}

// provider plays the identity provider behind the browser: it sends the browser to the redirect URI of the
// authorization URL with code and state, as a provider does after the user signed in.
func provider(t *testing.T, code, state string) func(string) error {
	return func(authURL string) error {
		u, err := url.Parse(authURL)
		if err != nil {
			return err
		}
		redirect, err := url.Parse(u.Query().Get("redirect_uri"))
		if err != nil {
			return err
		}
		if redirect.Scheme != "http" || redirect.Hostname() != "127.0.0.1" || redirect.Port() == "" {
			t.Errorf("redirect URI %q is not a loopback address with a port", redirect)
		}
		q := redirect.Query()
		q.Set("code", code)
		q.Set("state", state)
		redirect.RawQuery = q.Encode()
		go func() {
			resp, err := http.Get(redirect.String())
			if err == nil {
				resp.Body.Close()
			}
		}()
		return nil
	}
}

// The whole desktop side: loopback listener, begin, browser, the provider's redirect to the loopback, finish; the
// refresh token goes to the keyring as with a password.
func TestLoginSSOReceivesTheCodeOnTheLoopbackAndKeepsTheSession(t *testing.T) {
	b := newBackend(t)
	a, sec := ssoDesk(t, provider(t, ssoCode, ssoState))
	me, err := a.Session.LoginSSO(app.SSOLoginInput{ServerURL: b.URL, Email: email})
	if err != nil {
		t.Fatalf("LoginSSO: %v", err)
	}
	if me.User.Email != email {
		t.Fatalf("signed in as %q", me.User.Email)
	}
	if tok, err := sec.Get(b.URL, email); err != nil || tok == "" {
		t.Fatalf("keyring after single sign-on: %q, %v", tok, err)
	}
	if st, _ := a.Session.State(); !st.SignedIn {
		t.Fatal("not signed in after single sign-on")
	}
}

// A redirect whose state is not this sign-in's does not end the wait (the user may still finish in the browser);
// cancelling ends it with auth.sso_cancelled.
func TestLoginSSOIgnoresAForeignStateAndCanBeCancelled(t *testing.T) {
	b := newBackend(t)
	var a *app.App
	browse := provider(t, ssoCode, "another-state")
	a, _ = ssoDesk(t, func(authURL string) error {
		if err := browse(authURL); err != nil {
			return err
		}
		go func() { time.Sleep(300 * time.Millisecond); a.Session.CancelSSO() }()
		return nil
	})
	_, err := a.Session.LoginSSO(app.SSOLoginInput{ServerURL: b.URL, Email: email})
	apiErr(t, err, 0, api.CodeSSOCancelled)
}

// The provider's refusal (error=access_denied) ends the wait with auth.sso_failed; a domain without single
// sign-on is the server's field error; bad input is refused without asking the server.
func TestLoginSSORefusals(t *testing.T) {
	b := newBackend(t)
	a, _ := ssoDesk(t, func(authURL string) error {
		u, _ := url.Parse(authURL)
		redirect := u.Query().Get("redirect_uri") + "?" + url.Values{"state": {ssoState}, "error": {"access_denied"}}.Encode()
		go func() {
			if resp, err := http.Get(redirect); err == nil {
				resp.Body.Close()
			}
		}()
		return nil
	})
	_, err := a.Session.LoginSSO(app.SSOLoginInput{ServerURL: b.URL, Email: email})
	apiErr(t, err, 0, api.CodeSSOFailed)

	_, err = a.Session.LoginSSO(app.SSOLoginInput{ServerURL: b.URL, Email: "jemand@ohne-sso.example"})
	if ae := apiErr(t, err, 422, api.CodeValidation); ae.Fields["email"] != api.FieldNoSSO {
		t.Fatalf("fields: %v", ae.Fields)
	}
	_, err = a.Session.LoginSSO(app.SSOLoginInput{ServerURL: "", Email: ""})
	if ae := apiErr(t, err, 0, api.CodeValidation); ae.Fields["email"] != api.FieldRequired || ae.Fields["serverUrl"] == "" {
		t.Fatalf("fields: %v", ae.Fields)
	}
}
