// Package client talks to the 1sales backend over HTTP: one Client per server, holding the session's tokens in
// memory, refreshing them once on a 401, retrying only what is safe to repeat and turning every failure into an
// *APIError.
package client

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/go-resty/resty/v2"
	"github.com/google/uuid"

	"github.com/1sales/app/shared/api"
)

// Defaults for Options.
const (
	DefaultTimeout   = 10 * time.Second
	DefaultRetries   = 2
	DefaultRetryWait = 300 * time.Millisecond
)

// Options configure a Client for one server.
type Options struct {
	// ServerURL is the server's base URL without the /api/v1 prefix, e.g. https://crm.example.com.
	ServerURL string
	// Timeout bounds one attempt (connect, send, answer). Default 10 s.
	Timeout time.Duration
	// Retries is how many times a request that is safe to repeat is tried again. Default 2; negative means none.
	Retries int
	// RetryWait is the first pause between attempts; it grows with jitter up to 10 times as long. Default 300 ms.
	RetryWait time.Duration
	// Transport replaces http.DefaultTransport (tests, proxies).
	Transport http.RoundTripper
	// RootCAs are the certificate authorities the server's certificate must come from (LoadRootCAs: the system's
	// and a company CA); nil: the system's. Ignored with Transport.
	RootCAs *x509.CertPool
	// Version is the desktop's version, sent with every request (api.ClientHeader) for the server's version gate.
	Version string
	Logger  *slog.Logger
	// OnSession receives every new token pair (sign-in and each refresh) before the client uses it. Refresh tokens
	// rotate and the spent one is dead on the server, so this is where the new one must reach the keyring.
	OnSession func(api.Session)
	// OnExpired is called when the refresh after a 401 is refused: the session is over and the tokens are gone.
	OnExpired func()
	// TransferIdleTimeout ends a document upload or download that moved no byte for this long (default 1 min).
	// Transfers have no overall timeout: Timeout does not apply to them.
	TransferIdleTimeout time.Duration
	// EventsIdleTimeout ends the change stream (Events) when nothing, not even a heartbeat, arrived for this long
	// (default 45 s: three of the server's 15 s heartbeats).
	EventsIdleTimeout time.Duration
}

// Client is safe for concurrent use.
type Client struct {
	rc *resty.Client
	// streamRC carries document transfers (see newStreamClient).
	streamRC *resty.Client
	opts     Options
	log      *slog.Logger
	keys     *pendingKeys

	mu      sync.Mutex // guards access and refresh
	access  string
	refresh string

	// refreshMu lets one refresh run at a time: a second refresh with the same (already spent) refresh token would
	// look like token theft to the server, which then revokes the whole session.
	refreshMu sync.Mutex
}

// New returns a client for opts.ServerURL. It does no I/O.
func New(opts Options) *Client {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Retries == 0 {
		opts.Retries = DefaultRetries
	} else if opts.Retries < 0 {
		opts.Retries = 0
	}
	if opts.RetryWait <= 0 {
		opts.RetryWait = DefaultRetryWait
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.TransferIdleTimeout <= 0 {
		opts.TransferIdleTimeout = DefaultTransferIdleTimeout
	}
	if opts.EventsIdleTimeout <= 0 {
		opts.EventsIdleTimeout = DefaultEventsIdleTimeout
	}
	opts.ServerURL = strings.TrimRight(opts.ServerURL, "/")
	if opts.Transport == nil && opts.RootCAs != nil {
		opts.Transport = transportFor(opts.RootCAs)
	}

	rc := newResty(opts).
		SetTimeout(opts.Timeout).
		SetRetryCount(opts.Retries).
		SetRetryWaitTime(opts.RetryWait).
		SetRetryMaxWaitTime(10 * opts.RetryWait).
		// The one retry condition decides alone: resty's default (retry every transport error) would repeat
		// refreshes and version-checked updates whose first attempt may already have taken effect.
		AddRetryCondition(retryable).
		SetLogger(restyLogger{opts.Logger})
	if opts.Transport != nil {
		rc.SetTransport(opts.Transport)
	}
	return &Client{rc: rc, streamRC: newStreamClient(opts), opts: opts, log: opts.Logger, keys: newPendingKeys(10 * time.Minute)}
}

// newResty is a resty client for the server with the headers every request carries (the desktop's version among
// them) and the error envelope.
func newResty(opts Options) *resty.Client {
	rc := resty.New().SetBaseURL(opts.ServerURL+"/api/v1").SetHeader("Accept", "application/json").SetError(api.ErrorEnvelope{})
	if opts.Version != "" {
		rc.SetHeader(api.ClientHeader, api.ClientHeaderValue(opts.Version))
	}
	// Version and operating system name the device in the user's list of signed-in devices.
	return rc.SetHeader("User-Agent", api.DesktopUserAgent(opts.Version, runtime.GOOS))
}

// ServerURL returns the server this client talks to.
func (c *Client) ServerURL() string { return c.opts.ServerURL }

// SignedIn reports whether the client holds a refresh token, i.e. a session it can keep alive.
func (c *Client) SignedIn() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.refresh != ""
}

