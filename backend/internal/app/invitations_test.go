package app_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/mail/mailtest"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// publicURL is the server's public address in these tests: the links in the mails start with it (the test then
// sends their path and query to the test server).
const publicURL = "https://crm.example.test"

// linkEnv is the backend with a test SMTP server and a public URL; tests drive the mail worker.
type linkEnv struct {
	*supportEnv
}

func startLinks(t *testing.T, opts ...apptest.Option) *linkEnv {
	t.Helper()
	return startLinksLogged(t, nil, opts...)
}

// startLinksLogged is startLinks with the backend logging to log.
func startLinksLogged(t *testing.T, log *slog.Logger, opts ...apptest.Option) *linkEnv {
	t.Helper()
	srv, err := mailtest.Start("127.0.0.1:0", mailtest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	env := apptest.StartOn(t, testdb.New(t), nil, log, append([]apptest.Option{func(c *config.Config) {
		c.PublicURL = publicURL
		c.Mail = config.Mail{Host: "127.0.0.1", Port: srv.Port(), Security: config.SMTPNone, From: "crm@1sales.example",
			FromName: "1sales", Timeout: 5 * time.Second, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}
	}}, opts...)...)
	return &linkEnv{&supportEnv{Env: env, smtp: srv}}
}

var linkToken = regexp.MustCompile(`(https?://[^\s"<>]+)\?token=([A-Za-z0-9_-]+)`)

// mailTo delivers the queue and returns the newest mail to an address (failing without one) and its link's path
// and token.
func (e *linkEnv) mailTo(addr string) (msg mailtest.Message, path, token string) {
	e.T.Helper()
	msgs := e.deliver()
	for i := len(msgs) - 1; i >= 0; i-- {
		if slices.Contains(msgs[i].To, addr) {
			m := linkToken.FindStringSubmatch(msgs[i].Text)
			if m == nil {
				e.T.Fatalf("mail to %s without a link:\n%s", addr, msgs[i].Text)
			}
			if !strings.Contains(msgs[i].HTML, m[0]) {
				e.T.Errorf("the HTML part lacks the link %s", m[0])
			}
			u, err := url.Parse(m[1])
			if err != nil || !strings.HasPrefix(m[1], publicURL+"/") {
				e.T.Fatalf("link %s does not start with the public URL %s", m[1], publicURL)
			}
			return msgs[i], u.Path, m[2]
		}
	}
	e.T.Fatalf("no mail to %s among %d", addr, len(msgs))
	return
}

// mailsTo counts the mails delivered to an address.
func (e *linkEnv) mailsTo(addr string) int {
	n := 0
	for _, m := range e.deliver() {
		if slices.Contains(m.To, addr) {
			n++
		}
	}
	return n
}

func (e *linkEnv) invite(token string, in api.InvitationCreate) *apptest.Response {
	e.T.Helper()
	return e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/invitations", Token: token, Body: in})
}

func (e *linkEnv) accept(token, password string) *apptest.Response {
	e.T.Helper()
	return e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/invitations/accept",
		Body: api.LinkPassword{Token: token, Password: password}})
}

func (e *linkEnv) invitations(token string) []api.Invitation {
	e.T.Helper()
	resp := e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/invitations", Token: token})
	if resp.Status != http.StatusOK {
		e.T.Fatalf("invitations: %d %s", resp.Status, resp.Body)
	}
	var out api.InvitationList
	resp.Decode(e.T, &out)
	return out.Items
}

// signIn signs in with a password; the status tells.
func (e *linkEnv) signIn(email, password string) (int, api.Session) {
	e.T.Helper()
	resp := e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", Body: api.LoginRequest{Email: email, Password: password}})
	var s api.Session
	if resp.Status == http.StatusOK {
		resp.Decode(e.T, &s)
	}
	return resp.Status, s
}

