package app

import (
	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// Sales shows and changes deals and leads, their boards and conversions, and lists the pipelines, lost reasons and
// lead field mapping they use (Admin changes those). The server decides what the caller may see and do; these
// methods only pass the calls through the signed-in session. Notes and history of deals and leads go through
// Records with api.RecordDeal and api.RecordLead.
type Sales struct{ c *core }

// QueryDeals returns one page of the deals q selects; the UI sends the page's NextCursor back as q.Cursor.
func (s *Sales) QueryDeals(q api.ListQuery) (api.DealPage, error) {
	return client.Read[api.DealPage](s.c.ctx, s.c, client.Path("deals", "query"), q)
}

// DealBoard returns the board of one deal pipeline: open deals per stage with their count, total and weighted value.
func (s *Sales) DealBoard(q api.BoardQuery) (api.Board, error) {
	return client.Read[api.Board](s.c.ctx, s.c, client.Path("deals", "board"), q)
}

func (s *Sales) GetDeal(id string) (api.Deal, error) {
	return client.Get[api.Deal](s.c.ctx, s.c, client.Path("deals", id), nil)
}

// CreateDeal creates an open deal; StageID empty takes the pipeline's first stage.
func (s *Sales) CreateDeal(in api.DealCreate) (api.Deal, error) {
	return client.Create[api.Deal](s.c.ctx, s.c, client.Path("deals"), in)
}

// UpdateDeal changes a deal, moves it to another stage, wins, loses or reopens it; version is the one the UI
// showed, so a concurrent change fails with 412.
func (s *Sales) UpdateDeal(id string, version int64, patch api.DealPatch) (api.Deal, error) {
	return client.Patch[api.Deal](s.c.ctx, s.c, client.Path("deals", id), version, patch)
}

// DeleteDeal moves a deal to the trash.
func (s *Sales) DeleteDeal(id string, version int64) error {
	return client.Delete(s.c.ctx, s.c, client.Path("deals", id), version)
}

// RestoreDeal brings a deal back from the trash.
func (s *Sales) RestoreDeal(id string) (api.Deal, error) {
	return client.Post[api.Deal](s.c.ctx, s.c, client.Path("deals", id, "restore"), nil)
}

// PersonDeals lists the deals of a person the caller may see.
func (s *Sales) PersonDeals(personID string) (api.DealPage, error) {
	return client.Get[api.DealPage](s.c.ctx, s.c, client.Path("persons", personID, "deals"), nil)
}

// OrganizationDeals lists the deals of an organisation the caller may see.
func (s *Sales) OrganizationDeals(organizationID string) (api.DealPage, error) {
	return client.Get[api.DealPage](s.c.ctx, s.c, client.Path("organizations", organizationID, "deals"), nil)
}

// QueryLeads returns one page of the leads q selects.
func (s *Sales) QueryLeads(q api.ListQuery) (api.LeadPage, error) {
	return client.Read[api.LeadPage](s.c.ctx, s.c, client.Path("leads", "query"), q)
}

// LeadBoard returns the board of one lead pipeline: open leads per stage.
func (s *Sales) LeadBoard(q api.BoardQuery) (api.Board, error) {
	return client.Read[api.Board](s.c.ctx, s.c, client.Path("leads", "board"), q)
}

func (s *Sales) GetLead(id string) (api.Lead, error) {
	return client.Get[api.Lead](s.c.ctx, s.c, client.Path("leads", id), nil)
}

func (s *Sales) CreateLead(in api.LeadCreate) (api.Lead, error) {
	return client.Create[api.Lead](s.c.ctx, s.c, client.Path("leads"), in)
}

// UpdateLead changes, moves or loses a lead; a concurrent change fails with 412.
func (s *Sales) UpdateLead(id string, version int64, patch api.LeadPatch) (api.Lead, error) {
	return client.Patch[api.Lead](s.c.ctx, s.c, client.Path("leads", id), version, patch)
}

// DeleteLead moves a lead to the trash.
func (s *Sales) DeleteLead(id string, version int64) error {
	return client.Delete(s.c.ctx, s.c, client.Path("leads", id), version)
}

// RestoreLead brings a lead back from the trash.
func (s *Sales) RestoreLead(id string) (api.Lead, error) {
	return client.Post[api.Lead](s.c.ctx, s.c, client.Path("leads", id, "restore"), nil)
}

// ConvertLead turns a lead into a person and/or an organisation and optionally a deal. The route takes no
// Idempotency-Key, so it is sent once, never repeated: after a failure the UI reloads the lead to see whether it was
// converted (a second conversion is refused once the lead is no longer open).
func (s *Sales) ConvertLead(id string, in api.LeadConvert) (api.LeadConversion, error) {
	return client.Post[api.LeadConversion](s.c.ctx, s.c, client.Path("leads", id, "convert"), in)
}

// LeadMatches lists existing persons and organisations the lead may already be, shown before a conversion.
func (s *Sales) LeadMatches(id string) (api.LeadMatches, error) {
	return client.Get[api.LeadMatches](s.c.ctx, s.c, client.Path("leads", id, "matches"), nil)
}

// ListPipelines lists the pipelines of deals or leads in order.
func (s *Sales) ListPipelines(recordType api.RecordType) (api.PipelineList, error) {
	return client.Get[api.PipelineList](s.c.ctx, s.c, client.Path("pipelines"),
		client.Query("recordType", string(recordType)))
}

// ListLostReasons lists the lost reasons of deals or leads by name; archived ones only with includeArchived.
func (s *Sales) ListLostReasons(recordType api.RecordType, includeArchived bool) (api.LostReasonList, error) {
	return client.Get[api.LostReasonList](s.c.ctx, s.c, client.Path("lost-reasons"),
		client.Query("recordType", string(recordType), "archived", client.Flag(includeArchived)))
}

// LeadMapping returns which lead field fills which person or organisation field on conversion.
func (s *Sales) LeadMapping() (api.FieldMappingList, error) {
	return client.Get[api.FieldMappingList](s.c.ctx, s.c, client.Path("lead-mapping"), nil)
}
