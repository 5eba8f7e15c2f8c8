package app

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/desktop/secrets"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

// Session signs the user in and out and keeps the preferences that belong to the sign-in.
type Session struct {
	c *core
	// ssoMu guards ssoCancel, which stops a single sign-on waiting for the browser (CancelSSO).
	ssoMu     sync.Mutex
	ssoCancel context.CancelFunc
}

// SessionState is what the UI needs at start and after every sign-in change.
type SessionState struct {
	SignedIn bool `json:"signedIn"`
	// ServerURL and Email are the session's when signed in; otherwise they prefill the sign-in form.
	ServerURL string `json:"serverUrl"`
	Email     string `json:"email"`
	Language  string `json:"language"`
	// CAFile is the company CA file the desktop trusts besides the system's certificates ("" none).
	CAFile string `json:"caFile,omitempty"`
	// Me is set when signed in.
	Me *api.Me `json:"me,omitempty"`
}

// LoginInput is the sign-in form.
type LoginInput struct {
	ServerURL string `json:"serverUrl"`
	Email     string `json:"email"`
	Password  string `json:"password"`
}

// State reports the session. Signed out, ServerURL is ONESALES_SERVER_URL if set, else the last server used.
func (s *Session) State() (SessionState, error) {
	c := s.c
	prefs, err := c.settings.Load()
	if err != nil {
		c.log.Warn("reading settings failed, using defaults", "err", err)
	}
	out := SessionState{Language: prefs.Language, CAFile: prefs.CAFile}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cl != nil {
		out.SignedIn, out.ServerURL, out.Email = true, c.server, c.email
		me := *c.me
		out.Me = &me
		return out, nil
	}
	out.ServerURL, out.Email = prefs.ServerURL, prefs.Email
	if c.cfg.ServerURL != "" {
		out.ServerURL = c.cfg.ServerURL
	}
	return out, nil
}

// SignInResult is the answer to a step of a sign-in: the signed-in user, or the next step the server asks for
// (Step "code": the second factor; "enrol": set up the second factor first). RecoveryCodes are set once, after an
// enrolment at sign-in; the UI shows them before it goes on. The challenge's token stays in the desktop.
type SignInResult struct {
	Me            *api.Me           `json:"me,omitempty"`
	Step          api.ChallengeKind `json:"step,omitempty"`
	RecoveryCodes []string          `json:"recoveryCodes,omitempty"`
}

// SecondFactorInput is the code step of a sign-in: a 6-digit Code of the authenticator app, or a RecoveryCode.
type SecondFactorInput struct {
	Code         string `json:"code"`
	RecoveryCode string `json:"recoveryCode"`
}

// pendingSignIn is a sign-in whose password was right and which waits for its next step.
type pendingSignIn struct {
	cl        *client.Client
	server    string
	email     string
	challenge string
}

// Login signs in, keeps the refresh token in the keyring and remembers server and e-mail for the next start.
// When the server asks for a second factor (or its enrolment) first, the answer says so (Step) and the sign-in
// waits for SecondFactor or StartEnrolment and ConfirmEnrolment. Input the desktop can judge alone fails with
// status 0, code validation.failed and field codes for serverUrl, email, password.
func (s *Session) Login(in LoginInput) (SignInResult, error) {
	c := s.c
	server, email, fields := checkForm(in.ServerURL, in.Email)
	if in.Password == "" {
		fields["password"] = api.FieldRequired
	}
	if len(fields) > 0 {
		return SignInResult{}, formError("check the sign-in form", fields)
	}

	cl := c.newClient(server)
	sess, err := cl.Login(c.ctx, api.LoginRequest{Email: email, Password: in.Password})
	if err != nil {
		return SignInResult{}, err
	}
	return s.signedIn(&pendingSignIn{cl: cl, server: server, email: email}, sess), nil
}

// signedIn finishes a step of a sign-in: a challenge is kept for the next step; a session is installed, its
// refresh token kept in the keyring, server and e-mail remembered for the next start.
func (s *Session) signedIn(p *pendingSignIn, sess api.Session) SignInResult {
	c := s.c
	if sess.Challenge != nil {
		p.challenge = sess.Challenge.Token
		c.mu.Lock()
		c.pending = p
		c.mu.Unlock()
		c.log.Info("sign-in needs a further step", "step", sess.Challenge.Kind)
		return SignInResult{Step: sess.Challenge.Kind}
	}
	c.mu.Lock()
	c.pending = nil
	c.mu.Unlock()
	// The server's spelling of the address names the keyring entry, so that Resume finds it however it was typed.
	account := sess.Me.User.Email
	if account == "" {
		account = p.email
	}
	c.install(p.cl, p.server, account, sess)
	if err := c.settings.Update(func(st *settings.Settings) { st.ServerURL, st.Email = p.server, account }); err != nil {
		c.log.Warn("saving server and e-mail failed", "err", err)
	}
	c.log.Info("signed in", "server", p.server)
	me := sess.Me
	return SignInResult{Me: &me, RecoveryCodes: sess.RecoveryCodes}
}

