package seed_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/geo/gazetteer"
	"github.com/1sales/app/backend/internal/mapview"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// The demo company's addresses get positions on the first run without any network: the seed only queues them
// (through the services), and the worker places them with the offline gazetteer.
func TestDemoRecordsGetPositionsWithoutNetwork(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	if err := seed.Demo(ctx, d.Owner, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	var queued int
	if err := d.Owner.NewRaw("SELECT count(*) FROM geocode_jobs").Scan(ctx, &queued); err != nil || queued == 0 {
		t.Fatalf("the seed queued %d addresses (%v)", queued, err)
	}
	gz, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	w := geo.NewWorker(d.App, geo.New(d.App, geo.Options{Offline: gz}), geo.WorkerOptions{}, nil)
	for {
		n, err := w.Step(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	var rows []struct {
		Name      string  `bun:"name"`
		City      string  `bun:"city"`
		Postal    string  `bun:"postal_code"`
		Precision *string `bun:"geo_precision"`
		Source    *string `bun:"geo_source"`
	}
	if err := d.Owner.NewRaw(`SELECT name, city, postal_code, geo_precision, geo_source FROM organizations WHERE city <> ''
		UNION ALL SELECT title, city, postal_code, geo_precision, geo_source FROM leads WHERE city <> ''`).Scan(ctx, &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) < 8 {
		t.Fatalf("%d demo records with a city", len(rows))
	}
	for _, r := range rows {
		// Offline, the postal code's centre where the record has one, else the city.
		want := "city"
		if r.Postal != "" {
			want = "postal_code"
		}
		if r.Precision == nil || *r.Precision != want || *r.Source != "gazetteer" {
			t.Errorf("%s (%s %s): precision %v source %v, want %s", r.Name, r.Postal, r.City, deref(r.Precision), deref(r.Source), want)
		}
	}

	// The person map of the demo company shows every person: those without an address of their own at their
	// organisation, the others at their own address.
	var tenantID uuid.UUID
	var persons int
	if err := d.Owner.NewRaw("SELECT tenant_id, count(*) FROM persons GROUP BY tenant_id").Scan(ctx, &tenantID, &persons); err != nil {
		t.Fatal(err)
	}
	admin := access.NewActor(tenantID, uuid.New(), uuid.New(), uuid.New(), uuid.New(), nil, true,
		role.Matrix(func(api.RecordType, api.Action) api.Scope { return api.ScopeAll }))
	m, err := mapview.NewService(d.App, nil).Markers(person.NewService(d.App).ListSpec())(ctx, admin, api.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	placed := map[api.PlacedAt]int{}
	for _, it := range m.Items {
		placed[it.PlacedAt]++
	}
	if len(m.Items) != persons || persons != 12 || placed[api.PlacedOwn] != 2 || placed[api.PlacedOrganization] != 10 {
		t.Fatalf("%d of %d persons on the map: %v", len(m.Items), persons, placed)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
