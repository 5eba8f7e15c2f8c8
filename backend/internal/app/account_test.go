package app_test

import (
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/oidc/oidctest"
	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/shared/api"
)

// rawColumn reads a stored value as the schema owner (outside row-level security and the service).
func rawColumn(t *testing.T, env *apptest.Env, query string, args ...any) string {
	t.Helper()
	var v string
	if err := env.DB.Owner.NewRaw(query, args...).Scan(t.Context(), &v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}

// secondFactorSignIn signs in with the password and the code of the step offset steps from now's.
func secondFactorSignIn(t *testing.T, env *apptest.Env, base, email, secret string, offset int) *apptest.Response {
	t.Helper()
	resp := env.DoAt(base, apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: api.LoginRequest{Email: email, Password: apptest.Password}})
	wantStatus(t, resp, http.StatusOK)
	var s api.Session
	resp.Decode(t, &s)
	if s.Challenge == nil || s.Challenge.Kind != api.ChallengeCode {
		t.Fatalf("sign-in of %s: %s, want a code challenge", email, resp.Body)
	}
	return env.DoAt(base, apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/second-factor",
		Body: api.SecondFactorRequest{Challenge: s.Challenge.Token, Code: codeAt(t, secret, offset)}})
}

// The TOTP secret and the SSO client secret are stored sealed: the raw columns hold neither, and sign-in with a
// code and through the provider (whose token endpoint checks the client secret) still work.
func TestStoredSecretsAreSealedAndStillSignIn(t *testing.T) {
	env := apptest.Start(t)
	secret, _ := enrolTOTP(t, env, env.Token(apptest.FieldRepNord))
	userID := env.Demo.Users[apptest.FieldRepNord]
	box, err := env.Config.SecretBox()
	if err != nil {
		t.Fatal(err)
	}
	stored := rawColumn(t, env, "SELECT secret FROM user_totp WHERE user_id = ?", userID)
	if strings.Contains(stored, secret) || !strings.HasPrefix(stored, box.Prefix()) {
		t.Fatalf("user_totp.secret holds %q: want a value sealed with %q, without the secret", stored, box.Prefix())
	}
	awayFromStepEnd()
	wantStatus(t, secondFactorSignIn(t, env, env.Server.URL, apptest.FieldRepNord, secret, 1), http.StatusOK)

	// Copied into another user's row, the sealed secret does not open: that user's code step fails (a server
	// error, logged: the database was altered), and never signs in.
	other := env.Demo.Users[apptest.FieldRepSued]
	if _, err := env.DB.Owner.ExecContext(t.Context(), `INSERT INTO user_totp (tenant_id, user_id, secret, confirmed_at)
		VALUES (?, ?, ?, now())`, env.Demo.TenantID, other, stored); err != nil {
		t.Fatal(err)
	}
	if resp := secondFactorSignIn(t, env, env.Server.URL, apptest.FieldRepSued, secret, 0); resp.Status == http.StatusOK {
		t.Fatalf("a secret copied from another user's row signed in: %s", resp.Body)
	}

	p := oidctest.Start(t)
	configureSSO(t, env, p.Issuer, p.ClientID, p.ClientSecret, false)
	sealed := rawColumn(t, env, "SELECT client_secret FROM oidc_configs WHERE tenant_id = ?", env.Demo.TenantID)
	if strings.Contains(sealed, p.ClientSecret) || !strings.HasPrefix(sealed, box.Prefix()) {
		t.Fatalf("oidc_configs.client_secret holds %q: want it sealed", sealed)
	}
	if plain, err := box.Open(env.Demo.TenantID, secretbox.OIDCClientSecret, env.Demo.TenantID, sealed); err != nil || plain != p.ClientSecret {
		t.Fatalf("the sealed client secret opens to %q, %v", plain, err)
	}
	p.SignIn(apptest.Manager)
	sessionOf(t, ssoSignIn(t, env, apptest.Manager, nil))
}

// serveWith serves a second backend on the test's database with cfg changed by change, and returns its URL and app.
func serveWith(t *testing.T, env *apptest.Env, change func(*config.Config)) (string, *app.App) {
	t.Helper()
	cfg := env.Config
	change(&cfg)
	a := app.New(cfg, env.DB.App, slog.New(slog.DiscardHandler), app.WithBlobStore(env.Blobs))
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	return srv.URL, a
}

