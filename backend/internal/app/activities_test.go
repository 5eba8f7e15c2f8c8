package app_test

import (
	"context"
	"log/slog"
	"math/big"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/dashboard"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/shared/api"
)

var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}()

func (c *client) activityTypes() api.ActivityTypeList {
	c.t.Helper()
	return answer[api.ActivityTypeList](c, "GET", "/api/v1/activity-types", nil, 200)
}

func (c *client) activities(q api.ActivityQuery) []api.Activity {
	c.t.Helper()
	return allItems[api.Activity](c, "/api/v1/activities/query", q, func(q *api.ActivityQuery, cursor string) { q.Cursor = cursor })
}

// allItems reads every page of the list query q at path, following each page's cursor (set into the query by
// setCursor) to the last.
func allItems[T, Q any](c *client, path string, q Q, setCursor func(q *Q, cursor string)) []T {
	c.t.Helper()
	var out []T
	for {
		var page struct {
			Items      []T    `json:"items"`
			NextCursor string `json:"nextCursor"`
		}
		c.call("POST", path, q, 200, &page)
		out = append(out, page.Items...)
		if page.NextCursor == "" {
			return out
		}
		setCursor(&q, page.NextCursor)
	}
}

// setListCursor is setCursor for a record list's query.
func setListCursor(q *api.ListQuery, cursor string) { q.Cursor = cursor }

func titles(items []api.Activity) []string {
	var out []string
	for _, a := range items {
		out = append(out, a.Title)
	}
	return out
}

