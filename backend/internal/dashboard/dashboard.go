// Package dashboard computes the dashboard: open deals per stage (and per rep), won and lost deals, converted and
// lost leads, activities due and done, deals closing soon, for the caller, their team or everyone as their role
// allows; and the caller's own next steps (next activities, open deals without one) on every scope.
//
// Every figure answers with the list query it opens and equals what that list lists. The next steps are computed
// with the list's own compiled query (listquery for deals, activity.Filter for activities), the open deals per
// stage from the board's stage totals. Closed deals and leads, deals closing soon and the activity figures are sums
// of day_totals, kept per owner and Europe/Berlin day or month by the records' triggers, over the owners the same
// scoping admits: reading them costs a few index rows per owner instead of a count over the records.
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
		if err := closed(ctx, tx, a, owner, month, out); err != nil {
			return err
		}

		if err := closingSoon(ctx, tx, a, owner, today, out); err != nil {
			return err
		}
		if err := nextSteps(ctx, tx, a, dealFields, &out.NextSteps); err != nil {
			return err
		}
		return s.activities(ctx, tx, a, scope, owner, today, month, out)
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

// closed fills the figures of closed deals (won and lost this month, which starts on month, and this quarter) and
// leads (converted and lost this month) from the day totals, each with the list query it opens.
func closed(ctx context.Context, tx bun.IDB, a *access.Actor, owner string, month time.Time, out *api.Dashboard) error {
	quarter := time.Date(month.Year(), time.Month((int(month.Month())-1)/3*3+1), 1, 0, 0, 0, 0, month.Location())
	periods := []struct {
		from, to time.Time
		dst      *api.PeriodResult
	}{{month, month.AddDate(0, 1, -1), &out.Month}, {quarter, quarter.AddDate(0, 3, -1), &out.Quarter}}
	type sums struct {
		Figure     string `bun:"figure"`
		Month      int    `bun:"month"`
		MonthValue string `bun:"month_value"`
		Quarter    int    `bun:"quarter"`
		QValue     string `bun:"quarter_value"`
	}
	read := func(rt api.RecordType, figures ...string) (map[string]sums, error) {
		var rows []sums
		if err := dayTotals(tx, a, rt, owner).ColumnExpr("dt.figure").GroupExpr("dt.figure").
			ColumnExpr("coalesce(sum(dt.items) FILTER (WHERE dt.day >= ?::date), 0) AS month", month.Format(day)).
			ColumnExpr("coalesce(sum(dt.value) FILTER (WHERE dt.day >= ?::date), 0)::numeric(16, 2)::text AS month_value", month.Format(day)).
			ColumnExpr("coalesce(sum(dt.items), 0) AS quarter").
			ColumnExpr("coalesce(sum(dt.value), 0)::numeric(16, 2)::text AS quarter_value").
			Where("dt.figure IN (?)", bun.In(figures)).Where("dt.day BETWEEN ?::date AND ?::date", quarter.Format(day), periods[1].to.Format(day)).
			Scan(ctx, &rows); err != nil {
			return nil, fmt.Errorf("dashboard: %s totals: %w", rt, err)
		}
		by := map[string]sums{}
		for _, r := range rows {
			by[r.Figure] = r
		}
		return by, nil
	}
	figure := func(s sums, quarterly bool, lq api.ListQuery) api.Figure {
		f := api.Figure{Count: s.Month, Value: s.MonthValue, Query: lq}
		if quarterly {
			f.Count, f.Value = s.Quarter, s.QValue
		}
		if f.Value == "" {
			f.Value = "0.00"
		}
		return f
	}
	deals, err := read(api.RecordDeal, "deal_won", "deal_lost")
	if err != nil {
		return err
	}
	for i, p := range periods {
		lq := api.ListQuery{Owner: owner, ClosedFrom: p.from.Format(day), ClosedTo: p.to.Format(day)}
		won, lost := lq, lq
		won.Status, lost.Status = string(api.DealWon), string(api.DealLost)
		res := api.PeriodResult{From: lq.ClosedFrom, To: lq.ClosedTo,
			Won: figure(deals["deal_won"], i == 1, won), Lost: figure(deals["deal_lost"], i == 1, lost)}
		res.WinRate = rate(res.Won.Count, res.Lost.Count)
		*p.dst = res
	}
	leads, err := read(api.RecordLead, "lead_converted", "lead_lost")
	if err != nil {
		return err
	}
	lq := api.ListQuery{Owner: owner, ClosedFrom: month.Format(day), ClosedTo: periods[0].to.Format(day)}
	converted, lost := lq, lq
	converted.Status, lost.Status = string(api.LeadConverted), string(api.LeadLost)
	out.Leads = api.LeadResult{From: lq.ClosedFrom, To: lq.ClosedTo,
		Converted: figure(leads["lead_converted"], false, converted), Lost: figure(leads["lead_lost"], false, lost)}
	out.Leads.Converted.Value, out.Leads.Lost.Value = "", ""
	out.Leads.ConversionRate = rate(out.Leads.Converted.Count, out.Leads.Lost.Count)
	return nil
}

