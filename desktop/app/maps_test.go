package app_test

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/desktop/secrets"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

func TestMapConfigTakesTheEnvironmentThenTheSettingThenOpenStreetMap(t *testing.T) {
	d := newDesk(t, "")
	cfg, err := d.Maps.Config()
	if err != nil || cfg.TileURL != app.DefaultTileURL || cfg.TileSource != "default" || cfg.TileAttribution == "" ||
		cfg.GazetteerAttribution == "" {
		t.Fatalf("default: %+v %v", cfg, err)
	}
	own := "https://tiles.example.com/{z}/{x}/{y}.png"
	if cfg, err = d.Maps.SetTileURL("  " + own + " "); err != nil || cfg.TileURL != own || cfg.TileSource != "settings" {
		t.Fatalf("setting: %+v %v", cfg, err)
	}
	for _, bad := range []string{"tiles.example.com/{z}/{x}/{y}.png", "https://tiles.example.com/tile.png", "javascript:alert(1)//{z}{x}{y}",
		"https://tiles.example.com/{z}/{x}/{y}.png\" onerror=\"x"} {
		ae := apiErr(t, func() error { _, err := d.Maps.SetTileURL(bad); return err }(), 0, api.CodeValidation)
		if ae.Fields["tileUrl"] != api.FieldInvalid {
			t.Fatalf("%q: %+v", bad, ae)
		}
	}
	if cfg, _ = d.Maps.Config(); cfg.TileURL != own {
		t.Fatalf("a refused URL replaced the setting: %+v", cfg)
	}
	if cfg, err = d.Maps.SetTileURL(""); err != nil || cfg.TileURL != app.DefaultTileURL {
		t.Fatalf("reset: %+v %v", cfg, err)
	}

	set := settings.New(filepath.Join(t.TempDir(), "settings.json"))
	_ = set.Update(func(s *settings.Settings) { s.TileURL = own })
	env := app.New(app.Config{TileURL: "http://127.0.0.1:8080/{z}/{x}/{y}.png", TileAttribution: "Eigene Kacheln",
		Secrets: secrets.NewMemory(), Settings: set})
	env.OnStartup(t.Context())
	t.Cleanup(func() { env.OnShutdown(t.Context()) })
	if cfg, _ = env.Maps.Config(); cfg.TileSource != "env" || cfg.TileAttribution != "Eigene Kacheln" {
		t.Fatalf("environment: %+v", cfg)
	}
}

func TestMapsNeedASessionAndCallTheirRoutes(t *testing.T) {
	b := newBackend(t)
	d := newDesk(t, b.URL)
	if _, err := d.Maps.RecordMap(api.RecordPerson, api.ListQuery{}); err == nil {
		t.Fatal("a map without a session")
	}
	apiErr(t, func() error { _, err := d.Maps.Geocode("München"); return err }(), 401, api.CodeUnauthenticated)
	d.login(t, b.URL)
	// The stand-in backend answers 404 on these routes; what matters is which it was asked.
	_, _ = d.Maps.RecordMap(api.RecordLead, api.ListQuery{})
	_, _ = d.Maps.Nearby(api.RecordOrganization, api.Near{RecordType: api.RecordOrganization, RecordID: "o1", RadiusKm: 25})
	_, _ = d.Maps.Geocode("Marienplatz 1, München")
	_, err := d.Maps.RecordMap("planet", api.ListQuery{})
	apiErr(t, err, 0, api.CodeValidation)
	b.mu.Lock()
	defer b.mu.Unlock()
	want := []string{"POST /api/v1/leads/map", "POST /api/v1/organizations/map", "POST /api/v1/geocode"}
	if got := b.paths[len(b.paths)-len(want):]; !reflect.DeepEqual(got, want) {
		t.Fatalf("requests %v, want %v", got, want)
	}
}

func geoRoutes() []route {
	at := time.Date(2026, 11, 27, 21, 0, 0, 0, time.UTC)
	km := 12.5
	m := api.RecordMap{Items: []api.MapMarker{{ID: "o1", Name: "Müller GmbH", Lat: 48.137, Lng: 11.575,
		Precision: api.PrecisionAddress, DistanceKm: &km}}, Truncated: true}
	near := api.ListQuery{City: "München", Near: &api.Near{RecordType: api.RecordOrganization, RecordID: "o2", RadiusKm: 25}}
	const nearJSON = `{"city":"München","near":{"recordType":"organization","recordId":"o2","radiusKm":25}}`
	return []route{
		{name: "organization map with a nearby condition", method: "POST", path: "/api/v1/organizations/map", body: nearJSON,
			status: 200, answer: m,
			call: func(d *app.App) (any, error) {
				return d.Maps.RecordMap(api.RecordOrganization, near)
			}},
		{name: "deal map", method: "POST", path: "/api/v1/deals/map", body: `{"status":"open"}`, status: 200, answer: m,
			call: func(d *app.App) (any, error) {
				return d.Maps.RecordMap(api.RecordDeal, api.ListQuery{Status: "open"})
			}},
		{name: "geocode", method: "POST", path: "/api/v1/geocode", body: `{"query":"Marienplatz 1, München"}`, status: 200,
			answer: api.GeocodeResult{Query: "Marienplatz 1, München", Label: "München", Position: api.Position{Lat: 48.137,
				Lng: 11.575, Precision: api.PrecisionCity, Source: api.GeoGazetteer, GeocodedAt: at}},
			call: func(d *app.App) (any, error) {
				return d.Maps.Geocode("Marienplatz 1, München")
			}},
	}
}