// Rotation: a server with a new key and the old one as previous opens what the old key sealed, and its start-up
// (SealSecrets) seals it with the new key, after which the old key is no longer needed. Plaintext from before
// encryption is sealed the same way. A server without the key a value needs refuses to start.
func TestSecretKeyRotationAndPlaintextSealedAtStart(t *testing.T) {
	env := apptest.Start(t)
	secret, _ := enrolTOTP(t, env, env.Token(apptest.FieldRepNord))
	userID := env.Demo.Users[apptest.FieldRepNord]
	oldKey, newKey := env.Config.SecretKey, secretbox.NewKey()
	// A user enrolled before encryption: the plaintext secret in the column.
	const legacy = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	legacyUser := env.Demo.Users[apptest.InsideSales]
	if _, err := env.DB.Owner.ExecContext(t.Context(), `INSERT INTO user_totp (tenant_id, user_id, secret, confirmed_at)
		VALUES (?, ?, ?, now())`, env.Demo.TenantID, legacyUser, legacy); err != nil {
		t.Fatal(err)
	}

	// Without the old key a server does not start: the value names a key it does not have (the plaintext it
	// sealed on the way).
	_, lost := serveWith(t, env, func(c *config.Config) { c.SecretKey, c.PreviousSecretKeys = newKey, nil })
	if n, err := lost.SealSecrets(t.Context()); !errors.Is(err, secretbox.ErrUnknownKey) || n != 1 {
		t.Fatalf("start without the old key: %d, %v; want the plaintext sealed and ErrUnknownKey", n, err)
	}

	rotated, a := serveWith(t, env, func(c *config.Config) { c.SecretKey, c.PreviousSecretKeys = newKey, [][]byte{oldKey} })
	awayFromStepEnd()
	wantStatus(t, secondFactorSignIn(t, env, rotated, apptest.FieldRepNord, secret, 0), http.StatusOK)
	n, err := a.SealSecrets(t.Context())
	if err != nil || n != 1 {
		t.Fatalf("SealSecrets = %d, %v; want the old key's value sealed", n, err)
	}
	prefix := "v1:" + secretbox.KeyID(newKey) + ":"
	for _, u := range []uuid.UUID{userID, legacyUser} {
		if v := rawColumn(t, env, "SELECT secret FROM user_totp WHERE user_id = ?", u); !strings.HasPrefix(v, prefix) {
			t.Fatalf("after SealSecrets user %s's secret is %q, want sealed with the new key", u, v)
		}
	}
	if n, err := a.SealSecrets(t.Context()); err != nil || n != 0 {
		t.Fatalf("SealSecrets again = %d, %v; want nothing to do", n, err)
	}

	// The new key alone now serves both users.
	only, _ := serveWith(t, env, func(c *config.Config) { c.SecretKey, c.PreviousSecretKeys = newKey, nil })
	wantStatus(t, secondFactorSignIn(t, env, only, apptest.FieldRepNord, secret, 1), http.StatusOK)
	wantStatus(t, secondFactorSignIn(t, env, only, apptest.InsideSales, legacy, 0), http.StatusOK)
}

