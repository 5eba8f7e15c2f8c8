package app

import (
	"context"
	"net/http"
	"time"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/idempotency"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/backend/internal/tenant"
	"github.com/1sales/app/backend/internal/unit"
	"github.com/1sales/app/backend/internal/user"
	"github.com/1sales/app/shared/api"
)

// routes lists every route of the API in one place. Wrappers, innermost last:
//   - public: anyone;
//   - signedIn: a valid access token of an active user with a live session;
//   - admin: signedIn and the role's admin right (403 otherwise);
//   - create: idempotent by Idempotency-Key.
func (a *App) routes() http.Handler {
	authSvc := auth.NewService(a.db, user.Me, a.authOptions())
	keys := idempotency.New(a.db)
	authH := auth.NewHandler(authSvc)
	users := user.NewService(a.db)
	units := unit.NewService(a.db)
	roles := role.NewService(a.db)
	tenantH := tenant.NewHandler(a.db)

	public := func(h httpx.HandlerFunc) http.Handler { return httpx.Handle(a.log, h) }
	signedIn := func(h httpx.HandlerFunc) http.Handler { return httpx.Handle(a.log, authSvc.Require(h)) }
	admin := func(h httpx.HandlerFunc) http.Handler { return httpx.Handle(a.log, authSvc.Require(requireAdmin(h))) }
	adminCreate := func(h httpx.HandlerFunc) http.Handler {
		return httpx.Handle(a.log, authSvc.Require(requireAdmin(keys.Wrap(h))))
	}

	mux := http.NewServeMux()
	mux.Handle("GET /healthz", public(a.healthz))
	mux.Handle("GET /readyz", public(a.readyz))

	mux.Handle("POST /api/v1/auth/login", public(authH.Login))
	mux.Handle("POST /api/v1/auth/refresh", public(authH.Refresh))
	mux.Handle("POST /api/v1/auth/logout", public(authH.Logout))

	mux.Handle("GET /api/v1/me", signedIn(users.MeHandler))
	mux.Handle("POST /api/v1/me/password", signedIn(authH.ChangePassword))
	mux.Handle("GET /api/v1/tenant", signedIn(tenantH.Get))

	mux.Handle("GET /api/v1/users", signedIn(rest.List(users.List, func(items []api.User) api.UserList { return api.UserList{Items: items} })))
	mux.Handle("POST /api/v1/users", adminCreate(rest.Create(users.Create)))
	mux.Handle("GET /api/v1/users/{userID}", signedIn(rest.Get("userID", users.Get)))
	mux.Handle("PATCH /api/v1/users/{userID}", admin(rest.Update("userID", users.Update)))

	mux.Handle("GET /api/v1/units", signedIn(rest.List(units.List, func(items []api.Unit) api.UnitList { return api.UnitList{Items: items} })))
	mux.Handle("POST /api/v1/units", adminCreate(rest.Create(units.Create)))
	mux.Handle("GET /api/v1/units/{unitID}", signedIn(rest.Get("unitID", units.Get)))
	mux.Handle("PATCH /api/v1/units/{unitID}", admin(rest.Update("unitID", units.Update)))
	mux.Handle("DELETE /api/v1/units/{unitID}", admin(rest.Delete("unitID", units.Delete)))

	mux.Handle("GET /api/v1/roles", signedIn(rest.List(roles.List, func(items []api.Role) api.RoleList { return api.RoleList{Items: items} })))
	mux.Handle("POST /api/v1/roles", adminCreate(rest.Create(roles.Create)))
	mux.Handle("GET /api/v1/roles/{roleID}", signedIn(rest.Get("roleID", roles.Get)))
	mux.Handle("PATCH /api/v1/roles/{roleID}", admin(rest.Update("roleID", roles.Update)))
	mux.Handle("DELETE /api/v1/roles/{roleID}", admin(rest.Delete("roleID", roles.Delete)))

	return a.middleware(a.unmatched(mux))
}

func requireAdmin(next httpx.HandlerFunc) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		a, err := access.FromRequest(r)
		if err != nil {
			return err
		}
		if err := a.RequireAdmin(); err != nil {
			return err
		}
		return next(w, r)
	}
}

// unmatched answers requests that match no route with the envelope: 405 with Allow when the path exists for
// other methods, 404 otherwise (the mux itself would answer in plain text).
func (a *App) unmatched(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		probe := &statusProbe{header: http.Header{}}
		mux.ServeHTTP(probe, r)
		if probe.status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", probe.header.Get("Allow"))
			httpx.WriteError(w, r, a.log, httpx.NewError(http.StatusMethodNotAllowed, api.CodeMethodNotAllowed, "method not allowed"))
			return
		}
		httpx.WriteError(w, r, a.log, httpx.NewError(http.StatusNotFound, api.CodeNotFound, "no such route"))
	})
}

// statusProbe records what the mux would answer without sending it.
type statusProbe struct {
	header http.Header
	status int
}

func (p *statusProbe) Header() http.Header         { return p.header }
func (p *statusProbe) Write(b []byte) (int, error) { return len(b), nil }
func (p *statusProbe) WriteHeader(code int)        { p.status = code }

func (a *App) healthz(w http.ResponseWriter, _ *http.Request) error {
	return httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 only while the database answers, so a load balancer stops sending traffic otherwise.
func (a *App) readyz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.db.PingContext(ctx); err != nil {
		return httpx.NewError(http.StatusServiceUnavailable, api.CodeUnavailable, "database unreachable")
	}
	return httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