// wantError fails unless resp has the status and the code (and, if given, the field codes).
func wantError(t *testing.T, what string, resp *apptest.Response, status int, code api.ErrorCode, fields map[string]api.FieldCode) {
	t.Helper()
	if resp.Status != status {
		t.Errorf("%s: %d %s, want %d", what, resp.Status, resp.Body, status)
		return
	}
	e := resp.Error(t)
	if e.Code != code {
		t.Errorf("%s: code %s, want %s", what, e.Code, code)
	}
	for f, c := range fields {
		if e.Fields[f] != c {
			t.Errorf("%s: field %s = %q, want %q (%s)", what, f, e.Fields[f], c, resp.Body)
		}
	}
}

const newPassword = "Kaffeemaschine-42"

func TestInvitationIsSentAcceptedOnceAndRefusedAfterwards(t *testing.T) {
	e := startLinks(t)
	admin := e.Token(apptest.Admin)
	unit, role := e.Demo.Units["Innendienst"], e.Demo.Roles["Innendienst"]
	const addr = "neu.kollegin@nordlicht.example"
	resp := e.invite(admin, api.InvitationCreate{Email: addr, Name: "Nora Neu", UnitID: unit.String(), RoleID: role.String()})
	if resp.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s", resp.Status, resp.Body)
	}
	var inv api.Invitation
	resp.Decode(t, &inv)
	if inv.Email != addr || inv.InvitedByName != "Claudia Becker" || inv.Expired ||
		inv.ExpiresAt.Sub(inv.SentAt) < 7*24*time.Hour-time.Minute || inv.ExpiresAt.Sub(inv.SentAt) > 7*24*time.Hour+time.Minute {
		t.Errorf("invitation: %+v", inv)
	}
	msg, path, token := e.mailTo(addr)
	if path != "/invitation" || len(token) != api.LinkTokenLength {
		t.Errorf("link %s with a token of %d characters", path, len(token))
	}
	if !strings.Contains(msg.Subject, "Nordlicht Bürotechnik GmbH") || !strings.Contains(msg.Text, "Claudia Becker lädt Sie ein") {
		t.Errorf("mail (German, the company's language): %q\n%s", msg.Subject, msg.Text)
	}
	if list := e.invitations(admin); len(list) != 1 || list[0].ID != inv.ID {
		t.Errorf("open invitations: %+v", list)
	}
	var linksKept int
	if err := e.DB.Owner.NewRaw("SELECT count(*) FROM mail_queue WHERE data->>'link' IS NOT NULL").Scan(context.Background(), &linksKept); err != nil {
		t.Fatal(err)
	} else if linksKept != 0 {
		t.Errorf("%d sent mails keep their link with the token in the queue", linksKept)
	}
	var stored []byte
	if err := e.DB.Owner.NewRaw("SELECT token_hash FROM invitations WHERE id = ?", inv.ID).Scan(context.Background(), &stored); err != nil {
		t.Fatal(err)
	} else if strings.Contains(string(stored), token) || len(stored) != 32 {
		t.Errorf("the token is stored as %d bytes, not as its hash", len(stored))
	}

	// The page the link opens shows the address; the desktop accepts with the token.
	page := e.Do(apptest.Request{Method: http.MethodGet, Path: path + "?token=" + token})
	if page.Status != http.StatusOK || !strings.Contains(string(page.Body), addr) || !strings.Contains(string(page.Body), `name="password"`) {
		t.Errorf("page: %d %s", page.Status, page.Body)
	}
	if r := e.accept(token, newPassword); r.Status != http.StatusNoContent {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	}
	status, s := e.signIn(addr, newPassword)
	if status != http.StatusOK || s.Me.User.Name != "Nora Neu" || s.Me.Unit.ID != unit.String() || s.Me.Role.ID != role.String() {
		t.Fatalf("sign-in of the new user: %d %+v", status, s.Me)
	}

	// Once only: the API and the page refuse the spent link, and the list no longer has it.
	wantError(t, "accept twice", e.accept(token, "Nochmal-anders-99"), http.StatusGone, api.CodeLinkInvalid, nil)
	if page := e.Do(apptest.Request{Method: http.MethodGet, Path: path + "?token=" + token}); page.Status != http.StatusOK ||
		strings.Contains(string(page.Body), `name="password"`) || !strings.Contains(string(page.Body), `id="invalid"`) {
		t.Errorf("page of a spent link: %d %s", page.Status, page.Body)
	}
	if list := e.invitations(admin); len(list) != 0 {
		t.Errorf("open invitations after the acceptance: %+v", list)
	}
	if status, _ := e.signIn(addr, "Nochmal-anders-99"); status != http.StatusUnauthorized {
		t.Errorf("the second acceptance's password signs in: %d", status)
	}
}

