package geo_test

import (
	"context"
	"math"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/geo/gazetteer"
	"github.com/1sales/app/backend/internal/geo/geotest"
	"github.com/1sales/app/backend/internal/geo/nominatim"
	"github.com/1sales/app/backend/internal/organization"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// env is a migrated database with the demo tenant, a local Nominatim, and a geocoder and worker on the
// application role's pool.
type env struct {
	t       *testing.T
	d       *testdb.DB
	srv     *geotest.Nominatim
	g       *geo.Geocoder
	w       *geo.Worker
	admin   *access.Actor
	tenant  uuid.UUID
	orgs    *organization.Service
	timeout time.Duration
	// interval spaces the online requests (short here; the app's test holds the one-second limit across instances).
	interval time.Duration
}

func newEnv(t *testing.T, online bool) *env {
	t.Helper()
	d := testdb.New(t)
	prov, err := seed.Provision(context.Background(), d.Owner, seed.DemoTenant())
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, d: d, srv: geotest.New(t), tenant: prov.TenantID, orgs: organization.NewService(d.App), timeout: time.Second,
		interval: 50 * time.Millisecond}
	all := role.Matrix(func(api.RecordType, api.Action) api.Scope { return api.ScopeAll })
	adminID := prov.Users[seed.DemoTenant().Users[0].Email]
	e.admin = access.NewActor(prov.TenantID, adminID, uuid.Nil, prov.Units["Vertriebsleitung"], uuid.Nil,
		[]uuid.UUID{prov.Units["Vertriebsleitung"]}, true, all)
	e.g, e.w = e.geocoder(d.App, online)
	return e
}

func (e *env) geocoder(pool *bun.DB, online bool) (*geo.Geocoder, *geo.Worker) {
	gz, err := gazetteer.Load()
	if err != nil {
		e.t.Fatal(err)
	}
	opts := geo.Options{Offline: gz, Interval: e.interval}
	if online {
		c, err := nominatim.New(e.srv.URL, "1sales-test/1.0", e.timeout)
		if err != nil {
			e.t.Fatal(err)
		}
		opts.Online = c
	}
	g := geo.New(pool, opts)
	return g, geo.NewWorker(pool, g, geo.WorkerOptions{Backoff: 200 * time.Millisecond, MaxAttempts: 3}, nil)
}

func (e *env) createOrg(name string, addr api.Address) uuid.UUID {
	e.t.Helper()
	o, err := e.orgs.Create(context.Background(), e.admin, api.OrganizationCreate{Name: name, Address: addr})
	if err != nil {
		e.t.Fatalf("create %s: %v", name, err)
	}
	return o.ID
}

