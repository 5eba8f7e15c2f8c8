package client

import (
	"context"
	"net/http"

	"github.com/1sales/app/shared/api"
)

// BeginSSO asks the server for the identity provider's authorization URL of the address's domain (single sign-on);
// the provider will send the browser to redirectURI, the desktop's loopback listener.
func (c *Client) BeginSSO(ctx context.Context, in api.SSOBeginRequest) (api.SSOBegin, error) {
	var out api.SSOBegin
	if err := c.do(ctx, call{method: http.MethodPost, path: "/auth/oidc/begin", body: in, result: &out}); err != nil {
		return api.SSOBegin{}, err
	}
	return out, nil
}

// FinishSSO hands the provider's code and state to the server and keeps the new session's tokens, as Login does.
func (c *Client) FinishSSO(ctx context.Context, in api.SSOFinishRequest) (api.Session, error) {
	var s api.Session
	if err := c.do(ctx, call{method: http.MethodPost, path: "/auth/oidc/finish", body: in, result: &s}); err != nil {
		return api.Session{}, err
	}
	c.setSession(s)
	return s, nil
}
