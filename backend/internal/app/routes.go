package app

import (
	"context"
	"net/http"
	"time"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/activity"
	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/dashboard"
	"github.com/1sales/app/backend/internal/deal"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/idempotency"
	"github.com/1sales/app/backend/internal/lead"
	"github.com/1sales/app/backend/internal/lostreason"
	"github.com/1sales/app/backend/internal/mapview"
	"github.com/1sales/app/backend/internal/note"
	"github.com/1sales/app/backend/internal/organization"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/backend/internal/pipeline"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/backend/internal/savedfilter"
	"github.com/1sales/app/backend/internal/tenant"
	"github.com/1sales/app/backend/internal/unit"
	"github.com/1sales/app/backend/internal/user"
	"github.com/1sales/app/shared/api"
)

// routes lists every route of the API in one place. Wrappers, innermost last:
//   - public: anyone;
//   - signedIn: a valid access token of an active user with a live session;
//   - admin: signedIn and the role's admin right (403 otherwise);
//   - create: idempotent by Idempotency-Key;
//   - stream: signedIn for routes that move file content (see httpx.Streaming).
func (a *App) routes() http.Handler {
	authSvc := auth.NewService(a.db, user.Me, a.hasher, a.authOptions())
	keys := idempotency.New(a.db)
	authH := auth.NewHandler(authSvc)
	users := user.NewService(a.db, a.hasher)
	units := unit.NewService(a.db)
	roles := role.NewService(a.db)
	tenantH := tenant.NewHandler(a.db)
	persons := person.NewService(a.db)
	orgs := organization.NewService(a.db)
	notes := note.NewService(a.db)
	records := record.NewService(a.db)
	fields := customfield.NewService(a.db)
	filters := savedfilter.NewService(a.db, person.ListSpec(), organization.ListSpec(), deal.ListSpec(), lead.ListSpec())
	personKind, orgKind := person.Kind(), organization.Kind()
	pipelines := pipeline.NewService(a.db, "deals", "leads")
	reasons := lostreason.NewService(a.db, "deals", "leads")
	deals := deal.NewService(a.db)
	leads := lead.NewService(a.db)
	dealKind, leadKind := deal.Kind(), lead.Kind()
	maps := mapview.NewService(a.db, a.geocoder)
	activityTypes := activity.NewTypeService(a.db)
	activities := activity.NewService(a.db)
	dashboards := dashboard.NewService(a.db)

	public := func(h httpx.HandlerFunc) http.Handler { return httpx.Handle(a.log, h) }
	signedIn := func(h httpx.HandlerFunc) http.Handler { return httpx.Handle(a.log, authSvc.Require(h)) }
	admin := func(h httpx.HandlerFunc) http.Handler { return httpx.Handle(a.log, authSvc.Require(requireAdmin(h))) }
	adminCreate := func(h httpx.HandlerFunc) http.Handler {
		return httpx.Handle(a.log, authSvc.Require(requireAdmin(keys.Wrap(h))))
	}
	create := func(h httpx.HandlerFunc) http.Handler { return httpx.Handle(a.log, authSvc.Require(keys.Wrap(h))) }
	// stream: signed in, content streamed in or out; no body limit or request timeout of the middleware (the
	// handler bounds size and idle time), and no Idempotency-Key (it would need the whole body in memory).
	stream := func(h httpx.HandlerFunc) http.Handler { return httpx.Streaming(signedIn(h)) }
	docs := a.docs

	mux := http.NewServeMux()
	mux.Handle("GET /healthz", public(a.healthz))
	mux.Handle("GET /readyz", public(a.readyz))

	mux.Handle("POST /api/v1/auth/login", public(authH.Login))
	mux.Handle("POST /api/v1/auth/refresh", public(authH.Refresh))
	mux.Handle("POST /api/v1/auth/logout", public(authH.Logout))

	mux.Handle("GET /api/v1/me", signedIn(users.MeHandler))
	mux.Handle("POST /api/v1/me/password", signedIn(authH.ChangePassword))
	mux.Handle("GET /api/v1/me/storage", signedIn(docs.UsageHandler))
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

	mux.Handle("POST /api/v1/persons/query", signedIn(rest.Query(persons.Query)))
	mux.Handle("POST /api/v1/persons/map", signedIn(rest.Query(maps.Markers(person.ListSpec()))))
	mux.Handle("POST /api/v1/persons", create(rest.Create(persons.Create)))
	mux.Handle("GET /api/v1/persons/{personID}", signedIn(rest.Get("personID", persons.Get)))
	mux.Handle("PATCH /api/v1/persons/{personID}", signedIn(rest.Update("personID", persons.Update)))
	mux.Handle("DELETE /api/v1/persons/{personID}", signedIn(rest.Delete("personID", persons.Delete)))
	mux.Handle("POST /api/v1/persons/{personID}/restore", signedIn(rest.Action("personID", persons.Restore)))
	mux.Handle("PUT /api/v1/persons/{personID}/organizations/{organizationID}", signedIn(persons.LinkHandler))
	mux.Handle("DELETE /api/v1/persons/{personID}/organizations/{organizationID}", signedIn(persons.UnlinkHandler))
	mux.Handle("GET /api/v1/persons/{recordID}/notes", signedIn(rest.Related("recordID", notes.ListFor(personKind))))
	mux.Handle("POST /api/v1/persons/{recordID}/notes", create(notes.CreateHandler(personKind)))
	mux.Handle("GET /api/v1/persons/{recordID}/history", signedIn(records.History(personKind)))
	mux.Handle("GET /api/v1/persons/{recordID}/documents", signedIn(docs.ListHandler(personKind)))
	mux.Handle("POST /api/v1/persons/{recordID}/documents", stream(docs.UploadHandler(personKind)))

	mux.Handle("POST /api/v1/organizations/query", signedIn(rest.Query(orgs.Query)))
	mux.Handle("POST /api/v1/organizations/map", signedIn(rest.Query(maps.Markers(organization.ListSpec()))))
	mux.Handle("POST /api/v1/organizations", create(rest.Create(orgs.Create)))
	mux.Handle("GET /api/v1/organizations/{organizationID}", signedIn(rest.Get("organizationID", orgs.Get)))
	mux.Handle("PATCH /api/v1/organizations/{organizationID}", signedIn(rest.Update("organizationID", orgs.Update)))
	mux.Handle("DELETE /api/v1/organizations/{organizationID}", signedIn(rest.Delete("organizationID", orgs.Delete)))
	mux.Handle("POST /api/v1/organizations/{organizationID}/restore", signedIn(rest.Action("organizationID", orgs.Restore)))
	mux.Handle("GET /api/v1/organizations/{organizationID}/persons", signedIn(rest.Related("organizationID", persons.OfOrganization)))
	mux.Handle("GET /api/v1/organizations/{recordID}/notes", signedIn(rest.Related("recordID", notes.ListFor(orgKind))))
	mux.Handle("POST /api/v1/organizations/{recordID}/notes", create(notes.CreateHandler(orgKind)))
	mux.Handle("GET /api/v1/organizations/{recordID}/history", signedIn(records.History(orgKind)))
	mux.Handle("GET /api/v1/organizations/{recordID}/documents", signedIn(docs.ListHandler(orgKind)))
	mux.Handle("POST /api/v1/organizations/{recordID}/documents", stream(docs.UploadHandler(orgKind)))

	mux.Handle("PATCH /api/v1/notes/{noteID}", signedIn(rest.Update("noteID", notes.Update)))
	mux.Handle("DELETE /api/v1/notes/{noteID}", signedIn(rest.Delete("noteID", notes.Delete)))

	mux.Handle("GET /api/v1/documents/{documentID}", signedIn(rest.Get("documentID", docs.Get)))
	mux.Handle("GET /api/v1/documents/{documentID}/content", stream(docs.ContentHandler))
	mux.Handle("DELETE /api/v1/documents/{documentID}", signedIn(rest.Delete("documentID", docs.Delete)))
	mux.Handle("POST /api/v1/documents/{documentID}/restore", signedIn(rest.Action("documentID", docs.Restore)))

	mux.Handle("GET /api/v1/search", signedIn(orgs.SearchHandler))
	mux.Handle("POST /api/v1/geocode", signedIn(rest.Query(maps.Geocode)))
	mux.Handle("GET /api/v1/trash", signedIn(records.Trash))

	mux.Handle("GET /api/v1/custom-fields", signedIn(fields.ListHandler))
	mux.Handle("POST /api/v1/custom-fields", adminCreate(rest.Create(fields.Create)))
	mux.Handle("PATCH /api/v1/custom-fields/{fieldID}", admin(rest.Update("fieldID", fields.Update)))
	mux.Handle("DELETE /api/v1/custom-fields/{fieldID}", admin(rest.Delete("fieldID", fields.Archive)))

	mux.Handle("GET /api/v1/saved-filters", signedIn(filters.ListHandler))
	mux.Handle("POST /api/v1/saved-filters", create(rest.Create(filters.Create)))
	mux.Handle("PATCH /api/v1/saved-filters/{filterID}", signedIn(rest.Update("filterID", filters.Update)))
	mux.Handle("DELETE /api/v1/saved-filters/{filterID}", signedIn(rest.Delete("filterID", filters.Delete)))

	mux.Handle("POST /api/v1/deals/query", signedIn(rest.Query(deals.Query)))
	mux.Handle("POST /api/v1/deals/board", signedIn(rest.Query(deals.Board)))
	mux.Handle("POST /api/v1/deals/map", signedIn(rest.Query(maps.Markers(deal.ListSpec()))))
	mux.Handle("POST /api/v1/deals", create(rest.Create(deals.Create)))
	mux.Handle("GET /api/v1/deals/{dealID}", signedIn(rest.Get("dealID", deals.Get)))
	mux.Handle("PATCH /api/v1/deals/{dealID}", signedIn(rest.Update("dealID", deals.Update)))
	mux.Handle("DELETE /api/v1/deals/{dealID}", signedIn(rest.Delete("dealID", deals.Delete)))
	mux.Handle("POST /api/v1/deals/{dealID}/restore", signedIn(rest.Action("dealID", deals.Restore)))
	mux.Handle("GET /api/v1/deals/{recordID}/notes", signedIn(rest.Related("recordID", notes.ListFor(dealKind))))
	mux.Handle("POST /api/v1/deals/{recordID}/notes", create(notes.CreateHandler(dealKind)))
	mux.Handle("GET /api/v1/deals/{recordID}/history", signedIn(records.History(dealKind)))
	mux.Handle("GET /api/v1/deals/{recordID}/documents", signedIn(docs.ListHandler(dealKind)))
	mux.Handle("POST /api/v1/deals/{recordID}/documents", stream(docs.UploadHandler(dealKind)))
	mux.Handle("GET /api/v1/persons/{personID}/deals", signedIn(rest.Related("personID", deals.Of(api.RecordPerson))))
	mux.Handle("GET /api/v1/organizations/{organizationID}/deals", signedIn(rest.Related("organizationID", deals.Of(api.RecordOrganization))))

	mux.Handle("POST /api/v1/leads/query", signedIn(rest.Query(leads.Query)))
	mux.Handle("POST /api/v1/leads/board", signedIn(rest.Query(leads.Board)))
	mux.Handle("POST /api/v1/leads/map", signedIn(rest.Query(maps.Markers(lead.ListSpec()))))
	mux.Handle("POST /api/v1/leads", create(rest.Create(leads.Create)))
	mux.Handle("GET /api/v1/leads/{leadID}", signedIn(rest.Get("leadID", leads.Get)))
	mux.Handle("PATCH /api/v1/leads/{leadID}", signedIn(rest.Update("leadID", leads.Update)))
	mux.Handle("DELETE /api/v1/leads/{leadID}", signedIn(rest.Delete("leadID", leads.Delete)))
	mux.Handle("POST /api/v1/leads/{leadID}/restore", signedIn(rest.Action("leadID", leads.Restore)))
	mux.Handle("POST /api/v1/leads/{leadID}/convert", signedIn(leads.ConvertHandler))
	mux.Handle("GET /api/v1/leads/{leadID}/matches", signedIn(rest.Related("leadID", leads.Matches)))
	mux.Handle("GET /api/v1/leads/{recordID}/notes", signedIn(rest.Related("recordID", notes.ListFor(leadKind))))
	mux.Handle("POST /api/v1/leads/{recordID}/notes", create(notes.CreateHandler(leadKind)))
	mux.Handle("GET /api/v1/leads/{recordID}/history", signedIn(records.History(leadKind)))
	mux.Handle("GET /api/v1/leads/{recordID}/documents", signedIn(docs.ListHandler(leadKind)))
	mux.Handle("POST /api/v1/leads/{recordID}/documents", stream(docs.UploadHandler(leadKind)))
	mux.Handle("GET /api/v1/lead-mapping", signedIn(leads.MappingHandler))
	mux.Handle("PUT /api/v1/lead-mapping", admin(leads.SetMappingHandler))

	mux.Handle("GET /api/v1/pipelines", signedIn(pipelines.ListHandler))
	mux.Handle("POST /api/v1/pipelines", adminCreate(rest.Create(pipelines.Create)))
	mux.Handle("GET /api/v1/pipelines/{pipelineID}", signedIn(rest.Get("pipelineID", pipelines.Get)))
	mux.Handle("PATCH /api/v1/pipelines/{pipelineID}", admin(rest.Update("pipelineID", pipelines.Update)))
	mux.Handle("DELETE /api/v1/pipelines/{pipelineID}", admin(rest.Delete("pipelineID", pipelines.Delete)))

	mux.Handle("GET /api/v1/lost-reasons", signedIn(reasons.ListHandler))
	mux.Handle("POST /api/v1/lost-reasons", adminCreate(rest.Create(reasons.Create)))
	mux.Handle("PATCH /api/v1/lost-reasons/{reasonID}", admin(rest.Update("reasonID", reasons.Update)))
	mux.Handle("DELETE /api/v1/lost-reasons/{reasonID}", admin(rest.Delete("reasonID", reasons.Delete)))

	mux.Handle("GET /api/v1/activity-types", signedIn(activityTypes.ListHandler))
	mux.Handle("POST /api/v1/activity-types", adminCreate(rest.Create(activityTypes.Create)))
	mux.Handle("PATCH /api/v1/activity-types/{typeID}", admin(rest.Update("typeID", activityTypes.Update)))
	mux.Handle("DELETE /api/v1/activity-types/{typeID}", admin(rest.Delete("typeID", activityTypes.Delete)))

	mux.Handle("POST /api/v1/activities/query", signedIn(rest.Query(activities.Query)))
	mux.Handle("POST /api/v1/activities", create(rest.Create(activities.Create)))
	mux.Handle("GET /api/v1/activities/{activityID}", signedIn(rest.Get("activityID", activities.Get)))
	mux.Handle("PATCH /api/v1/activities/{activityID}", signedIn(rest.Update("activityID", activities.Update)))
	mux.Handle("DELETE /api/v1/activities/{activityID}", signedIn(rest.Delete("activityID", activities.Delete)))
	mux.Handle("GET /api/v1/persons/{recordID}/activities", signedIn(rest.Related("recordID", activities.Of(api.RecordPerson))))
	mux.Handle("GET /api/v1/organizations/{recordID}/activities", signedIn(rest.Related("recordID", activities.Of(api.RecordOrganization))))
	mux.Handle("GET /api/v1/deals/{recordID}/activities", signedIn(rest.Related("recordID", activities.Of(api.RecordDeal))))
	mux.Handle("GET /api/v1/leads/{recordID}/activities", signedIn(rest.Related("recordID", activities.Of(api.RecordLead))))

	mux.Handle("POST /api/v1/dashboard", signedIn(rest.Query(dashboards.Get)))

	return a.middleware(mux, a.unmatched(mux))
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

// readyz answers 200 only while the database answers and the document store is usable (its last answer, a few
// seconds old at most: blob.Health), so a load balancer stops sending traffic otherwise.
func (a *App) readyz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.db.PingContext(ctx); err != nil {
		return httpx.Unavailable("database unreachable").WithCause(err)
	}
	if err := a.store.Ready(ctx); err != nil {
		e := httpx.NewError(http.StatusServiceUnavailable, api.CodeStorageUnavailable, "document store unavailable").WithCause(err)
		e.Header = http.Header{"Retry-After": {"10"}}
		return e
	}
	return httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