// closingSoon fills the open deals expected to close in the next 30 days (today included), from the day totals
// of open deals by their expected close date.
func closingSoon(ctx context.Context, tx bun.IDB, a *access.Actor, owner string, today time.Time, out *api.Dashboard) error {
	lq := api.ListQuery{Owner: owner, Status: string(api.DealOpen), CloseDateFrom: today.Format(day),
		CloseDateTo: today.AddDate(0, 0, 30).Format(day)}
	f := api.Figure{Query: lq}
	if err := dayTotals(tx, a, api.RecordDeal, owner).ColumnExpr("coalesce(sum(dt.items), 0) AS count").
		ColumnExpr("coalesce(sum(dt.value), 0)::numeric(16, 2)::text AS value").
		Where("dt.figure = 'deal_open'").Where("dt.day BETWEEN ?::date AND ?::date", lq.CloseDateFrom, lq.CloseDateTo).
		Scan(ctx, &f.Count, &f.Value); err != nil {
		return fmt.Errorf("dashboard: deals closing soon: %w", err)
	}
	out.ClosingSoon = f
	return nil
}

// dayTotals selects from day_totals (migrations 20261212140000 and 20261214110000: per owner and Europe/Berlin
// day or month, kept by the records' triggers) the rows of the owners whose records of type rt the actor may see,
// narrowed by owner as the lists narrow it (OwnedBy): summed, they count what the list a figure opens lists,
// without reading the records.
func dayTotals(tx bun.IDB, a *access.Actor, rt api.RecordType, owner string) *bun.SelectQuery {
	q := tx.NewSelect().TableExpr("day_totals AS dt")
	a.RestrictJoin(q.QueryBuilder(), rt, api.ActionView, "dt.owner_id")
	a.OwnedBy(q.QueryBuilder(), rt, owner, "dt.owner_id")
	return q
}

// activities fills the activity figures: open ones due today, overdue ones, and what each user of the scope did
// this week, from the activities' day totals (this month, which starts on month, by day; the months before by
// month).
func (s *Service) activities(ctx context.Context, tx bun.IDB, a *access.Actor, scope api.DashboardScope, assignee string,
	today, month time.Time, out *api.Dashboard) error {
	week := activity.StartOfWeek(today)
	out.DueToday.Query = api.ActivityQuery{Assignee: assignee, Due: "today", Status: "open"}
	out.Overdue.Query = api.ActivityQuery{Assignee: assignee, Due: "overdue"}
	doneQ := api.ActivityQuery{Assignee: assignee, Status: "done", DoneFrom: week.Format(day), DoneTo: week.AddDate(0, 0, 6).Format(day)}
	var rows []struct {
		Owner        uuid.UUID `bun:"owner_id"`
		DueToday     int       `bun:"due_today"`
		OverdueUntil int       `bun:"overdue_until"`
		Done         int       `bun:"done"`
	}
	if err := dayTotals(tx, a, api.RecordActivity, assignee).
		ColumnExpr("dt.owner_id").GroupExpr("dt.owner_id").
		ColumnExpr("coalesce(sum(dt.items) FILTER (WHERE dt.figure = 'activity_open' AND dt.day = ?::date), 0) AS due_today", today.Format(day)).
		ColumnExpr("coalesce(sum(dt.items) FILTER (WHERE dt.figure = 'activity_open_month' OR (dt.figure = 'activity_open' AND dt.day < ?::date)), 0) AS overdue_until", today.Format(day)).
		ColumnExpr("coalesce(sum(dt.items) FILTER (WHERE dt.figure = 'activity_done'), 0) AS done").
		// Overdue until today: the months before this one, and this month's days before today.
		Where("(dt.figure = 'activity_open' AND dt.day BETWEEN ?::date AND ?::date) OR (dt.figure = 'activity_open_month' AND dt.day < ?::date) "+
			"OR (dt.figure = 'activity_done' AND dt.day BETWEEN ?::date AND ?::date)",
			month.Format(day), today.Format(day), month.Format(day), week.Format(day), week.AddDate(0, 0, 6).Format(day)).
		Scan(ctx, &rows); err != nil {
		return fmt.Errorf("dashboard: activity totals: %w", err)
	}
	per := map[uuid.UUID]int{}
	for _, r := range rows {
		out.DueToday.Count += r.DueToday
		out.Overdue.Count += r.OverdueUntil
		per[r.Owner] += r.Done
	}
	// Overdue today: the open activities due between midnight and now, counted (a day's worth at most); the days
	// before come from the totals.
	f, err := activity.Compile(ctx, tx, a, api.ActivityQuery{Assignee: assignee, Due: "overdue", DueFrom: today.Format(day)})
	if err != nil {
		return err
	}
	_, n, err := f.Count(ctx, tx, false)
	if err != nil {
		return err
	}
	out.Overdue.Count += n
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
