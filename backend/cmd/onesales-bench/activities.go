package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/activity"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/shared/api"
)

// The activities part of the data set (see dataParts), after the deals: 2,000,000 activities of the 50 reps
// (issue 5), of the tenant's default activity types, due on weekdays between 18 months ago and 3 months ahead,
// most linked to a deal of their rep or to one of the rep's contacts. It is generated on its own when missing, and
// anew with the deals (generateDeals removes them first) and when its dates have aged: the dates lie around the
// day it was generated, so that "today", "overdue" and "this week" mean on the dashboard what they would in a
// real company; after activitiesMaxAge they are made anew (each run of make bench would otherwise see more of
// the once-future activities overdue and none done this week).

// activitiesMaxAge is how old the generated activities may be before they are generated anew.
const activitiesMaxAge = 7 * 24 * time.Hour

// Per default type (activity.DefaultTypes, in that order): its share of the activities in per cent, five
// titles, five typical durations in minutes.
var activityKinds = []struct {
	share     int
	titles    [5]string
	durations [5]int
}{
	{35, [5]string{"Nachfassen", "Rückruf", "Termin vereinbaren", "Bedarf klären", "Angebot besprechen"}, [5]int{5, 10, 15, 15, 30}},
	{25, [5]string{"Angebot senden", "Unterlagen zusenden", "Infomaterial schicken", "Termin bestätigen", "Rückfrage beantworten"}, [5]int{0, 0, 5, 10, 15}},
	{12, [5]string{"Präsentation", "Bedarfsanalyse", "Vertragsgespräch", "Projekt-Kick-off", "Quartalsgespräch"}, [5]int{30, 45, 60, 60, 90}},
	{18, [5]string{"Angebot erstellen", "Vertrag vorbereiten", "Kalkulation prüfen", "Kontaktdaten pflegen", "Referenzen zusammenstellen"}, [5]int{0, 15, 30, 60, 120}},
	{10, [5]string{"Vor-Ort-Termin", "Aufmaß", "Produktvorführung", "Installation abstimmen", "Kundenbesuch"}, [5]int{60, 90, 120, 120, 180}},
}

var activityComments = []string{
	"Kunde bittet um Rückruf am Nachmittag", "Unterlagen liegen vollständig vor", "Entscheidung nach Budgetfreigabe",
	"Ansprechpartner bis Monatsende im Urlaub", "Wettbewerbsangebot liegt vor", "Geschäftsführung einbeziehen",
	"Preisliste 2027 mitnehmen", "Lieferzeit klären",
}

// activitiesComplete reports why the activities part is not complete ("" when it is) and fills ds.Activities and
// ds.ActivitiesAt (when they were generated: every activity was created by then, the future ones just then).
func activitiesComplete(ctx context.Context, owner bun.IDB, ds *dataset, size sizes) (string, error) {
	var at *time.Time
	if err := owner.NewRaw("SELECT count(*), max(created_at) FROM activities WHERE tenant_id = ?", ds.TenantID).
		Scan(ctx, &ds.Activities, &at); err != nil {
		return "", fmt.Errorf("bench: count activities: %w", err)
	}
	ds.ActivitiesAt = time.Time{}
	if at != nil {
		ds.ActivitiesAt = *at
	}
	if ds.Activities != size.activities {
		return fmt.Sprintf("%d activities, want %d", ds.Activities, size.activities), nil
	}
	if age := time.Since(ds.ActivitiesAt); age > activitiesMaxAge {
		return fmt.Sprintf("the activities' dates lie around %s, %.0f days ago (at most %.0f days)",
			ds.ActivitiesAt.In(listquery.Berlin()).Format("2006-01-02"), age.Hours()/24, activitiesMaxAge.Hours()/24), nil
	}
	return "", nil
}

// activityTypes returns the IDs of the tenant's default activity types (seeded with the tenant), in the order of
// activity.DefaultTypes.
func activityTypes(ctx context.Context, owner bun.IDB, tenantID uuid.UUID) ([]uuid.UUID, error) {
	var rows []struct {
		ID   uuid.UUID `bun:"id"`
		Name string    `bun:"name"`
	}
	if err := owner.NewRaw("SELECT id, name FROM activity_types WHERE tenant_id = ? AND archived_at IS NULL", tenantID).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("bench: activity types: %w", err)
	}
	ids := make([]uuid.UUID, len(activity.DefaultTypes))
	for i, d := range activity.DefaultTypes {
		for _, r := range rows {
			if r.Name == d.Name {
				ids[i] = r.ID
			}
		}
		if ids[i] == uuid.Nil {
			return nil, fmt.Errorf("bench: the tenant has no activity type %q (provisioning and the activities migration give every tenant the defaults)", d.Name)
		}
	}
	return ids, nil
}