func (e *env) patchOrg(id uuid.UUID, in api.OrganizationPatch) {
	e.t.Helper()
	o, err := e.orgs.Get(context.Background(), e.admin, id)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.orgs.Update(context.Background(), e.admin, id, o.Version, in); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) position(id uuid.UUID) *api.Position {
	e.t.Helper()
	o, err := e.orgs.Get(context.Background(), e.admin, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return o.API().Position
}

// work runs the worker until the queue has no due job.
func (e *env) work() {
	e.t.Helper()
	for range 50 {
		n, err := e.w.Step(context.Background())
		if err != nil {
			e.t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	e.t.Fatal("the queue does not drain")
}

func (e *env) jobs() int {
	e.t.Helper()
	var n int
	if err := e.d.Owner.NewRaw("SELECT count(*) FROM geocode_jobs").Scan(context.Background(), &n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

func inMunich(p *api.Position) bool {
	return p != nil && math.Abs(p.Lat-48.137) < 0.1 && math.Abs(p.Lng-11.575) < 0.1
}

func TestResultsAreStoredWithPrecisionAndSource(t *testing.T) {
	e := newEnv(t, true)
	id := e.createOrg("Marienplatz GmbH", api.Address{Street: "Marienplatz 8", PostalCode: "80331", City: "München", Country: "DE"})
	if p := e.position(id); p != nil {
		t.Fatalf("position before the worker ran: %+v", p)
	}
	if e.jobs() != 1 {
		t.Fatalf("%d jobs queued, want 1", e.jobs())
	}
	e.work()
	p := e.position(id)
	if !inMunich(p) || p.Precision != api.PrecisionAddress || p.Source != api.GeoNominatim || p.GeocodedAt.IsZero() {
		t.Fatalf("position %+v", p)
	}
	if e.jobs() != 0 || e.srv.Count() != 1 {
		t.Fatalf("%d jobs left, %d requests", e.jobs(), e.srv.Count())
	}
}

func TestChangedAddressIsGeocodedAgainUnchangedIsNot(t *testing.T) {
	e := newEnv(t, true)
	id := e.createOrg("Bäckerei Huber", api.Address{Street: "Leopoldstraße 12", PostalCode: "80802", City: "München", Country: "DE"})
	e.work()
	if e.srv.Count() != 1 {
		t.Fatalf("%d requests", e.srv.Count())
	}
	// Other fields, and the same address spelt differently, are not geocoded again.
	e.patchOrg(id, api.OrganizationPatch{Industry: ptr("Lebensmittel")})
	e.patchOrg(id, api.OrganizationPatch{Address: &api.Address{Street: "Leopoldstr. 12", PostalCode: "80802", City: "MÜNCHEN", Country: "de"}})
	if e.jobs() != 0 {
		t.Fatalf("an unchanged address was queued")
	}
	e.work()
	if e.srv.Count() != 1 || !inMunich(e.position(id)) {
		t.Fatalf("%d requests, position %+v", e.srv.Count(), e.position(id))
	}
	// Another organisation at the same address is answered from the cache.
	other := e.createOrg("Nachbar KG", api.Address{Street: "Leopoldstraße 12", PostalCode: "80802", City: "München", Country: "DE"})
	e.work()
	if e.srv.Count() != 1 || e.position(other) == nil {
		t.Fatalf("%d requests, position %+v", e.srv.Count(), e.position(other))
	}
	// A move is geocoded again; until then the record has no position.
	e.patchOrg(id, api.OrganizationPatch{Address: &api.Address{Street: "Jungfernstieg 1", PostalCode: "20095", City: "Hamburg", Country: "DE"}})
	if p := e.position(id); p != nil {
		t.Fatalf("the old position stayed after the move: %+v", p)
	}
	e.work()
	p := e.position(id)
	if e.srv.Count() != 2 || p == nil || math.Abs(p.Lat-53.55) > 0.1 {
		t.Fatalf("%d requests, position %+v", e.srv.Count(), p)
	}
	// Removing the address removes the position and queues nothing.
	e.patchOrg(id, api.OrganizationPatch{Address: &api.Address{}})
	if p := e.position(id); p != nil || e.jobs() != 0 {
		t.Fatalf("position %+v, %d jobs", p, e.jobs())
	}
}

func TestProviderFailureFallsBackToTheGazetteerAndIsRetried(t *testing.T) {
	for _, tc := range []struct {
		name   string
		break_ func(*geotest.Nominatim)
	}{
		{"HTTP 500", func(s *geotest.Nominatim) { s.Fail(http.StatusInternalServerError) }},
		{"HTTP 429", func(s *geotest.Nominatim) { s.Fail(http.StatusTooManyRequests) }},
		{"timeout", func(s *geotest.Nominatim) { s.Stall(3 * time.Second) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, false)
			e.timeout = 300 * time.Millisecond
			e.g, e.w = e.geocoder(e.d.App, true)
			tc.break_(e.srv)
			id := e.createOrg("Augsburger Druck", api.Address{Street: "Maximilianstraße 1", PostalCode: "86150", City: "Augsburg", Country: "DE"})
			e.work()
			p := e.position(id)
			if p == nil || p.Source != api.GeoGazetteer || p.Precision != api.PrecisionPostalCode || math.Abs(p.Lat-48.37) > 0.1 {
				t.Fatalf("position %+v, want the gazetteer's Augsburg 86150", p)
			}
			if e.jobs() != 1 {
				t.Fatalf("%d jobs: the failed address must stay queued for a retry", e.jobs())
			}
			// The service is back: after the backoff the retry finds the address itself.
			e.srv.Fail(0)
			e.srv.Stall(0)
			time.Sleep(300 * time.Millisecond)
			e.work()
			p = e.position(id)
			if p == nil || p.Source != api.GeoNominatim || p.Precision != api.PrecisionAddress || e.jobs() != 0 {
				var dbg []map[string]any
				_ = e.d.Owner.NewRaw("SELECT attempts, next_attempt_at, clock_timestamp() AS now, last_error FROM geocode_jobs").Scan(context.Background(), &dbg)
				t.Fatalf("after the retry: %+v, %d jobs %v requests %d", p, e.jobs(), dbg, e.srv.Count())
			}
		})
	}
}

func TestRetriesEndWithNotFound(t *testing.T) {
	e := newEnv(t, true)
	e.srv.Fail(http.StatusServiceUnavailable)
	id := e.createOrg("Nirgendwo AG", api.Address{Street: "Hauptstraße 1", City: "Nirgendwohausen", Country: "DE"})
	for range 3 {
		e.work()
		time.Sleep(900 * time.Millisecond)
	}
	e.work()
	p := e.position(id)
	if p == nil || p.Precision != api.PrecisionNotFound || e.jobs() != 0 {
		t.Fatalf("position %+v, %d jobs", p, e.jobs())
	}
}

func TestLimiterSpacesRequestsAcrossInstances(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	const interval = 250 * time.Millisecond
	var mu sync.Mutex
	var sent []time.Time
	var wg sync.WaitGroup
	for i := range 2 {
		pool, err := db.Open(ctx, d.AppURL, nil) // a pool per instance
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { pool.Close() })
		l := geo.NewLimiter(pool, "nominatim:test", interval)
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 2 {
					if err := l.Do(ctx, func(context.Context) error {
						mu.Lock()
						sent = append(sent, time.Now())
						mu.Unlock()
						return nil
					}); err != nil {
						t.Errorf("instance %d: %v", i, err)
					}
				}
			}()
		}
	}
	wg.Wait()
	slices.SortFunc(sent, func(a, b time.Time) int { return a.Compare(b) })
	if len(sent) != 16 {
		t.Fatalf("%d requests", len(sent))
	}
	for i := 1; i < len(sent); i++ {
		if gap := sent[i].Sub(sent[i-1]); gap < interval-20*time.Millisecond {
			t.Fatalf("requests %d and %d only %s apart", i-1, i, gap)
		}
	}
}

func TestOddInputGivesNotFoundOrLessPrecisionNeverAnError(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	cases := []struct {
		name    string
		q       geo.Query
		want    []api.Precision
		request bool
	}{
		{"only a country", geo.Query{Address: api.Address{Country: "DE"}}, []api.Precision{api.PrecisionNotFound}, false},
		{"only a country as text", geo.Query{Text: "Deutschland"}, []api.Precision{api.PrecisionNotFound}, true},
		{"postal code of another country", geo.Query{Address: api.Address{PostalCode: "1010", City: "München", Country: "DE"}},
			[]api.Precision{api.PrecisionCity, api.PrecisionPostalCode}, true},
		{"control characters", geo.Query{Address: api.Address{Street: "\x00\x01\x1b[31m", City: "Mün\nchen\t", Country: "DE"}},
			[]api.Precision{api.PrecisionNotFound, api.PrecisionCity}, true},
		{"10 kB", geo.Query{Text: strings.Repeat("Ünïcødé ", 1250)}, []api.Precision{api.PrecisionNotFound}, true},
		{"invalid UTF-8", geo.Query{Address: api.Address{City: "M\xffnchen"}}, []api.Precision{api.PrecisionNotFound}, true},
		{"blank", geo.Query{Text: " \t\n "}, []api.Precision{api.PrecisionNotFound}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := e.srv.Count()
			res, err := e.g.Resolve(ctx, tc.q, geo.Mode{Worker: true})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(tc.want, res.Result.Precision) || !res.Final {
				t.Fatalf("got %+v (final %v), want one of %v", res.Result, res.Final, tc.want)
			}
			if asked := e.srv.Count() > before; asked != tc.request {
				t.Fatalf("asked the service: %v", asked)
			}
		})
	}
}

