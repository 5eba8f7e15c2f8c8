package app_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

// codeAt is the TOTP code of secret for the step offset steps away from now's.
func codeAt(t *testing.T, secret string, offset int) string {
	t.Helper()
	c, err := totp.GenerateCodeCustom(secret, time.Now().Add(time.Duration(offset)*30*time.Second),
		totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// awayFromStepEnd waits when a 30 s step ends within the next few seconds, so that the codes a test computes
// stay within the server's window (now's step ±1) until the server checks them.
func awayFromStepEnd() {
	if r := time.Now().Unix() % 30; r >= 25 {
		time.Sleep(time.Duration(31-r) * time.Second)
	}
}

func post(env *apptest.Env, path, token string, body any) *apptest.Response {
	env.T.Helper()
	return env.Do(apptest.Request{Method: http.MethodPost, Path: path, Token: token, Body: body})
}

// wantField fails unless resp is a 422 with code on field.
func wantField(t *testing.T, resp *apptest.Response, field string, code api.FieldCode) {
	t.Helper()
	if resp.Status != http.StatusUnprocessableEntity || resp.Error(t).Fields[field] != code {
		t.Fatalf("got %d %s, want 422 with %s: %s", resp.Status, resp.Body, field, code)
	}
}

func wantStatus(t *testing.T, resp *apptest.Response, status int) {
	t.Helper()
	if resp.Status != status {
		t.Fatalf("got %d %s, want %d", resp.Status, resp.Body, status)
	}
}

// enrolTOTP switches TOTP on for the signed-in user (token) with the code of the previous step, and returns the
// secret and the recovery codes.
func enrolTOTP(t *testing.T, env *apptest.Env, token string) (string, []string) {
	t.Helper()
	resp := post(env, "/api/v1/me/two-factor/enrolment", token, nil)
	wantStatus(t, resp, http.StatusOK)
	var e api.TOTPEnrolment
	resp.Decode(t, &e)
	awayFromStepEnd()
	resp = post(env, "/api/v1/me/two-factor/confirm", token, api.TOTPCode{Code: codeAt(t, e.Secret, -1)})
	wantStatus(t, resp, http.StatusOK)
	var rc api.RecoveryCodes
	resp.Decode(t, &rc)
	return e.Secret, rc.Codes
}

// challengeOf signs in with the password and returns the challenge the answer must hold.
func challengeOf(t *testing.T, env *apptest.Env, email string, kind api.ChallengeKind) string {
	t.Helper()
	resp := login(env, email, apptest.Password)
	wantStatus(t, resp, http.StatusOK)
	var s api.Session
	resp.Decode(t, &s)
	if s.Challenge == nil || s.Challenge.Kind != kind || s.AccessToken != "" || s.RefreshToken != "" {
		t.Fatalf("sign-in of %s answered %s, want only a challenge of kind %s", email, resp.Body, kind)
	}
	return s.Challenge.Token
}

func TestTOTPEnrolmentSignInWithCodeAndReplayRefused(t *testing.T) {
	env := apptest.Start(t)
	token := env.Token(apptest.FieldRepNord)

	var st api.TwoFactorStatus
	resp := env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me/two-factor", Token: token})
	wantStatus(t, resp, http.StatusOK)
	resp.Decode(t, &st)
	if st.Enabled || st.Required {
		t.Fatalf("status before enrolment: %+v", st)
	}

	resp = post(env, "/api/v1/me/two-factor/enrolment", token, nil)
	wantStatus(t, resp, http.StatusOK)
	var e api.TOTPEnrolment
	resp.Decode(t, &e)
	if !strings.HasPrefix(e.URI, "otpauth://totp/") || !strings.Contains(e.URI, "secret="+e.Secret) ||
		!strings.HasPrefix(e.QRCode, "data:image/png;base64,") || len(e.Secret) < 16 {
		t.Fatalf("enrolment: %+v", e)
	}
	// A pending enrolment does not ask sign-ins for a code yet.
	if s := env.Login(apptest.FieldRepNord); s.AccessToken == "" {
		t.Fatal("pending enrolment asked for a second factor")
	}

	// Codes of the wrong form are refused with a field code, never checked.
	for code, want := range map[string]api.FieldCode{"": api.FieldRequired, "123": api.FieldTooShort,
		"1234567": api.FieldTooLong, "12a456": api.FieldInvalid, strings.Repeat("9", 10000): api.FieldTooLong} {
		wantField(t, post(env, "/api/v1/me/two-factor/confirm", token, api.TOTPCode{Code: code}), "code", want)
	}
	awayFromStepEnd()
	wrong := codeAt(t, e.Secret, 5)
	wantField(t, post(env, "/api/v1/me/two-factor/confirm", token, api.TOTPCode{Code: wrong}), "code", api.FieldWrongCode)

	resp = post(env, "/api/v1/me/two-factor/confirm", token, api.TOTPCode{Code: codeAt(t, e.Secret, -1)})
	wantStatus(t, resp, http.StatusOK)
	var rc api.RecoveryCodes
	resp.Decode(t, &rc)
	if len(rc.Codes) != api.RecoveryCodeCount || len(slices.Compact(slices.Sorted(slices.Values(rc.Codes)))) != api.RecoveryCodeCount {
		t.Fatalf("recovery codes: %v", rc.Codes)
	}
	resp = env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me/two-factor", Token: token})
	resp.Decode(t, &st)
	if !st.Enabled || st.RecoveryCodesLeft != api.RecoveryCodeCount || st.EnabledAt == nil {
		t.Fatalf("status after enrolment: %+v", st)
	}
	// A second enrolment while TOTP is on is a conflict.
	wantStatus(t, post(env, "/api/v1/me/two-factor/enrolment", token, nil), http.StatusConflict)

	// Sign-in: the password gives a challenge, no session.
	ch := challengeOf(t, env, apptest.FieldRepNord, api.ChallengeCode)
	for code, want := range map[string]api.FieldCode{"12345": api.FieldTooShort, "1234567": api.FieldTooLong, "abcdef": api.FieldInvalid} {
		wantField(t, post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch, Code: code}), "code", want)
	}
	// The challenge is no access token.
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: ch}), http.StatusUnauthorized)
	// Nor does it start an enrolment.
	resp = post(env, "/api/v1/auth/enrolment", "", api.EnrolmentRequest{Challenge: ch})
	if resp.Status != http.StatusUnauthorized || resp.Error(t).Code != api.CodeChallengeInvalid {
		t.Fatalf("enrolment with a code challenge: %d %s", resp.Status, resp.Body)
	}

	awayFromStepEnd()
	code := codeAt(t, e.Secret, 0)
	resp = post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch, Code: code})
	wantStatus(t, resp, http.StatusOK)
	var sess api.Session
	resp.Decode(t, &sess)
	if sess.AccessToken == "" || sess.RefreshToken == "" || sess.Me.User.Email != apptest.FieldRepNord {
		t.Fatalf("session after the code: %s", resp.Body)
	}
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: sess.AccessToken}), http.StatusOK)

	// The spent challenge is dead.
	resp = post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch, Code: codeAt(t, e.Secret, 1)})
	if resp.Status != http.StatusUnauthorized || resp.Error(t).Code != api.CodeChallengeInvalid {
		t.Fatalf("spent challenge: %d %s", resp.Status, resp.Body)
	}
	// The same code, within its step, is refused on a new challenge: a replay.
	ch2 := challengeOf(t, env, apptest.FieldRepNord, api.ChallengeCode)
	wantField(t, post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch2, Code: code}), "code", api.FieldWrongCode)
	// The next step's code works (clock skew of one step).
	wantStatus(t, post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch2, Code: codeAt(t, e.Secret, 1)}), http.StatusOK)

	// The refresh token keeps the device signed in without the factor.
	resp = post(env, "/api/v1/auth/refresh", "", api.RefreshRequest{RefreshToken: sess.RefreshToken})
	wantStatus(t, resp, http.StatusOK)
	var refreshed api.Session
	resp.Decode(t, &refreshed)
	if refreshed.AccessToken == "" || refreshed.Challenge != nil {
		t.Fatalf("refresh: %s", resp.Body)
	}
}

