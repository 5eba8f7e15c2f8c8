package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

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

// Contacts and the record mechanisms.

// QueryPersons returns one page of the persons q selects; send the page's NextCursor back as q.Cursor.
func (c *Client) QueryPersons(ctx context.Context, q api.ListQuery) (api.PersonPage, error) {
	var out api.PersonPage
	err := c.do(ctx, call{method: http.MethodPost, path: "/persons/query", body: q, result: &out, auth: true})
	return out, err
}

// CreatePerson creates a person; 409 person.duplicate_email unless in.AllowDuplicate.
func (c *Client) CreatePerson(ctx context.Context, in api.PersonCreate) (api.Person, error) {
	var out api.Person
	err := c.do(ctx, call{method: http.MethodPost, path: "/persons", body: in, result: &out, create: true, auth: true})
	return out, err
}

func (c *Client) GetPerson(ctx context.Context, id string) (api.Person, error) {
	var out api.Person
	err := c.do(ctx, call{method: http.MethodGet, path: "/persons/{id}", params: idParam(id), result: &out, auth: true})
	return out, err
}

func (c *Client) UpdatePerson(ctx context.Context, id string, version int64, patch api.PersonPatch) (api.Person, error) {
	var out api.Person
	err := c.do(ctx, call{method: http.MethodPatch, path: "/persons/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

// DeletePerson moves a person to the trash.
func (c *Client) DeletePerson(ctx context.Context, id string, version int64) error {
	return c.do(ctx, call{method: http.MethodDelete, path: "/persons/{id}", params: idParam(id), version: &version,
		auth: true})
}

// RestorePerson brings a person back from the trash.
func (c *Client) RestorePerson(ctx context.Context, id string) (api.Person, error) {
	var out api.Person
	err := c.do(ctx, call{method: http.MethodPost, path: "/persons/{id}/restore", params: idParam(id), result: &out,
		auth: true})
	return out, err
}

// LinkOrganization links a person to an organisation, or changes the link's role and primary flag; the answer
// lists the person's memberships. in.OrganizationID is ignored: the path names the organisation.
func (c *Client) LinkOrganization(ctx context.Context, personID, organizationID string, in api.MembershipInput) (api.MembershipList, error) {
	var out api.MembershipList
	err := c.do(ctx, call{method: http.MethodPut, path: "/persons/{personID}/organizations/{organizationID}",
		params: membershipParams(personID, organizationID), body: in, result: &out, auth: true})
	return out, err
}

// UnlinkOrganization removes a person's link to an organisation; the answer lists the remaining memberships.
func (c *Client) UnlinkOrganization(ctx context.Context, personID, organizationID string) (api.MembershipList, error) {
	var out api.MembershipList
	err := c.do(ctx, call{method: http.MethodDelete, path: "/persons/{personID}/organizations/{organizationID}",
		params: membershipParams(personID, organizationID), result: &out, auth: true})
	return out, err
}

// OrganizationPersons lists every person of an organisation the caller may see, by name.
func (c *Client) OrganizationPersons(ctx context.Context, id string) (api.PersonPage, error) {
	var out api.PersonPage
	err := c.do(ctx, call{method: http.MethodGet, path: "/organizations/{id}/persons", params: idParam(id),
		result: &out, auth: true})
	return out, err
}

func (c *Client) QueryOrganizations(ctx context.Context, q api.ListQuery) (api.OrganizationPage, error) {
	var out api.OrganizationPage
	err := c.do(ctx, call{method: http.MethodPost, path: "/organizations/query", body: q, result: &out, auth: true})
	return out, err
}

func (c *Client) CreateOrganization(ctx context.Context, in api.OrganizationCreate) (api.Organization, error) {
	var out api.Organization
	err := c.do(ctx, call{method: http.MethodPost, path: "/organizations", body: in, result: &out, create: true,
		auth: true})
	return out, err
}

func (c *Client) GetOrganization(ctx context.Context, id string) (api.Organization, error) {
	var out api.Organization
	err := c.do(ctx, call{method: http.MethodGet, path: "/organizations/{id}", params: idParam(id), result: &out,
		auth: true})
	return out, err
}

func (c *Client) UpdateOrganization(ctx context.Context, id string, version int64, patch api.OrganizationPatch) (api.Organization, error) {
	var out api.Organization
	err := c.do(ctx, call{method: http.MethodPatch, path: "/organizations/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

// DeleteOrganization moves an organisation to the trash.
func (c *Client) DeleteOrganization(ctx context.Context, id string, version int64) error {
	return c.do(ctx, call{method: http.MethodDelete, path: "/organizations/{id}", params: idParam(id),
		version: &version, auth: true})
}

// RestoreOrganization brings an organisation back from the trash.
func (c *Client) RestoreOrganization(ctx context.Context, id string) (api.Organization, error) {
	var out api.Organization
	err := c.do(ctx, call{method: http.MethodPost, path: "/organizations/{id}/restore", params: idParam(id),
		result: &out, auth: true})
	return out, err
}

// ListNotes lists a record's notes, newest first.
func (c *Client) ListNotes(ctx context.Context, recordType api.RecordType, recordID string) (api.NoteList, error) {
	seg, err := recordSegment(recordType)
	if err != nil {
		return api.NoteList{}, err
	}
	var out api.NoteList
	err = c.do(ctx, call{method: http.MethodGet, path: "/" + seg + "/{id}/notes", params: idParam(recordID),
		result: &out, auth: true})
	return out, err
}

func (c *Client) AddNote(ctx context.Context, recordType api.RecordType, recordID string, in api.NoteCreate) (api.Note, error) {
	seg, err := recordSegment(recordType)
	if err != nil {
		return api.Note{}, err
	}
	var out api.Note
	err = c.do(ctx, call{method: http.MethodPost, path: "/" + seg + "/{id}/notes", params: idParam(recordID),
		body: in, result: &out, create: true, auth: true})
	return out, err
}

func (c *Client) UpdateNote(ctx context.Context, id string, version int64, patch api.NotePatch) (api.Note, error) {
	var out api.Note
	err := c.do(ctx, call{method: http.MethodPatch, path: "/notes/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

func (c *Client) DeleteNote(ctx context.Context, id string, version int64) error {
	return c.do(ctx, call{method: http.MethodDelete, path: "/notes/{id}", params: idParam(id), version: &version,
		auth: true})
}

// History lists a record's recorded changes, newest first.
func (c *Client) History(ctx context.Context, recordType api.RecordType, recordID string) (api.HistoryList, error) {
	seg, err := recordSegment(recordType)
	if err != nil {
		return api.HistoryList{}, err
	}
	var out api.HistoryList
	err = c.do(ctx, call{method: http.MethodGet, path: "/" + seg + "/{id}/history", params: idParam(recordID),
		result: &out, auth: true})
	return out, err
}

// Search is the global search box: up to 10 persons and 10 organisations matching q.
func (c *Client) Search(ctx context.Context, q string) (api.SearchResult, error) {
	var out api.SearchResult
	err := c.do(ctx, call{method: http.MethodGet, path: "/search", query: url.Values{"q": {q}}, result: &out,
		auth: true})
	return out, err
}

// Trash lists the deleted records the caller may restore; recordType "" means every type.
func (c *Client) Trash(ctx context.Context, recordType api.RecordType) (api.TrashList, error) {
	var out api.TrashList
	err := c.do(ctx, call{method: http.MethodGet, path: "/trash", query: recordTypeQuery(recordType), result: &out,
		auth: true})
	return out, err
}

// ListCustomFields lists the custom fields of a record type ("" every type), archived ones only when asked.
func (c *Client) ListCustomFields(ctx context.Context, recordType api.RecordType, includeArchived bool) (api.CustomFieldList, error) {
	q := recordTypeQuery(recordType)
	if includeArchived {
		q.Set("archived", "true")
	}
	var out api.CustomFieldList
	err := c.do(ctx, call{method: http.MethodGet, path: "/custom-fields", query: q, result: &out, auth: true})
	return out, err
}

func (c *Client) CreateCustomField(ctx context.Context, in api.CustomFieldCreate) (api.CustomField, error) {
	var out api.CustomField
	err := c.do(ctx, call{method: http.MethodPost, path: "/custom-fields", body: in, result: &out, create: true,
		auth: true})
	return out, err
}

func (c *Client) UpdateCustomField(ctx context.Context, id string, version int64, patch api.CustomFieldPatch) (api.CustomField, error) {
	var out api.CustomField
	err := c.do(ctx, call{method: http.MethodPatch, path: "/custom-fields/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

// ArchiveCustomField removes a field from use; its values stay and return when the field is restored.
func (c *Client) ArchiveCustomField(ctx context.Context, id string, version int64) error {
	return c.do(ctx, call{method: http.MethodDelete, path: "/custom-fields/{id}", params: idParam(id),
		version: &version, auth: true})
}

// ListSavedFilters lists the caller's own and the shared filters of a record type ("" every type).
func (c *Client) ListSavedFilters(ctx context.Context, recordType api.RecordType) (api.SavedFilterList, error) {
	var out api.SavedFilterList
	err := c.do(ctx, call{method: http.MethodGet, path: "/saved-filters", query: recordTypeQuery(recordType),
		result: &out, auth: true})
	return out, err
}

func (c *Client) CreateSavedFilter(ctx context.Context, in api.SavedFilterCreate) (api.SavedFilter, error) {
	var out api.SavedFilter
	err := c.do(ctx, call{method: http.MethodPost, path: "/saved-filters", body: in, result: &out, create: true,
		auth: true})
	return out, err
}

func (c *Client) UpdateSavedFilter(ctx context.Context, id string, version int64, patch api.SavedFilterPatch) (api.SavedFilter, error) {
	var out api.SavedFilter
	err := c.do(ctx, call{method: http.MethodPatch, path: "/saved-filters/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

func (c *Client) DeleteSavedFilter(ctx context.Context, id string, version int64) error {
	return c.do(ctx, call{method: http.MethodDelete, path: "/saved-filters/{id}", params: idParam(id),
		version: &version, auth: true})
}

// Deals.

// QueryDeals returns one page of the deals q selects; send the page's NextCursor back as q.Cursor.
func (c *Client) QueryDeals(ctx context.Context, q api.ListQuery) (api.DealPage, error) {
	var out api.DealPage
	err := c.do(ctx, call{method: http.MethodPost, path: "/deals/query", body: q, result: &out, auth: true})
	return out, err
}

// DealBoard returns the board of one deal pipeline: the open deals per stage with their sums.
func (c *Client) DealBoard(ctx context.Context, q api.BoardQuery) (api.Board, error) {
	var out api.Board
	err := c.do(ctx, call{method: http.MethodPost, path: "/deals/board", body: q, result: &out, auth: true})
	return out, err
}

func (c *Client) CreateDeal(ctx context.Context, in api.DealCreate) (api.Deal, error) {
	var out api.Deal
	err := c.do(ctx, call{method: http.MethodPost, path: "/deals", body: in, result: &out, create: true, auth: true})
	return out, err
}

func (c *Client) GetDeal(ctx context.Context, id string) (api.Deal, error) {
	var out api.Deal
	err := c.do(ctx, call{method: http.MethodGet, path: "/deals/{id}", params: idParam(id), result: &out, auth: true})
	return out, err
}

// UpdateDeal changes a deal: moving it to another stage, winning, losing and reopening it are patches too.
func (c *Client) UpdateDeal(ctx context.Context, id string, version int64, patch api.DealPatch) (api.Deal, error) {
	var out api.Deal
	err := c.do(ctx, call{method: http.MethodPatch, path: "/deals/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

// DeleteDeal moves a deal to the trash.
func (c *Client) DeleteDeal(ctx context.Context, id string, version int64) error {
	return c.do(ctx, call{method: http.MethodDelete, path: "/deals/{id}", params: idParam(id), version: &version,
		auth: true})
}

// RestoreDeal brings a deal back from the trash.
func (c *Client) RestoreDeal(ctx context.Context, id string) (api.Deal, error) {
	var out api.Deal
	err := c.do(ctx, call{method: http.MethodPost, path: "/deals/{id}/restore", params: idParam(id), result: &out,
		auth: true})
	return out, err
}

// PersonDeals lists the deals of a person the caller may see.
func (c *Client) PersonDeals(ctx context.Context, personID string) (api.DealPage, error) {
	var out api.DealPage
	err := c.do(ctx, call{method: http.MethodGet, path: "/persons/{id}/deals", params: idParam(personID),
		result: &out, auth: true})
	return out, err
}

// OrganizationDeals lists the deals of an organisation the caller may see.
func (c *Client) OrganizationDeals(ctx context.Context, organizationID string) (api.DealPage, error) {
	var out api.DealPage
	err := c.do(ctx, call{method: http.MethodGet, path: "/organizations/{id}/deals", params: idParam(organizationID),
		result: &out, auth: true})
	return out, err
}

// Leads.

// QueryLeads returns one page of the leads q selects; send the page's NextCursor back as q.Cursor.
func (c *Client) QueryLeads(ctx context.Context, q api.ListQuery) (api.LeadPage, error) {
	var out api.LeadPage
	err := c.do(ctx, call{method: http.MethodPost, path: "/leads/query", body: q, result: &out, auth: true})
	return out, err
}

// LeadBoard returns the board of one lead pipeline: the open leads per stage.
func (c *Client) LeadBoard(ctx context.Context, q api.BoardQuery) (api.Board, error) {
	var out api.Board
	err := c.do(ctx, call{method: http.MethodPost, path: "/leads/board", body: q, result: &out, auth: true})
	return out, err
}

func (c *Client) CreateLead(ctx context.Context, in api.LeadCreate) (api.Lead, error) {
	var out api.Lead
	err := c.do(ctx, call{method: http.MethodPost, path: "/leads", body: in, result: &out, create: true, auth: true})
	return out, err
}

func (c *Client) GetLead(ctx context.Context, id string) (api.Lead, error) {
	var out api.Lead
	err := c.do(ctx, call{method: http.MethodGet, path: "/leads/{id}", params: idParam(id), result: &out, auth: true})
	return out, err
}

func (c *Client) UpdateLead(ctx context.Context, id string, version int64, patch api.LeadPatch) (api.Lead, error) {
	var out api.Lead
	err := c.do(ctx, call{method: http.MethodPatch, path: "/leads/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

// DeleteLead moves a lead to the trash.
func (c *Client) DeleteLead(ctx context.Context, id string, version int64) error {
	return c.do(ctx, call{method: http.MethodDelete, path: "/leads/{id}", params: idParam(id), version: &version,
		auth: true})
}

// RestoreLead brings a lead back from the trash.
func (c *Client) RestoreLead(ctx context.Context, id string) (api.Lead, error) {
	var out api.Lead
	err := c.do(ctx, call{method: http.MethodPost, path: "/leads/{id}/restore", params: idParam(id), result: &out,
		auth: true})
	return out, err
}

// ConvertLead turns a lead into a person and/or an organisation and optionally a deal. The route takes no
// Idempotency-Key, so it goes out without one and is never repeated: after a lost answer the lead's status shows
// whether the conversion happened, and a second one is refused (status invalid) once the lead is no longer open.
func (c *Client) ConvertLead(ctx context.Context, id string, in api.LeadConvert) (api.LeadConversion, error) {
	var out api.LeadConversion
	err := c.do(ctx, call{method: http.MethodPost, path: "/leads/{id}/convert", params: idParam(id), body: in,
		result: &out, auth: true})
	return out, err
}

// LeadMatches lists existing persons and organisations the lead may already be, before a conversion.
func (c *Client) LeadMatches(ctx context.Context, id string) (api.LeadMatches, error) {
	var out api.LeadMatches
	err := c.do(ctx, call{method: http.MethodGet, path: "/leads/{id}/matches", params: idParam(id), result: &out,
		auth: true})
	return out, err
}

// LeadMapping returns which lead field fills which person or organisation field on conversion.
func (c *Client) LeadMapping(ctx context.Context) (api.FieldMappingList, error) {
	var out api.FieldMappingList
	err := c.do(ctx, call{method: http.MethodGet, path: "/lead-mapping", result: &out, auth: true})
	return out, err
}

// SetLeadMapping replaces the whole mapping (admins); a PUT of the whole list, so safe to repeat.
func (c *Client) SetLeadMapping(ctx context.Context, in api.FieldMappingList) (api.FieldMappingList, error) {
	var out api.FieldMappingList
	err := c.do(ctx, call{method: http.MethodPut, path: "/lead-mapping", body: in, result: &out, auth: true})
	return out, err
}

// Pipelines and lost reasons.

// ListPipelines lists the pipelines of deals or leads in order.
func (c *Client) ListPipelines(ctx context.Context, recordType api.RecordType) (api.PipelineList, error) {
	var out api.PipelineList
	err := c.do(ctx, call{method: http.MethodGet, path: "/pipelines", query: recordTypeQuery(recordType),
		result: &out, auth: true})
	return out, err
}

func (c *Client) CreatePipeline(ctx context.Context, in api.PipelineCreate) (api.Pipeline, error) {
	var out api.Pipeline
	err := c.do(ctx, call{method: http.MethodPost, path: "/pipelines", body: in, result: &out, create: true,
		auth: true})
	return out, err
}

func (c *Client) GetPipeline(ctx context.Context, id string) (api.Pipeline, error) {
	var out api.Pipeline
	err := c.do(ctx, call{method: http.MethodGet, path: "/pipelines/{id}", params: idParam(id), result: &out,
		auth: true})
	return out, err
}

// UpdatePipeline renames a pipeline and/or sets its stages; records of removed stages move as patch.MoveTo says.
func (c *Client) UpdatePipeline(ctx context.Context, id string, version int64, patch api.PipelinePatch) (api.Pipeline, error) {
	var out api.Pipeline
	err := c.do(ctx, call{method: http.MethodPatch, path: "/pipelines/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

func (c *Client) DeletePipeline(ctx context.Context, id string, version int64) error {
	return c.do(ctx, call{method: http.MethodDelete, path: "/pipelines/{id}", params: idParam(id),
		version: &version, auth: true})
}

// ListLostReasons lists the lost reasons of deals or leads by name, archived ones only when asked.
func (c *Client) ListLostReasons(ctx context.Context, recordType api.RecordType, includeArchived bool) (api.LostReasonList, error) {
	q := recordTypeQuery(recordType)
	if includeArchived {
		q.Set("archived", "true")
	}
	var out api.LostReasonList
	err := c.do(ctx, call{method: http.MethodGet, path: "/lost-reasons", query: q, result: &out, auth: true})
	return out, err
}

func (c *Client) CreateLostReason(ctx context.Context, in api.LostReasonCreate) (api.LostReason, error) {
	var out api.LostReason
	err := c.do(ctx, call{method: http.MethodPost, path: "/lost-reasons", body: in, result: &out, create: true,
		auth: true})
	return out, err
}

// UpdateLostReason changes a lost reason; Archived false in the patch brings an archived one back.
func (c *Client) UpdateLostReason(ctx context.Context, id string, version int64, patch api.LostReasonPatch) (api.LostReason, error) {
	var out api.LostReason
	err := c.do(ctx, call{method: http.MethodPatch, path: "/lost-reasons/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

// DeleteLostReason deletes a lost reason that no record uses; one in use is refused (409, id in_use): archive it
// with UpdateLostReason instead.
func (c *Client) DeleteLostReason(ctx context.Context, id string, version int64) error {
	return c.do(ctx, call{method: http.MethodDelete, path: "/lost-reasons/{id}", params: idParam(id),
		version: &version, auth: true})
}

func idParam(id string) map[string]string { return map[string]string{"id": id} }

func membershipParams(personID, organizationID string) map[string]string {
	return map[string]string{"personID": personID, "organizationID": organizationID}
}

// recordTypeQuery is ?recordType=<t>, or nothing for "".
func recordTypeQuery(t api.RecordType) url.Values {
	q := url.Values{}
	if t != "" {
		q.Set("recordType", string(t))
	}
	return q
}

// recordSegment returns the path segment of a record type that has routes of its own. Any other type is refused
// before a request goes out, as a validation error on recordType that the UI shows like the server's.
func recordSegment(t api.RecordType) (string, error) {
	switch t {
	case api.RecordPerson:
		return "persons", nil
	case api.RecordOrganization:
		return "organizations", nil
	case api.RecordDeal:
		return "deals", nil
	case api.RecordLead:
		return "leads", nil
	}
	return "", &APIError{Status: 0, Code: api.CodeValidation, Message: fmt.Sprintf("no routes for record type %q", t),
		Fields: map[string]api.FieldCode{"recordType": api.FieldInvalid}}
}
