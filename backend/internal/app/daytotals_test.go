package app_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/activity"
	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

// checkDayTotals fails when day_totals (the dashboard's rollups) differ from the records they sum: every figure,
// owner and day counted again from deals, leads and activities with the rule the triggers use (day_totals_rows).
func checkDayTotals(t *testing.T, env *apptest.Env, when string) {
	t.Helper()
	ctx := context.Background()
	for table, figures := range map[string]string{"deals": "deal_%", "leads": "lead_%", "activities": "activity_%"} {
		var rows string
		if err := env.DB.Owner.NewRaw("SELECT day_totals_rows(?, ?)", table, table).Scan(ctx, &rows); err != nil {
			t.Fatal(err)
		}
		var drift []string
		if err := env.DB.Owner.NewRaw(`SELECT concat_ws(' ', coalesce(t.figure, r.figure), coalesce(t.day, r.day), t.items, r.n, t.value, r.v)
			FROM (SELECT * FROM day_totals WHERE figure LIKE ? AND (items <> 0 OR value <> 0)) AS t
			FULL JOIN (SELECT tenant_id, figure, owner_id, day, count(*) AS n, sum(value) AS v FROM (`+rows+`) AS x
				GROUP BY 1, 2, 3, 4) AS r USING (tenant_id, figure, owner_id, day)
			WHERE t.items IS DISTINCT FROM r.n OR t.value IS DISTINCT FROM r.v`, figures).Scan(ctx, &drift); err != nil {
			t.Fatal(err)
		}
		if len(drift) > 0 {
			t.Fatalf("%s: day_totals differ from the %s (figure day totals counted): %v", when, table, drift)
		}
	}
}