func TestInvitationExpiredRevokedOrResentIsRefused(t *testing.T) {
	e := startLinks(t)
	admin := e.Token(apptest.Admin)
	in := func(addr string) api.InvitationCreate {
		return api.InvitationCreate{Email: addr, Name: "Gast", UnitID: e.Demo.Units["Innendienst"].String(),
			RoleID: e.Demo.Roles["Innendienst"].String()}
	}
	create := func(addr string) api.Invitation {
		t.Helper()
		resp := e.invite(admin, in(addr))
		if resp.Status != http.StatusCreated {
			t.Fatalf("invite %s: %d %s", addr, resp.Status, resp.Body)
		}
		var inv api.Invitation
		resp.Decode(t, &inv)
		return inv
	}

	// Expired: the expiry set into the past.
	expired := create("abgelaufen@nordlicht.example")
	_, _, expiredToken := e.mailTo("abgelaufen@nordlicht.example")
	if _, err := e.DB.Owner.ExecContext(context.Background(),
		"UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = ?", expired.ID); err != nil {
		t.Fatal(err)
	}
	wantError(t, "accept an expired invitation", e.accept(expiredToken, newPassword), http.StatusGone, api.CodeLinkInvalid, nil)
	if list := e.invitations(admin); len(list) != 1 || !list[0].Expired {
		t.Errorf("the expired invitation is listed as expired: %+v", list)
	}

	// A resend makes a new link (valid again for 7 days) and kills the old one.
	resp := e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/invitations/" + expired.ID + "/resend", Token: admin})
	if resp.Status != http.StatusOK {
		t.Fatalf("resend: %d %s", resp.Status, resp.Body)
	}
	var resent api.Invitation
	resp.Decode(t, &resent)
	if resent.Expired || resent.Version <= expired.Version || time.Until(resent.ExpiresAt) < 6*24*time.Hour {
		t.Errorf("resent: %+v", resent)
	}
	_, _, newToken := e.mailTo("abgelaufen@nordlicht.example")
	if newToken == expiredToken {
		t.Fatal("the resend mailed the old token")
	}
	wantError(t, "accept the link before the resend", e.accept(expiredToken, newPassword), http.StatusGone, api.CodeLinkInvalid, nil)
	if r := e.accept(newToken, newPassword); r.Status != http.StatusNoContent {
		t.Fatalf("accept the resent link: %d %s", r.Status, r.Body)
	}
	if status, _ := e.signIn("abgelaufen@nordlicht.example", newPassword); status != http.StatusOK {
		t.Errorf("sign-in after the resent link: %d", status)
	}

	// Revoked: refused; a second revocation and a resend find nothing.
	revoked := create("zurueckgezogen@nordlicht.example")
	_, _, revokedToken := e.mailTo("zurueckgezogen@nordlicht.example")
	if r := e.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/invitations/" + revoked.ID, Token: admin}); r.Status != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", r.Status, r.Body)
	}
	wantError(t, "accept a revoked invitation", e.accept(revokedToken, newPassword), http.StatusGone, api.CodeLinkInvalid, nil)
	wantError(t, "revoke twice", e.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/invitations/" + revoked.ID, Token: admin}),
		http.StatusNotFound, api.CodeNotFound, nil)
	wantError(t, "resend a revoked invitation", e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/invitations/" + revoked.ID + "/resend", Token: admin}),
		http.StatusNotFound, api.CodeNotFound, nil)
	if list := e.invitations(admin); len(list) != 0 {
		t.Errorf("open invitations: %+v", list)
	}
	// Revoked, the address may be invited again; another company's admin sees none of it.
	create("zurueckgezogen@nordlicht.example")
	if list := e.invitations(e.Token(apptest.OtherAdmin)); len(list) != 0 {
		t.Errorf("another company's admin sees %d invitations", len(list))
	}
	wantError(t, "another company revokes", e.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/invitations/" + revoked.ID,
		Token: e.Token(apptest.OtherAdmin)}), http.StatusNotFound, api.CodeNotFound, nil)
}

