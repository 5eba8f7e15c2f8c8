package client

import (
	"context"
	"net/http"

	"github.com/1sales/app/shared/api"
)

// Sign-in, refresh and sign-out: the routes that carry the session's tokens instead of using them.

// Login signs in and keeps the new session's tokens.
func (c *Client) Login(ctx context.Context, in api.LoginRequest) (api.Session, error) {
	var s api.Session
	if err := c.do(ctx, call{method: http.MethodPost, path: "/auth/login", body: in, result: &s}); err != nil {
		return api.Session{}, err
	}
	c.setSession(s)
	return s, nil
}

// Refresh exchanges refreshToken for a new pair and keeps it. The old refresh token is spent on success.
func (c *Client) Refresh(ctx context.Context, refreshToken string) (api.Session, error) {
	var s api.Session
	in := api.RefreshRequest{RefreshToken: refreshToken}
	if err := c.do(ctx, call{method: http.MethodPost, path: "/auth/refresh", body: in, result: &s}); err != nil {
		return api.Session{}, err
	}
	c.setSession(s)
	return s, nil
}

// Logout forgets the tokens at once and then ends the session on the server. Without a session it does nothing.
func (c *Client) Logout(ctx context.Context) error {
	rt := c.clearTokens()
	if rt == "" {
		return nil
	}
	return c.do(ctx, call{method: http.MethodPost, path: "/auth/logout", body: api.LogoutRequest{RefreshToken: rt}})
}

// ServerVersion asks the server for its version and the desktop versions it serves (no sign-in needed, and never
// refused for an old desktop).
func (c *Client) ServerVersion(ctx context.Context) (api.ServerVersion, error) {
	var v api.ServerVersion
	if err := c.do(ctx, call{method: http.MethodGet, path: "/version", result: &v}); err != nil {
		return api.ServerVersion{}, err
	}
	return v, nil
}

// RequestPasswordReset asks the server to mail a password reset link to the address (no sign-in needed; the answer
// is the same whether or not the address has an account).
func (c *Client) RequestPasswordReset(ctx context.Context, in api.PasswordResetRequest) error {
	return c.do(ctx, call{method: http.MethodPost, path: "/auth/password-reset", body: in})
}
