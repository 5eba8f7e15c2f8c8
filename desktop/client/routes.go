package client

import (
	"context"
	"net/http"

	"github.com/1sales/app/shared/api"
)

// One method per route of docs/api.md, in its order.

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

func (c *Client) Me(ctx context.Context) (api.Me, error) {
	var out api.Me
	err := c.do(ctx, call{method: http.MethodGet, path: "/me", result: &out, auth: true})
	return out, err
}

func (c *Client) ChangePassword(ctx context.Context, in api.PasswordChange) error {
	return c.do(ctx, call{method: http.MethodPost, path: "/me/password", body: in, auth: true})
}

func (c *Client) ListUsers(ctx context.Context) (api.UserList, error) {
	var out api.UserList
	err := c.do(ctx, call{method: http.MethodGet, path: "/users", result: &out, auth: true})
	return out, err
}

func (c *Client) CreateUser(ctx context.Context, in api.UserCreate) (api.User, error) {
	var out api.User
	err := c.do(ctx, call{method: http.MethodPost, path: "/users", body: in, result: &out, create: true, auth: true})
	return out, err
}

func (c *Client) GetUser(ctx context.Context, id string) (api.User, error) {
	var out api.User
	err := c.do(ctx, call{method: http.MethodGet, path: "/users/{id}", params: idParam(id), result: &out, auth: true})
	return out, err
}

func (c *Client) UpdateUser(ctx context.Context, id string, version int64, patch api.UserPatch) (api.User, error) {
	var out api.User
	err := c.do(ctx, call{method: http.MethodPatch, path: "/users/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

func (c *Client) ListUnits(ctx context.Context) (api.UnitList, error) {
	var out api.UnitList
	err := c.do(ctx, call{method: http.MethodGet, path: "/units", result: &out, auth: true})
	return out, err
}

func (c *Client) CreateUnit(ctx context.Context, in api.UnitCreate) (api.Unit, error) {
	var out api.Unit
	err := c.do(ctx, call{method: http.MethodPost, path: "/units", body: in, result: &out, create: true, auth: true})
	return out, err
}

func (c *Client) GetUnit(ctx context.Context, id string) (api.Unit, error) {
	var out api.Unit
	err := c.do(ctx, call{method: http.MethodGet, path: "/units/{id}", params: idParam(id), result: &out, auth: true})
	return out, err
}

func (c *Client) UpdateUnit(ctx context.Context, id string, version int64, patch api.UnitPatch) (api.Unit, error) {
	var out api.Unit
	err := c.do(ctx, call{method: http.MethodPatch, path: "/units/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

func (c *Client) DeleteUnit(ctx context.Context, id string, version int64) error {
	return c.do(ctx, call{method: http.MethodDelete, path: "/units/{id}", params: idParam(id), version: &version,
		auth: true})
}

func (c *Client) ListRoles(ctx context.Context) (api.RoleList, error) {
	var out api.RoleList
	err := c.do(ctx, call{method: http.MethodGet, path: "/roles", result: &out, auth: true})
	return out, err
}

func (c *Client) CreateRole(ctx context.Context, in api.RoleCreate) (api.Role, error) {
	var out api.Role
	err := c.do(ctx, call{method: http.MethodPost, path: "/roles", body: in, result: &out, create: true, auth: true})
	return out, err
}

func (c *Client) GetRole(ctx context.Context, id string) (api.Role, error) {
	var out api.Role
	err := c.do(ctx, call{method: http.MethodGet, path: "/roles/{id}", params: idParam(id), result: &out, auth: true})
	return out, err
}

func (c *Client) UpdateRole(ctx context.Context, id string, version int64, patch api.RolePatch) (api.Role, error) {
	var out api.Role
	err := c.do(ctx, call{method: http.MethodPatch, path: "/roles/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

func (c *Client) DeleteRole(ctx context.Context, id string, version int64) error {
	return c.do(ctx, call{method: http.MethodDelete, path: "/roles/{id}", params: idParam(id), version: &version,
		auth: true})
}

func (c *Client) Tenant(ctx context.Context) (api.Tenant, error) {
	var out api.Tenant
	err := c.do(ctx, call{method: http.MethodGet, path: "/tenant", result: &out, auth: true})
	return out, err
}

func idParam(id string) map[string]string { return map[string]string{"id": id} }
