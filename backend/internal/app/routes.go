package app

import (
	"context"
	"net/http"
	"reflect"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/activity"
	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/calendar"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/dashboard"
	"github.com/1sales/app/backend/internal/deal"
	"github.com/1sales/app/backend/internal/export"
	"github.com/1sales/app/backend/internal/feed"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/idempotency"
	"github.com/1sales/app/backend/internal/intake"
	"github.com/1sales/app/backend/internal/invitation"
	"github.com/1sales/app/backend/internal/lead"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/backend/internal/lostreason"
	"github.com/1sales/app/backend/internal/mapview"
	"github.com/1sales/app/backend/internal/note"
	"github.com/1sales/app/backend/internal/notify"
	"github.com/1sales/app/backend/internal/oidc"
	"github.com/1sales/app/backend/internal/organization"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/backend/internal/pipeline"
	"github.com/1sales/app/backend/internal/presence"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/backend/internal/savedfilter"
	"github.com/1sales/app/backend/internal/support"
	"github.com/1sales/app/backend/internal/tenant"
	"github.com/1sales/app/backend/internal/unit"
	"github.com/1sales/app/backend/internal/user"
	"github.com/1sales/app/shared/api"
)

// Guard is what a route requires of its caller: the wrapper it is registered behind.
type Guard string

// The guards, innermost wrapper last.
const (
	// Public: anyone.
	Public Guard = "public"
	// SignedIn: a valid access token of an active user with a live session.
	SignedIn Guard = "signedIn"
	// Admin: signed in with the role's admin right (403 otherwise).
	Admin Guard = "admin"
	// Create: signed in, idempotent by Idempotency-Key.
	Create Guard = "create"
	// AdminCreate: Admin and idempotent by Idempotency-Key.
	AdminCreate Guard = "adminCreate"
	// Intake: a lead source's delivery, authenticated by the source's API key (the handler checks it: no user's
	// token is taken, and no other route takes such a key); a body limit of its own for batches of leads.
	Intake Guard = "intake"
	// Stream: signed in, for routes that move file content or stream events: no body limit or request timeout of
	// the middleware (the handler bounds size and idle time), and no Idempotency-Key (it would need the whole body
	// in memory).
	Stream Guard = "stream"
	// Operator: the operator's API (new companies), authenticated by the operator token of the configuration
	// (ONESALES_OPERATOR_TOKEN); without one the routes answer 404.
	Operator Guard = "operator"
	// Feed: a personal calendar feed, authenticated by the token in its path, which the handler checks (calendars
	// cannot send a header); no user's access token is taken, and logs never show the path whole
	// (httpx.LogPath).
	Feed Guard = "feed"
)

// Route is a registered route: its pattern as http.ServeMux takes it ("METHOD /path"), its guard and what it takes
// and answers (the source of docs/openapi.json).
type Route struct {
	Pattern string
	Guard   Guard
	Spec    rest.Spec
}

// Routes lists every route the handler serves, in the order routes registered them. Tests take their tables of
// routes from here (the authorization table, the leak test, the fuzzer, the idempotency test), so that a route
// cannot be added without a row.
func (a *App) Routes() []Route { return slices.Clone(a.routeList) }

