package app

import "github.com/1sales/app/shared/api"

// Admin manages users, units, roles, custom fields, pipelines, lost reasons and the lead field mapping, and shows
// the tenant. The server decides who may do what; these methods only pass the calls through the signed-in session.
type Admin struct{ c *core }

func (a *Admin) ListUsers() (api.UserList, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.UserList{}, err
	}
	return cl.ListUsers(a.c.ctx)
}

func (a *Admin) CreateUser(in api.UserCreate) (api.User, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.User{}, err
	}
	return cl.CreateUser(a.c.ctx, in)
}

// UpdateUser changes a user; version is the one the UI showed, so a concurrent change fails with 412.
func (a *Admin) UpdateUser(id string, version int64, patch api.UserPatch) (api.User, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.User{}, err
	}
	return cl.UpdateUser(a.c.ctx, id, version, patch)
}

func (a *Admin) ListUnits() (api.UnitList, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.UnitList{}, err
	}
	return cl.ListUnits(a.c.ctx)
}

func (a *Admin) CreateUnit(in api.UnitCreate) (api.Unit, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.Unit{}, err
	}
	return cl.CreateUnit(a.c.ctx, in)
}

func (a *Admin) UpdateUnit(id string, version int64, patch api.UnitPatch) (api.Unit, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.Unit{}, err
	}
	return cl.UpdateUnit(a.c.ctx, id, version, patch)
}

func (a *Admin) DeleteUnit(id string, version int64) error {
	cl, err := a.c.session()
	if err != nil {
		return err
	}
	return cl.DeleteUnit(a.c.ctx, id, version)
}

func (a *Admin) ListRoles() (api.RoleList, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.RoleList{}, err
	}
	return cl.ListRoles(a.c.ctx)
}

func (a *Admin) CreateRole(in api.RoleCreate) (api.Role, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.Role{}, err
	}
	return cl.CreateRole(a.c.ctx, in)
}

func (a *Admin) UpdateRole(id string, version int64, patch api.RolePatch) (api.Role, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.Role{}, err
	}
	return cl.UpdateRole(a.c.ctx, id, version, patch)
}

func (a *Admin) DeleteRole(id string, version int64) error {
	cl, err := a.c.session()
	if err != nil {
		return err
	}
	return cl.DeleteRole(a.c.ctx, id, version)
}

func (a *Admin) Tenant() (api.Tenant, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.Tenant{}, err
	}
	return cl.Tenant(a.c.ctx)
}

// CreateCustomField adds a custom field to a record type.
func (a *Admin) CreateCustomField(in api.CustomFieldCreate) (api.CustomField, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.CustomField{}, err
	}
	return cl.CreateCustomField(a.c.ctx, in)
}

// UpdateCustomField changes a custom field; Archived false in the patch restores an archived one.
func (a *Admin) UpdateCustomField(id string, version int64, patch api.CustomFieldPatch) (api.CustomField, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.CustomField{}, err
	}
	return cl.UpdateCustomField(a.c.ctx, id, version, patch)
}

// ArchiveCustomField removes a custom field from use; its values stay and return when it is restored.
func (a *Admin) ArchiveCustomField(id string, version int64) error {
	cl, err := a.c.session()
	if err != nil {
		return err
	}
	return cl.ArchiveCustomField(a.c.ctx, id, version)
}

// CreatePipeline adds a pipeline for deals or leads; the plan may limit how many (409 pipeline.limit_reached).
func (a *Admin) CreatePipeline(in api.PipelineCreate) (api.Pipeline, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.Pipeline{}, err
	}
	return cl.CreatePipeline(a.c.ctx, in)
}

// UpdatePipeline renames a pipeline and/or sets its stages; patch.MoveTo says where the records of removed stages
// go (409 stage.in_use otherwise).
func (a *Admin) UpdatePipeline(id string, version int64, patch api.PipelinePatch) (api.Pipeline, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.Pipeline{}, err
	}
	return cl.UpdatePipeline(a.c.ctx, id, version, patch)
}

func (a *Admin) DeletePipeline(id string, version int64) error {
	cl, err := a.c.session()
	if err != nil {
		return err
	}
	return cl.DeletePipeline(a.c.ctx, id, version)
}

func (a *Admin) CreateLostReason(in api.LostReasonCreate) (api.LostReason, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.LostReason{}, err
	}
	return cl.CreateLostReason(a.c.ctx, in)
}

// UpdateLostReason changes a lost reason; Archived true retires it, false brings it back.
func (a *Admin) UpdateLostReason(id string, version int64, patch api.LostReasonPatch) (api.LostReason, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.LostReason{}, err
	}
	return cl.UpdateLostReason(a.c.ctx, id, version, patch)
}

// DeleteLostReason deletes a lost reason no record uses; one in use is refused with 409: archive it instead.
func (a *Admin) DeleteLostReason(id string, version int64) error {
	cl, err := a.c.session()
	if err != nil {
		return err
	}
	return cl.DeleteLostReason(a.c.ctx, id, version)
}

// SetLeadMapping replaces the whole lead field mapping.
func (a *Admin) SetLeadMapping(in api.FieldMappingList) (api.FieldMappingList, error) {
	cl, err := a.c.session()
	if err != nil {
		return api.FieldMappingList{}, err
	}
	return cl.SetLeadMapping(a.c.ctx, in)
}