// untrackedOrg writes an organisation with an address in Köln by hand (as the owner), so that no geocoding job
// tracks it: as if written before positions existed.
func (e *env) untrackedOrg() uuid.UUID {
	e.t.Helper()
	var id uuid.UUID
	if err := e.d.Owner.NewRaw(`INSERT INTO organizations (tenant_id, owner_id, name, street, postal_code, city, country)
		VALUES (?, ?, 'Alt GmbH', 'Domplatz 1', '50667', 'Köln', 'DE') RETURNING id`, e.tenant, e.admin.UserID).Scan(context.Background(), &id); err != nil {
		e.t.Fatal(err)
	}
	return id
}

func TestBackfillTracksRecordsWrittenBeforePositionsExisted(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	id := e.untrackedOrg()
	n, err := e.w.Backfill(ctx, 100)
	if err != nil || n != 1 {
		t.Fatalf("backfill: %d, %v", n, err)
	}
	if n, _ := e.w.Backfill(ctx, 100); n != 0 {
		t.Fatalf("the second backfill found %d records", n)
	}
	e.work()
	p := e.position(id)
	if p == nil || p.Source != api.GeoGazetteer || math.Abs(p.Lat-50.93) > 0.1 {
		t.Fatalf("position %+v, want the gazetteer's Köln", p)
	}
}