func TestRecoveryCodeWorksOnce(t *testing.T) {
	env := apptest.Start(t)
	_, codes := enrolTOTP(t, env, env.Token(apptest.FieldRepSued))

	ch := challengeOf(t, env, apptest.FieldRepSued, api.ChallengeCode)
	wantField(t, post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch, RecoveryCode: "abc"}),
		"recoveryCode", api.FieldInvalid)
	wantField(t, post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch, RecoveryCode: "aaaaa-aaaaa"}),
		"recoveryCode", api.FieldWrongCode)
	// Typed in capitals and without the hyphen, it is the same code.
	typed := strings.ToUpper(strings.ReplaceAll(codes[3], "-", ""))
	resp := post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch, RecoveryCode: typed})
	wantStatus(t, resp, http.StatusOK)
	var sess api.Session
	resp.Decode(t, &sess)

	ch = challengeOf(t, env, apptest.FieldRepSued, api.ChallengeCode)
	wantField(t, post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch, RecoveryCode: codes[3]}),
		"recoveryCode", api.FieldWrongCode)
	wantStatus(t, post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch, RecoveryCode: codes[4]}), http.StatusOK)

	var st api.TwoFactorStatus
	env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me/two-factor", Token: sess.AccessToken}).Decode(t, &st)
	if st.RecoveryCodesLeft != api.RecoveryCodeCount-2 {
		t.Fatalf("recovery codes left: %d", st.RecoveryCodesLeft)
	}
}

