package app

import (
	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// Activities plans, lists and completes activities, and shows the dashboard. Activity types are read here and
// changed by admins (the server refuses others). The server decides what the caller may see and do.
type Activities struct{ c *core }

// ListActivityTypes lists the activity types in order, archived ones only when asked, with the icons a type can
// have.
func (s *Activities) ListActivityTypes(includeArchived bool) (api.ActivityTypeList, error) {
	return client.Get[api.ActivityTypeList](s.c.ctx, s.c, client.Path("activity-types"),
		client.Query("archived", client.Flag(includeArchived)))
}

func (s *Activities) CreateActivityType(in api.ActivityTypeCreate) (api.ActivityType, error) {
	return client.Create[api.ActivityType](s.c.ctx, s.c, client.Path("activity-types"), in)
}

// UpdateActivityType changes, reorders, archives (Archived true) or restores a type.
func (s *Activities) UpdateActivityType(id string, version int64, patch api.ActivityTypePatch) (api.ActivityType, error) {
	return client.Patch[api.ActivityType](s.c.ctx, s.c, client.Path("activity-types", id), version, patch)
}

// DeleteActivityType deletes an unused type; one in use must be archived.
func (s *Activities) DeleteActivityType(id string, version int64) error {
	return client.Delete(s.c.ctx, s.c, client.Path("activity-types", id), version)
}

// QueryActivities returns one page of activities (the list and the agenda).
func (s *Activities) QueryActivities(q api.ActivityQuery) (api.ActivityPage, error) {
	return client.Read[api.ActivityPage](s.c.ctx, s.c, client.Path("activities", "query"), q)
}

func (s *Activities) CreateActivity(in api.ActivityCreate) (api.Activity, error) {
	return client.Create[api.Activity](s.c.ctx, s.c, client.Path("activities"), in)
}

func (s *Activities) GetActivity(id string) (api.Activity, error) {
	return client.Get[api.Activity](s.c.ctx, s.c, client.Path("activities", id), nil)
}

// UpdateActivity changes an activity or marks it done (Done true) or open again.
func (s *Activities) UpdateActivity(id string, version int64, patch api.ActivityPatch) (api.Activity, error) {
	return client.Patch[api.Activity](s.c.ctx, s.c, client.Path("activities", id), version, patch)
}

func (s *Activities) DeleteActivity(id string, version int64) error {
	return client.Delete(s.c.ctx, s.c, client.Path("activities", id), version)
}

// RecordActivities lists the activities of a person, organisation, deal or lead.
func (s *Activities) RecordActivities(recordType api.RecordType, recordID string) (api.ActivityPage, error) {
	return client.Get[api.ActivityPage](s.c.ctx, s.c, client.RecordPath(recordType, recordID, "activities"), nil)
}

// Dashboard returns the dashboard for a scope ("" = the widest the role allows) and a deal pipeline ("" = the first).
func (s *Activities) Dashboard(q api.DashboardQuery) (api.Dashboard, error) {
	return client.Read[api.Dashboard](s.c.ctx, s.c, client.Path("dashboard"), q)
}