// routes registers every route of the API in one place.
func (a *App) routes() http.Handler {
	authSvc := auth.NewService(a.db, user.Me, a.hasher, a.authOptions())
	keys := idempotency.New(a.db)
	authH := auth.NewHandler(authSvc)
	sso := oidc.NewService(a.db, a.log, authSvc, a.hasher, oidc.Options{Box: a.box, Window: a.cfg.LoginThrottleWindow})
	ssoH := oidc.NewHandler(sso)
	users := user.NewService(a.db, a.hasher)
	units := unit.NewService(a.db)
	roles := role.NewService(a.db)
	tenantH := tenant.NewHandler(a.db)
	persons := person.NewService(a.db)
	orgs := organization.NewService(a.db)
	deals := deal.NewService(a.db)
	leads := lead.NewService(a.db)
	kinds := kindServices(persons, orgs, deals, leads)
	notes := note.NewService(a.db)
	records := record.NewService(a.db)
	fields := customfield.NewService(a.db)
	filters := savedfilter.NewService(a.db, listSpecs(kinds)...)
	pipelines := pipeline.NewService(a.db)
	reasons := lostreason.NewService(a.db)
	maps := mapview.NewService(a.db, a.geocoder)
	activityTypes := activity.NewTypeService(a.db)
	activities := activity.NewService(a.db)
	dashboards := dashboard.NewService(a.db)
	sources := intake.NewService(a.db, a.log)
	presences := presence.NewService(a.db)
	notifications := notify.NewService(a.db)
	exports := export.NewService(a.db, a.log, export.Options{MaxBody: a.cfg.MaxBodyBytes, Idle: a.cfg.TransferIdleTimeout})
	supports := support.NewService(a.db, a.mailQueued)
	invitations := invitation.NewService(a.db, a.hasher, invitation.Options{PublicURL: a.cfg.PublicURL,
		Queued: a.mailQueued, Log: a.log})
	resets := auth.NewResetHandler(auth.NewResets(a.db, a.hasher, auth.ResetOptions{PublicURL: a.cfg.PublicURL,
		Window: a.cfg.LoginThrottleWindow, Queued: a.mailQueued, Log: a.log}))
	calendars := calendar.NewService(a.db, calendar.Options{PublicURL: a.cfg.PublicURL, Window: a.cfg.LoginThrottleWindow})

	guards := map[Guard]func(httpx.HandlerFunc) http.Handler{
		Public:   func(h httpx.HandlerFunc) http.Handler { return httpx.Handle(a.log, h) },
		SignedIn: func(h httpx.HandlerFunc) http.Handler { return httpx.Handle(a.log, authSvc.Require(h)) },
		Admin:    func(h httpx.HandlerFunc) http.Handler { return httpx.Handle(a.log, authSvc.Require(requireAdmin(h))) },
		Create:   func(h httpx.HandlerFunc) http.Handler { return httpx.Handle(a.log, authSvc.Require(keys.Wrap(h))) },
		AdminCreate: func(h httpx.HandlerFunc) http.Handler {
			return httpx.Handle(a.log, authSvc.Require(requireAdmin(keys.Wrap(h))))
		},
		Intake: func(h httpx.HandlerFunc) http.Handler {
			return httpx.Streaming(httpx.WithTimeout(a.cfg.RequestTimeout,
				httpx.WithBodyLimit(a.log, intake.MaxBody, httpx.Handle(a.log, h))))
		},
		Stream: func(h httpx.HandlerFunc) http.Handler {
			return httpx.Streaming(httpx.Handle(a.log, authSvc.RequireStreaming(h)))
		},
		Feed: func(h httpx.HandlerFunc) http.Handler { return httpx.Handle(a.log, h) },
		Operator: func(h httpx.HandlerFunc) http.Handler {
			return httpx.Handle(a.log, invitation.RequireOperator(a.cfg.OperatorToken, h))
		},
	}
	docs := a.docs

	mux := http.NewServeMux()
	route := func(pattern string, g Guard, e rest.Endpoint) {
		mux.Handle(pattern, guards[g](e.Handler))
		a.routeList = append(a.routeList, Route{Pattern: pattern, Guard: g, Spec: e.Spec})
	}
	route("GET /healthz", Public, rest.Typed[rest.None, map[string]string](http.StatusOK, a.healthz))
	route("GET /readyz", Public, rest.Typed[rest.None, map[string]string](http.StatusOK, a.readyz))
	route("GET /api/v1/version", Public, rest.Typed[rest.None, api.ServerVersion](http.StatusOK, a.version))
	route("GET /api/v1/openapi.json", Public, rest.Typed[rest.None, map[string]any](http.StatusOK, a.openAPIHandler))

	route("POST /api/v1/auth/login", Public, rest.Typed[api.LoginRequest, api.Session](http.StatusOK, authH.Login))
	route("POST /api/v1/auth/refresh", Public, rest.Typed[api.RefreshRequest, api.Session](http.StatusOK, authH.Refresh))
	route("POST /api/v1/auth/logout", Public, rest.Typed[api.LogoutRequest, rest.None](http.StatusNoContent, authH.Logout))
	route("POST /api/v1/auth/oidc/begin", Public, rest.Typed[api.SSOBeginRequest, api.SSOBegin](http.StatusOK, ssoH.Begin))
	route("POST /api/v1/auth/oidc/finish", Public, rest.Typed[api.SSOFinishRequest, api.Session](http.StatusOK, ssoH.Finish))
	// The steps between a right password and a session, authenticated by the sign-in's challenge token: the
	// second factor, or the enrolment the tenant's policy requires.
	route("POST /api/v1/auth/second-factor", Public, rest.Typed[api.SecondFactorRequest, api.Session](http.StatusOK, authH.SecondFactor))
	route("POST /api/v1/auth/enrolment", Public, rest.Typed[api.EnrolmentRequest, api.TOTPEnrolment](http.StatusOK, authH.StartEnrolment))
	route("POST /api/v1/auth/enrolment/confirm", Public, rest.Typed[api.EnrolmentConfirmRequest, api.Session](http.StatusOK, authH.ConfirmEnrolment))

	// Password reset: the request (the same answer for every address), the new password with the mail's token,
	// and the page the mail's link opens (its form posts back to it).
	route("POST /api/v1/auth/password-reset", Public, rest.Typed[api.PasswordResetRequest, rest.None](http.StatusAccepted, resets.Request))
	route("POST /api/v1/auth/password-reset/confirm", Public, rest.Typed[api.LinkPassword, rest.None](http.StatusNoContent, resets.Confirm))
	route("GET "+auth.ResetPagePath, Public, linkPage(resets.Page))
	route("POST "+auth.ResetPagePath, Public, linkPage(resets.Page))

	route("GET /api/v1/me", SignedIn, rest.Typed[rest.None, api.Me](http.StatusOK, users.MeHandler))
	route("POST /api/v1/me/password", SignedIn, rest.Typed[api.PasswordChange, rest.None](http.StatusNoContent, authH.ChangePassword))
	// The user's second factor (TOTP) and signed-in devices.
	route("GET /api/v1/me/two-factor", SignedIn, rest.Answer(authSvc.TwoFactor))
	route("POST /api/v1/me/two-factor/enrolment", SignedIn, rest.Answer(authSvc.Enrol))
	route("POST /api/v1/me/two-factor/confirm", SignedIn, authH.ConfirmTOTPEndpoint())
	route("POST /api/v1/me/two-factor/disable", SignedIn, authH.DisableTOTPEndpoint())
	route("POST /api/v1/me/two-factor/recovery-codes", SignedIn, authH.RenewRecoveryCodesEndpoint())
	route("GET /api/v1/me/sessions", SignedIn, rest.Answer(authSvc.Sessions))
	route("DELETE /api/v1/me/sessions", SignedIn, rest.Effect("", func(ctx context.Context, a *access.Actor, _ uuid.UUID) error {
		return authSvc.EndOtherSessions(ctx, a)
	}))
	route("DELETE /api/v1/me/sessions/{sessionID}", SignedIn, rest.Effect("sessionID", authSvc.EndSession))
	route("GET /api/v1/me/storage", SignedIn, rest.Typed[rest.None, api.StorageUsage](http.StatusOK, docs.UsageHandler))
	// The personal calendar feed: its state, a new URL (shown once), switched off; and the feed itself.
	route("GET /api/v1/me/calendar-feed", SignedIn, rest.Answer(calendars.Status))
	route("PUT /api/v1/me/calendar-feed", SignedIn, rest.Answer(calendars.Renew))
	route("DELETE /api/v1/me/calendar-feed", SignedIn, rest.Effect("", func(ctx context.Context, a *access.Actor, _ uuid.UUID) error {
		return calendars.Disable(ctx, a)
	}))
	route("GET /ics/{file}", Feed, rest.Endpoint{Handler: calendars.Handler,
		Spec: rest.Spec{Status: http.StatusOK, Download: true}})
	route("GET /api/v1/tenant", SignedIn, rest.Typed[rest.None, api.Tenant](http.StatusOK, tenantH.Get))
	route("GET /api/v1/tenant/settings", Admin, rest.Answer(tenantH.Settings))
	route("PUT /api/v1/tenant/settings", Admin, rest.Query(tenantH.SetSettings))
	route("GET /api/v1/tenant/sso", Admin, rest.Answer(sso.Settings))
	route("PUT /api/v1/tenant/sso", Admin, rest.Query(sso.SetSettings))
	// A new company's first-run checklist: the steps done.
	route("GET /api/v1/tenant/checklist", Admin, rest.Answer(invitations.Checklist))
	// Help: the support address and the server's version; a support request, mailed to that address.
	route("GET /api/v1/support", SignedIn, rest.Answer(supports.Info))
	route("POST /api/v1/support", Create, rest.OnWith(http.StatusCreated, "", func(ctx context.Context, a *access.Actor, _ uuid.UUID, in api.SupportRequest) (api.SupportReceipt, error) {
		return supports.Send(ctx, a, in)
	}))

	route("GET /api/v1/notifications", SignedIn, rest.Typed[rest.None, api.NotificationPage](http.StatusOK, notifications.ListHandler, "limit", "cursor"))
	route("POST /api/v1/notifications/read", SignedIn, rest.Query(notifications.MarkRead))
	route("POST /api/v1/notifications/read-all", SignedIn, rest.Answer(notifications.MarkAllRead))

	route("GET /api/v1/users", SignedIn, rest.List(users.List, func(items []api.User) api.UserList { return api.UserList{Items: items} }))
	route("POST /api/v1/users", AdminCreate, rest.Create(users.Create))
	route("GET /api/v1/users/{userID}", SignedIn, rest.Get("userID", users.Get))
	route("PATCH /api/v1/users/{userID}", Admin, rest.Update("userID", users.Update))
	route("GET /api/v1/users/{userID}/two-factor", Admin, rest.Related("userID", authSvc.UserTwoFactor))
	route("DELETE /api/v1/users/{userID}/two-factor", Admin, rest.Effect("userID", authSvc.ResetTwoFactor))
	route("DELETE /api/v1/users/{userID}/sessions", Admin, rest.Effect("userID", authSvc.EndUserSessions))

	// Invitations: an admin's open invitations, a new one, sent again or withdrawn; accepted with the mail's
	// token from the desktop or on the page the mail's link opens.
	route("GET /api/v1/invitations", Admin, rest.List(invitations.List, func(items []api.Invitation) api.InvitationList {
		return api.InvitationList{Items: items}
	}))
	route("POST /api/v1/invitations", AdminCreate, withOrigin(rest.Create(invitations.Create)))
	route("POST /api/v1/invitations/{invitationID}/resend", Admin, withOrigin(rest.Action("invitationID", invitations.Resend)))
	route("DELETE /api/v1/invitations/{invitationID}", Admin, rest.Effect("invitationID", invitations.Revoke))
	route("POST /api/v1/invitations/accept", Public, rest.Typed[api.LinkPassword, rest.None](http.StatusNoContent, invitations.AcceptHandler))
	route("GET "+invitation.PagePath, Public, linkPage(invitations.Page))
	route("POST "+invitation.PagePath, Public, linkPage(invitations.Page))
	// The operator's API: a new company with its first admin's invitation.
	route("POST /api/v1/operator/tenants", Operator, withOrigin(rest.Typed[api.OperatorTenantCreate, api.OperatorTenant](http.StatusCreated, invitations.OperatorHandler)))

	route("GET /api/v1/units", SignedIn, rest.List(units.List, func(items []api.Unit) api.UnitList { return api.UnitList{Items: items} }))
	route("POST /api/v1/units", AdminCreate, rest.Create(units.Create))
	route("GET /api/v1/units/{unitID}", SignedIn, rest.Get("unitID", units.Get))
	route("PATCH /api/v1/units/{unitID}", Admin, rest.Update("unitID", units.Update))
	route("DELETE /api/v1/units/{unitID}", Admin, rest.Delete("unitID", units.Delete))

	route("GET /api/v1/roles", SignedIn, rest.List(roles.List, func(items []api.Role) api.RoleList { return api.RoleList{Items: items} }))
	route("POST /api/v1/roles", AdminCreate, rest.Create(roles.Create))
	route("GET /api/v1/roles/{roleID}", SignedIn, rest.Get("roleID", roles.Get))
	route("PATCH /api/v1/roles/{roleID}", Admin, rest.Update("roleID", roles.Update))
	route("DELETE /api/v1/roles/{roleID}", Admin, rest.Delete("roleID", roles.Delete))

	// Every record kind (record.Kinds): its record, the mechanisms every kind has and its map. The kinds' own
	// routes follow.
	for _, k := range kinds {
		kind := k.Kind()
		base := "/api/v1/" + kind.Path
		one, rec := base+"/{"+kind.Param()+"}", base+"/{recordID}"
		route("POST "+base+"/count", SignedIn, rest.Query(listquery.CountOf(a.db, k.ListSpec())))
		route("POST "+base+"/map", SignedIn, rest.Query(maps.Markers(k.ListSpec())))
		route("POST "+base+"/export", Stream, exports.Handler(kind.Type))
		route("GET "+one, SignedIn, k.GetHandler())
		route("DELETE "+one, SignedIn, k.DeleteHandler())
		route("POST "+one+"/restore", SignedIn, k.RestoreHandler())
		route("GET "+rec+"/notes", SignedIn, rest.Related("recordID", notes.ListFor(kind)))
		route("POST "+rec+"/notes", Create, rest.Typed[api.NoteCreate, api.Note](http.StatusCreated, notes.CreateHandler(kind)))
		route("GET "+rec+"/history", SignedIn, rest.Typed[rest.None, api.HistoryList](http.StatusOK, records.History(kind)))
		route("GET "+rec+"/documents", SignedIn, rest.Typed[rest.None, api.DocumentList](http.StatusOK, docs.ListHandler(kind), "trashed"))
		route("POST "+rec+"/documents", Stream, upload(docs.UploadHandler(kind)))
		route("GET "+rec+"/activities", SignedIn, rest.Related("recordID", activities.Of(kind.Type)))
		route("GET "+rec+"/presence", SignedIn, rest.Related("recordID", presences.Of(kind)))
	}

	route("POST /api/v1/persons/query", SignedIn, rest.Query(persons.Query))
	route("POST /api/v1/persons", Create, rest.Create(persons.Create))
	route("PATCH /api/v1/persons/{personID}", SignedIn, rest.Update("personID", persons.Update))
	route("PUT /api/v1/persons/{personID}/organizations/{organizationID}", SignedIn, rest.Typed[api.MembershipInput, api.MembershipList](http.StatusOK, persons.LinkHandler))
	route("DELETE /api/v1/persons/{personID}/organizations/{organizationID}", SignedIn, rest.Typed[rest.None, api.MembershipList](http.StatusOK, persons.UnlinkHandler))

	route("POST /api/v1/organizations/query", SignedIn, rest.Query(orgs.Query))
	route("POST /api/v1/organizations", Create, rest.Create(orgs.Create))
	route("PATCH /api/v1/organizations/{organizationID}", SignedIn, rest.Update("organizationID", orgs.Update))
	route("GET /api/v1/organizations/{organizationID}/persons", SignedIn, rest.Related("organizationID", persons.OfOrganization))

	route("PATCH /api/v1/notes/{noteID}", SignedIn, rest.Update("noteID", notes.Update))
	route("DELETE /api/v1/notes/{noteID}", SignedIn, rest.Delete("noteID", notes.Delete))

	route("GET /api/v1/documents/{documentID}", SignedIn, rest.Get("documentID", docs.Get))
	route("GET /api/v1/documents/{documentID}/content", Stream, download(docs.ContentHandler))
	route("DELETE /api/v1/documents/{documentID}", SignedIn, rest.Delete("documentID", docs.Delete))
	route("POST /api/v1/documents/{documentID}/restore", SignedIn, rest.Action("documentID", docs.Restore))

	// The record the caller's desktop session shows (presence).
	route("PUT /api/v1/presence", SignedIn, rest.Typed[api.PresenceOpen, rest.None](http.StatusNoContent, presences.OpenHandler))
	route("DELETE /api/v1/presence", SignedIn, rest.Typed[rest.None, rest.None](http.StatusNoContent, presences.LeaveHandler))

	route("GET /api/v1/search", SignedIn, rest.Typed[rest.None, api.SearchResult](http.StatusOK, orgs.SearchHandler, "q"))
	route("POST /api/v1/geocode", SignedIn, rest.Query(maps.Geocode))
	route("GET /api/v1/trash", SignedIn, rest.Typed[rest.None, api.TrashList](http.StatusOK, records.Trash, "recordType"))

	route("GET /api/v1/custom-fields", SignedIn, rest.Typed[rest.None, api.CustomFieldList](http.StatusOK, fields.ListHandler, "recordType", "archived"))
	route("POST /api/v1/custom-fields", AdminCreate, rest.Create(fields.Create))
	route("PATCH /api/v1/custom-fields/{fieldID}", Admin, rest.Update("fieldID", fields.Update))
	route("DELETE /api/v1/custom-fields/{fieldID}", Admin, rest.Delete("fieldID", fields.Archive))

	route("GET /api/v1/saved-filters", SignedIn, rest.Typed[rest.None, api.SavedFilterList](http.StatusOK, filters.ListHandler, "recordType"))
	route("POST /api/v1/saved-filters", Create, rest.Create(filters.Create))
	route("PATCH /api/v1/saved-filters/{filterID}", SignedIn, rest.Update("filterID", filters.Update))
	route("DELETE /api/v1/saved-filters/{filterID}", SignedIn, rest.Delete("filterID", filters.Delete))

	route("POST /api/v1/deals/query", SignedIn, rest.Query(deals.Query))
	route("POST /api/v1/deals/board", SignedIn, rest.Query(deals.Board))
	route("POST /api/v1/deals", Create, rest.Create(deals.Create))
	route("PATCH /api/v1/deals/{dealID}", SignedIn, rest.Update("dealID", deals.Update))
	route("GET /api/v1/persons/{personID}/deals", SignedIn, rest.Related("personID", deals.Of(api.RecordPerson)))
	route("GET /api/v1/organizations/{organizationID}/deals", SignedIn, rest.Related("organizationID", deals.Of(api.RecordOrganization)))

	route("POST /api/v1/leads/query", SignedIn, rest.Query(leads.Query))
	route("POST /api/v1/leads/board", SignedIn, rest.Query(leads.Board))
	route("POST /api/v1/leads", Create, rest.Create(leads.Create))
	route("PATCH /api/v1/leads/{leadID}", SignedIn, rest.Update("leadID", leads.Update))
	route("POST /api/v1/leads/{leadID}/convert", SignedIn, rest.Typed[api.LeadConvert, api.LeadConversion](http.StatusOK, leads.ConvertHandler))
	route("GET /api/v1/leads/{leadID}/matches", SignedIn, rest.Related("leadID", leads.Matches))
	route("GET /api/v1/lead-mapping", SignedIn, rest.Typed[rest.None, api.FieldMappingList](http.StatusOK, leads.MappingHandler))
	route("PUT /api/v1/lead-mapping", Admin, rest.Typed[api.FieldMappingList, api.FieldMappingList](http.StatusOK, leads.SetMappingHandler))

	route("GET /api/v1/lead-sources", SignedIn, rest.List(sources.List, func(items []api.LeadSource) api.LeadSourceList { return api.LeadSourceList{Items: items} }))
	route("POST /api/v1/lead-sources", AdminCreate, rest.Create(sources.Create))
	route("GET /api/v1/lead-sources/{sourceID}", Admin, rest.Get("sourceID", sources.Get))
	route("PATCH /api/v1/lead-sources/{sourceID}", Admin, rest.Update("sourceID", sources.Update))
	route("DELETE /api/v1/lead-sources/{sourceID}", Admin, rest.Delete("sourceID", sources.Delete))
	route("GET /api/v1/lead-sources/{sourceID}/keys", Admin, rest.Related("sourceID", sources.Keys))
	route("POST /api/v1/lead-sources/{sourceID}/keys", AdminCreate, rest.On(http.StatusCreated, "sourceID", sources.CreateKey))
	route("DELETE /api/v1/lead-sources/{sourceID}/keys/{keyID}", Admin, rest.Typed[rest.None, rest.None](http.StatusNoContent, sources.RevokeKeyHandler))
	route("PUT /api/v1/lead-sources/{sourceID}/signing-secret", Admin, rest.On(http.StatusOK, "sourceID", sources.RotateSigningSecret))
	route("DELETE /api/v1/lead-sources/{sourceID}/signing-secret", Admin, rest.Effect("sourceID", sources.DisableSigning))
	route("POST /api/v1/lead-sources/{sourceID}/preview", Admin, rest.OnWith(http.StatusOK, "sourceID", sources.Preview))
	route("GET /api/v1/lead-sources/{sourceID}/deliveries", Admin, rest.Related("sourceID", sources.Deliveries))
	route("POST /api/v1/intake/{sourceID}/leads", Intake, rest.Typed[api.IntakeBatch, api.IntakeResult](http.StatusOK, sources.Handler))

	route("GET /api/v1/pipelines", SignedIn, rest.Typed[rest.None, api.PipelineList](http.StatusOK, pipelines.ListHandler, "recordType"))
	route("POST /api/v1/pipelines", AdminCreate, rest.Create(pipelines.Create))
	route("GET /api/v1/pipelines/{pipelineID}", SignedIn, rest.Get("pipelineID", pipelines.Get))
	route("PATCH /api/v1/pipelines/{pipelineID}", Admin, rest.Update("pipelineID", pipelines.Update))
	route("DELETE /api/v1/pipelines/{pipelineID}", Admin, rest.Delete("pipelineID", pipelines.Delete))

	route("GET /api/v1/lost-reasons", SignedIn, rest.Typed[rest.None, api.LostReasonList](http.StatusOK, reasons.ListHandler, "recordType", "archived"))
	route("POST /api/v1/lost-reasons", AdminCreate, rest.Create(reasons.Create))
	route("PATCH /api/v1/lost-reasons/{reasonID}", Admin, rest.Update("reasonID", reasons.Update))
	route("DELETE /api/v1/lost-reasons/{reasonID}", Admin, rest.Delete("reasonID", reasons.Delete))

	route("GET /api/v1/activity-types", SignedIn, rest.Typed[rest.None, api.ActivityTypeList](http.StatusOK, activityTypes.ListHandler, "archived"))
	route("POST /api/v1/activity-types", AdminCreate, rest.Create(activityTypes.Create))
	route("PATCH /api/v1/activity-types/{typeID}", Admin, rest.Update("typeID", activityTypes.Update))
	route("DELETE /api/v1/activity-types/{typeID}", Admin, rest.Delete("typeID", activityTypes.Delete))

	route("POST /api/v1/activities/query", SignedIn, rest.Query(activities.Query))
	route("POST /api/v1/activities", Create, rest.Create(activities.Create))
	route("GET /api/v1/activities/{activityID}", SignedIn, rest.Get("activityID", activities.Get))
	route("PATCH /api/v1/activities/{activityID}", SignedIn, rest.Update("activityID", activities.Update))
	route("DELETE /api/v1/activities/{activityID}", SignedIn, rest.Delete("activityID", activities.Delete))
	route("POST /api/v1/activities/export", Stream, exports.Handler(api.RecordActivity))

	// Exports of lists (every one recorded): the admins' list of them.
	route("GET /api/v1/exports", Admin, exports.ListHandler())

	route("POST /api/v1/dashboard", SignedIn, rest.Query(dashboards.Get))

	imports := a.imports
	route("POST /api/v1/imports", Stream, rest.Endpoint{Handler: imports.UploadHandler, Spec: rest.Spec{
		Out: reflect.TypeFor[api.ImportAnalysis](), Status: http.StatusCreated, Upload: true, Query: []string{"recordType", "fileName"}}})
	route("GET /api/v1/imports", SignedIn, rest.Answer(imports.List))
	route("GET /api/v1/imports/{importID}", SignedIn, rest.Get("importID", imports.Get))
	route("POST /api/v1/imports/{importID}/analysis", SignedIn, rest.OnWith(http.StatusOK, "importID", imports.Reanalyse))
	route("POST /api/v1/imports/{importID}/preview", SignedIn, rest.OnWith(http.StatusOK, "importID", imports.Preview))
	route("POST /api/v1/imports/{importID}/start", SignedIn, rest.OnWith(http.StatusAccepted, "importID", imports.Start))
	route("GET /api/v1/imports/{importID}/failed-rows", Stream, rest.Endpoint{Handler: imports.FailedRowsHandler,
		Spec: rest.Spec{Status: http.StatusOK, Download: true, Query: []string{"format", "lang"}}})
	// An undo of a large import takes longer than a request may: streamed (no request timeout), in steps.
	route("POST /api/v1/imports/{importID}/undo", Stream, rest.On(http.StatusOK, "importID", imports.Undo))

	streams := feed.NewStreams(a.hub, a.db, authSvc, a.log, feed.Options{Heartbeat: a.cfg.Events.Heartbeat})
	route("GET /api/v1/events", Stream, rest.Endpoint{Handler: streams.Handler,
		Spec: rest.Spec{Out: reflect.TypeFor[api.ChangeEvent](), Status: http.StatusOK, Events: true, Query: []string{"lastEventId"}}})

	a.openAPI = mustOpenAPI(a.Routes())
	return a.middleware(mux, a.unmatched(mux))
}