func TestWrongCodesAreThrottledAndEndTheChallenge(t *testing.T) {
	env := apptest.Start(t)
	secret, _ := enrolTOTP(t, env, env.Token(apptest.InsideSales))
	ch := challengeOf(t, env, apptest.InsideSales, api.ChallengeCode)
	awayFromStepEnd()
	wrong := codeAt(t, secret, 10)
	for range 4 {
		wantField(t, post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch, Code: wrong}), "code", api.FieldWrongCode)
	}
	// The password's failures and the codes' count together: the fifth wrong attempt of this address and account.
	wantField(t, post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch, Code: wrong}), "code", api.FieldWrongCode)
	// Five wrong codes end the challenge.
	resp := post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch, Code: codeAt(t, secret, 0)})
	if resp.Status != http.StatusUnauthorized || resp.Error(t).Code != api.CodeChallengeInvalid {
		t.Fatalf("challenge after five wrong codes: %d %s", resp.Status, resp.Body)
	}
	// And the sign-in throttle refuses this account from this address for the window, even the password.
	wantThrottled(t, login(env, apptest.InsideSales, apptest.Password), 15*60)
}

func TestMandatoryTwoFactorPolicyEnforcesEnrolmentAtSignIn(t *testing.T) {
	env := apptest.Start(t)
	admin := env.Token(apptest.Admin)
	setPolicy := func(p api.TwoFactorPolicy) {
		t.Helper()
		resp := env.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/tenant/settings", Token: admin,
			Body: api.TenantSettingsInput{Language: api.LanguageDE, TwoFactorPolicy: p}})
		wantStatus(t, resp, http.StatusOK)
		var s api.TenantSettings
		resp.Decode(t, &s)
		if s.TwoFactorPolicy != p {
			t.Fatalf("policy saved as %q, want %q", s.TwoFactorPolicy, p)
		}
	}
	wantField(t, env.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/tenant/settings", Token: admin,
		Body: api.TenantSettingsInput{Language: api.LanguageDE, TwoFactorPolicy: "sometimes"}}), "twoFactorPolicy", api.FieldInvalid)
	setPolicy(api.TwoFactorAdmins)
	// Settings saved without the policy keep it.
	resp := env.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/tenant/settings", Token: admin,
		Body: api.TenantSettingsInput{Language: api.LanguageEN}})
	var s api.TenantSettings
	resp.Decode(t, &s)
	if s.TwoFactorPolicy != api.TwoFactorAdmins {
		t.Fatalf("policy after a save without it: %q", s.TwoFactorPolicy)
	}

	// For admins: a field rep signs in as before, the admin must enrol first.
	if env.Login(apptest.FieldRepNord).AccessToken == "" {
		t.Fatal("a non-admin was asked for a second factor under the admins policy")
	}
	ch := challengeOf(t, env, apptest.Admin, api.ChallengeEnrol)
	// The enrolment challenge allows only the enrolment calls.
	resp = post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch, Code: "123456"})
	if resp.Status != http.StatusUnauthorized || resp.Error(t).Code != api.CodeChallengeInvalid {
		t.Fatalf("code step with an enrolment challenge: %d %s", resp.Status, resp.Body)
	}
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: ch}), http.StatusUnauthorized)
	resp = post(env, "/api/v1/auth/enrolment", "", api.EnrolmentRequest{Challenge: ch})
	wantStatus(t, resp, http.StatusOK)
	var e api.TOTPEnrolment
	resp.Decode(t, &e)
	wantField(t, post(env, "/api/v1/auth/enrolment/confirm", "", api.EnrolmentConfirmRequest{Challenge: ch, Code: "12"}), "code", api.FieldTooShort)
	awayFromStepEnd()
	resp = post(env, "/api/v1/auth/enrolment/confirm", "", api.EnrolmentConfirmRequest{Challenge: ch, Code: codeAt(t, e.Secret, 0)})
	wantStatus(t, resp, http.StatusOK)
	var sess api.Session
	resp.Decode(t, &sess)
	if sess.AccessToken == "" || len(sess.RecoveryCodes) != api.RecoveryCodeCount {
		t.Fatalf("session after enforced enrolment: %s", resp.Body)
	}
	// Now the admin signs in with a code; switching TOTP off is refused while the policy requires it.
	ch = challengeOf(t, env, apptest.Admin, api.ChallengeCode)
	resp = post(env, "/api/v1/me/two-factor/disable", sess.AccessToken, api.TOTPCode{Code: codeAt(t, e.Secret, 1)})
	if resp.Status != http.StatusConflict || resp.Error(t).Code != api.CodeTwoFactorRequired {
		t.Fatalf("disable under the policy: %d %s", resp.Status, resp.Body)
	}
	wantStatus(t, post(env, "/api/v1/auth/second-factor", "", api.SecondFactorRequest{Challenge: ch, Code: codeAt(t, e.Secret, 1)}), http.StatusOK)

	// For everyone: the field rep must enrol too.
	setPolicy(api.TwoFactorEveryone)
	challengeOf(t, env, apptest.FieldRepNord, api.ChallengeEnrol)
	var st api.TwoFactorStatus
	env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me/two-factor", Token: sess.AccessToken}).Decode(t, &st)
	if !st.Required || !st.Enabled {
		t.Fatalf("admin's status under the policy: %+v", st)
	}
	setPolicy(api.TwoFactorOff)
	if env.Login(apptest.FieldRepNord).AccessToken == "" {
		t.Fatal("policy off still asks for enrolment")
	}
}

