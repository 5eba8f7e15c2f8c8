package app

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/pkg/browser"

	"github.com/1sales/app/shared/api"
)

// SSOLoginInput is the single sign-on form: the server and the user's e-mail address, whose domain names the
// company's identity provider.
type SSOLoginInput struct {
	ServerURL string `json:"serverUrl"`
	Email     string `json:"email"`
}

// ssoWait is how long the desktop waits for the browser to come back from the provider.
const ssoWait = 5 * time.Minute

// LoginSSO signs in through the company's identity provider (RFC 8252): it listens on a loopback port, asks the
// server to begin (the server keeps state, nonce and PKCE verifier), opens the system browser at the provider,
// waits for the provider's redirect with the code and hands code and state to the server, which answers a session
// as a password sign-in does. It fails with validation.failed (fields serverUrl, email; email no_sso when the
// domain has no single sign-on), auth.sso_cancelled when CancelSSO was called or no answer came in time, and
// auth.sso_failed when the provider or the server refused.
func (s *Session) LoginSSO(in SSOLoginInput) (api.Me, error) {
	c := s.c
	server, email, fields := checkForm(in.ServerURL, in.Email)
	if len(fields) > 0 {
		return api.Me{}, formError("check the sign-in form", fields)
	}
	ctx, cancel := context.WithTimeout(c.ctx, ssoWait)
	defer cancel()
	s.setSSOCancel(cancel)
	defer s.setSSOCancel(nil)

	lb, err := listenLoopback()
	if err != nil {
		return api.Me{}, localError(api.CodeSSOFailed, "listen for the browser: %v", err)
	}
	defer lb.close()
	cl := c.newClient(server)
	begun, err := cl.BeginSSO(ctx, api.SSOBeginRequest{Email: email, RedirectURI: lb.redirectURI})
	if err != nil {
		return api.Me{}, err
	}
	u, err := url.Parse(begun.AuthURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return api.Me{}, localError(api.CodeSSOFailed, "the server answered no usable authorization URL")
	}
	lb.expectState(u.Query().Get("state"))
	if err := c.openBrowser(begun.AuthURL); err != nil {
		return api.Me{}, localError(api.CodeSSOFailed, "open the browser: %v", err)
	}
	c.log.Info("single sign-on: waiting for the browser", "server", server)
	code, state, err := lb.wait(ctx)
	if err != nil {
		return api.Me{}, err
	}
	sess, err := cl.FinishSSO(c.ctx, api.SSOFinishRequest{State: state, Code: code})
	if err != nil {
		return api.Me{}, err
	}
	// The server issues a session at once (the provider has checked the user's factors): no challenge follows.
	s.signedIn(&pendingSignIn{cl: cl, server: server, email: email}, sess)
	c.log.Info("signed in through single sign-on", "server", server)
	return sess.Me, nil
}

// CancelSSO stops a single sign-on waiting for the browser (LoginSSO then fails with auth.sso_cancelled).
func (s *Session) CancelSSO() {
	s.ssoMu.Lock()
	defer s.ssoMu.Unlock()
	if s.ssoCancel != nil {
		s.ssoCancel()
	}
}

func (s *Session) setSSOCancel(f context.CancelFunc) {
	s.ssoMu.Lock()
	defer s.ssoMu.Unlock()
	s.ssoCancel = f
}

// openBrowser opens url in the system browser (Config.OpenBrowser in tests). It calls the opener that Wails'
// BrowserOpenURL uses (pkg/browser) itself: BrowserOpenURL refuses a URL with characters such as "~" (which a
// login hint may hold) and tells its caller nothing, so the sign-in would wait for a browser that never opened.
func (c *core) openBrowser(url string) error {
	if c.cfg.OpenBrowser != nil {
		return c.cfg.OpenBrowser(url)
	}
	return browser.OpenURL(url)
}

// loopback receives the provider's redirect on 127.0.0.1 at a port the system picks (RFC 8252, 7.3): the first
// request to its path with the expected state ends the wait; other paths get 404, so a browser's favicon request
// does not count.
type loopback struct {
	ln          net.Listener
	srv         *http.Server
	redirectURI string
	path        string

	mu     sync.Mutex
	state  string
	result chan callback
}

type callback struct {
	code, state string
	err         error
}

func listenLoopback() (*loopback, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	lb := &loopback{ln: ln, path: "/callback", result: make(chan callback, 1)}
	lb.redirectURI = fmt.Sprintf("http://%s%s", ln.Addr().String(), lb.path)
	lb.srv = &http.Server{Handler: http.HandlerFunc(lb.serve), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = lb.srv.Serve(ln) }()
	return lb, nil
}

func (lb *loopback) expectState(state string) {
	lb.mu.Lock()
	defer lb.mu.Unlock()
	lb.state = state
}

func (lb *loopback) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || r.URL.Path != lb.path {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	lb.mu.Lock()
	want := lb.state
	lb.mu.Unlock()
	var cb callback
	switch {
	case q.Get("state") == "" || q.Get("state") != want:
		// Not the answer to this sign-in (a stale tab, another page): it neither ends nor fails the wait.
		page(w, http.StatusBadRequest, "Diese Anmeldung gehört nicht zur laufenden Anmeldung. / This is not the sign-in the app is waiting for.")
		return
	case q.Get("error") != "":
		cb.err = localError(api.CodeSSOFailed, "the identity provider refused: %s", truncate(q.Get("error"), 100))
		page(w, http.StatusOK, "Die Anmeldung wurde abgelehnt. Sie können dieses Fenster schließen. / Sign-in was refused. You can close this window.")
	case q.Get("code") == "":
		cb.err = localError(api.CodeSSOFailed, "the identity provider sent no code")
		page(w, http.StatusBadRequest, "Die Anmeldung ist fehlgeschlagen. / Sign-in failed.")
	default:
		cb.code, cb.state = q.Get("code"), q.Get("state")
		page(w, http.StatusOK, "Anmeldung abgeschlossen. Sie können dieses Fenster schließen und zu 1sales zurückkehren. / Signed in. You can close this window and return to 1sales.")
	}
	select {
	case lb.result <- cb:
	default: // an answer is taken already
	}
}

func page(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<!doctype html><meta charset=utf-8><title>1sales</title><p style=\"font-family:sans-serif\">%s</p>", html.EscapeString(text))
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// wait returns the code and state of the provider's redirect, or auth.sso_cancelled when ctx ends first.
func (lb *loopback) wait(ctx context.Context) (code, state string, err error) {
	select {
	case cb := <-lb.result:
		return cb.code, cb.state, cb.err
	case <-ctx.Done():
		msg := "single sign-on was cancelled"
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			msg = "no answer from the browser in time"
		}
		return "", "", localError(api.CodeSSOCancelled, "%s", msg)
	}
}

func (lb *loopback) close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = lb.srv.Shutdown(ctx)
}
