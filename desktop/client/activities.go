package client

import (
	"context"
	"net/http"
	"net/url"

	"github.com/1sales/app/shared/api"
)

// Activity types.

// ListActivityTypes lists the activity types in order, archived ones only when asked, with the icons a type
// can have.
func (c *Client) ListActivityTypes(ctx context.Context, includeArchived bool) (api.ActivityTypeList, error) {
	q := url.Values{}
	if includeArchived {
		q.Set("archived", "true")
	}
	var out api.ActivityTypeList
	err := c.do(ctx, call{method: http.MethodGet, path: "/activity-types", query: q, result: &out, auth: true})
	return out, err
}

func (c *Client) CreateActivityType(ctx context.Context, in api.ActivityTypeCreate) (api.ActivityType, error) {
	var out api.ActivityType
	err := c.do(ctx, call{method: http.MethodPost, path: "/activity-types", body: in, result: &out, create: true, auth: true})
	return out, err
}

// UpdateActivityType changes, reorders, archives or restores a type.
func (c *Client) UpdateActivityType(ctx context.Context, id string, version int64, patch api.ActivityTypePatch) (api.ActivityType, error) {
	var out api.ActivityType
	err := c.do(ctx, call{method: http.MethodPatch, path: "/activity-types/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

// DeleteActivityType deletes a type no activity uses; one in use is refused (409, id in_use): archive it instead.
func (c *Client) DeleteActivityType(ctx context.Context, id string, version int64) error {
	return c.do(ctx, call{method: http.MethodDelete, path: "/activity-types/{id}", params: idParam(id),
		version: &version, auth: true})
}

// Activities.

// QueryActivities returns one page of the activities q selects, open ones first; send NextCursor back as q.Cursor.
func (c *Client) QueryActivities(ctx context.Context, q api.ActivityQuery) (api.ActivityPage, error) {
	var out api.ActivityPage
	err := c.do(ctx, call{method: http.MethodPost, path: "/activities/query", body: q, result: &out, auth: true})
	return out, err
}

func (c *Client) CreateActivity(ctx context.Context, in api.ActivityCreate) (api.Activity, error) {
	var out api.Activity
	err := c.do(ctx, call{method: http.MethodPost, path: "/activities", body: in, result: &out, create: true, auth: true})
	return out, err
}

func (c *Client) GetActivity(ctx context.Context, id string) (api.Activity, error) {
	var out api.Activity
	err := c.do(ctx, call{method: http.MethodGet, path: "/activities/{id}", params: idParam(id), result: &out, auth: true})
	return out, err
}

// UpdateActivity changes an activity; marking it done or open again is a patch too.
func (c *Client) UpdateActivity(ctx context.Context, id string, version int64, patch api.ActivityPatch) (api.Activity, error) {
	var out api.Activity
	err := c.do(ctx, call{method: http.MethodPatch, path: "/activities/{id}", params: idParam(id), body: patch,
		result: &out, version: &version, auth: true})
	return out, err
}

func (c *Client) DeleteActivity(ctx context.Context, id string, version int64) error {
	return c.do(ctx, call{method: http.MethodDelete, path: "/activities/{id}", params: idParam(id), version: &version, auth: true})
}

// RecordActivities lists a record's activities the caller may see, open ones first.
func (c *Client) RecordActivities(ctx context.Context, recordType api.RecordType, recordID string) (api.ActivityPage, error) {
	seg, err := recordSegment(recordType)
	if err != nil {
		return api.ActivityPage{}, err
	}
	var out api.ActivityPage
	err = c.do(ctx, call{method: http.MethodGet, path: "/" + seg + "/{id}/activities", params: idParam(recordID),
		result: &out, auth: true})
	return out, err
}

// Dashboard returns the dashboard for the scope (empty: the widest the role allows).
func (c *Client) Dashboard(ctx context.Context, q api.DashboardQuery) (api.Dashboard, error) {
	var out api.Dashboard
	err := c.do(ctx, call{method: http.MethodPost, path: "/dashboard", body: q, result: &out, auth: true})
	return out, err
}
