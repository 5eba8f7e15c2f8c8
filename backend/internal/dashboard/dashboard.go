// Package dashboard computes the dashboard: open deals per stage, won and lost deals, converted and lost leads,
// activities due and done, deals closing soon, for the caller, their team or everyone as their role allows.
//
// Every figure is computed with the list's own compiled query (listquery for deals and leads, activity.Filter for
// activities) and answers with that query, so a figure always equals what the user can list, and clicking it
// opens exactly those records.
package dashboard

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/activity"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/deal"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/lead"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/backend/internal/pipeline"
	"github.com/1sales/app/shared/api"
)

// Service computes dashboards.
type Service struct{ db *bun.DB }

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{db: db} }

// Scopes are the dashboard scopes an actor's role allows: always their own; their team when they see their unit
// tree's deals; everyone when they see all deals.
func Scopes(a *access.Actor) []api.DashboardScope {
	out := []api.DashboardScope{api.DashboardMe}
	switch a.Scope(api.RecordDeal, api.ActionView) {
	case api.ScopeAll:
		out = append(out, api.DashboardTeam, api.DashboardAll)
	case api.ScopeUnit:
		out = append(out, api.DashboardTeam)
	}
	return out
}

const day = "2006-01-02"

// Get computes the dashboard for q.
func (s *Service) Get(ctx context.Context, a *access.Actor, q api.DashboardQuery) (*api.Dashboard, error) {
	scopes := Scopes(a)
	scope := q.Scope
	if scope == "" {
		scope = scopes[len(scopes)-1]
	}
	if !slices.Contains(scopes, scope) {
		code := api.FieldForbidden
		if !slices.Contains(api.AllDashboardScopes, scope) {
			code = api.FieldInvalid
		}
		return nil, httpx.FieldError("scope", code)
	}
	owner := map[api.DashboardScope]string{api.DashboardMe: string(api.OwnerMe), api.DashboardTeam: string(api.OwnerTeam), api.DashboardAll: ""}[scope]
	now := time.Now().In(listquery.Berlin())
	out := &api.Dashboard{Scope: scope, Scopes: scopes, Funnel: []api.FunnelStage{}, DoneThisWeek: []api.UserActivities{}, GeneratedAt: now}
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		dealFields, err := customfield.Load(ctx, tx, api.RecordDeal)
		if err != nil {
			return err
		}
		leadFields, err := customfield.Load(ctx, tx, api.RecordLead)
		if err != nil {
			return err
		}
		deals := func(lq api.ListQuery, group string) ([]listquery.Total, error) {
			c, err := listquery.Compile(deal.ListSpec(), a, lq, dealFields)
			if err != nil {
				return nil, err
			}
			return c.Totals(ctx, tx, "d.value", group)
		}
		figure := func(lq api.ListQuery, totals func(api.ListQuery, string) ([]listquery.Total, error)) (api.Figure, error) {
			t, err := totals(lq, "")
			if err != nil {
				return api.Figure{}, err
			}
			return api.Figure{Count: t[0].Count, Value: t[0].Value, Query: lq}, nil
		}
		leads := func(lq api.ListQuery, group string) ([]listquery.Total, error) {
			c, err := listquery.Compile(lead.ListSpec(), a, lq, leadFields)
			if err != nil {
				return nil, err
			}
			return c.Totals(ctx, tx, "", group)
		}

		if err := s.funnel(ctx, tx, a, q.PipelineID, owner, out); err != nil {
			return err
		}
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
		month := today.AddDate(0, 0, 1-today.Day())
		quarter := time.Date(today.Year(), time.Month((int(today.Month())-1)/3*3+1), 1, 0, 0, 0, 0, today.Location())
		for _, p := range []struct {
			from, to time.Time
			dst      *api.PeriodResult
		}{{month, month.AddDate(0, 1, -1), &out.Month}, {quarter, quarter.AddDate(0, 3, -1), &out.Quarter}} {
			lq := api.ListQuery{Owner: owner, ClosedFrom: p.from.Format(day), ClosedTo: p.to.Format(day)}
			won, lost := lq, lq
			won.Status, lost.Status = string(api.DealWon), string(api.DealLost)
			res := api.PeriodResult{From: lq.ClosedFrom, To: lq.ClosedTo}
			if res.Won, err = figure(won, deals); err != nil {
				return err
			}
			if res.Lost, err = figure(lost, deals); err != nil {
				return err
			}
			res.WinRate = rate(res.Won.Count, res.Lost.Count)
			*p.dst = res
		}

		lq := api.ListQuery{Owner: owner, ClosedFrom: month.Format(day), ClosedTo: month.AddDate(0, 1, -1).Format(day)}
		converted, lost := lq, lq
		converted.Status, lost.Status = string(api.LeadConverted), string(api.LeadLost)
		out.Leads = api.LeadResult{From: lq.ClosedFrom, To: lq.ClosedTo}
		if out.Leads.Converted, err = figure(converted, leads); err != nil {
			return err
		}
		if out.Leads.Lost, err = figure(lost, leads); err != nil {
			return err
		}
		out.Leads.Converted.Value, out.Leads.Lost.Value = "", ""
		out.Leads.ConversionRate = rate(out.Leads.Converted.Count, out.Leads.Lost.Count)

		soon := api.ListQuery{Owner: owner, Status: string(api.DealOpen), CloseDateFrom: today.Format(day),
			CloseDateTo: today.AddDate(0, 0, 30).Format(day)}
		if out.ClosingSoon, err = figure(soon, deals); err != nil {
			return err
		}
		return s.activities(ctx, tx, a, scope, owner, today, out)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// funnel fills the open deals per stage of the chosen (or the first) deal pipeline, counted as its board counts
// them (from the per-stage totals when only the owner narrows).
func (s *Service) funnel(ctx context.Context, tx bun.IDB, a *access.Actor, pipelineID, owner string, out *api.Dashboard) error {
	var p *pipeline.Pipeline
	if pipelineID == "" {
		var first uuid.UUID
		err := tx.NewRaw("SELECT id FROM pipelines WHERE record_type = 'deal' ORDER BY position, name LIMIT 1").Scan(ctx, &first)
		if db.IsNoRows(err) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("dashboard: pipeline: %w", err)
		}
		pipelineID = first.String()
	}
	id, err := uuid.Parse(pipelineID)
	if err != nil {
		return httpx.FieldError("pipelineId", api.FieldInvalid)
	}
	if p, err = pipeline.Load(ctx, tx, id, false); err != nil || p.RecordType != api.RecordDeal {
		return httpx.FieldError("pipelineId", api.FieldNotFound)
	}
	out.PipelineID, out.PipelineName = p.ID.String(), p.Name
	lq := api.ListQuery{Owner: owner, PipelineID: p.ID.String(), Status: string(api.DealOpen)}
	sums, err := deal.StageSums(ctx, tx, a, p, lq)
	if err != nil {
		return err
	}
	for _, st := range p.Stages {
		fs := api.FunnelStage{StageID: st.ID.String(), Name: st.Name, Probability: st.Probability, Value: "0.00", Weighted: "0.00"}
		fs.Query = lq
		fs.Query.StageID = st.ID.String()
		for _, t := range sums {
			if t.Stage == st.ID {
				fs.Count, fs.Value, fs.Weighted = t.Count, t.Total, t.Weighted
			}
		}
		out.Funnel = append(out.Funnel, fs)
	}
	return nil
}

