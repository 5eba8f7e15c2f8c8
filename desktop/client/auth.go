package client

import (
	"context"
	"net/http"

	"github.com/1sales/app/shared/api"
)

// Sign-in, refresh and sign-out: the routes that carry the session's tokens instead of using them.

// Login signs in and keeps the new session's tokens. When the server asks for a second factor (or its
// enrolment) first, the answer holds only the challenge, and no tokens are kept.
func (c *Client) Login(ctx context.Context, in api.LoginRequest) (api.Session, error) {
	return c.signInStep(ctx, "/auth/login", in)
}

// SecondFactor completes a sign-in with a TOTP or recovery code and keeps the session's tokens.
func (c *Client) SecondFactor(ctx context.Context, in api.SecondFactorRequest) (api.Session, error) {
	return c.signInStep(ctx, "/auth/second-factor", in)
}

// StartEnrolment asks for a TOTP secret for the enrolment a sign-in's challenge requires.
func (c *Client) StartEnrolment(ctx context.Context, in api.EnrolmentRequest) (api.TOTPEnrolment, error) {
	var e api.TOTPEnrolment
	if err := c.do(ctx, call{method: http.MethodPost, path: "/auth/enrolment", body: in, result: &e}); err != nil {
		return api.TOTPEnrolment{}, err
	}
	return e, nil
}

// ConfirmEnrolment confirms that enrolment with the app's first code and keeps the session's tokens.
func (c *Client) ConfirmEnrolment(ctx context.Context, in api.EnrolmentConfirmRequest) (api.Session, error) {
	return c.signInStep(ctx, "/auth/enrolment/confirm", in)
}

// signInStep posts one step of a sign-in and keeps the tokens of the session it opens, if it opens one.
func (c *Client) signInStep(ctx context.Context, path string, in any) (api.Session, error) {
	var s api.Session
	if err := c.do(ctx, call{method: http.MethodPost, path: path, body: in, result: &s}); err != nil {
		return api.Session{}, err
	}
	if s.Challenge == nil {
		c.setSession(s)
	}
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