// errNoPendingSignIn answers a sign-in step without a sign-in waiting for it (the app restarted, say).
var errNoPendingSignIn = &client.APIError{Status: 0, Code: api.CodeChallengeInvalid, Message: "no sign-in is waiting for this step"}

// pendingStep returns the sign-in waiting for its next step.
func (s *Session) pendingStep() (*pendingSignIn, error) {
	s.c.mu.Lock()
	defer s.c.mu.Unlock()
	if s.c.pending == nil {
		return nil, errNoPendingSignIn
	}
	return s.c.pending, nil
}

// SecondFactor completes the waiting sign-in with a TOTP code or a recovery code. A code of the wrong form fails
// with field codes (code, recoveryCode), a wrong one with wrong_code; a challenge that ran out with
// auth.challenge_invalid (sign in again).
func (s *Session) SecondFactor(in SecondFactorInput) (SignInResult, error) {
	p, err := s.pendingStep()
	if err != nil {
		return SignInResult{}, err
	}
	sess, err := p.cl.SecondFactor(s.c.ctx, api.SecondFactorRequest{Challenge: p.challenge, Code: strings.TrimSpace(in.Code),
		RecoveryCode: strings.TrimSpace(in.RecoveryCode)})
	if err != nil {
		return SignInResult{}, err
	}
	return s.signedIn(p, sess), nil
}

// StartEnrolment starts the enrolment the waiting sign-in requires: the QR code and secret to scan.
func (s *Session) StartEnrolment() (api.TOTPEnrolment, error) {
	p, err := s.pendingStep()
	if err != nil {
		return api.TOTPEnrolment{}, err
	}
	return p.cl.StartEnrolment(s.c.ctx, api.EnrolmentRequest{Challenge: p.challenge})
}

// ConfirmEnrolment confirms that enrolment with the app's first code and signs in; the answer carries the
// recovery codes, to be shown once.
func (s *Session) ConfirmEnrolment(in api.TOTPCode) (SignInResult, error) {
	p, err := s.pendingStep()
	if err != nil {
		return SignInResult{}, err
	}
	sess, err := p.cl.ConfirmEnrolment(s.c.ctx, api.EnrolmentConfirmRequest{Challenge: p.challenge, Code: strings.TrimSpace(in.Code)})
	if err != nil {
		return SignInResult{}, err
	}
	return s.signedIn(p, sess), nil
}

// CancelSignIn forgets a sign-in waiting for its next step (back to the password form).
func (s *Session) CancelSignIn() {
	s.c.mu.Lock()
	s.c.pending = nil
	s.c.mu.Unlock()
}

// PasswordResetInput is the "Passwort vergessen?" form: the server and the account's e-mail address.
type PasswordResetInput struct {
	ServerURL string `json:"serverUrl"`
	Email     string `json:"email"`
}

// RequestPasswordReset asks the server to mail a link to set a new password. The server answers alike whether or
// not the address has an account; input the desktop can judge alone fails with status 0, code validation.failed
// and field codes for serverUrl and email, as Login's.
func (s *Session) RequestPasswordReset(in PasswordResetInput) error {
	server, email, fields := checkForm(in.ServerURL, in.Email)
	if len(fields) > 0 {
		return formError("check the form", fields)
	}
	return s.c.newClient(server).RequestPasswordReset(s.c.ctx, api.PasswordResetRequest{Email: email})
}

// checkForm checks what the desktop can judge alone of a sign-in form's server URL and e-mail address: it returns
// the server, the address trimmed and the field codes of the problems (serverUrl, email; an empty map for none).
func checkForm(serverURL, email string) (string, string, map[string]api.FieldCode) {
	server, problem := checkServerURL(serverURL)
	fields := map[string]api.FieldCode{}
	if problem != "" {
		fields["serverUrl"] = problem
	}
	email = strings.TrimSpace(email)
	if email == "" {
		fields["email"] = api.FieldRequired
	}
	return server, email, fields
}

// formError is the answer to a form the desktop judged alone: status 0, validation.failed and the field codes.
func formError(message string, fields map[string]api.FieldCode) error {
	return &client.APIError{Status: 0, Code: api.CodeValidation, Message: message, Fields: fields}
}

