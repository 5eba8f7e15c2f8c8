package app_test

import (
	"slices"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

func dealTitles(items []api.Deal) []string {
	var out []string
	for _, d := range items {
		out = append(out, d.Title)
	}
	return out
}

func (c *client) dashboard(q api.DashboardQuery) api.Dashboard {
	c.t.Helper()
	return answer[api.Dashboard](c, "POST", "/api/v1/dashboard", q, 200)
}

// The next steps: the caller's next open activities (overdue first, then by due time; done ones and other people's
// left out) and their open deals without any open activity, equal to the deal list with noOpenActivity, which
// counts an open activity the caller may not see too; saved filters keep the condition.
func TestDashboardNextSteps(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	jonas := signIn(t, env, apptest.FieldRepNord)
	lena := signIn(t, env, apptest.FieldRepSued)
	manager := signIn(t, env, apptest.Manager)
	p := makePipeline(admin, api.RecordDeal, "Vertrieb", 20, 60)
	call := jonas.activityTypes().Items[0].ID
	org := jonas.createOrg(api.OrganizationCreate{Name: "Hafenkontor GmbH"})
	deal := func(c *client, title, value, closes string) api.Deal {
		c.t.Helper()
		var d api.Deal
		o := org
		if c != jonas {
			o = c.createOrg(api.OrganizationCreate{Name: "Kunde von " + title})
		}
		c.call("POST", "/api/v1/deals", api.DealCreate{Title: title, Value: value, OrganizationID: o.ID, PipelineID: p.ID,
			ExpectedCloseDate: closes}, 201, &d)
		return d
	}
	plan := func(c *client, title string, due time.Time, in api.ActivityCreate) api.Activity {
		c.t.Helper()
		in.Title, in.TypeID, in.DueAt = title, call, due
		var x api.Activity
		c.call("POST", "/api/v1/activities", in, 201, &x)
		return x
	}
	now := time.Now()
	planned := deal(jonas, "Kopierer mit Termin", "9000", "")
	onlyDone := deal(jonas, "Nur erledigt", "4000", "2027-03-01")
	nothing := deal(jonas, "Ohne alles", "4000", "2027-02-01")
	small := deal(jonas, "Kleinkram", "100", "")
	byManager := deal(jonas, "Chef plant", "7000", "")
	deal(lena, "Lenas Deal", "50000", "") // another rep's: never Jonas's next step
	var lost api.Deal
	lostDeal := deal(jonas, "Verloren", "3000", "")
	var reason api.LostReason
	admin.call("POST", "/api/v1/lost-reasons", api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Zu teuer"}, 201, &reason)
	jonas.call("PATCH", "/api/v1/deals/"+lostDeal.ID, api.DealPatch{Status: ptr(api.DealLost), LostReasonID: ptr(reason.ID)}, 200, &lost,
		"If-Match", etagOf(lostDeal.Version))

	later := plan(jonas, "Angebot nachfassen", now.Add(48*time.Hour), api.ActivityCreate{DealID: planned.ID})
	overdue := plan(jonas, "Rückruf verpasst", now.Add(-26*time.Hour), api.ActivityCreate{})
	soon := plan(jonas, "Gleich anrufen", now.Add(time.Hour), api.ActivityCreate{PersonID: ""})
	done := plan(jonas, "Schon erledigt", now.Add(-time.Hour), api.ActivityCreate{DealID: onlyDone.ID, Done: true})
	// The manager plans a call of his own on Jonas's deal: Jonas cannot see it, but the deal has a next step.
	hidden := plan(manager, "Chef ruft an", now.Add(72*time.Hour), api.ActivityCreate{DealID: byManager.ID})
	jonas.call("GET", "/api/v1/activities/"+hidden.ID, nil, 404, nil)
	plan(lena, "Lenas Termin", now.Add(2*time.Hour), api.ActivityCreate{})

	d := jonas.dashboard(api.DashboardQuery{PipelineID: p.ID})
	ns := d.NextSteps
	if got, want := titles(ns.Activities), []string{overdue.Title, soon.Title, later.Title}; !slices.Equal(got, want) {
		t.Fatalf("next activities %v, want %v", got, want)
	}
	if ns.Open.Count != 3 || ns.Open.Query.Assignee != "me" || ns.Open.Query.Status != "open" || !ns.Activities[0].Overdue {
		t.Fatalf("open activities %+v", ns.Open)
	}
	if got := titles(jonas.activities(ns.Open.Query)); !slices.Equal(got, titles(ns.Activities)) {
		t.Fatalf("the figure opens %v", got)
	}
	if !done.Done || slices.Contains(titles(ns.Activities), done.Title) {
		t.Fatalf("done %+v", done)
	}
	// Without an open activity: the deal with only a done one, the one without any and the small one, the highest
	// value first (equal values: the sooner close date first); not the lost one, not Lena's, not the one with the
	// manager's hidden call.
	wantDeals := []string{nothing.Title, onlyDone.Title, small.Title}
	if got := dealTitles(ns.Deals); !slices.Equal(got, wantDeals) {
		t.Fatalf("deals without activity %v, want %v", got, wantDeals)
	}
	f := ns.DealsWithoutActivity
	if f.Count != 3 || sum(f.Value) != "8100.00" || !f.Query.NoOpenActivity || f.Query.Owner != "me" || f.Query.Status != "open" {
		t.Fatalf("figure %+v", f)
	}
	listed := jonas.allDeals(f.Query)
	if got := dealTitles(listed); len(got) != 3 || !slices.Contains(got, nothing.Title) || !slices.Contains(got, onlyDone.Title) ||
		!slices.Contains(got, small.Title) {
		t.Fatalf("the list opens %v", got)
	}

	// The board narrows by it too (from the deals, not the per-stage totals): the same three deals.
	var board api.Board
	jonas.call("POST", "/api/v1/deals/board", api.BoardQuery{PipelineID: p.ID, Filter: api.ListQuery{NoOpenActivity: true}}, 200, &board)
	var onBoard []string
	for _, col := range board.Columns {
		onBoard = append(onBoard, dealTitles(col.Deals)...)
	}
	if slices.Sort(onBoard); !slices.Equal(onBoard, []string{small.Title, onlyDone.Title, nothing.Title}) {
		t.Fatalf("board without activity %v", onBoard)
	}

	// Planning a call on a deal takes it off the list; marking the call done puts it back.
	call2 := plan(jonas, "Erstgespräch", now.Add(24*time.Hour), api.ActivityCreate{DealID: nothing.ID})
	if got := dealTitles(jonas.dashboard(api.DashboardQuery{PipelineID: p.ID}).NextSteps.Deals); slices.Contains(got, nothing.Title) {
		t.Fatalf("planned, still listed: %v", got)
	}
	jonas.call("PATCH", "/api/v1/activities/"+call2.ID, api.ActivityPatch{Done: ptr(true)}, 200, nil, "If-Match", etagOf(call2.Version))
	if got := jonas.dashboard(api.DashboardQuery{PipelineID: p.ID}).NextSteps.DealsWithoutActivity.Count; got != 3 {
		t.Fatalf("after done: %d", got)
	}

	// The condition on other lists: leads have it, persons do not.
	var lp api.Pipeline = makePipeline(admin, api.RecordLead, "Anfragen", 10)
	var lead api.Lead
	jonas.call("POST", "/api/v1/leads", api.LeadCreate{Title: "Anfrage Hafen", PersonName: "Hans Hafen", PipelineID: lp.ID}, 201, &lead)
	if got := jonas.allLeads(api.ListQuery{NoOpenActivity: true}); len(got) != 1 || got[0].ID != lead.ID {
		t.Fatalf("leads without activity %+v", got)
	}
	plan(jonas, "Anfrage beantworten", now.Add(time.Hour), api.ActivityCreate{LeadID: lead.ID})
	if got := jonas.allLeads(api.ListQuery{NoOpenActivity: true}); len(got) != 0 {
		t.Fatalf("lead with a call still listed %+v", got)
	}
	r := jonas.call("POST", "/api/v1/persons/query", api.ListQuery{NoOpenActivity: true}, 422, nil)
	if r.Error(t).Fields["noOpenActivity"] != api.FieldInvalid {
		t.Fatalf("persons: %s", r.Body)
	}

	// A saved filter keeps it.
	var saved api.SavedFilter
	jonas.call("POST", "/api/v1/saved-filters", api.SavedFilterCreate{RecordType: api.RecordDeal, Name: "Ohne nächsten Schritt",
		Query: f.Query}, 201, &saved)
	list := answer[api.SavedFilterList](jonas, "GET", "/api/v1/saved-filters?recordType=deal", nil, 200)
	if len(list.Items) != 1 || !list.Items[0].Query.NoOpenActivity || list.Items[0].Query.Owner != "me" {
		t.Fatalf("saved %+v", list.Items)
	}
	r = jonas.call("POST", "/api/v1/saved-filters", api.SavedFilterCreate{RecordType: api.RecordPerson, Name: "Falsch",
		Query: api.ListQuery{NoOpenActivity: true}}, 422, nil)
	if r.Error(t).Fields["query.noOpenActivity"] != api.FieldInvalid {
		t.Fatalf("saved person filter: %s", r.Body)
	}
}

// The pipeline per rep: one row per user of the scope whose deals the caller may see (users without deals
// included), each cell equal to the deal list it opens, the rows adding up to the funnel; a rep gets only their
// own row, a team lead their unit tree's users, a deactivated owner of open deals keeps a row, and deals outside
// the scope count nowhere.
func TestDashboardPipelinePerRep(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	jonas := signIn(t, env, apptest.FieldRepNord)
	lena := signIn(t, env, apptest.FieldRepSued)
	p := makePipeline(admin, api.RecordDeal, "Vertrieb", 10, 50, 90)
	deal := func(c *client, title, value string, stage int) api.Deal {
		c.t.Helper()
		var d api.Deal
		o := c.createOrg(api.OrganizationCreate{Name: "Kunde " + title})
		c.call("POST", "/api/v1/deals", api.DealCreate{Title: title, Value: value, OrganizationID: o.ID, PipelineID: p.ID,
			StageID: p.Stages[stage].ID}, 201, &d)
		return d
	}
	// A team lead of Außendienst Nord (the manager's role, in Jonas's unit) and a rep of Nord who leaves.
	newUser := func(email, name, role string) *client {
		var u api.User
		admin.call("POST", "/api/v1/users", api.UserCreate{Email: email, Name: name, Password: apptest.Password,
			UnitID: env.Demo.Units["Außendienst Nord"].String(), RoleID: env.Demo.Roles[role].String()}, 201, &u)
		return signIn(t, env, email)
	}
	lead := newUser("nina.nord@nordlicht.example", "Nina Nord", "Vertriebsleitung")
	leaver := newUser("ehemalig.nord@nordlicht.example", "Egon Ehemalig", "Außendienst")

	deal(jonas, "Nord A", "1000", 0)
	deal(jonas, "Nord B", "2500.50", 0)
	deal(jonas, "Nord C", "4000", 2)
	deal(lena, "Süd A", "7000", 1)
	deal(leaver, "Altlast", "300", 1)
	var leaverUser api.User
	for _, u := range answer[api.UserList](admin, "GET", "/api/v1/users", nil, 200).Items {
		if u.Name == "Egon Ehemalig" {
			leaverUser = u
		}
	}
	admin.call("PATCH", "/api/v1/users/"+leaverUser.ID, api.UserPatch{Active: ptr(false)}, 200, nil, "If-Match", etagOf(leaverUser.Version))

	rows := func(d api.Dashboard) []string {
		var out []string
		for _, r := range d.PipelineByRep {
			out = append(out, r.UserName)
		}
		return out
	}
	// Every cell and row total equals its list; the rows add up to the funnel.
	check := func(c *client, d api.Dashboard) {
		t.Helper()
		perStage := make([]int, len(d.Funnel))
		values := make([][]string, len(d.Funnel))
		for _, r := range d.PipelineByRep {
			if len(r.Stages) != len(d.Funnel) {
				t.Fatalf("%s: %d cells for %d stages", r.UserName, len(r.Stages), len(d.Funnel))
			}
			n := 0
			var rowValues []string
			for i, cell := range r.Stages {
				q := cell.Query
				if q.Owner != r.UserID || q.PipelineID != p.ID || q.StageID != d.Funnel[i].StageID || q.Status != "open" {
					t.Fatalf("%s cell %d query %+v", r.UserName, i, q)
				}
				items := c.allDeals(q)
				var vs []string
				for _, x := range items {
					vs = append(vs, x.Value)
				}
				if len(items) != cell.Count || sum(vs...) != sum(cell.Value) {
					t.Errorf("%s × %s: cell %d / %s, list %d / %s", r.UserName, d.Funnel[i].Name, cell.Count, cell.Value, len(items), sum(vs...))
				}
				n += cell.Count
				perStage[i] += cell.Count
				values[i] = append(values[i], cell.Value)
				rowValues = append(rowValues, cell.Value)
			}
			if total := c.allDeals(r.Total.Query); len(total) != r.Total.Count || n != r.Total.Count || sum(rowValues...) != sum(r.Total.Value) {
				t.Errorf("%s: row total %d / %s, cells %d / %s, list %d", r.UserName, r.Total.Count, r.Total.Value, n, sum(rowValues...), len(total))
			}
		}
		for i, st := range d.Funnel {
			if perStage[i] != st.Count || sum(values[i]...) != sum(st.Value) {
				t.Errorf("stage %s: rows %d / %s, funnel %d / %s", st.Name, perStage[i], sum(values[i]...), st.Count, st.Value)
			}
		}
	}

	// The team lead of Nord: the users of Nord (zero rows included, the leaver's too), never Lena's deal.
	d := lead.dashboard(api.DashboardQuery{PipelineID: p.ID})
	if d.Scope != api.DashboardTeam {
		t.Fatalf("the team lead's default scope %s", d.Scope)
	}
	if got := rows(d); !slices.Equal(got, []string{"Egon Ehemalig", "Jonas Schmidt", "Nina Nord"}) {
		t.Fatalf("team lead's rows %v", got)
	}
	check(lead, d)
	if d.PipelineByRep[1].Total.Count != 3 || d.PipelineByRep[1].Total.Value != "7500.50" || d.PipelineByRep[1].Stages[0].Count != 2 ||
		d.PipelineByRep[2].Total.Count != 0 || d.PipelineByRep[0].Total.Count != 1 {
		t.Fatalf("team lead's table %+v", d.PipelineByRep)
	}
	// The done-this-week list names active users only.
	for _, u := range d.DoneThisWeek {
		if u.UserName == "Egon Ehemalig" {
			t.Fatalf("deactivated user in done this week")
		}
	}

	// The admin, everyone: all active users, and the leaver with his deal.
	all := admin.dashboard(api.DashboardQuery{Scope: api.DashboardAll, PipelineID: p.ID})
	if got := rows(all); !slices.Equal(got, []string{"Claudia Becker", "Egon Ehemalig", "Jonas Schmidt", "Lena Fischer", "Markus Weber",
		"Nina Nord", "Sabine Wagner"}) {
		t.Fatalf("admin's rows %v", got)
	}
	check(admin, all)

	// A rep: only his own row, on his own scope.
	mine := jonas.dashboard(api.DashboardQuery{PipelineID: p.ID})
	if mine.Scope != api.DashboardMe || !slices.Equal(rows(mine), []string{"Jonas Schmidt"}) {
		t.Fatalf("rep's rows %v (%s)", rows(mine), mine.Scope)
	}
	check(jonas, mine)
	// A cell of someone he may not see opens nothing for him.
	if got := jonas.allDeals(all.PipelineByRep[3].Stages[1].Query); len(got) != 0 {
		t.Fatalf("Lena's cell opens %d deals for Jonas", len(got))
	}
}

// One rule for the default scope of the dashboard and the activity list: the team when the role allows it, else
// the user's own; Me carries it, and the dashboard without a scope takes it.
func TestDefaultScopeIsTheTeamWhenTheRoleAllowsIt(t *testing.T) {
	env := apptest.Start(t)
	for email, want := range map[string]api.DashboardScope{
		apptest.Admin:        api.DashboardTeam,
		apptest.Manager:      api.DashboardTeam,
		apptest.FieldRepNord: api.DashboardMe,
		apptest.FieldRepSued: api.DashboardMe,
		apptest.InsideSales:  api.DashboardMe,
	} {
		c := signIn(t, env, email)
		if me := answer[api.Me](c, "GET", "/api/v1/me", nil, 200); me.DefaultScope != want {
			t.Errorf("%s: me.defaultScope %q, want %q", email, me.DefaultScope, want)
		}
		if d := c.dashboard(api.DashboardQuery{}); d.Scope != want {
			t.Errorf("%s: dashboard scope %q, want %q", email, d.Scope, want)
		}
	}
	// Sign-in answers Me with it too.
	if s := env.Login(apptest.Manager); s.Me.DefaultScope != api.DashboardTeam {
		t.Errorf("sign-in me %+v", s.Me)
	}
}