func TestDisablingOwnTOTPNeedsACurrentCode(t *testing.T) {
	env := apptest.Start(t)
	token := env.Token(apptest.Manager)
	secret, _ := enrolTOTP(t, env, token)
	wantField(t, post(env, "/api/v1/me/two-factor/disable", token, api.TOTPCode{}), "code", api.FieldRequired)
	awayFromStepEnd()
	wantField(t, post(env, "/api/v1/me/two-factor/disable", token, api.TOTPCode{Code: codeAt(t, secret, 7)}), "code", api.FieldWrongCode)
	wantStatus(t, post(env, "/api/v1/me/two-factor/disable", token, api.TOTPCode{Code: codeAt(t, secret, 0)}), http.StatusNoContent)
	if env.Login(apptest.Manager).AccessToken == "" {
		t.Fatal("sign-in still asks for a code after TOTP was switched off")
	}
}

func TestAdminResetsASecondFactorAndItIsRecorded(t *testing.T) {
	env := apptest.Start(t)
	rep := env.Demo.Users[apptest.FieldRepNord].String()
	enrolTOTP(t, env, env.Token(apptest.FieldRepNord))
	challengeOf(t, env, apptest.FieldRepNord, api.ChallengeCode)

	admin := env.Token(apptest.Admin)
	// Not for non-admins, and not for another tenant's user.
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/users/" + rep + "/two-factor",
		Token: env.Token(apptest.Manager)}), http.StatusForbidden)
	other := env.Other.Users[apptest.OtherAdmin].String()
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/users/" + other + "/two-factor", Token: admin}), http.StatusNotFound)

	wantStatus(t, env.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/users/" + rep + "/two-factor", Token: admin}), http.StatusNoContent)
	if env.Login(apptest.FieldRepNord).AccessToken == "" {
		t.Fatal("sign-in still asks for a code after the admin's reset")
	}
	var st api.TwoFactorStatus
	resp := env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/users/" + rep + "/two-factor", Token: admin})
	wantStatus(t, resp, http.StatusOK)
	resp.Decode(t, &st)
	adminID := env.Demo.Users[apptest.Admin].String()
	if st.Enabled || len(st.Events) < 2 || st.Events[0].Action != api.SecurityTOTPReset || st.Events[0].ActorID == nil ||
		*st.Events[0].ActorID != adminID || st.Events[1].Action != api.SecurityTOTPEnabled {
		t.Fatalf("status after reset: %s", resp.Body)
	}
}

// loginAs signs in from a desktop of version and operating system.
func loginAs(t *testing.T, env *apptest.Env, email, version, goos string) api.Session {
	t.Helper()
	resp := env.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body:   api.LoginRequest{Email: email, Password: apptest.Password},
		Header: map[string]string{"User-Agent": api.DesktopUserAgent(version, goos)}})
	wantStatus(t, resp, http.StatusOK)
	var s api.Session
	resp.Decode(t, &s)
	return s
}

func sessionsOf(t *testing.T, env *apptest.Env, token string) []api.DeviceSession {
	t.Helper()
	resp := env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me/sessions", Token: token})
	wantStatus(t, resp, http.StatusOK)
	var l api.DeviceSessionList
	resp.Decode(t, &l)
	return l.Items
}