// Resume signs in silently with the refresh token kept for the last server and e-mail. Without one, or when the
// server refuses it (the stale entry is then removed), it answers SignedIn false and no error. A server that
// cannot be reached is an error (network.unreachable), and the token is kept for the next try.
func (s *Session) Resume() (SessionState, error) {
	c := s.c
	if _, err := c.Client(); err == nil {
		return s.State()
	}
	prefs, err := c.settings.Load()
	if err != nil {
		c.log.Warn("reading settings failed", "err", err)
	}
	if prefs.ServerURL == "" || prefs.Email == "" {
		return s.State()
	}
	token, err := c.secrets.Get(prefs.ServerURL, prefs.Email)
	if err != nil {
		if !errors.Is(err, secrets.ErrNotFound) {
			c.log.Warn("reading the refresh token failed", "err", err)
		}
		return s.State()
	}

	cl := c.newClient(prefs.ServerURL)
	sess, err := cl.Refresh(c.ctx, token)
	if err != nil {
		ae, _ := client.AsAPIError(err)
		if ae == nil || !refused(ae.Status) {
			state, _ := s.State()
			return state, err
		}
		c.log.Info("saved session refused", "code", ae.Code)
		if err := c.secrets.Delete(prefs.ServerURL, prefs.Email); err != nil && !errors.Is(err, secrets.ErrNotFound) {
			c.log.Warn("removing the stale refresh token failed", "err", err)
		}
		return s.State()
	}
	c.install(cl, prefs.ServerURL, prefs.Email, sess)
	c.log.Info("session resumed", "server", prefs.ServerURL)
	return s.State()
}

// refused reports answers that mean "this token will never work": the client's fault, not a passing condition.
func refused(status int) bool {
	return status >= 400 && status < 500 && status != http.StatusRequestTimeout && status != http.StatusTooManyRequests
}

// Logout ends the session: the keyring entry goes first (so the next start does not sign in again), then the
// server is told (best effort), and the tokens are forgotten. It fails only when the keyring entry could not be
// removed.
func (s *Session) Logout() error {
	c := s.c
	c.persistMu.Lock()
	c.mu.Lock()
	cl, server, email := c.cl, c.server, c.email
	c.cl, c.me = nil, nil
	c.stopLiveLocked()
	c.mu.Unlock()
	if cl == nil {
		c.persistMu.Unlock()
		return nil
	}
	err := c.secrets.Delete(server, email)
	c.persistMu.Unlock()

	ctx, cancel := context.WithTimeout(c.ctx, 5*time.Second)
	defer cancel()
	if lerr := cl.Logout(ctx); lerr != nil {
		c.log.Info("server logout failed; the session runs out on its own", "err", lerr)
	}
	c.log.Info("signed out", "server", server)
	if err != nil && !errors.Is(err, secrets.ErrNotFound) {
		c.log.Error("removing the refresh token failed", "err", err)
		return localError(api.CodeSecretsUnavailable, "remove the saved sign-in: %v", err)
	}
	return nil
}

// Me asks the server for the signed-in user afresh.
func (s *Session) Me() (api.Me, error) {
	cl, err := s.c.Client()
	if err != nil {
		return api.Me{}, err
	}
	me, err := client.Get[api.Me](s.c.ctx, cl, client.Path("me"), nil)
	if err != nil {
		return api.Me{}, err
	}
	s.c.mu.Lock()
	if s.c.cl == cl {
		s.c.me = &me
	}
	s.c.mu.Unlock()
	return me, nil
}

// ChangePassword changes the signed-in user's password. The server ends the user's other sessions.
func (s *Session) ChangePassword(in api.PasswordChange) error {
	_, err := client.Post[struct{}](s.c.ctx, s.c, client.Path("me", "password"), in)
	return err
}

// SetLanguage saves the UI language ("de" or "en").
func (s *Session) SetLanguage(lang string) error {
	if !settings.ValidLanguage(lang) {
		return &client.APIError{Status: 0, Code: api.CodeValidation, Message: "unknown language",
			Fields: map[string]api.FieldCode{"language": api.FieldInvalid}}
	}
	if err := s.c.settings.Update(func(p *settings.Settings) { p.Language = lang }); err != nil {
		s.c.log.Error("saving the language failed", "err", err)
		return localError(api.CodeSettingsUnavailable, "save the language: %v", err)
	}
	return nil
}

// normalizeServerURL returns the canonical form of an http(s) base URL (lower-case scheme and host, no trailing
// slash), or "" when raw is not one. The canonical form names keyring entries, so "HTTPS://CRM.example.com/" and
// "https://crm.example.com" must not become two.
func normalizeServerURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" ||
		u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return ""
	}
	u.Host = strings.ToLower(u.Host)
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u.String()
}
