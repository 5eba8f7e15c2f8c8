package app

import (
	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// Admin manages users, units, roles, custom fields, pipelines, lost reasons and the lead field mapping, and shows
// the tenant. The server decides who may do what; these methods only pass the calls through the signed-in session.
type Admin struct{ c *core }

func (a *Admin) ListUsers() (api.UserList, error) {
	return client.Get[api.UserList](a.c.ctx, a.c, client.Path("users"), nil)
}

func (a *Admin) CreateUser(in api.UserCreate) (api.User, error) {
	return client.Create[api.User](a.c.ctx, a.c, client.Path("users"), in)
}

// UpdateUser changes a user; version is the one the UI showed, so a concurrent change fails with 412.
func (a *Admin) UpdateUser(id string, version int64, patch api.UserPatch) (api.User, error) {
	return client.Patch[api.User](a.c.ctx, a.c, client.Path("users", id), version, patch)
}

// ListInvitations lists the company's open invitations (admins), the newest first.
func (a *Admin) ListInvitations() (api.InvitationList, error) {
	return client.Get[api.InvitationList](a.c.ctx, a.c, client.Path("invitations"), nil)
}

// Invite invites a colleague by e-mail into a unit and a role (admins); the server mails the link.
func (a *Admin) Invite(in api.InvitationCreate) (api.Invitation, error) {
	return client.Create[api.Invitation](a.c.ctx, a.c, client.Path("invitations"), in)
}

// ResendInvitation mails an open invitation again with a new link (the old one dies), valid 7 days from now.
func (a *Admin) ResendInvitation(id string) (api.Invitation, error) {
	return client.Post[api.Invitation](a.c.ctx, a.c, client.Path("invitations", id, "resend"), nil)
}

// RevokeInvitation withdraws an open invitation: its link dies.
func (a *Admin) RevokeInvitation(id string) error {
	_, err := client.Unlink[struct{}](a.c.ctx, a.c, client.Path("invitations", id))
	return err
}

// SetupChecklist reads which steps of the first-run checklist the company has done (admins).
func (a *Admin) SetupChecklist() (api.SetupChecklist, error) {
	return client.Get[api.SetupChecklist](a.c.ctx, a.c, client.Path("tenant", "checklist"), nil)
}

func (a *Admin) ListUnits() (api.UnitList, error) {
	return client.Get[api.UnitList](a.c.ctx, a.c, client.Path("units"), nil)
}

func (a *Admin) CreateUnit(in api.UnitCreate) (api.Unit, error) {
	return client.Create[api.Unit](a.c.ctx, a.c, client.Path("units"), in)
}

func (a *Admin) UpdateUnit(id string, version int64, patch api.UnitPatch) (api.Unit, error) {
	return client.Patch[api.Unit](a.c.ctx, a.c, client.Path("units", id), version, patch)
}

func (a *Admin) DeleteUnit(id string, version int64) error {
	return client.Delete(a.c.ctx, a.c, client.Path("units", id), version)
}

func (a *Admin) ListRoles() (api.RoleList, error) {
	return client.Get[api.RoleList](a.c.ctx, a.c, client.Path("roles"), nil)
}

func (a *Admin) CreateRole(in api.RoleCreate) (api.Role, error) {
	return client.Create[api.Role](a.c.ctx, a.c, client.Path("roles"), in)
}

func (a *Admin) UpdateRole(id string, version int64, patch api.RolePatch) (api.Role, error) {
	return client.Patch[api.Role](a.c.ctx, a.c, client.Path("roles", id), version, patch)
}

func (a *Admin) DeleteRole(id string, version int64) error {
	return client.Delete(a.c.ctx, a.c, client.Path("roles", id), version)
}

// TenantSettings reads the company's settings (admins): the language of the server's mails, the support address.
func (a *Admin) TenantSettings() (api.TenantSettings, error) {
	return client.Get[api.TenantSettings](a.c.ctx, a.c, client.Path("tenant", "settings"), nil)
}

// SetTenantSettings replaces the company's settings (admins); a malformed support address is 422
// fields{"supportEmail": "invalid"}.
func (a *Admin) SetTenantSettings(in api.TenantSettingsInput) (api.TenantSettings, error) {
	return client.Put[api.TenantSettings](a.c.ctx, a.c, client.Path("tenant", "settings"), in)
}

// SSOSettings reads the company's single sign-on (admins); the client secret is never answered, only whether one
// is set.
func (a *Admin) SSOSettings() (api.SSOSettings, error) {
	return client.Get[api.SSOSettings](a.c.ctx, a.c, client.Path("tenant", "sso"), nil)
}

// SetSSOSettings replaces the company's single sign-on (admins); a nil client secret keeps the stored one. Bad
// input is 422 with fields (issuer, clientId, clientSecret, domains, domains[i], defaultUnitId, defaultRoleId).
func (a *Admin) SetSSOSettings(in api.SSOSettingsInput) (api.SSOSettings, error) {
	return client.Put[api.SSOSettings](a.c.ctx, a.c, client.Path("tenant", "sso"), in)
}

func (a *Admin) Tenant() (api.Tenant, error) {
	return client.Get[api.Tenant](a.c.ctx, a.c, client.Path("tenant"), nil)
}

// CreateCustomField adds a custom field to a record type.
func (a *Admin) CreateCustomField(in api.CustomFieldCreate) (api.CustomField, error) {
	return client.Create[api.CustomField](a.c.ctx, a.c, client.Path("custom-fields"), in)
}

// UpdateCustomField changes a custom field; Archived false in the patch restores an archived one.
func (a *Admin) UpdateCustomField(id string, version int64, patch api.CustomFieldPatch) (api.CustomField, error) {
	return client.Patch[api.CustomField](a.c.ctx, a.c, client.Path("custom-fields", id), version, patch)
}

// ArchiveCustomField removes a custom field from use; its values stay and return when it is restored.
func (a *Admin) ArchiveCustomField(id string, version int64) error {
	return client.Delete(a.c.ctx, a.c, client.Path("custom-fields", id), version)
}

// CreatePipeline adds a pipeline for deals or leads; the plan may limit how many (409 pipeline.limit_reached).
func (a *Admin) CreatePipeline(in api.PipelineCreate) (api.Pipeline, error) {
	return client.Create[api.Pipeline](a.c.ctx, a.c, client.Path("pipelines"), in)
}

// UpdatePipeline renames a pipeline and/or sets its stages; patch.MoveTo says where the records of removed stages
// go (409 stage.in_use otherwise).
func (a *Admin) UpdatePipeline(id string, version int64, patch api.PipelinePatch) (api.Pipeline, error) {
	return client.Patch[api.Pipeline](a.c.ctx, a.c, client.Path("pipelines", id), version, patch)
}

func (a *Admin) DeletePipeline(id string, version int64) error {
	return client.Delete(a.c.ctx, a.c, client.Path("pipelines", id), version)
}

func (a *Admin) CreateLostReason(in api.LostReasonCreate) (api.LostReason, error) {
	return client.Create[api.LostReason](a.c.ctx, a.c, client.Path("lost-reasons"), in)
}

// UpdateLostReason changes a lost reason; Archived true retires it, false brings it back.
func (a *Admin) UpdateLostReason(id string, version int64, patch api.LostReasonPatch) (api.LostReason, error) {
	return client.Patch[api.LostReason](a.c.ctx, a.c, client.Path("lost-reasons", id), version, patch)
}

// DeleteLostReason deletes a lost reason no record uses; one in use is refused with 409: archive it instead.
func (a *Admin) DeleteLostReason(id string, version int64) error {
	return client.Delete(a.c.ctx, a.c, client.Path("lost-reasons", id), version)
}

// SetLeadMapping replaces the whole lead field mapping.
func (a *Admin) SetLeadMapping(in api.FieldMappingList) (api.FieldMappingList, error) {
	return client.Put[api.FieldMappingList](a.c.ctx, a.c, client.Path("lead-mapping"), in)
}
