package app_test

import (
	"time"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/shared/api"
)

func activityRoutes() []route {
	due := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	kind := api.ActivityType{ID: "t1", Name: "Anruf", Color: "#228be6", Icon: "phone", Position: 1, Version: 2}
	act := api.Activity{ID: "a1", Title: "Rückruf", TypeID: "t1", TypeName: "Anruf", DueAt: due, DurationMinutes: 15,
		AssigneeID: "u1", DealID: "d1", DealTitle: "Kopierer", Version: 4}
	page := api.ActivityPage{Items: []api.Activity{act}, NextCursor: "c2"}
	dash := api.Dashboard{Scope: api.DashboardTeam, Scopes: []api.DashboardScope{api.DashboardMe, api.DashboardTeam},
		PipelineID: "pl1", Funnel: []api.FunnelStage{{StageID: "st1", Name: "Angebot", Count: 2, Value: "100.00", Weighted: "40.00"}}}
	done := true
	return []route{
		{name: "list activity types with archived", method: "GET", path: "/api/v1/activity-types", query: "archived=true", status: 200,
			answer: api.ActivityTypeList{Items: []api.ActivityType{kind}, Icons: []api.ActivityIcon{api.IconPhone}},
			call:   func(d *app.App) (any, error) { return d.Activities.ListActivityTypes(true) }},
		{name: "create activity type", method: "POST", path: "/api/v1/activity-types", create: true,
			body: `{"name":"Anruf","color":"#228be6","icon":"phone"}`, status: 201, answer: kind,
			call: func(d *app.App) (any, error) {
				return d.Activities.CreateActivityType(api.ActivityTypeCreate{Name: "Anruf", Color: "#228be6", Icon: "phone"})
			}},
		{name: "archive activity type", method: "PATCH", path: "/api/v1/activity-types/t1", body: `{"archived":true}`, ifMatch: `"2"`,
			status: 200, answer: kind,
			call: func(d *app.App) (any, error) {
				return d.Activities.UpdateActivityType("t1", 2, api.ActivityTypePatch{Archived: &done})
			}},
		{name: "delete activity type", method: "DELETE", path: "/api/v1/activity-types/t1", ifMatch: `"2"`, status: 204,
			call: func(d *app.App) (any, error) {
				return nil, d.Activities.DeleteActivityType("t1", 2)
			}},
		{name: "query activities", method: "POST", path: "/api/v1/activities/query",
			body: `{"assignee":"team","due":"week","status":"open","cursor":"c1","limit":50}`, status: 200, answer: page,
			call: func(d *app.App) (any, error) {
				return d.Activities.QueryActivities(api.ActivityQuery{Assignee: "team", Due: "week", Status: "open", Cursor: "c1", Limit: 50})
			}},
		{name: "create activity", method: "POST", path: "/api/v1/activities", create: true,
			body:   `{"title":"Rückruf","typeId":"t1","dueAt":"2026-12-01T09:30:00Z","durationMinutes":15,"dealId":"d1"}`,
			status: 201, answer: act,
			call: func(d *app.App) (any, error) {
				return d.Activities.CreateActivity(api.ActivityCreate{Title: "Rückruf", TypeID: "t1", DueAt: due, DurationMinutes: 15, DealID: "d1"})
			}},
		{name: "get activity", method: "GET", path: "/api/v1/activities/a1", status: 200, answer: act,
			call: func(d *app.App) (any, error) { return d.Activities.GetActivity("a1") }},
		{name: "mark activity done", method: "PATCH", path: "/api/v1/activities/a1", body: `{"done":true}`, ifMatch: `"4"`,
			status: 200, answer: act,
			call: func(d *app.App) (any, error) {
				return d.Activities.UpdateActivity("a1", 4, api.ActivityPatch{Done: &done})
			}},
		{name: "delete activity", method: "DELETE", path: "/api/v1/activities/a1", ifMatch: `"4"`, status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Activities.DeleteActivity("a1", 4) }},
		{name: "a deal's activities", method: "GET", path: "/api/v1/deals/d1/activities", status: 200, answer: page,
			call: func(d *app.App) (any, error) {
				return d.Activities.RecordActivities(api.RecordDeal, "d1")
			}},
		{name: "a person's activities", method: "GET", path: "/api/v1/persons/p1/activities", status: 200, answer: page,
			call: func(d *app.App) (any, error) {
				return d.Activities.RecordActivities(api.RecordPerson, "p1")
			}},
		{name: "dashboard", method: "POST", path: "/api/v1/dashboard", body: `{"scope":"team","pipelineId":"pl1"}`, status: 200, answer: dash,
			call: func(d *app.App) (any, error) {
				return d.Activities.Dashboard(api.DashboardQuery{Scope: api.DashboardTeam, PipelineID: "pl1"})
			}},
	}
}