// RefreshToken returns the current refresh token ("" when signed out).
func (c *Client) RefreshToken() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.refresh
}

func (c *Client) accessToken() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.access
}

// setSession installs a new token pair and hands it to OnSession.
func (c *Client) setSession(s api.Session) {
	c.mu.Lock()
	c.access, c.refresh = s.AccessToken, s.RefreshToken
	c.mu.Unlock()
	if c.opts.OnSession != nil {
		c.opts.OnSession(s)
	}
}

// clearTokens forgets the session and returns the refresh token it had.
func (c *Client) clearTokens() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	rt := c.refresh
	c.access, c.refresh = "", ""
	return rt
}

// call describes one route invocation.
type call struct {
	method  string
	path    string     // below /api/v1, escaped (see Path)
	query   url.Values // query string, encoded by resty
	body    any
	result  any
	version *int64 // sent as If-Match: "<version>"
	create  bool   // a POST that creates: sent with an Idempotency-Key
	read    bool   // a POST that only reads: repeated like a GET
	auth    bool   // sends the access token; a 401 triggers one refresh and one repeat
}

// do runs a call and maps every failure to *APIError.
func (c *Client) do(ctx context.Context, cl call) error {
	var payload []byte
	if cl.body != nil {
		b, err := json.Marshal(cl.body)
		if err != nil {
			return &APIError{Code: api.CodeInternal, Message: fmt.Sprintf("encode %s %s: %v", cl.method, cl.path, err)}
		}
		payload = b
	}

	// The key belongs to the logical create, not to one attempt: resty's retries and the repeat after a refresh
	// reuse it, and so does a later identical create after an answer was lost (see pendingKeys), so the server
	// replays the first result instead of creating twice.
	var key, fingerprint string
	if cl.create {
		fingerprint = fingerprintOf(cl.method, cl.path, cl.query, payload)
		key = c.keys.take(fingerprint, uuid.NewString)
	}

	for refreshed := false; ; refreshed = true {
		token := ""
		reqCtx := ctx
		if cl.read {
			reqCtx = context.WithValue(ctx, readOnlyKey{}, true)
		}
		req := c.rc.R().SetContext(reqCtx).SetQueryParamsFromValues(cl.query)
		if cl.auth {
			token = c.accessToken()
			if token != "" {
				req.SetAuthToken(token)
			}
		}
		if payload != nil {
			req.SetHeader("Content-Type", "application/json").SetBody(payload)
		}
		if cl.result != nil {
			req.SetResult(cl.result)
		}
		if cl.version != nil {
			req.SetHeader("If-Match", fmt.Sprintf(`"%d"`, *cl.version))
		}
		if key != "" {
			req.SetHeader("Idempotency-Key", key)
		}

		resp, err := req.Execute(cl.method, cl.path)
		if err != nil && (resp == nil || resp.RawResponse == nil) {
			if cl.create {
				c.keys.keep(fingerprint, key) // outcome unknown: an identical create must reuse the key
			}
			c.log.Warn("api: no answer", "method", cl.method, "path", cl.path, "err", err)
			return networkError(err)
		}
		if cl.create {
			c.keys.drop(fingerprint) // the server answered: the create is settled either way
		}
		status := resp.StatusCode()
		if cl.auth && status == http.StatusUnauthorized && !refreshed {
			if err := c.refreshAfter(ctx, token); err != nil {
				return err
			}
			continue
		}
		if resp.IsError() {
			env, _ := resp.Error().(*api.ErrorEnvelope)
			ae := fromEnvelope(status, env)
			c.log.Info("api: error answer", "method", cl.method, "path", cl.path, "status", status, "code", ae.Code,
				"requestId", ae.RequestID)
			return ae
		}
		if err != nil { // a 2xx whose body could not be read or decoded
			return &APIError{Status: status, Code: api.CodeInternal, Message: "decode answer: " + err.Error()}
		}
		return nil
	}
}