// postForm sends a link page's form.
func (e *linkEnv) postForm(path string, form url.Values) *apptest.Response {
	e.T.Helper()
	return e.Do(apptest.Request{Method: http.MethodPost, Path: path, Body: form.Encode(),
		Header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}})
}

func TestInvitationPageSetsThePasswordWithThePasswordRules(t *testing.T) {
	e := startLinks(t)
	admin := e.Token(apptest.Admin)
	// The company writes English: so do the mail and the page.
	if r := e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/tenant/settings", Token: admin,
		Body: api.TenantSettingsInput{Language: api.LanguageEN}}); r.Status != http.StatusOK {
		t.Fatalf("settings: %d %s", r.Status, r.Body)
	}
	const addr = "page@nordlicht.example"
	if r := e.invite(admin, api.InvitationCreate{Email: addr, Name: "Paul Page", UnitID: e.Demo.Units["Innendienst"].String(),
		RoleID: e.Demo.Roles["Innendienst"].String()}); r.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.Status, r.Body)
	}
	msg, path, token := e.mailTo(addr)
	if !strings.Contains(msg.Subject, "Invitation to") {
		t.Errorf("subject %q, want English", msg.Subject)
	}
	for _, c := range []struct {
		name, password, confirm string
		status                  int
		want                    string
	}{
		{"mismatch", newPassword, newPassword + "x", http.StatusOK, "The two passwords differ."},
		{"too short", "kurz", "kurz", http.StatusOK, "The password is too short."},
		{"common", "Passwort123!", "Passwort123!", http.StatusOK, "This password is too common."},
		{"accepted", newPassword, newPassword, http.StatusOK, "Your account is ready."},
		{"spent", newPassword, newPassword, http.StatusOK, "This link is invalid"},
	} {
		r := e.postForm(path, url.Values{"token": {token}, "password": {c.password}, "confirm": {c.confirm}})
		if r.Status != c.status || !strings.Contains(string(r.Body), c.want) {
			t.Errorf("%s: %d, want %d with %q:\n%s", c.name, r.Status, c.status, c.want, r.Body)
		}
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s: Content-Type %q", c.name, ct)
		}
	}
	if status, _ := e.signIn(addr, newPassword); status != http.StatusOK {
		t.Errorf("sign-in with the password set on the page: %d", status)
	}
	// A token of the wrong form, or none: the page says the link is invalid.
	for _, q := range []string{"", "?token=kurz", "?token=" + strings.Repeat("A", api.LinkTokenLength), "?token=" + strings.Repeat("x", 10000)} {
		if r := e.Do(apptest.Request{Method: http.MethodGet, Path: path + q}); r.Status != http.StatusOK || !strings.Contains(string(r.Body), `id="invalid"`) {
			t.Errorf("page %s: %d", q[:min(len(q), 20)], r.Status)
		}
	}
}