// The dashboard's figures of closed deals and of activities come from day totals: they follow every change of a
// record, also one that moves it across midnight (Europe/Berlin), a month's or a quarter's end, to a trashed state
// or to another owner, and many changes at once, and they always equal the records.
func TestDashboardTotalsFollowChangesAcrossDayAndMonthBoundaries(t *testing.T) {
	env := apptest.Start(t)
	ctx := context.Background()
	admin := signIn(t, env, apptest.Admin)
	jonas := signIn(t, env, apptest.FieldRepNord)
	lenaID := env.Demo.Users[apptest.FieldRepSued].String()
	p := makePipeline(admin, api.RecordDeal, "Vertrieb", 20, 60)
	call := jonas.activityTypes().Items[0].ID
	org := jonas.createOrg(api.OrganizationCreate{Name: "Grenzfall GmbH"})
	var reason api.LostReason
	admin.call("POST", "/api/v1/lost-reasons", api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Zu teuer"}, 201, &reason)

	now := time.Now()
	today := activity.StartOfDay(now)
	week := activity.StartOfWeek(now)
	month := today.AddDate(0, 0, 1-today.Day())
	quarter := time.Date(month.Year(), time.Month((int(month.Month())-1)/3*3+1), 1, 0, 0, 0, 0, month.Location())
	const justBefore = time.Microsecond

	// set moves a record's timestamp as time passing would (the API sets closed and done times to now).
	set := func(table, column string, id string, at time.Time) {
		t.Helper()
		if _, err := env.DB.Owner.ExecContext(ctx, "UPDATE "+table+" SET "+column+" = ? WHERE id = ?", at, id); err != nil {
			t.Fatal(err)
		}
	}
	type want struct{ dueToday, overdue, doneWeek, wonMonth, wonQuarter, lostMonth, closingSoon int }
	check := func(when string, w want) {
		t.Helper()
		checkDayTotals(t, env, when)
		d := jonas.dashboard(api.DashboardQuery{Scope: api.DashboardMe})
		done := 0
		for _, u := range d.DoneThisWeek {
			done += u.Done.Count
		}
		got := want{d.DueToday.Count, d.Overdue.Count, done, d.Month.Won.Count, d.Quarter.Won.Count, d.Month.Lost.Count, d.ClosingSoon.Count}
		if got != w {
			t.Fatalf("%s: Jonas's dashboard %+v, want %+v", when, got, w)
		}
		for name, f := range map[string]api.ActivityFigure{"due today": d.DueToday, "overdue": d.Overdue} {
			if n := len(jonas.activities(f.Query)); n != f.Count {
				t.Fatalf("%s: %s: figure %d, list %d", when, name, f.Count, n)
			}
		}
		for name, f := range map[string]api.Figure{"won this month": d.Month.Won, "won this quarter": d.Quarter.Won, "lost this month": d.Month.Lost,
			"closing soon": d.ClosingSoon} {
			items := jonas.allDeals(f.Query)
			values := []string{}
			for _, x := range items {
				values = append(values, x.Value)
			}
			if len(items) != f.Count || sum(values...) != sum(f.Value) {
				t.Fatalf("%s: %s: figure %d / %s, list %d / %s", when, name, f.Count, f.Value, len(items), sum(values...))
			}
		}
	}
	check("nothing yet", want{})

	// Activities around midnight: due at 00:00 today counts today (and is overdue by now), a microsecond before
	// it yesterday (overdue only), tomorrow's 00:00 neither.
	plan := func(title string, due time.Time) api.Activity {
		t.Helper()
		var x api.Activity
		jonas.call("POST", "/api/v1/activities", api.ActivityCreate{Title: title, TypeID: call, DueAt: due}, 201, &x)
		return x
	}
	atMidnight := plan("Um Mitternacht", today)
	yesterday := plan("Gestern spät", today.Add(-justBefore))
	tomorrow := plan("Morgen früh", today.AddDate(0, 0, 1))
	check("planned around midnight", want{dueToday: 1, overdue: 2})
	jonas.call("PATCH", "/api/v1/activities/"+tomorrow.ID, api.ActivityPatch{DueAt: ptr(today.AddDate(0, 0, 1).Add(-justBefore))}, 200, &tomorrow,
		"If-Match", etagOf(tomorrow.Version))
	check("tomorrow's moved to today's last microsecond", want{dueToday: 2, overdue: 2})
	jonas.call("PATCH", "/api/v1/activities/"+atMidnight.ID, api.ActivityPatch{Done: ptr(true)}, 200, &atMidnight,
		"If-Match", etagOf(atMidnight.Version))
	check("done", want{dueToday: 1, overdue: 1, doneWeek: 1})
	set("activities", "done_at", atMidnight.ID, week.Add(-justBefore))
	check("done last week", want{dueToday: 1, overdue: 1})
	set("activities", "done_at", atMidnight.ID, week)
	check("done at the week's first instant", want{dueToday: 1, overdue: 1, doneWeek: 1})
	admin.call("PATCH", "/api/v1/activities/"+yesterday.ID, api.ActivityPatch{AssigneeID: ptr(lenaID)}, 200, &yesterday,
		"If-Match", etagOf(yesterday.Version))
	check("yesterday's given to Lena", want{dueToday: 1, doneWeek: 1})
	jonas.call("DELETE", "/api/v1/activities/"+tomorrow.ID, nil, 204, nil, "If-Match", etagOf(tomorrow.Version))
	check("deleted", want{doneWeek: 1})
	// Overdue from earlier months (their month totals) and from this month (its day totals): due a microsecond
	// before this month, at its first instant (today when today is the 1st), and a year ago; then done.
	lastMonth := plan("Letzter Monat", month.Add(-justBefore))
	check("due a microsecond before the month", want{doneWeek: 1, overdue: 1})
	monthStart := plan("Monatsanfang", month)
	if month.Equal(today) {
		check("due at the month's first instant, today", want{doneWeek: 1, overdue: 2, dueToday: 1})
	} else {
		check("due at the month's first instant", want{doneWeek: 1, overdue: 2})
	}
	yearAgo := plan("Vor einem Jahr", today.AddDate(-1, 0, 0))
	check("due a year ago", want{doneWeek: 1, overdue: 3, dueToday: btoi(month.Equal(today))})
	for _, x := range []api.Activity{lastMonth, monthStart, yearAgo} {
		jonas.call("DELETE", "/api/v1/activities/"+x.ID, nil, 204, nil, "If-Match", etagOf(x.Version))
	}
	check("those deleted", want{doneWeek: 1})

	// Deals around a month's and a quarter's end.
	var won, lost api.Deal
	jonas.call("POST", "/api/v1/deals", api.DealCreate{Title: "Gewonnen", Value: "1000.50", OrganizationID: org.ID, PipelineID: p.ID}, 201, &won)
	jonas.call("POST", "/api/v1/deals", api.DealCreate{Title: "Verloren", Value: "250", OrganizationID: org.ID, PipelineID: p.ID}, 201, &lost)
	jonas.call("PATCH", "/api/v1/deals/"+won.ID, api.DealPatch{Status: ptr(api.DealWon)}, 200, &won, "If-Match", etagOf(won.Version))
	jonas.call("PATCH", "/api/v1/deals/"+lost.ID, api.DealPatch{Status: ptr(api.DealLost), LostReasonID: &reason.ID}, 200, &lost, "If-Match", etagOf(lost.Version))
	base := want{doneWeek: 1}
	w := base
	w.wonMonth, w.wonQuarter, w.lostMonth = 1, 1, 1
	check("won and lost", w)
	set("deals", "closed_at", won.ID, month)
	check("won at the month's first instant", w)
	set("deals", "closed_at", won.ID, month.Add(-justBefore))
	w.wonMonth = 0
	if month.Equal(quarter) {
		w.wonQuarter = 0
	}
	check("won a microsecond before the month", w)
	set("deals", "closed_at", won.ID, quarter.Add(-justBefore))
	w.wonQuarter = 0
	check("won a microsecond before the quarter", w)
	set("deals", "closed_at", won.ID, now)
	w.wonMonth, w.wonQuarter = 1, 1
	check("won now again", w)
	jonas.call("DELETE", "/api/v1/deals/"+won.ID, nil, 204, nil, "If-Match", etagOf(won.Version))
	w.wonMonth, w.wonQuarter = 0, 0
	check("trashed", w)
	jonas.call("POST", "/api/v1/deals/"+won.ID+"/restore", nil, 200, &won)
	w.wonMonth, w.wonQuarter = 1, 1
	check("restored", w)
	admin.call("PATCH", "/api/v1/deals/"+lost.ID, api.DealPatch{OwnerID: ptr(lenaID)}, 200, &lost, "If-Match", etagOf(lost.Version))
	w.lostMonth = 0
	check("lost deal given to Lena", w)
	jonas.call("PATCH", "/api/v1/deals/"+won.ID, api.DealPatch{Status: ptr(api.DealOpen), StageID: &p.Stages[0].ID}, 200, &won,
		"If-Match", etagOf(won.Version))
	w.wonMonth, w.wonQuarter = 0, 0
	check("reopened", w)

	// Open deals by expected close date: today and the 30th day after count, the day before and the 31st do not.
	w.closingSoon = 0
	check("reopened without a close date", w)
	closeOn := func(d *api.Deal, on time.Time) {
		t.Helper()
		jonas.call("PATCH", "/api/v1/deals/"+d.ID, api.DealPatch{ExpectedCloseDate: ptr(on.Format("2006-01-02"))}, 200, d,
			"If-Match", etagOf(d.Version))
	}
	closeOn(&won, today)
	w.closingSoon = 1
	check("expected to close today", w)
	closeOn(&won, today.AddDate(0, 0, 30))
	check("expected to close on the 30th day", w)
	closeOn(&won, today.AddDate(0, 0, 31))
	w.closingSoon = 0
	check("expected to close on the 31st day", w)
	closeOn(&won, today.AddDate(0, 0, -1))
	check("expected to close yesterday", w)
	var soon api.Deal
	jonas.call("POST", "/api/v1/deals", api.DealCreate{Title: "Bald", Value: "99.90", OrganizationID: org.ID, PipelineID: p.ID,
		ExpectedCloseDate: today.AddDate(0, 0, 7).Format("2006-01-02")}, 201, &soon)
	closeOn(&won, today.AddDate(0, 0, 3))
	w.closingSoon = 2
	check("two expected within 30 days", w)
	jonas.call("PATCH", "/api/v1/deals/"+soon.ID, api.DealPatch{Value: ptr("150")}, 200, &soon, "If-Match", etagOf(soon.Version))
	check("a value changed", w)
	admin.call("PATCH", "/api/v1/deals/"+soon.ID, api.DealPatch{OwnerID: ptr(lenaID)}, 200, &soon, "If-Match", etagOf(soon.Version))
	w.closingSoon = 1
	check("one given to Lena", w)
	jonas.call("PATCH", "/api/v1/deals/"+won.ID, api.DealPatch{Status: ptr(api.DealWon)}, 200, &won, "If-Match", etagOf(won.Version))
	w.closingSoon, w.wonMonth, w.wonQuarter = 0, 1, 1
	check("won before its expected close", w)

	// Many changes at once: every total still equals the records.
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 16 {
		wg.Go(func() {
			send := func(method, path string, body any, want int, out any, header ...string) bool {
				req := apptest.Request{Method: method, Path: path, Token: jonas.token, Body: body}
				if len(header) == 2 {
					req.Header = map[string]string{header[0]: header[1]}
				}
				r := env.Do(req)
				if r.Status != want {
					errs <- fmt.Errorf("%s %s: %d %s", method, path, r.Status, r.Body)
					return false
				}
				r.Decode(t, out)
				return true
			}
			var d api.Deal
			if !send("POST", "/api/v1/deals", api.DealCreate{Title: fmt.Sprintf("Parallel %d", i), Value: "10", OrganizationID: org.ID,
				PipelineID: p.ID}, 201, &d) {
				return
			}
			closing := api.DealPatch{Status: ptr(api.DealWon)}
			if i%2 == 1 {
				closing = api.DealPatch{Status: ptr(api.DealLost), LostReasonID: &reason.ID}
			}
			send("PATCH", "/api/v1/deals/"+d.ID, closing, 200, &d, "If-Match", etagOf(d.Version))
			var x api.Activity
			send("POST", "/api/v1/activities", api.ActivityCreate{Title: fmt.Sprintf("Parallel %d", i), TypeID: call,
				DueAt: today.Add(time.Duration(i) * time.Hour), Done: i%3 == 0}, 201, &x)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	checkDayTotals(t, env, "after concurrent changes")
	d := jonas.dashboard(api.DashboardQuery{Scope: api.DashboardMe})
	// 8 of the 16 won, and the deal won before its expected close.
	if d.Month.Won.Count != 9 || d.Month.Lost.Count != 8 || len(jonas.allDeals(d.Month.Won.Query)) != 9 {
		t.Fatalf("after concurrent changes: won %d, lost %d this month", d.Month.Won.Count, d.Month.Lost.Count)
	}
	if n := len(jonas.activities(d.DueToday.Query)); n != d.DueToday.Count {
		t.Fatalf("after concurrent changes: due today %d, list %d", d.DueToday.Count, n)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