// refreshAfter renews the tokens after a request made with stale got a 401. Only the refused refresh ends the
// session; a network error leaves it intact so the next call can try again.
func (c *Client) refreshAfter(ctx context.Context, stale string) error {
	c.refreshMu.Lock()
	defer c.refreshMu.Unlock()

	c.mu.Lock()
	access, refresh := c.access, c.refresh
	c.mu.Unlock()
	if access != stale {
		return nil // another call refreshed (or signed out) while this one waited: repeat with what is there now
	}
	if refresh == "" {
		return &APIError{Status: http.StatusUnauthorized, Code: api.CodeUnauthenticated, Message: "not signed in"}
	}
	_, err := c.Refresh(ctx, refresh)
	if err == nil {
		return nil
	}
	if ae, ok := AsAPIError(err); ok && (ae.Status == http.StatusUnauthorized || ae.Status == http.StatusForbidden) {
		c.log.Info("api: refresh refused, session over", "code", ae.Code)
		c.clearTokens()
		if c.opts.OnExpired != nil {
			c.opts.OnExpired()
		}
	}
	return err
}

// retryable decides whether resty tries a request again. Repeating is safe when the server never saw the request,
// or when the request is idempotent: GET, a POST carrying an Idempotency-Key, a PUT/DELETE without If-Match.
// With If-Match a repeat after a lost answer would fail with 412 although the change went through, so those are
// repeated only when nothing was sent.
func retryable(resp *resty.Response, err error) bool {
	if resp == nil || resp.Request == nil {
		return false
	}
	req := resp.Request
	if err != nil && resp.RawResponse == nil {
		if errors.Is(err, context.Canceled) {
			return false
		}
		return notReached(err) || idempotent(req)
	}
	switch resp.StatusCode() {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return idempotent(req)
	case http.StatusConflict:
		// The first attempt of this create is still running on the server; asking again returns its result.
		env, ok := resp.Error().(*api.ErrorEnvelope)
		return ok && env.Error.Code == api.CodeIdempotencyBusy && req.Header.Get("Idempotency-Key") != ""
	}
	return false
}

// readOnlyKey marks the context of a POST that only reads (Read).
type readOnlyKey struct{}

func idempotent(req *resty.Request) bool {
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return true
	case http.MethodPost:
		return req.Header.Get("Idempotency-Key") != "" || req.Context().Value(readOnlyKey{}) != nil
	case http.MethodPut, http.MethodDelete:
		return req.Header.Get("If-Match") == ""
	}
	return false
}

// notReached reports errors that happen before a request leaves the machine: DNS and connect failures.
func notReached(err error) bool {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return true
	}
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// restyLogger sends resty's own messages (one per failed attempt) to slog.
type restyLogger struct{ log *slog.Logger }

func (l restyLogger) Errorf(format string, v ...any) {
	l.log.Warn("resty: " + fmt.Sprintf(format, v...))
}

func (l restyLogger) Warnf(format string, v ...any) {
	l.log.Info("resty: " + fmt.Sprintf(format, v...))
}

func (l restyLogger) Debugf(format string, v ...any) {
	l.log.Debug("resty: " + fmt.Sprintf(format, v...))
}
