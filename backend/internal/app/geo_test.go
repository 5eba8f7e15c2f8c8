package app_test

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/geo/geotest"
	"github.com/1sales/app/shared/api"
)

// online points the backend at a local Nominatim-compatible server.
func online(srv *geotest.Nominatim, interval time.Duration) apptest.Option {
	return func(c *config.Config) {
		c.Geocoding = config.Geocoding{URL: srv.URL, UserAgent: "1sales-test/1.0", Timeout: 2 * time.Second,
			Interval: interval, Backoff: 200 * time.Millisecond}
	}
}

// drain runs the backend's geocoding worker until no job is due.
func drain(t *testing.T, env *apptest.Env) {
	t.Helper()
	for range 100 {
		n, err := env.App.GeocodeWorker().Step(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("the geocoding queue does not drain")
}

func near(p *api.Position, lat, lng, km float64) bool {
	if p == nil {
		return false
	}
	dy := (p.Lat - lat) * 111.2
	dx := (p.Lng - lng) * 111.2 * math.Cos(lat*math.Pi/180)
	return math.Hypot(dx, dy) <= km
}

const munichLat, munichLng = 48.137, 11.575

func TestOrganisationInMuenchenGetsAPositionInMuenchen(t *testing.T) {
	srv := geotest.New(t)
	for _, tc := range []struct {
		name      string
		opts      []apptest.Option
		precision api.Precision
		source    api.GeoSource
	}{
		{"online", []apptest.Option{online(srv, 50*time.Millisecond)}, api.PrecisionAddress, api.GeoNominatim},
		{"offline", nil, api.PrecisionPostalCode, api.GeoGazetteer},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := apptest.Start(t, tc.opts...)
			admin := signIn(t, env, apptest.Admin)
			org := admin.createOrg(api.OrganizationCreate{Name: "Müller Bürobedarf GmbH",
				Address: api.Address{Street: "Leopoldstraße 12", PostalCode: "80802", City: "München", Country: "DE"}})
			if org.Position != nil {
				t.Fatalf("position before geocoding: %+v", org.Position)
			}
			drain(t, env)
			var got api.Organization
			admin.call("GET", "/api/v1/organizations/"+org.ID, nil, 200, &got)
			p := got.Position
			if !near(p, munichLat, munichLng, 10) || p.Precision != tc.precision || p.Source != tc.source {
				t.Fatalf("position %+v", p)
			}
		})
	}
}

func TestPersonsAndLeadsAreGeocodedAgainOnlyWhenTheirAddressChanges(t *testing.T) {
	srv := geotest.New(t)
	env := apptest.Start(t, online(srv, 50*time.Millisecond))
	admin := signIn(t, env, apptest.Admin)
	p := admin.createPerson(api.PersonCreate{FirstName: "Katrin", LastName: "Huber",
		Address: api.Address{Street: "Marienplatz 8", PostalCode: "80331", City: "München", Country: "DE"}})
	pl := makePipeline(admin, api.RecordLead, "Anfragen", 10)
	var l api.Lead
	admin.call("POST", "/api/v1/leads", api.LeadCreate{Title: "Messe", PipelineID: pl.ID,
		Address: api.Address{Street: "Domplatz 1", PostalCode: "50667", City: "Köln", Country: "DE"}}, 201, &l)
	drain(t, env)
	if srv.Count() != 2 {
		t.Fatalf("%d requests, want 2", srv.Count())
	}
	admin.call("PATCH", "/api/v1/persons/"+p.ID, api.PersonPatch{JobTitle: ptr("Einkauf")}, 200, &p, "If-Match", etagOf(p.Version))
	admin.call("PATCH", "/api/v1/leads/"+l.ID, api.LeadPatch{Source: ptr("Messe")}, 200, &l, "If-Match", etagOf(l.Version))
	drain(t, env)
	if srv.Count() != 2 || p.Position == nil || l.Position == nil {
		t.Fatalf("unchanged addresses: %d requests, positions %+v %+v", srv.Count(), p.Position, l.Position)
	}
	admin.call("PATCH", "/api/v1/persons/"+p.ID, api.PersonPatch{Address: &api.Address{City: "Berlin", Country: "DE"}}, 200, &p, "If-Match", etagOf(p.Version))
	admin.call("PATCH", "/api/v1/leads/"+l.ID, api.LeadPatch{Address: &api.Address{City: "Hamburg", Country: "DE"}}, 200, &l, "If-Match", etagOf(l.Version))
	if p.Position != nil || l.Position != nil {
		t.Fatalf("changed addresses keep their old positions: %+v %+v", p.Position, l.Position)
	}
	drain(t, env)
	admin.call("GET", "/api/v1/persons/"+p.ID, nil, 200, &p)
	admin.call("GET", "/api/v1/leads/"+l.ID, nil, 200, &l)
	if srv.Count() != 4 || !near(p.Position, 52.52, 13.39, 10) || !near(l.Position, 53.55, 10.0, 10) || p.Position.Precision != api.PrecisionCity {
		t.Fatalf("%d requests, positions %+v %+v", srv.Count(), p.Position, l.Position)
	}
}

