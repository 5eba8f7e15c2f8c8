package app

import "github.com/1sales/app/shared/api"

// Sales shows and changes deals and leads, their boards and conversions, and lists the pipelines, lost reasons and
// lead field mapping they use (Admin changes those). The server decides what the caller may see and do; these
// methods only pass the calls through the signed-in session. Notes and history of deals and leads go through
// Records with api.RecordDeal and api.RecordLead.
type Sales struct{ c *core }

// QueryDeals returns one page of the deals q selects; the UI sends the page's NextCursor back as q.Cursor.
func (s *Sales) QueryDeals(q api.ListQuery) (api.DealPage, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.DealPage{}, err
	}
	return cl.QueryDeals(s.c.ctx, q)
}

// DealBoard returns the board of one deal pipeline: open deals per stage with their count, total and weighted value.
func (s *Sales) DealBoard(q api.BoardQuery) (api.Board, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Board{}, err
	}
	return cl.DealBoard(s.c.ctx, q)
}

func (s *Sales) GetDeal(id string) (api.Deal, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Deal{}, err
	}
	return cl.GetDeal(s.c.ctx, id)
}

// CreateDeal creates an open deal; StageID empty takes the pipeline's first stage.
func (s *Sales) CreateDeal(in api.DealCreate) (api.Deal, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Deal{}, err
	}
	return cl.CreateDeal(s.c.ctx, in)
}

// UpdateDeal changes a deal, moves it to another stage, wins, loses or reopens it; version is the one the UI
// showed, so a concurrent change fails with 412.
func (s *Sales) UpdateDeal(id string, version int64, patch api.DealPatch) (api.Deal, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Deal{}, err
	}
	return cl.UpdateDeal(s.c.ctx, id, version, patch)
}

// DeleteDeal moves a deal to the trash.
func (s *Sales) DeleteDeal(id string, version int64) error {
	cl, err := s.c.session()
	if err != nil {
		return err
	}
	return cl.DeleteDeal(s.c.ctx, id, version)
}

func (s *Sales) RestoreDeal(id string) (api.Deal, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Deal{}, err
	}
	return cl.RestoreDeal(s.c.ctx, id)
}

// PersonDeals lists the deals of a person the caller may see.
func (s *Sales) PersonDeals(personID string) (api.DealPage, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.DealPage{}, err
	}
	return cl.PersonDeals(s.c.ctx, personID)
}

// OrganizationDeals lists the deals of an organisation the caller may see.
func (s *Sales) OrganizationDeals(organizationID string) (api.DealPage, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.DealPage{}, err
	}
	return cl.OrganizationDeals(s.c.ctx, organizationID)
}

// QueryLeads returns one page of the leads q selects.
func (s *Sales) QueryLeads(q api.ListQuery) (api.LeadPage, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.LeadPage{}, err
	}
	return cl.QueryLeads(s.c.ctx, q)
}

// LeadBoard returns the board of one lead pipeline: open leads per stage.
func (s *Sales) LeadBoard(q api.BoardQuery) (api.Board, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Board{}, err
	}
	return cl.LeadBoard(s.c.ctx, q)
}

func (s *Sales) GetLead(id string) (api.Lead, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Lead{}, err
	}
	return cl.GetLead(s.c.ctx, id)
}

func (s *Sales) CreateLead(in api.LeadCreate) (api.Lead, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Lead{}, err
	}
	return cl.CreateLead(s.c.ctx, in)
}

// UpdateLead changes, moves or loses a lead; a concurrent change fails with 412.
func (s *Sales) UpdateLead(id string, version int64, patch api.LeadPatch) (api.Lead, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Lead{}, err
	}
	return cl.UpdateLead(s.c.ctx, id, version, patch)
}

// DeleteLead moves a lead to the trash.
func (s *Sales) DeleteLead(id string, version int64) error {
	cl, err := s.c.session()
	if err != nil {
		return err
	}
	return cl.DeleteLead(s.c.ctx, id, version)
}

func (s *Sales) RestoreLead(id string) (api.Lead, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Lead{}, err
	}
	return cl.RestoreLead(s.c.ctx, id)
}

// ConvertLead turns a lead into a person and/or an organisation and optionally a deal. It is sent once, never
// repeated: after a failure the UI reloads the lead to see whether it was converted.
func (s *Sales) ConvertLead(id string, in api.LeadConvert) (api.LeadConversion, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.LeadConversion{}, err
	}
	return cl.ConvertLead(s.c.ctx, id, in)
}

// LeadMatches lists existing persons and organisations the lead may already be, shown before a conversion.
func (s *Sales) LeadMatches(id string) (api.LeadMatches, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.LeadMatches{}, err
	}
	return cl.LeadMatches(s.c.ctx, id)
}

// ListPipelines lists the pipelines of deals or leads in order.
func (s *Sales) ListPipelines(recordType api.RecordType) (api.PipelineList, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.PipelineList{}, err
	}
	return cl.ListPipelines(s.c.ctx, recordType)
}

// ListLostReasons lists the lost reasons of deals or leads by name; archived ones only with includeArchived.
func (s *Sales) ListLostReasons(recordType api.RecordType, includeArchived bool) (api.LostReasonList, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.LostReasonList{}, err
	}
	return cl.ListLostReasons(s.c.ctx, recordType, includeArchived)
}

// LeadMapping returns which lead field fills which person or organisation field on conversion.
func (s *Sales) LeadMapping() (api.FieldMappingList, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.FieldMappingList{}, err
	}
	return cl.LeadMapping(s.c.ctx)
}
