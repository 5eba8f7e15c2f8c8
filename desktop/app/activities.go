package app

import "github.com/1sales/app/shared/api"

// Activities plans, lists and completes activities, and shows the dashboard. Activity types are read here and
// changed by admins (the server refuses others). The server decides what the caller may see and do.
type Activities struct{ c *core }

func (s *Activities) ListActivityTypes(includeArchived bool) (api.ActivityTypeList, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.ActivityTypeList{}, err
	}
	return cl.ListActivityTypes(s.c.ctx, includeArchived)
}

func (s *Activities) CreateActivityType(in api.ActivityTypeCreate) (api.ActivityType, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.ActivityType{}, err
	}
	return cl.CreateActivityType(s.c.ctx, in)
}

// UpdateActivityType changes, reorders, archives (Archived true) or restores a type.
func (s *Activities) UpdateActivityType(id string, version int64, patch api.ActivityTypePatch) (api.ActivityType, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.ActivityType{}, err
	}
	return cl.UpdateActivityType(s.c.ctx, id, version, patch)
}

// DeleteActivityType deletes an unused type; one in use must be archived.
func (s *Activities) DeleteActivityType(id string, version int64) error {
	cl, err := s.c.session()
	if err != nil {
		return err
	}
	return cl.DeleteActivityType(s.c.ctx, id, version)
}

// QueryActivities returns one page of activities (the list and the agenda).
func (s *Activities) QueryActivities(q api.ActivityQuery) (api.ActivityPage, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.ActivityPage{}, err
	}
	return cl.QueryActivities(s.c.ctx, q)
}

func (s *Activities) CreateActivity(in api.ActivityCreate) (api.Activity, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Activity{}, err
	}
	return cl.CreateActivity(s.c.ctx, in)
}

func (s *Activities) GetActivity(id string) (api.Activity, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Activity{}, err
	}
	return cl.GetActivity(s.c.ctx, id)
}

// UpdateActivity changes an activity or marks it done (Done true) or open again.
func (s *Activities) UpdateActivity(id string, version int64, patch api.ActivityPatch) (api.Activity, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Activity{}, err
	}
	return cl.UpdateActivity(s.c.ctx, id, version, patch)
}

func (s *Activities) DeleteActivity(id string, version int64) error {
	cl, err := s.c.session()
	if err != nil {
		return err
	}
	return cl.DeleteActivity(s.c.ctx, id, version)
}

// RecordActivities lists the activities of a person, organisation, deal or lead.
func (s *Activities) RecordActivities(recordType api.RecordType, recordID string) (api.ActivityPage, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.ActivityPage{}, err
	}
	return cl.RecordActivities(s.c.ctx, recordType, recordID)
}

// Dashboard returns the dashboard for a scope ("" = the widest the role allows) and a deal pipeline ("" = the first).
func (s *Activities) Dashboard(q api.DashboardQuery) (api.Dashboard, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Dashboard{}, err
	}
	return cl.Dashboard(s.c.ctx, q)
}