// TestRateLimitHoldsAcrossTwoInstances runs two backends on one database, each with its own pool, worker and
// HTTP server, and hammers both at once with new addresses (records to geocode in the background and free
// addresses to geocode at once): the Nominatim server never sees two requests closer than a second.
func TestRateLimitHoldsAcrossTwoInstances(t *testing.T) {
	srv := geotest.New(t)
	env := apptest.Start(t, online(srv, time.Second))
	pool, err := db.Open(context.Background(), env.DB.AppURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Close() })
	second := app.New(env.Config, pool, slog.New(slog.DiscardHandler))
	srv2 := httptest.NewServer(second.Handler())
	t.Cleanup(srv2.Close)
	servers := []string{env.Server.URL, srv2.URL}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var workers sync.WaitGroup
	for _, w := range []interface{ Run(context.Context) }{env.App.GeocodeWorker(), second.GeocodeWorker()} {
		workers.Add(1)
		go func() { defer workers.Done(); w.Run(ctx) }()
	}

	admin := signIn(t, env, apptest.Admin)
	streets := []string{"Marienplatz 1", "Leopoldstraße 2", "Sendlinger Straße 3", "Kaufingerstraße 4"}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	for i, street := range streets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := apptest.Request{Method: "POST", Path: "/api/v1/organizations", Token: admin.token,
				Body: api.OrganizationCreate{Name: fmt.Sprintf("Firma %d", i), Address: api.Address{Street: street, City: "München", Country: "DE"}}}
			if status := doAt(env, servers[i%2], req); status != http.StatusCreated {
				mu.Lock()
				failures = append(failures, fmt.Sprintf("create %d: %d", i, status))
				mu.Unlock()
			}
		}()
	}
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := apptest.Request{Method: "POST", Path: "/api/v1/geocode", Token: admin.token,
				Body: api.GeocodeRequest{Query: fmt.Sprintf("Marienplatz %d, München", 10+i)}}
			if status := doAt(env, servers[i%2], req); status != http.StatusOK {
				mu.Lock()
				failures = append(failures, fmt.Sprintf("geocode %d: %d", i, status))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	deadline := time.Now().Add(30 * time.Second)
	for jobs(t, env) > 0 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	cancel()
	workers.Wait()
	if len(failures) > 0 {
		t.Fatal(failures)
	}
	if n := jobs(t, env); n > 0 {
		t.Fatalf("%d jobs left", n)
	}
	reqs := srv.Requests()
	if len(reqs) < len(streets) {
		t.Fatalf("only %d requests reached the geocoder", len(reqs))
	}
	for i := 1; i < len(reqs); i++ {
		if gap := reqs[i].At.Sub(reqs[i-1].At); gap < time.Second-50*time.Millisecond {
			t.Fatalf("requests %d and %d arrived %s apart (of %d)", i-1, i, gap, len(reqs))
		}
	}
	t.Logf("%d requests, %s from first to last", len(reqs), reqs[len(reqs)-1].At.Sub(reqs[0].At).Round(time.Millisecond))
}

// doAt sends req to the backend at base and returns the status.
func doAt(env *apptest.Env, base string, req apptest.Request) int { return env.DoAt(base, req).Status }

