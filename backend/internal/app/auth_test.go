package app_test

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/shared/api"
)

func login(env *apptest.Env, email, password string) *apptest.Response {
	return env.Do(apptest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: api.LoginRequest{Email: email, Password: password}})
}

func TestLoginRejectsWrongPasswordAndUnknownUserAlike(t *testing.T) {
	env := apptest.Start(t)
	for _, tc := range []struct{ name, email, password string }{
		{"wrong password", apptest.Admin, "falsch-falsch"},
		{"unknown user", "niemand@nordlicht.example", apptest.Password},
		{"e-mail of another case still needs the password", "CLAUDIA.BECKER@nordlicht.example", "nope-nope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := login(env, tc.email, tc.password)
			if resp.Status != http.StatusUnauthorized || resp.Error(t).Code != api.CodeInvalidCredentials {
				t.Fatalf("got %d %s, want 401 %s", resp.Status, resp.Body, api.CodeInvalidCredentials)
			}
		})
	}
	if resp := login(env, "Claudia.Becker@Nordlicht.example", apptest.Password); resp.Status != http.StatusOK {
		t.Fatalf("e-mail is case-insensitive: got %d %s", resp.Status, resp.Body)
	}
}

func TestLoginIsThrottledPerAccountAndPerAddressButNotForGood(t *testing.T) {
	env := apptest.Start(t, func(c *config.Config) { c.LoginThrottleWindow = 2 * time.Second })
	for i := range 5 {
		if resp := login(env, apptest.FieldRepNord, "wrong-"+strconv.Itoa(i)); resp.Status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: got %d", i, resp.Status)
		}
	}
	// The sixth attempt is refused even with the right password, and says when to try again.
	resp := login(env, apptest.FieldRepNord, apptest.Password)
	if resp.Status != http.StatusTooManyRequests || resp.Error(t).Code != api.CodeThrottled {
		t.Fatalf("got %d %s, want 429", resp.Status, resp.Body)
	}
	if ra, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 2 {
		t.Fatalf("Retry-After = %q", resp.Header.Get("Retry-After"))
	}
	// Another account from the same address is not affected by one account's failures.
	if resp := login(env, apptest.FieldRepSued, apptest.Password); resp.Status != http.StatusOK {
		t.Fatalf("other account: got %d %s", resp.Status, resp.Body)
	}
	// Once the window has passed, the right password works again: no lock-out for good.
	time.Sleep(2100 * time.Millisecond)
	if resp := login(env, apptest.FieldRepNord, apptest.Password); resp.Status != http.StatusOK {
		t.Fatalf("after the window: got %d %s", resp.Status, resp.Body)
	}

	// Per address: 30 failures over many accounts from one address block that address.
	for i := range 30 {
		login(env, fmt.Sprintf("unbekannt%d@nordlicht.example", i), "x-wrong-x")
	}
	if resp := login(env, apptest.InsideSales, apptest.Password); resp.Status != http.StatusTooManyRequests {
		t.Fatalf("address throttle: got %d %s", resp.Status, resp.Body)
	}
}

func refresh(env *apptest.Env, token string) *apptest.Response {
	return env.Do(apptest.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: api.RefreshRequest{RefreshToken: token}})
}

func TestRefreshTokenRotatesAndReuseRevokesTheChain(t *testing.T) {
	env := apptest.Start(t)
	first := env.Login(apptest.Manager)

	resp := refresh(env, first.RefreshToken)
	if resp.Status != http.StatusOK {
		t.Fatalf("refresh: %d %s", resp.Status, resp.Body)
	}
	var second api.Session
	resp.Decode(t, &second)
	if second.RefreshToken == first.RefreshToken || second.AccessToken == "" || second.Me.User.Email != apptest.Manager {
		t.Fatalf("refresh did not rotate: %+v", second)
	}
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: second.AccessToken}); r.Status != http.StatusOK {
		t.Fatalf("new access token: %d", r.Status)
	}

	// Replaying the spent first token is detected and ends the whole session.
	resp = refresh(env, first.RefreshToken)
	if resp.Status != http.StatusUnauthorized || resp.Error(t).Code != api.CodeTokenReused {
		t.Fatalf("reuse: got %d %s", resp.Status, resp.Body)
	}
	if r := refresh(env, second.RefreshToken); r.Status != http.StatusUnauthorized {
		t.Fatalf("the chain's newest token must die too: got %d", r.Status)
	}
	for _, tok := range []string{first.AccessToken, second.AccessToken} {
		if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: tok}); r.Status != http.StatusUnauthorized {
			t.Fatalf("access token of a revoked session: got %d", r.Status)
		}
	}
	// Other sessions of the same user live on.
	if r := refresh(env, env.Login(apptest.Manager).RefreshToken); r.Status != http.StatusOK {
		t.Fatalf("a fresh session: %d", r.Status)
	}
	if r := refresh(env, "not-a-token"); r.Status != http.StatusUnauthorized || r.Error(t).Code != api.CodeTokenInvalid {
		t.Fatalf("garbage token: %d %s", r.Status, r.Body)
	}
}

