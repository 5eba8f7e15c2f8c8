package app_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/shared/api"
)

func (e *linkEnv) requestReset(email string) *apptest.Response {
	e.T.Helper()
	return e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/password-reset", Body: api.PasswordResetRequest{Email: email}})
}

func (e *linkEnv) confirmReset(token, password string) *apptest.Response {
	e.T.Helper()
	return e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/password-reset/confirm",
		Body: api.LinkPassword{Token: token, Password: password}})
}

func TestPasswordResetLinkIsSingleUseAndEndsEverySession(t *testing.T) {
	e := startLinks(t)
	first, second := e.Login(apptest.FieldRepNord), e.Login(apptest.FieldRepNord)
	if r := e.requestReset(apptest.FieldRepNord); r.Status != http.StatusAccepted || len(r.Body) != 0 {
		t.Fatalf("request: %d %q", r.Status, r.Body)
	}
	msg, path, token := e.mailTo(apptest.FieldRepNord)
	if path != "/password-reset" || !strings.Contains(msg.Text, "30 Minuten") || !strings.Contains(msg.Text, "Jonas Schmidt") {
		t.Errorf("mail: %s\n%s", path, msg.Text)
	}
	// The page shows the form; the API sets the password.
	if page := e.Do(apptest.Request{Method: http.MethodGet, Path: path + "?token=" + token}); page.Status != http.StatusOK ||
		!strings.Contains(string(page.Body), apptest.FieldRepNord) {
		t.Errorf("page: %d %s", page.Status, page.Body)
	}
	if r := e.confirmReset(token, newPassword); r.Status != http.StatusNoContent {
		t.Fatalf("confirm: %d %s", r.Status, r.Body)
	}
	// Every session ended: the refresh fails, and the access token at the next request.
	for i, s := range []api.Session{first, second} {
		if r := e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Body: api.RefreshRequest{RefreshToken: s.RefreshToken}}); r.Status != http.StatusUnauthorized {
			t.Errorf("session %d: refresh after the reset: %d", i, r.Status)
		}
		if r := e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: s.AccessToken}); r.Status != http.StatusUnauthorized {
			t.Errorf("session %d: access token after the reset: %d", i, r.Status)
		}
	}
	if status, _ := e.signIn(apptest.FieldRepNord, apptest.Password); status != http.StatusUnauthorized {
		t.Errorf("the old password signs in: %d", status)
	}
	if status, _ := e.signIn(apptest.FieldRepNord, newPassword); status != http.StatusOK {
		t.Errorf("the new password: %d", status)
	}
	// Single use, by the API and by the page.
	wantError(t, "confirm twice", e.confirmReset(token, "Noch-ein-Passwort-7"), http.StatusGone, api.CodeLinkInvalid, nil)
	r := e.postForm(path, url.Values{"token": {token}, "password": {"Noch-ein-Passwort-7"}, "confirm": {"Noch-ein-Passwort-7"}})
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), "ungültig") {
		t.Errorf("page of a spent link: %d %s", r.Status, r.Body)
	}

	// Through the page; an earlier link dies with the later one's use; an expired link is refused.
	e.requestReset(apptest.InsideSales)
	_, _, early := e.mailTo(apptest.InsideSales)
	e.requestReset(apptest.InsideSales)
	_, _, late := e.mailTo(apptest.InsideSales)
	r = e.postForm(path, url.Values{"token": {late}, "password": {newPassword}, "confirm": {newPassword}})
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), "Ihr Passwort ist geändert") {
		t.Errorf("page: %d %s", r.Status, r.Body)
	}
	wantError(t, "the earlier link", e.confirmReset(early, "Noch-ein-Passwort-7"), http.StatusGone, api.CodeLinkInvalid, nil)
	e.requestReset(apptest.Manager)
	_, _, expired := e.mailTo(apptest.Manager)
	if _, err := e.DB.Owner.ExecContext(t.Context(), "UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL"); err != nil {
		t.Fatal(err)
	}
	wantError(t, "an expired link", e.confirmReset(expired, newPassword), http.StatusGone, api.CodeLinkInvalid, nil)
}