// POST /api/v1/me/two-factor/recovery-codes: with a current code of the app, ten new codes, once; the old ones
// stop working, the new ones work; recorded. Codes of the wrong form are a 422 with a field code, a wrong code
// too, and a user without TOTP has no code that is right.
func TestRecoveryCodesRenewedWithACurrentCode(t *testing.T) {
	env := apptest.Start(t)
	token := env.Token(apptest.FieldRepNord)
	const path = "/api/v1/me/two-factor/recovery-codes"
	wantField(t, post(env, path, token, api.TOTPCode{Code: "123456"}), "code", api.FieldWrongCode) // no TOTP yet
	secret, old := enrolTOTP(t, env, token)

	for code, want := range map[string]api.FieldCode{"": api.FieldRequired, "12345": api.FieldTooShort,
		"1234567": api.FieldTooLong, "12 34 5x": api.FieldInvalid, strings.Repeat("1", 10000): api.FieldTooLong} {
		wantField(t, post(env, path, token, api.TOTPCode{Code: code}), "code", want)
	}
	if r := env.Do(apptest.Request{Method: http.MethodPost, Path: path, Token: token, Body: `{"code": 123456}`}); r.Status/100 != 4 {
		t.Fatalf("a number for the code: %d %s", r.Status, r.Body)
	}
	awayFromStepEnd()
	wantField(t, post(env, path, token, api.TOTPCode{Code: codeAt(t, secret, 6)}), "code", api.FieldWrongCode)

	resp := post(env, path, token, api.TOTPCode{Code: codeAt(t, secret, 0)})
	wantStatus(t, resp, http.StatusOK)
	var rc api.RecoveryCodes
	resp.Decode(t, &rc)
	if len(rc.Codes) != api.RecoveryCodeCount || slices.ContainsFunc(rc.Codes, func(c string) bool { return slices.Contains(old, c) }) {
		t.Fatalf("new codes %v (old %v)", rc.Codes, old)
	}
	// The same code again is a replay.
	wantField(t, post(env, path, token, api.TOTPCode{Code: codeAt(t, secret, 0)}), "code", api.FieldWrongCode)

	var st api.TwoFactorStatus
	env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me/two-factor", Token: token}).Decode(t, &st)
	if !st.Enabled || st.RecoveryCodesLeft != api.RecoveryCodeCount {
		t.Fatalf("status after renewal: %+v", st)
	}
	recovery := func(code string) *apptest.Response {
		return post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{
			Challenge: challengeOf(t, env, apptest.FieldRepNord, api.ChallengeCode), RecoveryCode: code})
	}
	wantField(t, recovery(old[0]), "recoveryCode", api.FieldWrongCode)
	wantStatus(t, recovery(rc.Codes[0]), http.StatusOK)

	var admin api.TwoFactorStatus
	env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/users/" + env.Demo.Users[apptest.FieldRepNord].String() + "/two-factor",
		Token: env.Token(apptest.Admin)}).Decode(t, &admin)
	if !slices.ContainsFunc(admin.Events, func(e api.SecurityEvent) bool { return e.Action == api.SecurityRecoveryCodesRenewed }) {
		t.Fatalf("security events %+v lack %s", admin.Events, api.SecurityRecoveryCodesRenewed)
	}
}

// POST /api/v1/auth/oidc/begin is throttled per client address: past the limit a 429 with Retry-After, counted in
// the throttle metric; another address is not affected.
func TestSSOBeginThrottledPerAddress(t *testing.T) {
	env := apptest.Start(t)
	begin := func(from string) *apptest.Response {
		return env.DoFrom(from, apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/oidc/begin",
			Body: api.SSOBeginRequest{Email: "jemand@ohne-sso.example", RedirectURI: ssoRedirect}})
	}
	const limit = 60 // oidc.Options' default
	for i := range limit {
		if r := begin("127.0.0.41"); r.Status != http.StatusUnprocessableEntity || r.Error(t).Fields["email"] != api.FieldNoSSO {
			t.Fatalf("begin %d: %d %s", i+1, r.Status, r.Body)
		}
	}
	r := begin("127.0.0.41")
	if r.Status != http.StatusTooManyRequests || r.Error(t).Code != api.CodeRateLimited {
		t.Fatalf("begin past the limit: %d %s", r.Status, r.Body)
	}
	if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 1 || s > 15*60 {
		t.Fatalf("Retry-After %q", r.Header.Get("Retry-After"))
	}
	// Malformed requests are refused before they count, and another address is served.
	if r := env.DoFrom("127.0.0.41", apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/oidc/begin",
		Body: api.SSOBeginRequest{Email: "kaputt", RedirectURI: ssoRedirect}}); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("malformed begin: %d %s", r.Status, r.Body)
	}
	if r := begin("127.0.0.42"); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("begin from another address: %d %s", r.Status, r.Body)
	}
	rec := httptest.NewRecorder()
	env.App.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if got := metric(t, rec.Body.String(), `onesales_throttled_requests_total{route="POST /api/v1/auth/oidc/begin"}`); got != 1 {
		t.Errorf("throttled begins %v, want 1", got)
	}
}

