package access_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// The scoping mechanism against real rows: a stand-in record table owned by the demo users, queried through
// Restrict as each kind of grant.
func TestRestrictNarrowsQueriesByScope(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	demo, err := seed.Provision(ctx, d.Owner, seed.DemoTenant())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Owner.ExecContext(ctx, `CREATE TABLE things (id text PRIMARY KEY, tenant_id uuid NOT NULL, owner_id uuid NOT NULL);
		GRANT SELECT ON things TO `+testdb.AppRole); err != nil {
		t.Fatal(err)
	}
	owners := map[string]string{
		"jonas-1": "jonas.schmidt@nordlicht.example", "jonas-2": "jonas.schmidt@nordlicht.example",
		"lena-1": "lena.fischer@nordlicht.example", "sabine-1": "sabine.wagner@nordlicht.example",
		"markus-1": "markus.weber@nordlicht.example",
	}
	for id, email := range owners {
		if _, err := d.Owner.NewRaw("INSERT INTO things VALUES (?, ?, ?)", id, demo.TenantID, demo.Users[email]).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	unitTree := func(names ...string) []uuid.UUID {
		var ids []uuid.UUID
		for _, n := range names {
			ids = append(ids, demo.Units[n])
		}
		return ids
	}
	actor := func(email, unit string, tree []uuid.UUID, scope api.Scope) *access.Actor {
		return access.NewActor(demo.TenantID, demo.Users[email], uuid.New(), demo.Units[unit], uuid.New(), tree, false,
			[]api.Grant{{RecordType: api.RecordDeal, Action: api.ActionView, Scope: scope}})
	}
	manager := actor("markus.weber@nordlicht.example", "Vertriebsleitung",
		unitTree("Vertriebsleitung", "Außendienst Nord", "Außendienst Süd", "Innendienst"), api.ScopeUnit)
	nordLead := actor("jonas.schmidt@nordlicht.example", "Außendienst Nord", unitTree("Außendienst Nord"), api.ScopeUnit)
	cases := []struct {
		name  string
		actor *access.Actor
		want  []string
	}{
		{"own", actor("jonas.schmidt@nordlicht.example", "Außendienst Nord", unitTree("Außendienst Nord"), api.ScopeOwn), []string{"jonas-1", "jonas-2"}},
		{"unit tree of a manager", manager, []string{"jonas-1", "jonas-2", "lena-1", "markus-1", "sabine-1"}},
		{"unit without sub-units", nordLead, []string{"jonas-1", "jonas-2"}},
		{"all", actor("sabine.wagner@nordlicht.example", "Innendienst", unitTree("Innendienst"), api.ScopeAll), []string{"jonas-1", "jonas-2", "lena-1", "markus-1", "sabine-1"}},
		{"none", actor("sabine.wagner@nordlicht.example", "Innendienst", unitTree("Innendienst"), api.ScopeNone), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			err := db.InTenant(ctx, d.App, demo.TenantID, func(ctx context.Context, tx bun.Tx) error {
				q := tx.NewSelect().Table("things").Column("id").OrderExpr("id")
				tc.actor.Restrict(q.QueryBuilder(), api.RecordDeal, api.ActionView, "things.owner_id")
				return q.Scan(ctx, &got)
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			// RestrictSQL is the same condition as text (a sort key or a column reads a linked record with it).
			var viaText []string
			err = db.InTenant(ctx, d.App, demo.TenantID, func(ctx context.Context, tx bun.Tx) error {
				return tx.NewSelect().Table("things").Column("id").OrderExpr("id").
					Where(tc.actor.RestrictSQL(api.RecordDeal, api.ActionView, "things.owner_id")).Scan(ctx, &viaText)
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(viaText, tc.want) {
				t.Fatalf("RestrictSQL: got %v, want %v", viaText, tc.want)
			}
			// A grant for one record type and action says nothing about others.
			if s := tc.actor.Scope(api.RecordLead, api.ActionView); s != api.ScopeNone {
				t.Fatalf("lead scope %s", s)
			}
		})
	}
	if !manager.Allows(api.RecordDeal, api.ActionView, demo.Users["lena.fischer@nordlicht.example"], demo.Units["Außendienst Süd"]) {
		t.Error("manager must be allowed in a unit below")
	}
	if nordLead.Allows(api.RecordDeal, api.ActionView, demo.Users["lena.fischer@nordlicht.example"], demo.Units["Außendienst Süd"]) {
		t.Error("Nord must not reach Süd")
	}
}

// Within narrows only the view scope of its record type, to the narrower of view and the action.
func TestWithinNarrowsTheViewScopeOfOneTypeToTheAction(t *testing.T) {
	grants := func(view, export api.Scope) []api.Grant {
		return []api.Grant{{RecordType: api.RecordPerson, Action: api.ActionView, Scope: view},
			{RecordType: api.RecordPerson, Action: api.ActionExport, Scope: export},
			{RecordType: api.RecordOrganization, Action: api.ActionView, Scope: api.ScopeAll}}
	}
	for _, tc := range []struct{ view, export, want api.Scope }{
		{api.ScopeAll, api.ScopeAll, api.ScopeAll},
		{api.ScopeAll, api.ScopeUnit, api.ScopeUnit},
		{api.ScopeUnit, api.ScopeAll, api.ScopeUnit},
		{api.ScopeOwn, api.ScopeUnit, api.ScopeOwn},
		{api.ScopeAll, api.ScopeNone, api.ScopeNone},
		{api.ScopeNone, api.ScopeAll, api.ScopeNone},
	} {
		a := access.NewActor(uuid.New(), uuid.New(), uuid.New(), uuid.New(), uuid.New(), nil, false, grants(tc.view, tc.export))
		w := a.Within(api.RecordPerson, api.ActionExport)
		if got := w.Scope(api.RecordPerson, api.ActionView); got != tc.want {
			t.Errorf("view %s, export %s: %s, want %s", tc.view, tc.export, got, tc.want)
		}
		if a.Scope(api.RecordPerson, api.ActionView) != tc.view {
			t.Errorf("the actor itself changed")
		}
		if w.Scope(api.RecordOrganization, api.ActionView) != api.ScopeAll || w.Scope(api.RecordPerson, api.ActionExport) != tc.export {
			t.Errorf("other cells changed")
		}
	}
}