func TestInvitationToAnAccountElsewhereAnswersAsIfSentAndSendsNothing(t *testing.T) {
	logs := &syncBuffer{}
	e := startLinksLogged(t, slog.New(slog.NewJSONHandler(logs, nil)))
	admin := e.Token(apptest.Admin)
	in := func(addr string) api.InvitationCreate {
		return api.InvitationCreate{Email: addr, Name: "Olga", UnitID: e.Demo.Units["Innendienst"].String(),
			RoleID: e.Demo.Roles["Innendienst"].String()}
	}
	elsewhere := e.invite(admin, in(strings.ToUpper(apptest.OtherAdmin[:1])+apptest.OtherAdmin[1:]))
	nobody := e.invite(admin, in("niemand@andere-firma.example"))
	if elsewhere.Status != http.StatusCreated || nobody.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s / %d %s", elsewhere.Status, elsewhere.Body, nobody.Status, nobody.Body)
	}
	var a, b map[string]any
	elsewhere.Decode(t, &a)
	nobody.Decode(t, &b)
	keys := func(m map[string]any) []string {
		var k []string
		for key := range m {
			k = append(k, key)
		}
		sort.Strings(k)
		return k
	}
	if !slices.Equal(keys(a), keys(b)) || a["expired"] != b["expired"] || a["invitedByName"] != b["invitedByName"] {
		t.Errorf("the answers differ:\n%v\n%v", a, b)
	}
	if n := e.mailsTo(apptest.OtherAdmin); n != 0 {
		t.Errorf("%d mails went to the account of another company", n)
	}
	if n := e.mailsTo("niemand@andere-firma.example"); n != 1 {
		t.Errorf("%d mails to the address without an account, want 1", n)
	}
	if list := e.invitations(admin); len(list) != 2 {
		t.Errorf("listed: %+v", list)
	}
	// The log records it by IDs only.
	if out := logs.String(); !strings.Contains(out, `"invitation withheld`) || !strings.Contains(out, a["id"].(string)) ||
		strings.Contains(strings.ToLower(out), apptest.OtherAdmin) || strings.Contains(out, "niemand@") {
		t.Errorf("log:\n%s", out)
	}
	// Resent, still nothing; and nobody can accept it (its token was never sent anywhere).
	if r := e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/invitations/" + a["id"].(string) + "/resend", Token: admin}); r.Status != http.StatusOK {
		t.Errorf("resend: %d %s", r.Status, r.Body)
	}
	if n := e.mailsTo(apptest.OtherAdmin); n != 0 {
		t.Errorf("%d mails went to the account of another company after the resend", n)
	}
	// The other company's account is untouched.
	if status, s := e.signIn(apptest.OtherAdmin, apptest.Password); status != http.StatusOK || s.Me.Tenant.ID != e.Other.TenantID.String() {
		t.Errorf("the other company's admin: %d %+v", status, s.Me.Tenant)
	}

	// In the own company an existing account, or an open invitation, is a conflict the admin may learn of.
	wantError(t, "invite a colleague", e.invite(admin, in(apptest.FieldRepNord)), http.StatusConflict, api.CodeConflict,
		map[string]api.FieldCode{"email": api.FieldTaken})
	wantError(t, "invite twice", e.invite(admin, in("niemand@andere-firma.example")), http.StatusConflict, api.CodeConflict,
		map[string]api.FieldCode{"email": api.FieldDuplicate})
}