// activities fills the activity figures: open ones due today, overdue ones, and what each user of the scope did
// this week.
func (s *Service) activities(ctx context.Context, tx bun.IDB, a *access.Actor, scope api.DashboardScope, assignee string,
	today time.Time, out *api.Dashboard) error {
	count := func(q api.ActivityQuery) (api.ActivityFigure, map[uuid.UUID]int, error) {
		f, err := activity.Compile(ctx, tx, a, q)
		if err != nil {
			return api.ActivityFigure{}, nil, err
		}
		per, n, err := f.Count(ctx, tx, q.Status == "done")
		return api.ActivityFigure{Count: n, Query: q}, per, err
	}
	var err error
	if out.DueToday, _, err = count(api.ActivityQuery{Assignee: assignee, Due: "today", Status: "open"}); err != nil {
		return err
	}
	if out.Overdue, _, err = count(api.ActivityQuery{Assignee: assignee, Due: "overdue"}); err != nil {
		return err
	}
	week := activity.StartOfWeek(today)
	doneQ := api.ActivityQuery{Assignee: assignee, Status: "done", DoneFrom: week.Format(day), DoneTo: week.AddDate(0, 0, 6).Format(day)}
	_, per, err := count(doneQ)
	if err != nil {
		return err
	}
	// The users of the scope the caller may see activities of, with what they did (zero included).
	var users []struct {
		ID   uuid.UUID `bun:"id"`
		Name string    `bun:"name"`
	}
	uq := tx.NewSelect().TableExpr("users AS du").ColumnExpr("du.id, du.name").Where("du.active").OrderExpr(`du.name COLLATE "de-x-icu"`)
	switch scope {
	case api.DashboardMe:
		uq = uq.Where("du.id = ?", a.UserID)
	case api.DashboardTeam:
		uq = uq.Where("du.unit_id IN (?)", bun.In(a.UnitTree))
	}
	a.Restrict(uq.QueryBuilder(), api.RecordActivity, api.ActionView, "du.id")
	if err := uq.Scan(ctx, &users); err != nil {
		return fmt.Errorf("dashboard: users: %w", err)
	}
	for _, u := range users {
		q := doneQ
		q.Assignee = u.ID.String()
		out.DoneThisWeek = append(out.DoneThisWeek, api.UserActivities{UserID: u.ID.String(), UserName: u.Name,
			Done: api.ActivityFigure{Count: per[u.ID], Query: q}})
	}
	return nil
}

// rate is a/(a+b) in percent with one decimal, nil when there is nothing to rate.
func rate(a, b int) *float64 {
	if a+b == 0 {
		return nil
	}
	r := float64(int(float64(a)*1000/float64(a+b)+0.5)) / 10
	return &r
}
