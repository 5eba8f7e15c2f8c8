// Package dashboard computes the dashboard: open deals per stage (and per rep), won and lost deals, converted and
// lost leads, activities due and done, deals closing soon, for the caller, their team or everyone as their role
// allows; and the caller's own next steps (next activities, open deals without one) on every scope.
//
// Every figure is computed with the list's own compiled query (listquery for deals and leads, activity.Filter for
// activities) and answers with that query, so a figure always equals what the user can list, and clicking it
// opens exactly those records.
package dashboard

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

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

const day = "2006-01-02"

// NextActivities and NextDeals bound the previews of the next steps (their figures open the whole lists).
const (
	NextActivities = 7
	NextDeals      = 5
)

// Get computes the dashboard for q.
func (s *Service) Get(ctx context.Context, a *access.Actor, q api.DashboardQuery) (*api.Dashboard, error) {
	scopes := a.DashboardScopes()
	scope := q.Scope
	if scope == "" {
		scope = a.DefaultScope()
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
	out := &api.Dashboard{Scope: scope, Scopes: scopes, Funnel: []api.FunnelStage{}, DoneThisWeek: []api.UserActivities{},
		PipelineByRep: []api.RepPipeline{}, GeneratedAt: now}
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

		p, err := s.funnel(ctx, tx, a, q.PipelineID, owner, out)
		if err != nil {
			return err
		}
		if p != nil {
			if err := byRep(ctx, tx, a, scope, owner, p, out); err != nil {
				return err
			}
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
		if err := nextSteps(ctx, tx, a, dealFields, &out.NextSteps); err != nil {
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
// them (from the per-stage totals when only the owner narrows), and returns the pipeline (nil: there is none).
func (s *Service) funnel(ctx context.Context, tx bun.IDB, a *access.Actor, pipelineID, owner string, out *api.Dashboard) (*pipeline.Pipeline, error) {
	if pipelineID == "" {
		var first uuid.UUID
		err := tx.NewRaw("SELECT id FROM pipelines WHERE record_type = 'deal' ORDER BY position, name LIMIT 1").Scan(ctx, &first)
		if db.IsNoRows(err) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("dashboard: pipeline: %w", err)
		}
		pipelineID = first.String()
	}
	id, err := uuid.Parse(pipelineID)
	if err != nil {
		return nil, httpx.FieldError("pipelineId", api.FieldInvalid)
	}
	p, err := pipeline.Load(ctx, tx, id, false)
	if err != nil || p.RecordType != api.RecordDeal {
		return nil, httpx.FieldError("pipelineId", api.FieldNotFound)
	}
	out.PipelineID, out.PipelineName = p.ID.String(), p.Name
	lq := openIn(p, owner)
	sums, err := deal.StageSums(ctx, tx, a, p, lq)
	if err != nil {
		return nil, err
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
	return p, nil
}

// openIn is the deal list's query of the open deals in p of owner (as ListQuery.Owner).
func openIn(p *pipeline.Pipeline, owner string) api.ListQuery {
	return api.ListQuery{Owner: owner, PipelineID: p.ID.String(), Status: string(api.DealOpen)}
}

// byRep fills the pipeline per rep: for every user of the scope whose deals the caller may see, their open deals
// in p per stage and in all, from one statement grouped by stage and owner (the funnel's, with the owner). A cell
// opens the deal list narrowed to the user, the pipeline, the stage and open deals: the same deals.
func byRep(ctx context.Context, tx bun.IDB, a *access.Actor, scope api.DashboardScope, owner string, p *pipeline.Pipeline,
	out *api.Dashboard) error {
	sums, err := deal.StageSumsByOwner(ctx, tx, a, p, openIn(p, owner))
	if err != nil {
		return err
	}
	type cell struct {
		n     int
		value string
	}
	cells := map[[2]uuid.UUID]cell{}
	var owners []uuid.UUID
	for _, t := range sums {
		cells[[2]uuid.UUID{t.Owner, t.Stage}] = cell{t.Count, t.Total}
		owners = append(owners, t.Owner)
	}
	// A deactivated user who still owns open deals keeps a row, so that the rows add up to the funnel.
	users, err := scopeUsers(ctx, tx, a, scope, api.RecordDeal, owners)
	if err != nil {
		return err
	}
	for _, u := range users {
		row := api.RepPipeline{UserID: u.ID.String(), UserName: u.Name, Stages: make([]api.Figure, 0, len(p.Stages))}
		row.Total = api.Figure{Value: "0.00", Query: openIn(p, u.ID.String())}
		total := new(big.Rat)
		for _, st := range p.Stages {
			c := cells[[2]uuid.UUID{u.ID, st.ID}]
			f := api.Figure{Count: c.n, Value: "0.00", Query: openIn(p, u.ID.String())}
			f.Query.StageID = st.ID.String()
			if c.value != "" {
				f.Value = c.value
				v, ok := new(big.Rat).SetString(c.value)
				if !ok {
					return fmt.Errorf("dashboard: stage total %q", c.value)
				}
				total.Add(total, v)
			}
			row.Stages = append(row.Stages, f)
			row.Total.Count += c.n
		}
		row.Total.Value = total.FloatString(2)
		out.PipelineByRep = append(out.PipelineByRep, row)
	}
	return nil
}

// nextSteps fills the caller's own next steps: their next open activities (the first page of the activity list
// of their open activities) and their open deals without any open activity, each with the list that shows all.
func nextSteps(ctx context.Context, tx bun.IDB, a *access.Actor, dealFields customfield.Fields, out *api.NextSteps) error {
	open := api.ActivityQuery{Assignee: string(api.OwnerMe), Status: "open"}
	f, err := activity.Compile(ctx, tx, a, open)
	if err != nil {
		return err
	}
	if _, out.Open.Count, err = f.Count(ctx, tx, false); err != nil {
		return err
	}
	out.Open.Query = open
	first := open
	first.Limit = NextActivities
	page, err := activity.Query(ctx, tx, a, first)
	if err != nil {
		return err
	}
	out.Activities = page.Items

	lq := api.ListQuery{Owner: string(api.OwnerMe), Status: string(api.DealOpen), NoOpenActivity: true}
	c, err := listquery.Compile(deal.ListSpec(), a, lq, dealFields)
	if err != nil {
		return err
	}
	t, err := c.Totals(ctx, tx, "d.value", "")
	if err != nil {
		return err
	}
	out.DealsWithoutActivity = api.Figure{Count: t[0].Count, Value: t[0].Value, Query: lq}
	out.Deals, err = deal.Top(ctx, tx, a, c, NextDeals)
	return err
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
	users, err := scopeUsers(ctx, tx, a, scope, api.RecordActivity, nil)
	if err != nil {
		return err
	}
	for _, u := range users {
		q := doneQ
		q.Assignee = u.ID.String()
		out.DoneThisWeek = append(out.DoneThisWeek, api.UserActivities{UserID: u.ID.String(), UserName: u.Name,
			Done: api.ActivityFigure{Count: per[u.ID], Query: q}})
	}
	return nil
}

type scopeUser struct {
	ID   uuid.UUID `bun:"id"`
	Name string    `bun:"name"`
}

// scopeUsers are the active users of the scope whose records of type rt the caller may see, and those of also
// (owners of counted records, active or not) among them, by name.
func scopeUsers(ctx context.Context, tx bun.IDB, a *access.Actor, scope api.DashboardScope, rt api.RecordType, also []uuid.UUID) ([]scopeUser, error) {
	var users []scopeUser
	uq := tx.NewSelect().TableExpr("users AS du").ColumnExpr("du.id, du.name").OrderExpr(`du.name COLLATE "de-x-icu", du.id`)
	if len(also) == 0 {
		uq = uq.Where("du.active")
	} else {
		uq = uq.Where("(du.active OR du.id = ANY(?::uuid[]))", pgdialect.Array(also))
	}
	switch scope {
	case api.DashboardMe:
		uq = uq.Where("du.id = ?", a.UserID)
	case api.DashboardTeam:
		uq = uq.Where("du.unit_id IN (?)", bun.In(a.UnitTree))
	}
	a.Restrict(uq.QueryBuilder(), rt, api.ActionView, "du.id")
	if err := uq.Scan(ctx, &users); err != nil {
		return nil, fmt.Errorf("dashboard: users: %w", err)
	}
	return users, nil
}

// rate is a/(a+b) in percent with one decimal, nil when there is nothing to rate.
func rate(a, b int) *float64 {
	if a+b == 0 {
		return nil
	}
	r := float64(int(float64(a)*1000/float64(a+b)+0.5)) / 10
	return &r
}