// generateActivities replaces the tenant's activities with generated ones, with set-based SQL as the owner in
// one transaction: the indexes and the keys (primary, unique, foreign) of activities are dropped first and made
// again at the end, which builds each index from sorted input and checks every link in one join, much faster
// than row by row (nothing refers to activities).
//
// Each activity belongs to one of the 50 reps (uniformly), has one of the default types (Anruf 35 %, E-Mail 25 %,
// Meeting 12 %, Aufgabe 18 %, Termin vor Ort 10 %) with a title and a duration typical of it, and is due on a
// weekday between 8:00 and 17:45 (Europe/Berlin) on the quarter hour: 93 % evenly over the 78 weeks up to today,
// 7 % in the 13 weeks ahead, fewer the further ahead (so that tomorrow is about as busy as a past day). 60 % are
// linked to a deal of their rep (with the deal's person, or its organisation when it has no person), 28 % to a
// contact of the rep (a person, or an organisation, of another of the rep's deals) and 12 % to nothing; activities
// due from now on link open deals only. Activities due from now on are open; past ones are done, except 15 % of
// those of the last two weeks, 5 % of those up to 90 days old and 2 % of the older ones (overdue: about 2.7 % of
// the past ones). Done ones were done shortly after they were due: 60 % within their duration and the next hour,
// 30 % within two days, 10 % within a week (never after now). Each was created up to two weeks before it was due
// (never after now), by its rep.
func generateActivities(ctx context.Context, owner *bun.DB, ds *dataset, size sizes) error {
	types, err := activityTypes(ctx, owner, ds.TenantID)
	if err != nil {
		return err
	}
	var titles []string
	var durations []int
	typeCase := "CASE"
	share := 0
	for i, k := range activityKinds {
		titles = append(titles, k.titles[:]...)
		durations = append(durations, k.durations[:]...)
		share += k.share
		typeCase += fmt.Sprintf(" WHEN x.tp < %d THEN %d", share, i+1)
	}
	typeCase += " END"
	if share != 100 || len(activityKinds) != len(types) {
		return fmt.Errorf("bench: activity kinds: %d shares adding up to %d for %d types", len(activityKinds), share, len(types))
	}
	err = bulk(ctx, owner, func(ctx context.Context, tx bun.Tx, step stepFunc) error {
		// The database holds the bench tenant only (ensureDataset refuses any other), so all activities are its.
		if err := step("remove activities", "TRUNCATE activities"); err != nil {
			return err
		}
		indexes, err := dropIndexes(ctx, tx, "activities")
		if err != nil {
			return err
		}
		keys, err := dropKeys(ctx, tx, "activities")
		if err != nil {
			return err
		}

		// The reps' deals, numbered per rep: k = 1 … all of them, and again k = -1 … their open ones.
		if err := step("deals by rep", `CREATE TEMP TABLE bench_dl ON COMMIT DROP AS
			SELECT r.i::int AS rep, row_number() OVER (PARTITION BY d.owner_id ORDER BY d.id)::int AS k, d.id, d.title,
				d.person_id, CASE WHEN d.person_id IS NULL THEN d.organization_id END AS organization_id
			FROM deals AS d JOIN unnest(?0::uuid[]) WITH ORDINALITY AS r (id, i) ON r.id = d.owner_id
			WHERE d.tenant_id = ?1 AND d.deleted_at IS NULL
			UNION ALL
			SELECT r.i::int, -row_number() OVER (PARTITION BY d.owner_id ORDER BY d.id)::int, d.id, d.title,
				d.person_id, CASE WHEN d.person_id IS NULL THEN d.organization_id END
			FROM deals AS d JOIN unnest(?0::uuid[]) WITH ORDINALITY AS r (id, i) ON r.id = d.owner_id
			WHERE d.tenant_id = ?1 AND d.deleted_at IS NULL AND d.status = 'open'`, pgdialect.Array(ds.RepIDs), ds.TenantID); err != nil {
			return err
		}
		if err := step("deals by rep index", "CREATE UNIQUE INDEX ON bench_dl (rep, k)"); err != nil {
			return err
		}
		if err := step("deals by rep statistics", "ANALYZE bench_dl"); err != nil {
			return err
		}
		if err := step("deals per rep", `CREATE TEMP TABLE bench_dn ON COMMIT DROP AS
			SELECT rep, count(*) FILTER (WHERE k > 0)::int AS n_all, count(*) FILTER (WHERE k < 0)::int AS n_open
			FROM bench_dl GROUP BY rep`); err != nil {
			return err
		}
		var reps int
		if err := tx.NewRaw("SELECT count(*) FROM bench_dn WHERE n_all > 0").Scan(ctx, &reps); err != nil {
			return fmt.Errorf("bench: deals per rep: %w", err)
		}
		if reps != len(ds.RepIDs) {
			return fmt.Errorf("bench: activities: %d of %d reps own deals", reps, len(ds.RepIDs))
		}

		// Activity k: x its random choices and calendar (the Monday of this week, today as a weekday number from it);
		// y its type, due time (weekday number g from that Monday) and rep; z done or not, when created, which of
		// the rep's deals it draws on (dk: an open one when due from now on); w when done.
		k := "k"
		if err := step("activities", fmt.Sprintf(`INSERT INTO activities (id, tenant_id, type_id, title, comment, due_at,
				duration_minutes, done, done_at, assignee_id, person_id, organization_id, deal_id, created_by, version,
				created_at, updated_at)
			SELECT md5('bench-activity-' || w.k)::uuid, ?, (?::uuid[])[w.t],
				(?::text[])[(w.t - 1) * 5 + w.ph] || CASE WHEN w.lk < 60 THEN ': ' || d.title ELSE '' END,
				w.comment, w.due, w.dur, w.done, w.done_at, w.rep_id, d.person_id, d.organization_id,
				CASE WHEN w.lk < 60 THEN d.id END, w.rep_id, CASE WHEN w.done THEN 2 ELSE 1 END, w.created,
				coalesce(w.done_at, w.created)
			FROM (SELECT z.*, CASE WHEN z.done THEN least(z.due + make_interval(secs => (CASE
						WHEN z.r3 %% 10 < 6 THEN z.dur * 60 + (z.r3 / 10) %% 3600
						WHEN z.r3 %% 10 < 9 THEN 3600 + (z.r3 / 10) %% (47 * 3600)
						ELSE 2 * 86400 + (z.r3 / 10) %% (5 * 86400) END)::float8), z.now) END AS done_at
				FROM (SELECT y.*,
						y.due < y.now AND y.r2 %% 1000 >= CASE WHEN y.due > y.now - interval '14 days' THEN 150
							WHEN y.due > y.now - interval '90 days' THEN 50 ELSE 20 END AS done,
						least(y.due - make_interval(secs => (600 + %[1]s %% (14 * 86400))::float8), y.now) AS created,
						CASE WHEN y.lk < 88 THEN CASE WHEN y.due >= y.now AND c.n_open > 0 THEN -(1 + y.pick %% c.n_open)
							ELSE 1 + y.pick %% c.n_all END END AS dk
					FROM (SELECT x.*, (?::uuid[])[x.rep] AS rep_id, (?::int[])[(x.t - 1) * 5 + 1 + x.r1 %% 5] AS dur,
							CASE WHEN x.cm < 20 THEN (?::text[])[1 + (x.r1 / 5) %% ?] ELSE '' END AS comment,
							((x.monday + 7 * floor(x.g / 5.0)::int + (x.g - 5 * floor(x.g / 5.0)::int)) + time '08:00'
								+ x.slot * interval '15 minutes') AT TIME ZONE 'Europe/Berlin' AS due
						FROM (SELECT x.*, cal.now, cal.monday, %[2]s AS t,
								CASE WHEN x.ahead THEN cal.today_g + 1 + floor(65 * (1 - sqrt(1 - x.u)))::int
								     ELSE cal.today_g - floor(390 * x.u)::int END AS g
							FROM (SELECT k, 1 + %[3]s %% ? AS rep, %[4]s %% 1000 < 70 AS ahead, (%[5]s %% 1000000) / 1000000.0 AS u,
									%[6]s %% 100 AS tp, 1 + %[7]s %% 5 AS ph, %[8]s %% 100 AS lk, %[9]s AS pick, %[10]s %% 40 AS slot,
									%[11]s AS r1, %[12]s AS r2, %[13]s AS r3, %[14]s %% 100 AS cm
								FROM generate_series(1, ?) AS k) AS x,
							(SELECT now() AS now, t.today - (extract(isodow FROM t.today)::int - 1) AS monday,
									least(extract(isodow FROM t.today)::int, 5) - 1 AS today_g
								FROM (SELECT (now() AT TIME ZONE 'Europe/Berlin')::date AS today) AS t) AS cal) AS x) AS y
					JOIN bench_dn AS c ON c.rep = y.rep) AS z) AS w
			LEFT JOIN bench_dl AS d ON d.rep = w.rep AND d.k = w.dk
			ORDER BY w.created`,
			h("y.k", 72), typeCase, h(k, 60), h(k, 61), h(k, 62), h(k, 63), h(k, 64), h(k, 65), h(k, 66), h(k, 67),
			h(k, 68), h(k, 69), h(k, 70), h(k, 71)),
			ds.TenantID, pgdialect.Array(types), pgdialect.Array(titles),
			pgdialect.Array(ds.RepIDs), pgdialect.Array(durations), pgdialect.Array(activityComments), len(activityComments),
			len(ds.RepIDs), size.activities); err != nil {
			return err
		}
		if err := rebuildIndexes(step, indexes); err != nil {
			return err
		}
		for _, k := range keys {
			if err := step("key "+k.Name, fmt.Sprintf("ALTER TABLE activities ADD CONSTRAINT %s %s", k.Name, k.Def)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	t := time.Now()
	for _, table := range []string{"activities", "activity_types"} {
		if _, err := owner.ExecContext(ctx, "VACUUM (ANALYZE) "+table); err != nil {
			return fmt.Errorf("bench: vacuum %s: %w", table, err)
		}
	}
	logf("  vacuum and analyze in %s", time.Since(t).Round(time.Millisecond))
	return nil
}

// dropKeys drops the primary, unique and foreign keys of table (which no other table may refer to) and returns
// their definitions (read from the catalogue) in the order to add them again after a bulk load: an added key builds
// its index in one sort, and a foreign key checks all rows in one join instead of one lookup per row.
func dropKeys(ctx context.Context, tx bun.Tx, table string) ([]index, error) {
	var keys []index
	if err := tx.NewRaw(`SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
		WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'f')
		ORDER BY CASE contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 ELSE 2 END, conname`, table).Scan(ctx, &keys); err != nil {
		return nil, fmt.Errorf("bench: list keys: %w", err)
	}
	for _, k := range keys {
		if _, err := tx.NewRaw("ALTER TABLE ? DROP CONSTRAINT ?", bun.Ident(table), bun.Ident(k.Name)).Exec(ctx); err != nil {
			return nil, fmt.Errorf("bench: drop key %s: %w", k.Name, err)
		}
	}
	return keys, nil
}

// verifyActivities checks a sample of the generated activities against the service's rules for an activity a
// rep plans: its type is one of the tenant's types and not archived, its duration within bounds, and every
// linked record one the rep may see (record.Check with the rep as actor, as the service checks a link); a
// deal's activity names the deal's person or organisation; done ones were due before they were done, and
// nothing was done or created after the generation.
func verifyActivities(ctx context.Context, owner bun.IDB, ds *dataset) error {
	var rows []struct {
		ID             uuid.UUID  `bun:"id"`
		Assignee       uuid.UUID  `bun:"assignee_id"`
		Type           uuid.UUID  `bun:"type_id"`
		Duration       int        `bun:"duration_minutes"`
		Done           bool       `bun:"done"`
		DueAt          time.Time  `bun:"due_at"`
		DoneAt         *time.Time `bun:"done_at"`
		CreatedAt      time.Time  `bun:"created_at"`
		PersonID       *uuid.UUID `bun:"person_id"`
		OrganizationID *uuid.UUID `bun:"organization_id"`
		DealID         *uuid.UUID `bun:"deal_id"`
		DealParty      bool       `bun:"deal_party"`
	}
	if err := owner.NewRaw(`SELECT a.id, a.assignee_id, a.type_id, a.duration_minutes, a.done, a.due_at, a.done_at, a.created_at,
			a.person_id, a.organization_id, a.deal_id,
			a.deal_id IS NULL OR EXISTS (SELECT 1 FROM deals AS d WHERE d.id = a.deal_id
				AND d.person_id IS NOT DISTINCT FROM a.person_id AND (d.person_id IS NOT NULL OR d.organization_id = a.organization_id)) AS deal_party
		FROM activities AS a WHERE a.tenant_id = ? ORDER BY a.id LIMIT 500`, ds.TenantID).Scan(ctx, &rows); err != nil {
		return fmt.Errorf("bench: verify activities: %w", err)
	}
	types, err := activityTypes(ctx, owner, ds.TenantID)
	if err != nil {
		return err
	}
	var grants []api.Grant
	for _, r := range role.Defaults() {
		if r.Name == "Außendienst" {
			grants = r.Grants
		}
	}
	actors := map[uuid.UUID]*access.Actor{}
	links := 0
	for _, r := range rows {
		fail := func(format string, args ...any) error {
			return fmt.Errorf("bench: verify: activity %s: %s", r.ID, fmt.Sprintf(format, args...))
		}
		a := actors[r.Assignee]
		if a == nil {
			if !slices.Contains(ds.RepIDs, r.Assignee) {
				return fail("assigned to %s, not a rep", r.Assignee)
			}
			var unitID, roleID uuid.UUID
			if err := owner.NewRaw("SELECT unit_id, role_id FROM users WHERE id = ?", r.Assignee).Scan(ctx, &unitID, &roleID); err != nil {
				return fmt.Errorf("bench: verify: rep %s: %w", r.Assignee, err)
			}
			a = access.NewActor(ds.TenantID, r.Assignee, uuid.Nil, unitID, roleID, []uuid.UUID{unitID}, false, grants)
			actors[r.Assignee] = a
		}
		if !slices.Contains(types, r.Type) {
			return fail("type %s is not a default type of the tenant", r.Type)
		}
		if r.Duration < 0 || r.Duration > activity.MaxDuration {
			return fail("duration %d minutes", r.Duration)
		}
		if r.Done && (r.DoneAt == nil || r.DoneAt.Before(r.DueAt) || r.DoneAt.After(ds.ActivitiesAt)) {
			return fail("done at %v, due at %v, generated at %v", r.DoneAt, r.DueAt, ds.ActivitiesAt)
		}
		if (!r.Done && r.DoneAt != nil) || r.CreatedAt.After(ds.ActivitiesAt) || r.CreatedAt.After(r.DueAt) {
			return fail("done %v at %v, created at %v, due at %v", r.Done, r.DoneAt, r.CreatedAt, r.DueAt)
		}
		if !r.DealParty {
			return fail("linked to deal %s, but not to its person or organisation", r.DealID)
		}
		for _, l := range []struct {
			rt api.RecordType
			id *uuid.UUID
		}{{api.RecordPerson, r.PersonID}, {api.RecordOrganization, r.OrganizationID}, {api.RecordDeal, r.DealID}} {
			if l.id == nil {
				continue
			}
			k, _ := record.KindOf(l.rt)
			if _, err := record.Check(ctx, owner, a, k, *l.id, api.ActionView); err != nil {
				return fail("its rep may not see the linked %s %s: %v", l.rt, *l.id, err)
			}
			links++
		}
	}
	logf("verified %d generated activities (types, durations, dates and %d links the rep may see)", len(rows), links)
	return nil
}

// ------------------------------------------------------------- dashboard ----

// dashboard measures POST /api/v1/dashboard {scope: team} as the sales manager, whose unit tree holds all 50
// reps: the funnel of the first deal pipeline, won and lost deals this month and quarter, leads, deals closing in
// the next 30 days, activities due today, overdue and done this week per user. Before measuring, it checks the
// dashboard's figures against the deals and activities counted directly (as the owner, outside the service; every
// deal and activity belongs to a rep, so the manager sees them all).
func (b *bench) dashboard(ctx context.Context, token string) (*figures, error) {
	body, _ := json.Marshal(api.DashboardQuery{Scope: api.DashboardTeam})
	send := func(ctx context.Context, body []byte, keep bool) ([]byte, error) {
		status, _, raw, err := b.http.call(ctx, http.MethodPost, "/api/v1/dashboard", token, body, nil, keep)
		return raw, expect(status, raw, err, http.StatusOK, "POST /api/v1/dashboard")
	}
	// The figures depend on the time (what is overdue, what is this week); a check that straddles a quarter hour
	// (activities are due on the quarter hour) or midnight is repeated.
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		var raw []byte
		if raw, err = send(ctx, body, true); err != nil {
			return nil, err
		}
		var d api.Dashboard
		if err = json.Unmarshal(raw, &d); err != nil {
			return nil, fmt.Errorf("dashboard_manager: %w", err)
		}
		var summary string
		if summary, err = b.checkDashboard(ctx, &d); err == nil {
			logf("dashboard_manager: %s (%d KB per response) match the deals and activities tables", summary, len(raw)/1024)
			break
		}
		logf("dashboard_manager: check %d: %v", attempt, err)
	}
	if err != nil {
		return nil, err
	}
	return b.recorded(ctx, "dashboard_manager", [][]byte{body}, func(ctx context.Context, body []byte) error {
		_, err := send(ctx, body, false)
		return err
	})
}

// checkDashboard compares the dashboard's figures with direct counts over the reps' deals and activities, at the
// dashboard's time; it returns a summary of the figures.
func (b *bench) checkDashboard(ctx context.Context, d *api.Dashboard) (string, error) {
	reps := pgdialect.Array(b.ds.RepIDs)
	now := d.GeneratedAt
	today := activity.StartOfDay(now)
	week := activity.StartOfWeek(now)
	month := today.AddDate(0, 0, 1-today.Day())
	quarter := time.Date(today.Year(), time.Month((int(today.Month())-1)/3*3+1), 1, 0, 0, 0, 0, today.Location())
	type total struct {
		N     int    `bun:"n"`
		Value string `bun:"value"`
	}
	closed := func(status string, from, to time.Time) (total, error) {
		var t total
		err := b.owner.NewRaw(`SELECT count(*) AS n, coalesce(sum(value), 0)::numeric(16,2)::text AS value FROM deals
			WHERE tenant_id = ? AND owner_id = ANY(?) AND deleted_at IS NULL AND status = ? AND closed_at >= ? AND closed_at < ?`,
			b.ds.TenantID, reps, status, from, to).Scan(ctx, &t)
		return t, err
	}
	same := func(what string, f api.Figure, t total) error {
		if f.Count != t.N || f.Value != t.Value {
			return fmt.Errorf("%s: the dashboard shows %d deals worth %s, the deals table holds %d worth %s", what, f.Count, f.Value, t.N, t.Value)
		}
		return nil
	}
	for _, c := range []struct {
		what     string
		f        api.Figure
		status   string
		from, to time.Time
	}{
		{"won this month", d.Month.Won, "won", month, month.AddDate(0, 1, 0)},
		{"lost this month", d.Month.Lost, "lost", month, month.AddDate(0, 1, 0)},
		{"won this quarter", d.Quarter.Won, "won", quarter, quarter.AddDate(0, 3, 0)},
		{"lost this quarter", d.Quarter.Lost, "lost", quarter, quarter.AddDate(0, 3, 0)},
	} {
		t, err := closed(c.status, c.from, c.to)
		if err != nil {
			return "", fmt.Errorf("dashboard_manager: count %s: %w", c.what, err)
		}
		if err := same(c.what, c.f, t); err != nil {
			return "", err
		}
	}
	var soon total
	if err := b.owner.NewRaw(`SELECT count(*) AS n, coalesce(sum(value), 0)::numeric(16,2)::text AS value FROM deals
		WHERE tenant_id = ? AND owner_id = ANY(?) AND deleted_at IS NULL AND status = 'open' AND expected_close BETWEEN ?::date AND ?::date`,
		b.ds.TenantID, reps, today.Format("2006-01-02"), today.AddDate(0, 0, 30).Format("2006-01-02")).Scan(ctx, &soon); err != nil {
		return "", fmt.Errorf("dashboard_manager: count closing soon: %w", err)
	}
	if err := same("closing in 30 days", d.ClosingSoon, soon); err != nil {
		return "", err
	}

	// The funnel: the open deals per stage of the first pipeline.
	p := b.ds.Pipelines[0]
	if d.PipelineID != p.ID.String() {
		return "", fmt.Errorf("dashboard_manager: funnel of pipeline %s (%s), want %s (%s)", d.PipelineID, d.PipelineName, p.ID, p.Name)
	}
	stages, err := openPerStage(ctx, b.owner, p.ID, b.ds.RepIDs)
	if err != nil {
		return "", fmt.Errorf("dashboard_manager: count the funnel: %w", err)
	}
	if len(d.Funnel) != len(stages) {
		return "", fmt.Errorf("dashboard_manager: %d funnel stages, want %d", len(d.Funnel), len(stages))
	}
	open := 0
	for i, s := range d.Funnel {
		w := stages[i]
		if s.StageID != w.Stage || s.Count != w.N || s.Value != w.Total || s.Weighted != w.Weighted {
			return "", fmt.Errorf("dashboard_manager: funnel stage %q shows %d deals worth %s (weighted %s), the deals table holds %d worth %s (%s)",
				s.Name, s.Count, s.Value, s.Weighted, w.N, w.Total, w.Weighted)
		}
		open += s.Count
	}
	// The pipeline per rep: its rows add up to the funnel, stage by stage.
	perStage := make([]int, len(d.Funnel))
	for _, r := range d.PipelineByRep {
		if len(r.Stages) != len(d.Funnel) {
			return "", fmt.Errorf("dashboard_manager: %s has %d cells for %d stages", r.UserName, len(r.Stages), len(d.Funnel))
		}
		for i, c := range r.Stages {
			perStage[i] += c.Count
		}
	}
	for i, s := range d.Funnel {
		if perStage[i] != s.Count {
			return "", fmt.Errorf("dashboard_manager: the reps' rows hold %d deals in stage %q, the funnel %d", perStage[i], s.Name, s.Count)
		}
	}

	// Activities: due today and open, overdue, done this week per rep.
	var due struct {
		Today   int `bun:"today"`
		Overdue int `bun:"overdue"`
	}
	if err := b.owner.NewRaw(`SELECT count(*) FILTER (WHERE due_at >= ?0) AS today, count(*) FILTER (WHERE due_at < ?2) AS overdue
		FROM activities WHERE tenant_id = ?3 AND assignee_id = ANY(?4) AND NOT done AND due_at < ?1`,
		today, today.AddDate(0, 0, 1), now, b.ds.TenantID, reps).Scan(ctx, &due.Today, &due.Overdue); err != nil {
		return "", fmt.Errorf("dashboard_manager: count activities: %w", err)
	}
	if d.DueToday.Count != due.Today || d.Overdue.Count != due.Overdue {
		return "", fmt.Errorf("dashboard_manager: the dashboard shows %d activities due today and %d overdue, the activities table holds %d and %d",
			d.DueToday.Count, d.Overdue.Count, due.Today, due.Overdue)
	}
	var done []struct {
		Assignee uuid.UUID `bun:"assignee_id"`
		N        int       `bun:"n"`
	}
	if err := b.owner.NewRaw(`SELECT assignee_id, count(*) AS n FROM activities
		WHERE tenant_id = ? AND assignee_id = ANY(?) AND done AND done_at >= ? AND done_at < ? GROUP BY assignee_id`,
		b.ds.TenantID, reps, week, week.AddDate(0, 0, 7)).Scan(ctx, &done); err != nil {
		return "", fmt.Errorf("dashboard_manager: count done activities: %w", err)
	}
	want := map[string]int{}
	doneWeek := 0
	for _, r := range done {
		want[r.Assignee.String()] = r.N
		doneWeek += r.N
	}
	shown := 0
	for _, u := range d.DoneThisWeek {
		if u.Done.Count != want[u.UserID] {
			return "", fmt.Errorf("dashboard_manager: %s did %d activities this week on the dashboard, %d in the activities table", u.UserName, u.Done.Count, want[u.UserID])
		}
		shown += u.Done.Count
	}
	if shown != doneWeek || len(d.DoneThisWeek) < len(b.ds.RepIDs) {
		return "", fmt.Errorf("dashboard_manager: done this week: %d users with %d activities, want at least %d reps with %d",
			len(d.DoneThisWeek), shown, len(b.ds.RepIDs), doneWeek)
	}
	return fmt.Sprintf("funnel of %q (%d open deals in %d stages), won this month %d, closing in 30 days %d, activities due today %d, overdue %d, done this week %d by %d users",
		p.Name, open, len(d.Funnel), d.Month.Won.Count, d.ClosingSoon.Count, d.DueToday.Count, d.Overdue.Count, doneWeek, len(d.DoneThisWeek)), nil
}

// dashboardWorkload runs dashboard and checks its target (issue 5).
func (b *bench) dashboardWorkload(ctx context.Context, manager string) error {
	f, err := b.dashboard(ctx, manager)
	if err != nil {
		return err
	}
	b.target(f.c16.pct(0.99) < 100, "dashboard_manager c16 p99 < 100 ms (%.2f ms)", f.c16.pct(0.99))
	return nil
}