func TestLogoutEndsTheSession(t *testing.T) {
	env := apptest.Start(t)
	s := env.Login(apptest.InsideSales)
	if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/auth/logout", Body: api.LogoutRequest{RefreshToken: s.RefreshToken}}); r.Status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", r.Status, r.Body)
	}
	if r := refresh(env, s.RefreshToken); r.Status != http.StatusUnauthorized {
		t.Fatalf("refresh after logout: %d", r.Status)
	}
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: s.AccessToken}); r.Status != http.StatusUnauthorized {
		t.Fatalf("access after logout: %d", r.Status)
	}
}

func TestDeactivationEndsSessionsAtOnce(t *testing.T) {
	env := apptest.Start(t)
	admin := env.Token(apptest.Admin)
	rep := env.Login(apptest.FieldRepSued)
	id := env.Demo.Users[apptest.FieldRepSued].String()

	get := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/users/" + id, Token: admin})
	resp := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/users/" + id, Token: admin,
		Header: map[string]string{"If-Match": get.Header.Get("ETag")}, Body: map[string]any{"active": false}})
	if resp.Status != http.StatusOK {
		t.Fatalf("deactivate: %d %s", resp.Status, resp.Body)
	}
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: rep.AccessToken}); r.Status != http.StatusUnauthorized {
		t.Fatalf("access token of a deactivated user: %d", r.Status)
	}
	if r := refresh(env, rep.RefreshToken); r.Status != http.StatusUnauthorized {
		t.Fatalf("refresh of a deactivated user: %d", r.Status)
	}
	if r := login(env, apptest.FieldRepSued, apptest.Password); r.Status != http.StatusUnauthorized {
		t.Fatalf("sign-in of a deactivated user: %d", r.Status)
	}
	// Admins cannot deactivate themselves.
	self := env.Demo.Users[apptest.Admin].String()
	get = env.Do(apptest.Request{Method: "GET", Path: "/api/v1/users/" + self, Token: admin})
	r := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/users/" + self, Token: admin,
		Header: map[string]string{"If-Match": get.Header.Get("ETag")}, Body: map[string]any{"active": false}})
	if r.Status != http.StatusUnprocessableEntity || r.Error(t).Fields["active"] != api.FieldInvalid {
		t.Fatalf("self-deactivation: %d %s", r.Status, r.Body)
	}
}

func TestChangeOwnPassword(t *testing.T) {
	env := apptest.Start(t)
	s := env.Login(apptest.FieldRepNord)
	other := env.Login(apptest.FieldRepNord)
	change := func(cur, next string) *apptest.Response {
		return env.Do(apptest.Request{Method: "POST", Path: "/api/v1/me/password", Token: s.AccessToken,
			Body: api.PasswordChange{CurrentPassword: cur, NewPassword: next}})
	}
	if r := change("falsch", "Neu-Passwort-1"); r.Status != 422 || r.Error(t).Fields["currentPassword"] != api.FieldWrongPassword {
		t.Fatalf("wrong current: %d %s", r.Status, r.Body)
	}
	if r := change(apptest.Password, "kurz"); r.Status != 422 || r.Error(t).Fields["newPassword"] != api.FieldTooShort {
		t.Fatalf("too short: %d %s", r.Status, r.Body)
	}
	if r := change(apptest.Password, "Neu-Passwort-1"); r.Status != http.StatusNoContent {
		t.Fatalf("change: %d %s", r.Status, r.Body)
	}
	if r := login(env, apptest.FieldRepNord, apptest.Password); r.Status != http.StatusUnauthorized {
		t.Fatalf("old password still works: %d", r.Status)
	}
	if r := login(env, apptest.FieldRepNord, "Neu-Passwort-1"); r.Status != http.StatusOK {
		t.Fatalf("new password: %d", r.Status)
	}
	// The session that changed it lives on; the user's other sessions end.
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: s.AccessToken}); r.Status != http.StatusOK {
		t.Fatalf("own session: %d", r.Status)
	}
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: other.AccessToken}); r.Status != http.StatusUnauthorized {
		t.Fatalf("other session: %d", r.Status)
	}
}
