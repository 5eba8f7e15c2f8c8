package app

import (
	"strings"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

// Default map tiles: OpenStreetMap's standard layer (its tile usage policy allows light interactive use with
// attribution; set ONESALES_TILE_URL or the tile URL setting for a tile server of your own).
const (
	DefaultTileURL         = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
	DefaultTileAttribution = "© OpenStreetMap contributors"
	// GazetteerAttribution credits the offline place data positions of source "gazetteer" come from.
	GazetteerAttribution = "GeoNames (geonames.org), CC BY 4.0"
)

// MapConfig is what the map screens need besides the data: the tile URL template (Leaflet's {z}/{x}/{y}), where
// it comes from, and the attributions to show.
type MapConfig struct {
	TileURL         string `json:"tileUrl"`
	TileAttribution string `json:"tileAttribution"`
	// TileSource is "env" (ONESALES_TILE_URL), "settings" (the user's choice) or "default".
	TileSource           string `json:"tileSource"`
	GazetteerAttribution string `json:"gazetteerAttribution"`
}

// Maps serves the map screens: markers of filtered lists, nearby records, geocoding of a typed address, and the
// map configuration. Positions come from the server, which geocodes addresses itself; the desktop never calls a
// geocoder.
type Maps struct{ c *core }

// Config returns the tile URL (ONESALES_TILE_URL, else the user's setting, else OpenStreetMap) and attributions.
// It needs no session.
func (s *Maps) Config() (MapConfig, error) {
	out := MapConfig{TileURL: DefaultTileURL, TileAttribution: DefaultTileAttribution, TileSource: "default",
		GazetteerAttribution: GazetteerAttribution}
	switch {
	case s.c.cfg.TileURL != "":
		out.TileURL, out.TileSource = s.c.cfg.TileURL, "env"
	default:
		prefs, err := s.c.settings.Load()
		if err == nil && prefs.TileURL != "" {
			out.TileURL, out.TileSource = prefs.TileURL, "settings"
		}
	}
	if out.TileURL != DefaultTileURL {
		out.TileAttribution = s.c.cfg.TileAttribution
	}
	return out, nil
}

// SetTileURL saves the user's tile server (an http(s) URL template with {z}, {x} and {y}); "" goes back to the
// default. ONESALES_TILE_URL, when set, still wins.
func (s *Maps) SetTileURL(url string) (MapConfig, error) {
	url = strings.TrimSpace(url)
	if url != "" && !validTileURL(url) {
		return MapConfig{}, &client.APIError{Status: 0, Code: api.CodeValidation, Message: "not a tile URL template",
			Fields: map[string]api.FieldCode{"tileUrl": api.FieldInvalid}}
	}
	if err := s.c.settings.Update(func(p *settings.Settings) { p.TileURL = url }); err != nil {
		return MapConfig{}, localError(api.CodeSettingsUnavailable, "save the tile URL: %v", err)
	}
	return s.Config()
}

func validTileURL(u string) bool {
	return len(u) <= 500 && (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) &&
		strings.Contains(u, "{z}") && strings.Contains(u, "{x}") && strings.Contains(u, "{y}") &&
		!strings.ContainsAny(u, " \t\n\"'<>")
}

// RecordMap returns the markers of a filtered list of persons, organisations, deals or leads (a deal at its
// organisation's, else its person's position): the records the server's list query selects for the caller that
// have a position, at most api.MaxMapMarkers (Truncated says that more matched).
func (s *Maps) RecordMap(recordType api.RecordType, q api.ListQuery) (api.RecordMap, error) {
	return client.Read[api.RecordMap](s.c.ctx, s.c, client.RecordPath(recordType, "map"), q)
}

// Nearby returns the records of a type near a record, an address geocoded before (Geocode) or a point, nearest
// first, with their distances. The lists take the same condition as ListQuery.Near for paged lists.
func (s *Maps) Nearby(recordType api.RecordType, near api.Near) (api.RecordMap, error) {
	return s.RecordMap(recordType, api.ListQuery{Near: &near})
}

// Geocode places a typed address through the server's geocoder (its cache, its online service, its offline
// gazetteer); precision not_found when it cannot be placed.
func (s *Maps) Geocode(address string) (api.GeocodeResult, error) {
	return client.Read[api.GeocodeResult](s.c.ctx, s.c, client.Path("geocode"), api.GeocodeRequest{Query: address})
}