// wantSignedOut fails unless both the session's access token and its refresh token are refused.
func wantSignedOut(t *testing.T, env *apptest.Env, s api.Session) {
	t.Helper()
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: s.AccessToken}), http.StatusUnauthorized)
	wantStatus(t, post(env, "/api/v1/auth/refresh", "", api.RefreshRequest{RefreshToken: s.RefreshToken}), http.StatusUnauthorized)
}

func TestSessionListShowsDevicesAndRemoteSignOutTakesEffectAtTheNextRequest(t *testing.T) {
	env := apptest.Start(t)
	win := loginAs(t, env, apptest.FieldRepNord, "1.4.0", "windows")
	mac := loginAs(t, env, apptest.FieldRepNord, "1.3.2", "darwin")
	linux := loginAs(t, env, apptest.FieldRepNord, "1.4.0", "linux")
	loginAs(t, env, apptest.FieldRepSued, "1.4.0", "linux") // another user's: not listed

	items := sessionsOf(t, env, win.AccessToken)
	if len(items) != 3 {
		t.Fatalf("sessions: %+v", items)
	}
	byOS := map[string]api.DeviceSession{}
	for _, it := range items {
		byOS[it.OS] = it
		if it.Network != "127.0.0.0/24" || it.CreatedAt.IsZero() || it.LastUsedAt.IsZero() {
			t.Fatalf("session %+v", it)
		}
	}
	if !byOS["windows"].Current || byOS["darwin"].Current || byOS["darwin"].AppVersion != "1.3.2" || byOS["linux"].AppVersion != "1.4.0" {
		t.Fatalf("sessions by OS: %+v", byOS)
	}

	// Sign the Mac out from the Windows desktop: its next request fails, access token and refresh alike.
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/me/sessions/" + byOS["darwin"].ID, Token: win.AccessToken}), http.StatusNoContent)
	wantSignedOut(t, env, mac)
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/me/sessions/" + byOS["darwin"].ID, Token: win.AccessToken}), http.StatusNotFound)
	// Another user's session is not found, and stays.
	sued := loginAs(t, env, apptest.FieldRepSued, "1.4.0", "windows")
	suedID := sessionsOf(t, env, sued.AccessToken)[0].ID
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/me/sessions/" + suedID, Token: win.AccessToken}), http.StatusNotFound)
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: sued.AccessToken}), http.StatusOK)

	// A refresh records its use and the desktop's new version.
	resp := env.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Body: api.RefreshRequest{RefreshToken: linux.RefreshToken},
		Header: map[string]string{"User-Agent": api.DesktopUserAgent("1.5.0", "linux")}})
	wantStatus(t, resp, http.StatusOK)
	resp.Decode(t, &linux)
	for _, it := range sessionsOf(t, env, win.AccessToken) {
		if it.OS == "linux" && (it.AppVersion != "1.5.0" || !it.LastUsedAt.After(it.CreatedAt)) {
			t.Fatalf("after refresh: %+v", it)
		}
	}

	// "Sign out all others" keeps only the caller's.
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/me/sessions", Token: win.AccessToken}), http.StatusNoContent)
	wantSignedOut(t, env, linux)
	if items := sessionsOf(t, env, win.AccessToken); len(items) != 1 || !items[0].Current {
		t.Fatalf("after signing out the others: %+v", items)
	}
}

func TestAdminSignsOutEverySessionOfAUser(t *testing.T) {
	env := apptest.Start(t)
	a := loginAs(t, env, apptest.FieldRepSued, "1.4.0", "windows")
	b := loginAs(t, env, apptest.FieldRepSued, "1.4.0", "linux")
	rep := env.Demo.Users[apptest.FieldRepSued].String()
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/users/" + rep + "/sessions", Token: a.AccessToken}), http.StatusForbidden)

	admin := env.Login(apptest.Admin)
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/users/" + rep + "/sessions", Token: admin.AccessToken}), http.StatusNoContent)
	wantSignedOut(t, env, a)
	wantSignedOut(t, env, b)
	// The admin's own sessions stay, and the sign-out is recorded.
	var st api.TwoFactorStatus
	resp := env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/users/" + rep + "/two-factor", Token: admin.AccessToken})
	wantStatus(t, resp, http.StatusOK)
	resp.Decode(t, &st)
	if len(st.Events) != 1 || st.Events[0].Action != api.SecuritySessionsRevoked {
		t.Fatalf("events: %s", resp.Body)
	}
	other := env.Other.Users[apptest.OtherAdmin].String()
	wantStatus(t, env.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/users/" + other + "/sessions", Token: admin.AccessToken}), http.StatusNotFound)
}