func TestActivitiesOnRecordsAgendaAndDone(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	types := admin.activityTypes()
	if len(types.Items) != 5 || types.Items[0].Name != "Anruf" || types.Items[0].Icon != "phone" || !slices.Contains(types.Icons, "map-pin") {
		t.Fatalf("default types %+v", types)
	}
	// An admin adds a type with a colour and an icon.
	var visit api.ActivityType
	admin.call("POST", "/api/v1/activity-types", api.ActivityTypeCreate{Name: "Messebesuch", Color: "#E64980", Icon: "flag"}, 201, &visit)
	if visit.Color != "#e64980" || visit.Position != 6 {
		t.Fatalf("type %+v", visit)
	}

	jonas := signIn(t, env, apptest.FieldRepNord)
	p := makePipeline(admin, api.RecordDeal, "Vertrieb", 20, 60)
	org := jonas.createOrg(api.OrganizationCreate{Name: "Hafenkontor GmbH"})
	var d api.Deal
	jonas.call("POST", "/api/v1/deals", api.DealCreate{Title: "Kopierer Hafenkontor", Value: "5000", OrganizationID: org.ID, PipelineID: p.ID}, 201, &d)

	now := time.Now()
	var planned, overdue, later api.Activity
	jonas.call("POST", "/api/v1/activities", api.ActivityCreate{Title: "Angebot besprechen", TypeID: visit.ID, DueAt: now.Add(30 * time.Minute),
		DurationMinutes: 45, DealID: d.ID, OrganizationID: org.ID}, 201, &planned)
	jonas.call("POST", "/api/v1/activities", api.ActivityCreate{Title: "Rückruf verpasst", TypeID: types.Items[0].ID, DueAt: now.Add(-26 * time.Hour),
		DealID: d.ID}, 201, &overdue)
	jonas.call("POST", "/api/v1/activities", api.ActivityCreate{Title: "Nächstes Quartal", TypeID: types.Items[1].ID, DueAt: now.AddDate(0, 3, 0)}, 201, &later)
	if planned.AssigneeName != "Jonas Schmidt" || planned.TypeName != "Messebesuch" || planned.TypeColor != "#e64980" ||
		planned.DealTitle != "Kopierer Hafenkontor" || planned.OrganizationName != "Hafenkontor GmbH" || planned.Done || planned.Overdue {
		t.Fatalf("planned %+v", planned)
	}
	if !overdue.Overdue {
		t.Fatalf("overdue %+v", overdue)
	}

	// The deal's page lists its activities, the overdue one first (open ones by due time).
	var onDeal api.ActivityPage
	jonas.call("GET", "/api/v1/deals/"+d.ID+"/activities", nil, 200, &onDeal)
	if got := titles(onDeal.Items); !slices.Equal(got, []string{"Rückruf verpasst", "Angebot besprechen"}) {
		t.Fatalf("deal activities %v", got)
	}
	var onOrg api.ActivityPage
	jonas.call("GET", "/api/v1/organizations/"+org.ID+"/activities", nil, 200, &onOrg)
	if got := titles(onOrg.Items); !slices.Equal(got, []string{"Angebot besprechen"}) {
		t.Fatalf("organisation activities %v", got)
	}
	// The agenda: overdue, this week, a date range, a type.
	if got := titles(jonas.activities(api.ActivityQuery{Assignee: "me", Due: "overdue"})); !slices.Equal(got, []string{"Rückruf verpasst"}) {
		t.Fatalf("overdue %v", got)
	}
	if got := titles(jonas.activities(api.ActivityQuery{TypeID: visit.ID})); !slices.Equal(got, []string{"Angebot besprechen"}) {
		t.Fatalf("by type %v", got)
	}
	from := now.AddDate(0, 2, 0).Format("2006-01-02")
	if got := titles(jonas.activities(api.ActivityQuery{DueFrom: from})); !slices.Equal(got, []string{"Nächstes Quartal"}) {
		t.Fatalf("from %s: %v", from, got)
	}

	// Done: it leaves the open ones and goes after them.
	jonas.call("PATCH", "/api/v1/activities/"+overdue.ID, api.ActivityPatch{Done: ptr(true)}, 200, &overdue, "If-Match", etagOf(overdue.Version))
	if !overdue.Done || overdue.DoneAt == nil || overdue.Overdue {
		t.Fatalf("done %+v", overdue)
	}
	jonas.call("GET", "/api/v1/deals/"+d.ID+"/activities", nil, 200, &onDeal)
	if got := titles(onDeal.Items); !slices.Equal(got, []string{"Angebot besprechen", "Rückruf verpasst"}) {
		t.Fatalf("deal activities after done %v", got)
	}
	if got := jonas.activities(api.ActivityQuery{Due: "overdue"}); len(got) != 0 {
		t.Fatalf("still overdue %v", titles(got))
	}
	today := time.Now().In(berlin).Format("2006-01-02") // the server's calendar days are Berlin's
	if got := titles(jonas.activities(api.ActivityQuery{Status: "done", DoneFrom: today, DoneTo: today})); !slices.Equal(got, []string{"Rückruf verpasst"}) {
		t.Fatalf("done today %v", got)
	}

	// Scope: Lena (another rep) sees none of them, not even through a filter on Jonas; the manager sees them.
	lena := signIn(t, env, apptest.FieldRepSued)
	if got := lena.activities(api.ActivityQuery{Assignee: planned.AssigneeID}); len(got) != 0 {
		t.Fatalf("lena sees %v", titles(got))
	}
	lena.call("GET", "/api/v1/activities/"+planned.ID, nil, 404, nil)
	lena.call("GET", "/api/v1/deals/"+d.ID+"/activities", nil, 404, nil)
	manager := signIn(t, env, apptest.Manager)
	if got := manager.activities(api.ActivityQuery{Assignee: "team"}); len(got) != 3 {
		t.Fatalf("manager's team %v", titles(got))
	}

	// The type is in use: it cannot be deleted, it can be archived, and then not chosen for new activities.
	admin.call("DELETE", "/api/v1/activity-types/"+visit.ID, nil, 409, nil, "If-Match", etagOf(visit.Version))
	admin.call("PATCH", "/api/v1/activity-types/"+visit.ID, api.ActivityTypePatch{Archived: ptr(true)}, 200, &visit, "If-Match", etagOf(visit.Version))
	r := jonas.call("POST", "/api/v1/activities", api.ActivityCreate{Title: "Noch ein Besuch", TypeID: visit.ID, DueAt: now}, 422, nil)
	if r.Error(t).Fields["typeId"] != api.FieldNotFound {
		t.Fatalf("archived type: %s", r.Body)
	}
	var kept api.Activity
	jonas.call("GET", "/api/v1/activities/"+planned.ID, nil, 200, &kept)
	if kept.TypeName != "Messebesuch" {
		t.Fatalf("kept type %+v", kept)
	}
}