func TestInvitationBadInputAnswers4xxWithFieldCodes(t *testing.T) {
	e := startLinks(t)
	admin := e.Token(apptest.Admin)
	unit, role := e.Demo.Units["Innendienst"].String(), e.Demo.Roles["Innendienst"].String()
	long := strings.Repeat("x", 10000)
	for _, c := range []struct {
		name   string
		in     api.InvitationCreate
		fields map[string]api.FieldCode
	}{
		{"malformed address", api.InvitationCreate{Email: "keine-adresse", Name: "A", UnitID: unit, RoleID: role}, map[string]api.FieldCode{"email": api.FieldInvalid}},
		{"display name in the address", api.InvitationCreate{Email: "Anna <anna@nordlicht.example>", Name: "A", UnitID: unit, RoleID: role}, map[string]api.FieldCode{"email": api.FieldInvalid}},
		{"address of 10,000 characters", api.InvitationCreate{Email: long + "@nordlicht.example", Name: "A", UnitID: unit, RoleID: role}, map[string]api.FieldCode{"email": api.FieldInvalid}},
		{"no address", api.InvitationCreate{Name: "A", UnitID: unit, RoleID: role}, map[string]api.FieldCode{"email": api.FieldRequired}},
		{"name of 10,000 characters", api.InvitationCreate{Email: "lang@nordlicht.example", Name: long, UnitID: unit, RoleID: role}, map[string]api.FieldCode{"name": api.FieldTooLong}},
		{"no name", api.InvitationCreate{Email: "leer@nordlicht.example", Name: "  ", UnitID: unit, RoleID: role}, map[string]api.FieldCode{"name": api.FieldRequired}},
		{"no unit, a role of nowhere", api.InvitationCreate{Email: "x@nordlicht.example", Name: "X", RoleID: e.Other.Roles["Administrator"].String()},
			map[string]api.FieldCode{"unitId": api.FieldRequired, "roleId": api.FieldNotFound}},
		{"malformed unit", api.InvitationCreate{Email: "x@nordlicht.example", Name: "X", UnitID: "1", RoleID: role}, map[string]api.FieldCode{"unitId": api.FieldInvalid}},
	} {
		wantError(t, c.name, e.invite(admin, c.in), http.StatusUnprocessableEntity, api.CodeValidation, c.fields)
	}
	// Not an admin: 403.
	wantError(t, "a field rep invites", e.invite(e.Token(apptest.FieldRepNord), api.InvitationCreate{Email: "x@nordlicht.example",
		Name: "X", UnitID: unit, RoleID: role}), http.StatusForbidden, api.CodeForbidden, nil)

	// Accepting: tokens of the wrong length or alphabet, passwords the rules refuse; a well-formed unknown token.
	for _, c := range []struct {
		name     string
		in       api.LinkPassword
		fields   map[string]api.FieldCode
		status   int
		wantCode api.ErrorCode
	}{
		{"short token", api.LinkPassword{Token: "abc", Password: newPassword}, map[string]api.FieldCode{"token": api.FieldInvalid}, 422, api.CodeValidation},
		{"long token", api.LinkPassword{Token: strings.Repeat("a", api.LinkTokenLength+1), Password: newPassword}, map[string]api.FieldCode{"token": api.FieldInvalid}, 422, api.CodeValidation},
		{"10,000-character token", api.LinkPassword{Token: long, Password: newPassword}, map[string]api.FieldCode{"token": api.FieldInvalid}, 422, api.CodeValidation},
		{"token with other signs", api.LinkPassword{Token: strings.Repeat("+", api.LinkTokenLength), Password: newPassword}, map[string]api.FieldCode{"token": api.FieldInvalid}, 422, api.CodeValidation},
		{"no token", api.LinkPassword{Password: newPassword}, map[string]api.FieldCode{"token": api.FieldRequired}, 422, api.CodeValidation},
		{"common password", api.LinkPassword{Token: strings.Repeat("a", api.LinkTokenLength), Password: "passwort"}, map[string]api.FieldCode{"password": api.FieldCommon}, 422, api.CodeValidation},
		{"10,000-character password", api.LinkPassword{Token: strings.Repeat("a", api.LinkTokenLength), Password: long}, map[string]api.FieldCode{"password": api.FieldTooLong}, 422, api.CodeValidation},
		{"unknown token", api.LinkPassword{Token: strings.Repeat("a", api.LinkTokenLength), Password: newPassword}, nil, http.StatusGone, api.CodeLinkInvalid},
	} {
		r := e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/invitations/accept", Body: c.in})
		wantError(t, "accept: "+c.name, r, c.status, c.wantCode, c.fields)
		r = e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/password-reset/confirm", Body: c.in})
		wantError(t, "reset: "+c.name, r, c.status, c.wantCode, c.fields)
	}
}
