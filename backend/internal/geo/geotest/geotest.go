// Package geotest serves a Nominatim-compatible geocoder for tests: real HTTP on a local port, /search with
// format=jsonv2 like Nominatim, a few known places, and a record of every request with its arrival time. It can
// be told to fail (an HTTP status) or to stall (longer than a client's timeout).
package geotest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/search"
)

// Place is a place the server knows, by the normalised names it is found by.
type Place struct {
	Names    []string
	Lat, Lng float64
	State    string
	Country  string // ISO code, lower case
}

// Places are the places every server knows.
var Places = []Place{
	{Names: []string{"muenchen", "munich"}, Lat: 48.1371, Lng: 11.5754, State: "Bayern", Country: "de"},
	{Names: []string{"berlin"}, Lat: 52.5170, Lng: 13.3889, State: "Berlin", Country: "de"},
	{Names: []string{"hamburg"}, Lat: 53.5503, Lng: 10.0007, State: "Hamburg", Country: "de"},
	{Names: []string{"koeln", "cologne"}, Lat: 50.9384, Lng: 6.9600, State: "Nordrhein-Westfalen", Country: "de"},
	{Names: []string{"augsburg"}, Lat: 48.3668, Lng: 10.8987, State: "Bayern", Country: "de"},
	{Names: []string{"nuernberg", "nuremberg"}, Lat: 49.4539, Lng: 11.0773, State: "Bayern", Country: "de"},
	{Names: []string{"wien", "vienna"}, Lat: 48.2084, Lng: 16.3725, State: "Wien", Country: "at"},
}

// Request is one request the server received.
type Request struct {
	At        time.Time
	Query     url.Values
	UserAgent string
}

// Nominatim is the test server.
type Nominatim struct {
	*httptest.Server
	mu       sync.Mutex
	requests []Request
	status   int
	stall    time.Duration
}

// New starts a server that stops when t ends.
func New(t testing.TB) *Nominatim {
	n := &Nominatim{}
	n.Server = httptest.NewServer(http.HandlerFunc(n.serve))
	t.Cleanup(n.Close)
	return n
}

// Requests returns the requests so far, in arrival order.
func (n *Nominatim) Requests() []Request {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]Request(nil), n.requests...)
}

// Count is the number of requests so far.
func (n *Nominatim) Count() int { return len(n.Requests()) }

// Fail makes every answer the HTTP status (0: answer normally again).
func (n *Nominatim) Fail(status int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.status = status
}

// Stall delays every answer by d (0: answer at once).
func (n *Nominatim) Stall(d time.Duration) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.stall = d
}

// hit is one entry of a jsonv2 answer.
type hit struct {
	PlaceID     int               `json:"place_id"`
	Lat         string            `json:"lat"`
	Lon         string            `json:"lon"`
	Category    string            `json:"category"`
	Type        string            `json:"type"`
	PlaceRank   int               `json:"place_rank"`
	AddressType string            `json:"addresstype"`
	Name        string            `json:"name"`
	DisplayName string            `json:"display_name"`
	Address     map[string]string `json:"address"`
}

func (n *Nominatim) serve(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	n.requests = append(n.requests, Request{At: time.Now(), Query: r.URL.Query(), UserAgent: r.UserAgent()})
	status, stall := n.status, n.stall
	n.mu.Unlock()
	if stall > 0 {
		select {
		case <-time.After(stall):
		case <-r.Context().Done():
			return
		}
	}
	if status != 0 {
		http.Error(w, http.StatusText(status), status)
		return
	}
	q := r.URL.Query()
	if r.URL.Path != "/search" || q.Get("format") != "jsonv2" {
		http.Error(w, "only /search?format=jsonv2", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(answer(q))
}

// answer finds the query's place: by its city (or a known name in the free text), placed as exactly as the query
// is (a street with a number: the house; without: the road; a postal code alone: the postcode area); a country
// name alone gives the country, which places nothing exact.
func answer(q url.Values) []hit {
	text := search.Normalize(strings.Join([]string{q.Get("q"), q.Get("street"), q.Get("postalcode"), q.Get("city")}, " "))
	codes := strings.Split(q.Get("countrycodes"), ",")
	for _, p := range Places {
		if q.Get("countrycodes") != "" && !contains(codes, p.Country) {
			continue
		}
		for _, name := range p.Names {
			if !containsWord(text, name) {
				continue
			}
			street := q.Get("street")
			if street == "" && q.Get("q") != "" {
				street = strings.TrimSpace(strings.Split(q.Get("q"), ",")[0])
				if containsWord(search.Normalize(street), name) {
					street = ""
				}
			}
			h := hit{PlaceID: 1, Lat: fmt.Sprint(p.Lat), Lon: fmt.Sprint(p.Lng), Category: "place", Type: "city",
				PlaceRank: 16, AddressType: "city", Name: p.Names[0], DisplayName: p.Names[0] + ", " + p.State,
				Address: map[string]string{"city": p.Names[0], "state": p.State, "country_code": p.Country}}
			if street != "" {
				h.Lat, h.Lon = fmt.Sprintf("%.6f", p.Lat+0.004), fmt.Sprintf("%.6f", p.Lng+0.006)
				h.Address["road"] = street
				if strings.ContainsAny(street, "0123456789") {
					h.Category, h.Type, h.AddressType, h.PlaceRank = "building", "house", "building", 30
					h.Address["house_number"] = strings.TrimFunc(street[strings.IndexAny(street, "0123456789"):], func(r rune) bool { return r == ' ' })
				} else {
					h.Category, h.Type, h.AddressType, h.PlaceRank = "highway", "residential", "road", 26
				}
			}
			return []hit{h}
		}
	}
	if q.Get("postalcode") != "" && q.Get("city") == "" && q.Get("street") == "" {
		return []hit{{PlaceID: 2, Lat: "48.14", Lon: "11.56", Category: "place", Type: "postcode", PlaceRank: 21,
			AddressType: "postcode", DisplayName: q.Get("postalcode"), Address: map[string]string{"postcode": q.Get("postalcode")}}}
	}
	for _, country := range []string{"deutschland", "germany", "oesterreich", "schweiz"} {
		if containsWord(text, country) {
			return []hit{{PlaceID: 3, Lat: "51.16", Lon: "10.45", Category: "boundary", Type: "administrative", PlaceRank: 4,
				AddressType: "country", DisplayName: "Deutschland"}}
		}
	}
	return []hit{}
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

func containsWord(text, word string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ',' || r == '-' }) {
		if w == word {
			return true
		}
	}
	return false
}