func TestActivityBadInput(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	jonas := signIn(t, env, apptest.FieldRepNord)
	lena := signIn(t, env, apptest.FieldRepSued)
	call := admin.activityTypes().Items[0].ID
	lenasOrg := lena.createOrg(api.OrganizationCreate{Name: "Süd GmbH"})
	now := time.Now()
	cases := []struct {
		name  string
		in    any
		field string
		code  api.FieldCode
	}{
		{"negative duration", api.ActivityCreate{Title: "Anruf", TypeID: call, DueAt: now, DurationMinutes: -15}, "durationMinutes", api.FieldRange},
		{"unknown type", api.ActivityCreate{Title: "Anruf", TypeID: "0b7d8f7e-1111-4a4a-9c9c-123456789abc", DueAt: now}, "typeId", api.FieldNotFound},
		{"type not an ID", api.ActivityCreate{Title: "Anruf", TypeID: "Anruf", DueAt: now}, "typeId", api.FieldInvalid},
		{"another rep's organisation", api.ActivityCreate{Title: "Anruf", TypeID: call, DueAt: now, OrganizationID: lenasOrg.ID}, "organizationId", api.FieldNotFound},
		{"no title", api.ActivityCreate{TypeID: call, DueAt: now}, "title", api.FieldRequired},
		{"no date", api.ActivityCreate{Title: "Anruf", TypeID: call}, "dueAt", api.FieldRequired},
		{"assigned to another rep", api.ActivityCreate{Title: "Anruf", TypeID: call, DueAt: now, AssigneeID: lenasOrg.OwnerID}, "assigneeId", api.FieldForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := jonas.call("POST", "/api/v1/activities", tc.in, 422, nil)
			if e := r.Error(t); e.Code != api.CodeValidation || e.Fields[tc.field] != tc.code {
				t.Fatalf("got %s", r.Body)
			}
		})
	}
	r := jonas.call("POST", "/api/v1/activities", map[string]any{"title": "Anruf", "typeId": call, "dueAt": "morgen"}, 400, nil)
	if r.Status != http.StatusBadRequest {
		t.Fatalf("bad date: %s", r.Body)
	}
	r = admin.call("POST", "/api/v1/activity-types", api.ActivityTypeCreate{Name: "Bunt", Color: "rot", Icon: "rakete"}, 422, nil)
	if e := r.Error(t); e.Fields["color"] != api.FieldInvalid || e.Fields["icon"] != api.FieldInvalid {
		t.Fatalf("type: %s", r.Body)
	}
	r = jonas.call("POST", "/api/v1/activities/query", api.ActivityQuery{Due: "gestern", Status: "vielleicht", DueFrom: "1.1.2026"}, 422, nil)
	if e := r.Error(t); e.Fields["due"] != api.FieldInvalid || e.Fields["status"] != api.FieldInvalid || e.Fields["dueFrom"] != api.FieldInvalid {
		t.Fatalf("query: %s", r.Body)
	}
	// A filter on a record the caller cannot see answers as if it did not exist.
	jonas.call("POST", "/api/v1/activities/query", api.ActivityQuery{RecordType: api.RecordOrganization, RecordID: lenasOrg.ID}, 404, nil)
	r = jonas.call("POST", "/api/v1/dashboard", api.DashboardQuery{Scope: api.DashboardTeam}, 422, nil)
	if r.Error(t).Fields["scope"] != api.FieldForbidden {
		t.Fatalf("rep's team dashboard: %s", r.Body)
	}
}

// sum adds decimal strings exactly.
func sum(values ...string) string {
	total := new(big.Rat)
	for _, v := range values {
		r, ok := new(big.Rat).SetString(v)
		if !ok {
			panic(v)
		}
		total.Add(total, r)
	}
	return total.FloatString(2)
}

func (c *client) allDeals(q api.ListQuery) []api.Deal {
	c.t.Helper()
	q.Limit = 200
	return allItems[api.Deal](c, "/api/v1/deals/query", q, setListCursor)
}

func (c *client) allLeads(q api.ListQuery) []api.Lead {
	c.t.Helper()
	q.Limit = 200
	return allItems[api.Lead](c, "/api/v1/leads/query", q, setListCursor)
}

