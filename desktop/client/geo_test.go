package client_test

import (
	"context"
	"time"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

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
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.RecordMap(ctx, api.RecordOrganization, near)
			}},
		{name: "deal map", method: "POST", path: "/api/v1/deals/map", body: `{"status":"open"}`, status: 200, answer: m,
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.RecordMap(ctx, api.RecordDeal, api.ListQuery{Status: "open"})
			}},
		{name: "geocode", method: "POST", path: "/api/v1/geocode", body: `{"query":"Marienplatz 1, München"}`, status: 200,
			answer: api.GeocodeResult{Query: "Marienplatz 1, München", Label: "München", Position: api.Position{Lat: 48.137,
				Lng: 11.575, Precision: api.PrecisionCity, Source: api.GeoGazetteer, GeocodedAt: at}},
			call: func(ctx context.Context, c *client.Client) (any, error) {
				return c.Geocode(ctx, "Marienplatz 1, München")
			}},
	}
}