// Single sign-ons are counted in onesales_logins_total like password sign-ins: a session as success, a refusal as
// failure.
func TestSSOSignInsCountedInTheLoginMetric(t *testing.T) {
	env := apptest.Start(t)
	p := oidctest.Start(t)
	configureSSO(t, env, p.Issuer, p.ClientID, p.ClientSecret, false)
	scrape := func(result string) float64 {
		rec := httptest.NewRecorder()
		env.App.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		return metric(t, rec.Body.String(), `onesales_logins_total{result="`+result+`"}`)
	}
	success, failure := scrape("success"), scrape("failure") // the admin's password sign-in of configureSSO
	p.SignIn(apptest.FieldRepSued)
	sessionOf(t, ssoSignIn(t, env, apptest.FieldRepSued, nil))
	sessionOf(t, ssoSignIn(t, env, apptest.FieldRepSued, nil))
	p.Tamper(func(c map[string]any) { c["aud"] = "another-client" })
	wantSSORefused(t, ssoSignIn(t, env, apptest.FieldRepSued, nil), "wrong audience")
	if got := scrape("success") - success; got != 2 {
		t.Errorf("successful sign-ins +%v, want the 2 single sign-ons", got)
	}
	if got := scrape("failure") - failure; got != 1 {
		t.Errorf("failed sign-ins +%v, want the refused single sign-on", got)
	}
}

// Housekeeping (two_factor_purge, run by every instance) removes begun single sign-ons that expired, the
// throttle's old records, spent challenges, invitations revoked 30 days ago and those expired 90 days ago; it
// keeps live logins, recently expired invitations (the admin's pending list shows them until revoked) and
// accepted ones.
func TestHousekeepingPrunesExpiredSignInRows(t *testing.T) {
	env := apptest.Start(t)
	ctx := t.Context()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := env.DB.Owner.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	login := func(state string, expires string) {
		exec(`INSERT INTO oidc_logins (state_hash, tenant_id, nonce, verifier, redirect_uri, expires_at)
			VALUES (sha256(?::bytea), ?, repeat('n', 20), repeat('v', 43), 'http://127.0.0.1:1/cb', now() + ?::interval)`,
			state, env.Demo.TenantID, expires)
	}
	login("expired", "-1 minute")
	login("live", "5 minutes")
	exec("INSERT INTO oidc_begin_requests (remote_addr, requested_at) VALUES ('198.51.100.1', now() - interval '2 days'), ('198.51.100.1', now())")
	admin := env.Demo.Users[apptest.Admin]
	unit, role := env.Demo.Units["Innendienst"], env.Demo.Roles["Innendienst"]
	invitation := func(email, extra string) {
		exec(`INSERT INTO invitations (tenant_id, email, name, unit_id, role_id, token_hash, invited_by, expires_at, revoked_at, accepted_at)
			SELECT ?, ?, 'X', ?, ?, sha256(?::bytea), ?, e, r, a FROM (SELECT `+extra+`) AS v(e, r, a)`,
			env.Demo.TenantID, email, unit, role, email, admin)
	}
	invitation("revoked-old@x.example", "now() - interval '40 days', now() - interval '31 days', NULL::timestamptz")
	invitation("revoked-new@x.example", "now() + interval '1 day', now() - interval '1 day', NULL::timestamptz")
	invitation("expired-old@x.example", "now() - interval '91 days', NULL::timestamptz, NULL::timestamptz")
	invitation("expired-new@x.example", "now() - interval '10 days', NULL::timestamptz, NULL::timestamptz")
	invitation("accepted@x.example", "now() - interval '200 days', NULL::timestamptz, now() - interval '201 days'")

	if _, err := env.DB.App.ExecContext(ctx, "SELECT two_factor_purge()"); err != nil {
		t.Fatalf("housekeeping as the service's role: %v", err)
	}
	count := func(q string) int {
		t.Helper()
		var n int
		if err := env.DB.Owner.NewRaw(q).Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("SELECT count(*) FROM oidc_logins"); n != 1 {
		t.Errorf("oidc_logins left: %d, want the live one", n)
	}
	if n := count("SELECT count(*) FROM oidc_begin_requests"); n != 1 {
		t.Errorf("oidc_begin_requests left: %d, want the recent one", n)
	}
	var left []string
	if err := env.DB.Owner.NewRaw("SELECT email FROM invitations WHERE email LIKE '%@x.example' ORDER BY email").Scan(ctx, &left); err != nil {
		t.Fatal(err)
	}
	if want := []string{"accepted@x.example", "expired-new@x.example", "revoked-new@x.example"}; !slices.Equal(left, want) {
		t.Errorf("invitations left %v, want %v", left, want)
	}
}