// Every figure of the dashboard equals the count and sum of the list its query opens, for every seeded role and
// every scope the role allows; and each figure is checked against an independent reading of the data.
func TestDashboardFiguresEqualTheirLists(t *testing.T) {
	env := apptest.Start(t)
	if err := seed.Demo(context.Background(), env.DB.Owner, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	wantScopes := map[string][]api.DashboardScope{
		apptest.Admin:        {api.DashboardMe, api.DashboardTeam, api.DashboardAll},
		apptest.Manager:      {api.DashboardMe, api.DashboardTeam},
		apptest.FieldRepNord: {api.DashboardMe},
		apptest.FieldRepSued: {api.DashboardMe},
		apptest.InsideSales:  {api.DashboardMe},
	}
	checkedNonZero := map[string]bool{}
	for email, scopes := range wantScopes {
		c := signIn(t, env, email)
		for _, scope := range scopes {
			t.Run(email+"/"+string(scope), func(t *testing.T) {
				c.t = t
				var d api.Dashboard
				c.call("POST", "/api/v1/dashboard", api.DashboardQuery{Scope: scope}, 200, &d)
				if !slices.Equal(d.Scopes, scopes) || d.Scope != scope || d.PipelineName != "Bestellung auf Rechnung" || len(d.Funnel) != 5 {
					t.Fatalf("dashboard %+v", d)
				}
				dealFigure := func(name string, f api.Figure) {
					items := c.allDeals(f.Query)
					values := []string{}
					for _, x := range items {
						values = append(values, x.Value)
					}
					if len(items) != f.Count || sum(values...) != sum(f.Value) {
						t.Errorf("%s: figure %d / %s, list %d / %s", name, f.Count, f.Value, len(items), sum(values...))
					}
					if f.Count > 0 {
						checkedNonZero[name] = true
					}
				}
				for _, st := range d.Funnel {
					dealFigure("funnel "+st.Name, api.Figure{Count: st.Count, Value: st.Value, Query: st.Query})
					if w := weightedOf(st.Value, st.Probability); w != st.Weighted {
						t.Errorf("weighted %s: %s, want %s", st.Name, st.Weighted, w)
					}
				}
				dealFigure("won this month", d.Month.Won)
				dealFigure("lost this month", d.Month.Lost)
				dealFigure("won this quarter", d.Quarter.Won)
				dealFigure("lost this quarter", d.Quarter.Lost)
				dealFigure("closing soon", d.ClosingSoon)
				for name, f := range map[string]api.Figure{"leads converted": d.Leads.Converted, "leads lost": d.Leads.Lost} {
					if n := len(c.allLeads(f.Query)); n != f.Count {
						t.Errorf("%s: figure %d, list %d", name, f.Count, n)
					}
				}
				if w, l := d.Month.Won.Count, d.Month.Lost.Count; w+l > 0 && (d.Month.WinRate == nil || *d.Month.WinRate != float64(int(float64(w)*1000/float64(w+l)+0.5))/10) {
					t.Errorf("win rate %v for %d won, %d lost", d.Month.WinRate, w, l)
				}
				actFigure := func(name string, f api.ActivityFigure) {
					if n := len(c.activities(f.Query)); n != f.Count {
						t.Errorf("%s: figure %d, list %d", name, f.Count, n)
					}
					if f.Count > 0 {
						checkedNonZero[name] = true
					}
				}
				actFigure("due today", d.DueToday)
				actFigure("overdue", d.Overdue)
				for _, u := range d.DoneThisWeek {
					actFigure("done by "+u.UserName, u.Done)
				}
				if scope == api.DashboardMe && (len(d.DoneThisWeek) != 1 || d.DoneThisWeek[0].UserName == "") {
					t.Errorf("own dashboard lists %+v", d.DoneThisWeek)
				}

				// The next steps: the first activities of the list the figure opens, in its order; the deals
				// without an open activity equal their list, and the preview shows the highest values among them.
				ns := d.NextSteps
				actFigure("open activities", ns.Open)
				open := c.activities(ns.Open.Query)
				if want := open[:min(len(open), dashboard.NextActivities)]; !slices.Equal(titles(ns.Activities), titles(want)) {
					t.Errorf("next activities %v, the list starts %v", titles(ns.Activities), titles(want))
				}
				dealFigure("deals without activity", ns.DealsWithoutActivity)
				without := c.allDeals(ns.DealsWithoutActivity.Query)
				if len(ns.Deals) != min(len(without), dashboard.NextDeals) {
					t.Errorf("%d deals shown of %d", len(ns.Deals), len(without))
				}
				for i, x := range ns.Deals {
					if !slices.ContainsFunc(without, func(y api.Deal) bool { return y.ID == x.ID }) {
						t.Errorf("shown deal %s is not in the list", x.Title)
					}
					if i > 0 && compareMoney(ns.Deals[i-1].Value, x.Value) < 0 {
						t.Errorf("deals not by value: %s before %s", ns.Deals[i-1].Value, x.Value)
					}
				}
				for _, x := range without {
					if len(ns.Deals) == dashboard.NextDeals && compareMoney(x.Value, ns.Deals[len(ns.Deals)-1].Value) > 0 &&
						!slices.ContainsFunc(ns.Deals, func(y api.Deal) bool { return y.ID == x.ID }) {
						t.Errorf("deal %s (%s) is worth more than the shown ones", x.Title, x.Value)
					}
				}

				// The pipeline per rep: each cell and row total equals its list; the rows add up to the funnel.
				if scope == api.DashboardMe && (len(d.PipelineByRep) != 1 || d.PipelineByRep[0].UserID != d.DoneThisWeek[0].UserID) {
					t.Errorf("own dashboard's rows %+v", d.PipelineByRep)
				}
				perStage, stageValues := make([]int, len(d.Funnel)), make([][]string, len(d.Funnel))
				for _, r := range d.PipelineByRep {
					var cells []string
					n := 0
					for i, cell := range r.Stages {
						if cell.Query.StageID != d.Funnel[i].StageID || cell.Query.Owner != r.UserID {
							t.Fatalf("%s cell %d: %+v", r.UserName, i, cell.Query)
						}
						dealFigure("rep × stage", cell)
						perStage[i] += cell.Count
						stageValues[i] = append(stageValues[i], cell.Value)
						cells = append(cells, cell.Value)
						n += cell.Count
					}
					dealFigure("rep total", r.Total)
					if n != r.Total.Count || sum(cells...) != sum(r.Total.Value) {
						t.Errorf("%s: cells %d / %s, total %d / %s", r.UserName, n, sum(cells...), r.Total.Count, r.Total.Value)
					}
				}
				for i, st := range d.Funnel {
					if perStage[i] != st.Count || sum(stageValues[i]...) != sum(st.Value) {
						t.Errorf("stage %s: rows %d / %s, funnel %d / %s", st.Name, perStage[i], sum(stageValues[i]...), st.Count, st.Value)
					}
				}
			})
		}
	}
	// Independently of the lists: the whole company's open deals in the demo pipeline, as the admin sees them.
	var all api.Dashboard
	signIn(t, env, apptest.Admin).call("POST", "/api/v1/dashboard", api.DashboardQuery{Scope: api.DashboardAll}, 200, &all)
	var open int
	var total string
	if err := env.DB.Owner.NewRaw(`SELECT count(*), coalesce(sum(value), 0)::numeric(16,2)::text FROM deals d JOIN pipelines p ON p.id = d.pipeline_id
		WHERE p.name = 'Bestellung auf Rechnung' AND d.status = 'open' AND d.deleted_at IS NULL`).Scan(context.Background(), &open, &total); err != nil {
		t.Fatal(err)
	}
	var n int
	var values []string
	for _, st := range all.Funnel {
		n += st.Count
		values = append(values, st.Value)
	}
	if n != open || sum(values...) != sum(total) || open == 0 {
		t.Fatalf("funnel %d / %s, database %d / %s", n, sum(values...), open, total)
	}
	// The seeded data exercises the figures (a comparison of zeros proves little).
	for _, name := range []string{"won this month", "lost this month", "closing soon", "overdue", "due today", "open activities",
		"deals without activity", "rep × stage", "rep total"} {
		if !checkedNonZero[name] {
			t.Errorf("no role saw a non-zero %q", name)
		}
	}
}

// compareMoney compares two decimal strings.
func compareMoney(a, b string) int {
	x, _ := new(big.Rat).SetString(a)
	y, _ := new(big.Rat).SetString(b)
	return x.Cmp(y)
}

func weightedOf(value string, probability int) string {
	r, _ := new(big.Rat).SetString(value)
	r.Mul(r, big.NewRat(int64(probability), 100))
	return r.FloatString(2) // FloatString rounds half away from zero, as PostgreSQL's round does
}