// The answer to a reset request is the same for an address with an account and one without: status, headers that
// matter, body, and the time (medians of a few requests each, within a generous bound).
func TestPasswordResetAnswersAlikeForKnownAndUnknownAddresses(t *testing.T) {
	e := startLinks(t)
	known := []string{apptest.Admin, apptest.Manager, apptest.FieldRepNord, apptest.FieldRepSued, apptest.InsideSales}
	type answer struct {
		status int
		body   string
		took   time.Duration
	}
	ask := func(addr string) answer {
		start := time.Now()
		r := e.requestReset(addr)
		return answer{r.Status, string(r.Body) + "|" + r.Header.Get("Content-Type") + "|" + r.Header.Get("Content-Length"), time.Since(start)}
	}
	var knownTimes, unknownTimes []time.Duration
	for i, addr := range known {
		k := ask(addr)
		u := ask(fmt.Sprintf("unbekannt%d@nordlicht.example", i))
		if k.status != http.StatusAccepted || k.status != u.status || k.body != u.body {
			t.Errorf("known %d %q, unknown %d %q", k.status, k.body, u.status, u.body)
		}
		knownTimes, unknownTimes = append(knownTimes, k.took), append(unknownTimes, u.took)
	}
	median := func(d []time.Duration) time.Duration {
		slices.Sort(d)
		return d[len(d)/2]
	}
	mk, mu := median(knownTimes), median(unknownTimes)
	if diff := (mk - mu).Abs(); diff > 150*time.Millisecond {
		t.Errorf("median answer for known addresses %s, for unknown %s", mk, mu)
	}
	t.Logf("median answer: known %s, unknown %s", mk, mu)
	// The known addresses got their mails, the unknown ones nothing.
	msgs := e.deliver()
	if len(msgs) != len(known) {
		t.Errorf("%d mails, want %d", len(msgs), len(known))
	}
	for _, m := range msgs {
		if !slices.Contains(known, m.To[0]) {
			t.Errorf("a mail to %v", m.To)
		}
	}
}

func TestPasswordResetIsThrottledPerAddressAndPerClient(t *testing.T) {
	e := startLinks(t)
	// Per e-mail address: three within the window, then 429 with Retry-After, for known and unknown addresses alike.
	for _, addr := range []string{apptest.FieldRepSued, "unbekannt@nordlicht.example"} {
		for i := range 3 {
			if r := e.requestReset(addr); r.Status != http.StatusAccepted {
				t.Fatalf("%s: request %d: %d %s", addr, i+1, r.Status, r.Body)
			}
		}
		r := e.requestReset(addr)
		wantError(t, "the fourth request", r, http.StatusTooManyRequests, api.CodeRateLimited, nil)
		if r.Header.Get("Retry-After") == "" {
			t.Errorf("%s: no Retry-After", addr)
		}
	}
	if n := e.mailsTo(apptest.FieldRepSued); n != 3 {
		t.Errorf("%d mails, want 3", n)
	}
	// Per client address: 30 within the window, whatever the e-mail addresses.
	var wg sync.WaitGroup
	statuses := make([]int, 30)
	for i := range statuses {
		wg.Go(func() {
			r, err := e.TryFrom("127.0.0.7", apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/password-reset",
				Body: api.PasswordResetRequest{Email: fmt.Sprintf("streuung%d@nordlicht.example", i)}})
			if err == nil {
				statuses[i] = r.Status
			}
		})
	}
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusAccepted {
			t.Errorf("request %d from the client: %d", i, s)
		}
	}
	r := e.DoFrom("127.0.0.7", apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/password-reset",
		Body: api.PasswordResetRequest{Email: "noch.eine@nordlicht.example"}})
	wantError(t, "the 31st request from the client", r, http.StatusTooManyRequests, api.CodeRateLimited, nil)
	// Another client is not held up.
	if r := e.DoFrom("127.0.0.8", apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/password-reset",
		Body: api.PasswordResetRequest{Email: "noch.eine@nordlicht.example"}}); r.Status != http.StatusAccepted {
		t.Errorf("another client: %d %s", r.Status, r.Body)
	}
}

func TestPasswordResetBadInputAnswers4xxWithFieldCodes(t *testing.T) {
	e := startLinks(t)
	for _, c := range []struct {
		email string
		code  api.FieldCode
	}{
		{"", api.FieldRequired}, {"keine-adresse", api.FieldInvalid}, {"Jonas <" + apptest.FieldRepNord + ">", api.FieldInvalid},
		{strings.Repeat("x", 10000) + "@nordlicht.example", api.FieldTooLong},
	} {
		wantError(t, "request for "+c.email[:min(len(c.email), 20)], e.requestReset(c.email), http.StatusUnprocessableEntity,
			api.CodeValidation, map[string]api.FieldCode{"email": c.code})
	}
	if r := e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/password-reset", Body: `{"email": 5}`}); r.Status != http.StatusBadRequest {
		t.Errorf("a number for the address: %d %s", r.Status, r.Body)
	}
}

// Without a public URL the server cannot write a link it may trust (the request's Host header could point
// anywhere): nothing is sent, and the answer is the same.
func TestPasswordResetWithoutPublicURLSendsNothing(t *testing.T) {
	e := startLinks(t, func(c *config.Config) { c.PublicURL = "" })
	r := e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/password-reset",
		Body: api.PasswordResetRequest{Email: apptest.FieldRepNord}})
	if r.Status != http.StatusAccepted {
		t.Fatalf("request: %d %s", r.Status, r.Body)
	}
	if msgs := e.deliver(); len(msgs) != 0 {
		t.Errorf("%d mails; the first:\n%s", len(msgs), msgs[0].Text)
	}
}