func TestGeocodeOfflineGivesAPostalCodePositionAndCachesIt(t *testing.T) {
	e := newEnv(t, false)
	res, err := e.g.Geocode(context.Background(), "Marienplatz 1, 80331 München")
	if err != nil {
		t.Fatal(err)
	}
	if !inMunich(&res.Position) || res.Position.Precision != api.PrecisionPostalCode || res.Position.Source != api.GeoGazetteer {
		t.Fatalf("%+v", res)
	}
	r, ok, err := geo.Cached(context.Background(), e.d.App, geo.TextKey("marienplatz 1,  80331 MÜNCHEN"), true)
	if err != nil || !ok || !r.Found() {
		t.Fatalf("cache: %+v %v %v", r, ok, err)
	}
}

func ptr[T any](v T) *T { return &v }

func TestUpdatesOfUntrackedRecordsQueueOnlyAChangedAddress(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	id := e.untrackedOrg()
	e.patchOrg(id, api.OrganizationPatch{Industry: ptr("Handel")})
	var key *string
	if err := e.d.Owner.NewRaw("SELECT geo_key FROM organizations WHERE id = ?", id).Scan(ctx, &key); err != nil || key != nil || e.jobs() != 0 {
		t.Fatalf("an update without a new address tracked the record: key %v, %d jobs (%v)", key, e.jobs(), err)
	}
	e.patchOrg(id, api.OrganizationPatch{Address: &api.Address{Street: "Domplatz 1", PostalCode: "50667", City: "Köln", Country: "DE"}})
	if e.jobs() != 0 {
		t.Fatal("the same address was queued")
	}
	e.patchOrg(id, api.OrganizationPatch{Address: &api.Address{City: "Hamburg", Country: "DE"}})
	if e.jobs() != 1 {
		t.Fatalf("%d jobs after a move", e.jobs())
	}
}