// upload describes an upload handler: the file's bytes in, the new document out.
func upload(h httpx.HandlerFunc) rest.Endpoint {
	return rest.Endpoint{Handler: h, Spec: rest.Spec{Out: reflect.TypeFor[api.Document](), Status: http.StatusCreated, Upload: true}}
}

// download describes a download handler: the file's bytes out.
func download(h httpx.HandlerFunc) rest.Endpoint {
	return rest.Endpoint{Handler: h, Spec: rest.Spec{Status: http.StatusOK, Download: true}}
}

// kindService is the service of a record kind, as the routes every kind has need it: record.Store gives the kind
// and the handlers of its record, the kind's package its list spec (maps and saved filters compile with it).
type kindService interface {
	Kind() record.Kind
	ListSpec() listquery.Spec
	GetHandler() rest.Endpoint
	DeleteHandler() rest.Endpoint
	RestoreHandler() rest.Endpoint
}

// kindServices orders the services as the registry orders the kinds; a kind without a service (or with two) is a
// programming error that stops the app from starting, so that no kind is left without its routes.
func kindServices(services ...kindService) []kindService {
	byType := map[api.RecordType]kindService{}
	for _, s := range services {
		if _, dup := byType[s.Kind().Type]; dup {
			panic("app: two services for the record kind " + string(s.Kind().Type))
		}
		byType[s.Kind().Type] = s
	}
	out := make([]kindService, 0, len(services))
	for _, k := range record.Kinds() {
		s, ok := byType[k.Type]
		if !ok {
			panic("app: no service for the record kind " + string(k.Type))
		}
		out = append(out, s)
	}
	if len(out) != len(services) {
		panic("app: a service for a type that is no record kind")
	}
	return out
}

func listSpecs(kinds []kindService) []listquery.Spec {
	out := make([]listquery.Spec, len(kinds))
	for i, k := range kinds {
		out[i] = k.ListSpec()
	}
	return out
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

// linkPage is the endpoint of a page a mail's link opens: HTML, its token in the query (GET) or the form (POST).
func linkPage(h httpx.HandlerFunc) rest.Endpoint {
	return rest.Endpoint{Handler: h, Spec: rest.Spec{Status: http.StatusOK, Query: []string{"token"}}}
}

// withOrigin gives an endpoint's requests the address they reached the server at, for the links of the mails they
// queue (invitation.WithOrigin).
func withOrigin(e rest.Endpoint) rest.Endpoint {
	e.Handler = invitation.WithOrigin(e.Handler)
	return e
}