func jobs(t *testing.T, env *apptest.Env) int {
	var n int
	if err := env.DB.Owner.NewRaw("SELECT count(*) FROM geocode_jobs").Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestNearbySearchIsScopedAndSortedByDistance places organisations of two field reps around München (offline,
// through the gazetteer) and searches near one of them.
func TestNearbySearchIsScopedAndSortedByDistance(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	jonas := signIn(t, env, apptest.FieldRepNord)
	manager := signIn(t, env, apptest.Manager)
	jonasID := env.Demo.Users[apptest.FieldRepNord].String()
	lenaID := env.Demo.Users[apptest.FieldRepSued].String()
	mk := func(name, city, owner string) api.Organization {
		return admin.createOrg(api.OrganizationCreate{Name: name, OwnerID: owner, Address: api.Address{City: city, Country: "DE"}})
	}
	home := mk("Nord München", "München", jonasID)
	augsburg := mk("Nord Augsburg", "Augsburg", jonasID)
	nuernberg := mk("Nord Nürnberg", "Nürnberg", jonasID)
	mk("Nord Hamburg", "Hamburg", jonasID)
	lenas := mk("Süd München", "München", lenaID)
	pending := admin.createOrg(api.OrganizationCreate{Name: "Ohne Position", OwnerID: jonasID})
	drain(t, env)

	names := func(items []api.Organization) []string {
		out := []string{}
		for _, o := range items {
			out = append(out, o.Name)
		}
		return out
	}
	nearHome := &api.Near{RecordType: api.RecordOrganization, RecordID: home.ID, RadiusKm: 200}
	var page api.OrganizationPage
	jonas.call("POST", "/api/v1/organizations/query", api.ListQuery{Near: nearHome}, 200, &page)
	if got, want := names(page.Items), []string{"Nord München", "Nord Augsburg", "Nord Nürnberg"}; !slices.Equal(got, want) {
		t.Fatalf("Jonas near his München customer: %v, want %v", got, want)
	}
	for i, o := range page.Items {
		if o.DistanceKm == nil || (i > 0 && *o.DistanceKm < *page.Items[i-1].DistanceKm) {
			t.Fatalf("distances not ascending: %v", page.Items)
		}
	}
	if d := *page.Items[1].DistanceKm; d < 45 || d > 70 {
		t.Fatalf("München to Augsburg: %.1f km", d)
	}
	// The manager sees Lena's customer too; far away first with -distance.
	manager.call("POST", "/api/v1/organizations/query", api.ListQuery{Near: nearHome}, 200, &page)
	if got := names(page.Items); len(got) != 4 || !slices.Contains(got, "Süd München") {
		t.Fatalf("manager: %v", got)
	}
	manager.call("POST", "/api/v1/organizations/query", api.ListQuery{Near: nearHome, Sort: "-distance"}, 200, &page)
	if page.Items[0].Name != "Nord Nürnberg" {
		t.Fatalf("-distance: %v", names(page.Items))
	}
	// Pages continue in distance order.
	var all []string
	q := api.ListQuery{Near: nearHome, Limit: 1}
	for range 5 {
		jonas.call("POST", "/api/v1/organizations/query", q, 200, &page)
		if page.Total != 3 || page.TotalCapped {
			t.Fatalf("total %d (capped %v), want 3", page.Total, page.TotalCapped)
		}
		all = append(all, names(page.Items)...)
		if page.NextCursor == "" {
			break
		}
		q.Cursor = page.NextCursor
	}
	if want := []string{"Nord München", "Nord Augsburg", "Nord Nürnberg"}; !slices.Equal(all, want) {
		t.Fatalf("paged: %v", all)
	}
	// The manager's list holds two customers at the very same position (distance 0): paging one by one still lists
	// each once, in the order of the whole page.
	mk("Süd München 2", "München", lenaID)
	drain(t, env)
	var whole api.OrganizationPage
	manager.call("POST", "/api/v1/organizations/query", api.ListQuery{Near: nearHome}, 200, &whole)
	all = nil
	q = api.ListQuery{Near: nearHome, Limit: 1}
	for range 10 {
		manager.call("POST", "/api/v1/organizations/query", q, 200, &page)
		all = append(all, names(page.Items)...)
		if page.NextCursor == "" {
			break
		}
		q.Cursor = page.NextCursor
	}
	if len(whole.Items) != 5 || !slices.Equal(all, names(whole.Items)) {
		t.Fatalf("paged with ties: %v, the whole list: %v", all, names(whole.Items))
	}
	// Other conditions combine; other sort orders work. (The nearest two candidates are not in Nürnberg: the page
	// is found among all within the radius.)
	jonas.call("POST", "/api/v1/organizations/query", api.ListQuery{Near: nearHome, City: "Nürnberg", Limit: 1}, 200, &page)
	if got := names(page.Items); !slices.Equal(got, []string{"Nord Nürnberg"}) || page.Total != 1 {
		t.Fatalf("near and city: %v (total %d)", got, page.Total)
	}
	jonas.call("POST", "/api/v1/organizations/query", api.ListQuery{Near: nearHome, Search: "Augsburg", Sort: "name"}, 200, &page)
	if got := names(page.Items); !slices.Equal(got, []string{"Nord Augsburg"}) {
		t.Fatalf("search and near: %v", got)
	}

	// Near an address geocoded first, and near a point.
	var g api.GeocodeResult
	jonas.call("POST", "/api/v1/geocode", api.GeocodeRequest{Query: "86150 Augsburg"}, 200, &g)
	if !near(&g.Position, 48.37, 10.90, 10) || g.Position.Source != api.GeoGazetteer {
		t.Fatalf("geocode: %+v", g)
	}
	jonas.call("POST", "/api/v1/organizations/query", api.ListQuery{Near: &api.Near{Address: "86150 Augsburg", RadiusKm: 100}}, 200, &page)
	if got := names(page.Items); !slices.Equal(got, []string{"Nord Augsburg", "Nord München"}) {
		t.Fatalf("near Augsburg: %v", got)
	}
	lat, lng := 49.45, 11.08
	jonas.call("POST", "/api/v1/organizations/query", api.ListQuery{Near: &api.Near{Lat: &lat, Lng: &lng, RadiusKm: 25}}, 200, &page)
	if got := names(page.Items); !slices.Equal(got, []string{"Nord Nürnberg"}) {
		t.Fatalf("near a point in Nürnberg: %v", got)
	}

	// Persons, leads and deals take the same condition; a deal lies where its organisation lies.
	pl := makePipeline(admin, api.RecordDeal, "Vertrieb", 10)
	var d api.Deal
	admin.call("POST", "/api/v1/deals", api.DealCreate{Title: "Kopierer Augsburg", OrganizationID: augsburg.ID, PipelineID: pl.ID, OwnerID: jonasID}, 201, &d)
	var deals api.DealPage
	jonas.call("POST", "/api/v1/deals/query", api.ListQuery{Near: nearHome}, 200, &deals)
	if len(deals.Items) != 1 || deals.Items[0].ID != d.ID || deals.Items[0].DistanceKm == nil {
		t.Fatalf("deals near: %+v", deals.Items)
	}
	// A board filtered by the same condition (the board finds the reference point in SQL): near the geocoded
	// address in Augsburg, the deal there counts, the one in Hamburg does not.
	hamburg := admin.createOrg(api.OrganizationCreate{Name: "Nord Hamburg 2", OwnerID: jonasID, Address: api.Address{City: "Hamburg", Country: "DE"}})
	drain(t, env)
	admin.call("POST", "/api/v1/deals", api.DealCreate{Title: "Kopierer Hamburg", OrganizationID: hamburg.ID, PipelineID: pl.ID, OwnerID: jonasID}, 201, nil)
	var board api.Board
	jonas.call("POST", "/api/v1/deals/board", api.BoardQuery{PipelineID: pl.ID, Filter: api.ListQuery{Near: &api.Near{Address: "86150 Augsburg", RadiusKm: 50}}}, 200, &board)
	if c := board.Columns[0]; c.Count != 1 || len(c.Deals) != 1 || c.Deals[0].ID != d.ID {
		t.Fatalf("board near Augsburg: %+v", c)
	}
	jonas.call("POST", "/api/v1/deals/board", api.BoardQuery{PipelineID: pl.ID}, 200, &board)
	if board.Columns[0].Count != 2 {
		t.Fatalf("board: %+v", board.Columns[0])
	}
	// A deal as the reference lies where its organisation lies.
	jonas.call("POST", "/api/v1/organizations/query", api.ListQuery{Near: &api.Near{RecordType: api.RecordDeal, RecordID: d.ID, RadiusKm: 10}}, 200, &page)
	if got := names(page.Items); !slices.Equal(got, []string{"Nord Augsburg"}) {
		t.Fatalf("near a deal: %v", got)
	}
	var persons api.PersonPage
	jonas.call("POST", "/api/v1/persons/query", api.ListQuery{Near: nearHome}, 200, &persons)
	var leads api.LeadPage
	jonas.call("POST", "/api/v1/leads/query", api.ListQuery{Near: nearHome}, 200, &leads)

	// Errors: an invisible or unknown reference is 404, bad input 422 with field codes.
	resp := jonas.call("POST", "/api/v1/organizations/query", api.ListQuery{Near: &api.Near{RecordType: api.RecordOrganization, RecordID: lenas.ID, RadiusKm: 10}}, 404, nil)
	if e := resp.Error(t); e.Code != api.CodeNotFound || e.Fields["near.recordId"] != api.FieldNotFound {
		t.Fatalf("invisible reference: %+v", e)
	}
	jonas.call("POST", "/api/v1/organizations/query", api.ListQuery{Near: &api.Near{RecordType: api.RecordOrganization, RecordID: uuid.NewString(), RadiusKm: 10}}, 404, nil)
	for _, tc := range []struct {
		q     api.ListQuery
		field string
		code  api.FieldCode
	}{
		{api.ListQuery{Near: &api.Near{RecordType: api.RecordOrganization, RecordID: home.ID, RadiusKm: 0}}, "near.radiusKm", api.FieldRange},
		{api.ListQuery{Near: &api.Near{RecordType: api.RecordOrganization, RecordID: home.ID, RadiusKm: -5}}, "near.radiusKm", api.FieldRange},
		{api.ListQuery{Near: &api.Near{RecordType: api.RecordOrganization, RecordID: home.ID, RadiusKm: 501}}, "near.radiusKm", api.FieldRange},
		{api.ListQuery{Near: &api.Near{RecordType: api.RecordOrganization, RecordID: "kaputt", RadiusKm: 5}}, "near.recordId", api.FieldInvalid},
		{api.ListQuery{Near: &api.Near{RecordType: "planet", RecordID: home.ID, RadiusKm: 5}}, "near.recordType", api.FieldInvalid},
		{api.ListQuery{Near: &api.Near{RadiusKm: 5}}, "near", api.FieldInvalid},
		{api.ListQuery{Near: &api.Near{Address: "Augsburg", Lat: &lat, Lng: &lng, RadiusKm: 5}}, "near", api.FieldInvalid},
		{api.ListQuery{Near: &api.Near{Address: "Irgendwo 1, 99999 Nirgendwo", RadiusKm: 5}}, "near.address", api.FieldNotGeocoded},
		{api.ListQuery{Near: &api.Near{Address: strings.Repeat("x", 400), RadiusKm: 5}}, "near.address", api.FieldTooLong},
		{api.ListQuery{Near: &api.Near{RecordType: api.RecordOrganization, RecordID: pending.ID, RadiusKm: 5}}, "near.recordId", api.FieldNoPosition},
		{api.ListQuery{Sort: "distance"}, "sort", api.FieldInvalid},
	} {
		resp := jonas.call("POST", "/api/v1/organizations/query", tc.q, 422, nil)
		if e := resp.Error(t); e.Fields[tc.field] != tc.code {
			t.Fatalf("%+v: %+v, want %s %s", tc.q.Near, e, tc.field, tc.code)
		}
	}

	// Maps: the caller's records with a position, the list's filters applied; a deal at its organisation.
	var m api.RecordMap
	jonas.call("POST", "/api/v1/organizations/map", api.ListQuery{}, 200, &m)
	if len(m.Items) != 5 || m.Truncated {
		t.Fatalf("Jonas's map: %+v", m)
	}
	for _, mk := range m.Items {
		if mk.ID == lenas.ID || mk.ID == pending.ID || mk.Precision != api.PrecisionCity {
			t.Fatalf("marker %+v", mk)
		}
	}
	jonas.call("POST", "/api/v1/organizations/map", api.ListQuery{Near: nearHome}, 200, &m)
	if len(m.Items) != 3 || m.Items[0].ID != home.ID || m.Items[2].DistanceKm == nil || *m.Items[2].DistanceKm < 140 {
		t.Fatalf("map near: %+v", m)
	}
	jonas.call("POST", "/api/v1/organizations/map", api.ListQuery{City: "Augsburg"}, 200, &m)
	if len(m.Items) != 1 || m.Items[0].ID != augsburg.ID {
		t.Fatalf("map of a filtered list: %+v", m)
	}
	jonas.call("POST", "/api/v1/deals/map", api.ListQuery{Search: "Augsburg"}, 200, &m)
	if len(m.Items) != 1 || m.Items[0].ID != d.ID || !near(&api.Position{Lat: m.Items[0].Lat, Lng: m.Items[0].Lng}, 48.37, 10.90, 10) {
		t.Fatalf("deal map: %+v", m)
	}
	var lenaMap api.RecordMap
	signIn(t, env, apptest.FieldRepSued).call("POST", "/api/v1/organizations/map", api.ListQuery{}, 200, &lenaMap)
	if len(lenaMap.Items) != 2 || lenaMap.Items[0].ID != lenas.ID {
		t.Fatalf("Lena's map: %+v", lenaMap)
	}
	_ = nuernberg
}

func TestBadAddressesAreNotFoundOrCoarserNeverAnError(t *testing.T) {
	srv := geotest.New(t)
	env := apptest.Start(t, online(srv, 20*time.Millisecond))
	admin := signIn(t, env, apptest.Admin)
	cases := []struct {
		name string
		addr api.Address
		want []api.Precision
	}{
		{"only a country", api.Address{Country: "DE"}, []api.Precision{api.PrecisionNotFound}},
		{"postal code of another country", api.Address{PostalCode: "1010", City: "München", Country: "DE"}, []api.Precision{api.PrecisionCity}},
		{"tabs and line breaks", api.Address{Street: "Haupt\tstraße\r\n1", City: "Mün\tchen", Country: "DE"}, []api.Precision{api.PrecisionNotFound, api.PrecisionCity, api.PrecisionStreet, api.PrecisionAddress}},
		{"unknown place", api.Address{Street: "Irgendwo 1", City: "Nirgendwohausen", Country: "DE"}, []api.Precision{api.PrecisionNotFound}},
		{"a country without gazetteer", api.Address{City: "Paris", Country: "FR"}, []api.Precision{api.PrecisionNotFound}},
		{"emoji", api.Address{Street: "🏠🏠🏠", City: "🌍", Country: "DE"}, []api.Precision{api.PrecisionNotFound}},
	}
	ids := map[string]string{}
	for _, tc := range cases {
		o := admin.createOrg(api.OrganizationCreate{Name: "Firma " + tc.name, Address: tc.addr})
		ids[tc.name] = o.ID
	}
	// Other control characters never reach the geocoder: the input rules refuse them (422 with field codes).
	resp := admin.call("POST", "/api/v1/organizations", api.OrganizationCreate{Name: "Steuerzeichen", Address: api.Address{
		Street: "Haupt\x00straße\x1b 1", City: "München", Country: "DE"}}, 422, nil)
	if e := resp.Error(t); e.Fields["address.street"] != api.FieldControlCharacter {
		t.Fatalf("%+v", e)
	}
	// 10 kB of address is refused by validation (422 with field codes), not a 500.
	resp = admin.call("POST", "/api/v1/organizations", api.OrganizationCreate{Name: "Lang", Address: api.Address{Street: strings.Repeat("Straße ", 1500), City: "München"}}, 422, nil)
	if e := resp.Error(t); e.Fields["address.street"] != api.FieldTooLong {
		t.Fatalf("%+v", e)
	}
	resp = admin.call("POST", "/api/v1/geocode", api.GeocodeRequest{Query: strings.Repeat("München ", 1300)}, 422, nil)
	if e := resp.Error(t); e.Fields["query"] != api.FieldTooLong {
		t.Fatalf("%+v", e)
	}
	admin.call("POST", "/api/v1/geocode", api.GeocodeRequest{Query: "\x00\x01"}, 422, nil)
	var g api.GeocodeResult
	admin.call("POST", "/api/v1/geocode", api.GeocodeRequest{Query: "Deutschland"}, 200, &g)
	if g.Position.Precision != api.PrecisionNotFound {
		t.Fatalf("a country alone: %+v", g)
	}
	drain(t, env)
	for _, tc := range cases {
		var o api.Organization
		admin.call("GET", "/api/v1/organizations/"+ids[tc.name], nil, 200, &o)
		if o.Position == nil || !slices.Contains(tc.want, o.Position.Precision) {
			t.Errorf("%s: position %+v, want one of %v", tc.name, o.Position, tc.want)
		}
	}
	var m api.RecordMap
	admin.call("POST", "/api/v1/organizations/map", api.ListQuery{}, 200, &m)
	for _, mk := range m.Items {
		if mk.Precision == api.PrecisionNotFound {
			t.Fatalf("a not-found record on the map: %+v", mk)
		}
	}
}
