package seed_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/testdb"
)

func TestDemoSeedsOnceAndKeepsData(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	for range 2 {
		if err := seed.Demo(ctx, d.Owner, log); err != nil {
			t.Fatal(err)
		}
	}
	var users, persons, orgs, members, fields, history int
	if err := d.Owner.NewRaw(`SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM persons), (SELECT count(*) FROM organizations),
		(SELECT count(*) FROM memberships), (SELECT count(*) FROM custom_fields), (SELECT count(*) FROM history WHERE action = 'created')`).
		Scan(ctx, &users, &persons, &orgs, &members, &fields, &history); err != nil {
		t.Fatal(err)
	}
	if users != 5 || persons != 12 || orgs != 8 || members != 12 || fields != 3 || history != 36 {
		t.Fatalf("users %d persons %d orgs %d memberships %d fields %d created entries %d", users, persons, orgs, members, fields, history)
	}
	var pipelines, stages int
	if err := d.Owner.NewRaw(`SELECT (SELECT count(*) FROM pipelines), (SELECT count(*) FROM stages s JOIN pipelines p ON p.id = s.pipeline_id
		WHERE p.name = 'Bestellung auf Rechnung')`).Scan(ctx, &pipelines, &stages); err != nil || pipelines != 2 || stages != 5 {
		t.Fatalf("pipelines %d, stages of Bestellung auf Rechnung %d (%v)", pipelines, stages, err)
	}
	var deals, leads int
	if err := d.Owner.NewRaw("SELECT (SELECT count(*) FROM deals), (SELECT count(*) FROM leads)").Scan(ctx, &deals, &leads); err != nil || deals != 11 || leads != 5 {
		t.Fatalf("deals %d leads %d (%v)", deals, leads, err)
	}
	var types, activities, overdue, won, lost int
	if err := d.Owner.NewRaw(`SELECT (SELECT count(*) FROM activity_types), (SELECT count(*) FROM activities),
		(SELECT count(*) FROM activities WHERE NOT done AND due_at < now()), (SELECT count(*) FROM deals WHERE status = 'won'),
		(SELECT count(*) FROM deals WHERE status = 'lost')`).Scan(ctx, &types, &activities, &overdue, &won, &lost); err != nil ||
		types != 5 || activities != 12 || overdue < 2 || won != 2 || lost != 1 {
		t.Fatalf("activity types %d activities %d overdue %d won %d lost %d (%v)", types, activities, overdue, won, lost, err)
	}
	// The seeded search texts are the service's: an umlaut spelling of the organisation's own, and persons' hold
	// their own fields only (a search finds them through their organisation by the list's links).
	var own, linked int
	if err := d.Owner.NewRaw(`SELECT (SELECT count(*) FROM organizations WHERE search_text LIKE '%mueller buerobedarf%'),
		(SELECT count(*) FROM persons WHERE search_text LIKE '%buerobedarf%')`).Scan(ctx, &own, &linked); err != nil || own != 1 || linked != 0 {
		t.Fatalf("search text: organisations %d persons %d %v", own, linked, err)
	}
}
