// Package geo places the addresses of persons, organisations and leads on the map, in the backend and never on
// the desktops: the services call Track in the transaction that creates or changes an address, which queues it;
// every backend instance runs a Worker that takes queued addresses (shared through PostgreSQL, FOR UPDATE SKIP
// LOCKED) and resolves them through the Geocoder: the cache per normalised address in PostgreSQL, then an online
// Nominatim-compatible service (package nominatim; at most one request per interval across all instances, see
// Limiter), then the offline gazetteer of Germany, Austria and Switzerland (package gazetteer). Positions are
// orb.Points ([lng, lat]) in Go and stored on the record rows.
package geo

import (
	"crypto/sha256"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/1sales/app/backend/internal/search"
	"github.com/1sales/app/shared/api"
)

// Query is what to geocode: a record's address, or a free text ("Marienplatz 1, 80331 München") when Text is set.
type Query struct {
	Address api.Address
	Text    string
}

// MaxTextLen bounds a free-text query in characters; longer input is cut (it is no address anyway).
const MaxTextLen = 300

// Clean removes control characters (line breaks become spaces), folds white space and cuts s to max characters,
// so that odd input reaches neither the keys nor the geocoders.
func Clean(s string, max int) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > max {
		s = strings.TrimSpace(string([]rune(s)[:max]))
	}
	return s
}

// Cleaned returns q with every part cleaned and the country upper case.
func (q Query) Cleaned() Query {
	return Query{
		Text: Clean(q.Text, MaxTextLen),
		Address: api.Address{Street: Clean(q.Address.Street, 200), PostalCode: Clean(q.Address.PostalCode, 20),
			City: Clean(q.Address.City, 100), Country: strings.ToUpper(Clean(q.Address.Country, 2))},
	}
}

// Empty reports whether there is nothing to look for: no text, and an address without street, postal code and
// city (a country alone places nothing).
func (q Query) Empty() bool {
	c := q.Cleaned()
	return c.Text == "" && c.Address.Street == "" && c.Address.PostalCode == "" && c.Address.City == ""
}

// Key is the normalised form of the query the cache and the records keep: case, umlaut spelling ("ü" = "ue"),
// white space, punctuation and "str." for "straße" do not matter. "" when q is Empty.
func (q Query) Key() string {
	c := q.Cleaned()
	if c.Text != "" {
		return "t1|" + normalize(c.Text)
	}
	if c.Address.Street == "" && c.Address.PostalCode == "" && c.Address.City == "" {
		if c.Address.Country == "" {
			return ""
		}
		return "a1||||" + c.Address.Country // a country alone: kept, found nowhere
	}
	return "a1|" + normalize(c.Address.Street) + "|" + normalize(c.Address.PostalCode) + "|" +
		normalize(c.Address.City) + "|" + c.Address.Country
}

// AddressKey is the key of a record's address ("" without one).
func AddressKey(a api.Address) string {
	if a.Street == "" && a.PostalCode == "" && a.City == "" && a.Country == "" {
		return ""
	}
	return Query{Address: a}.Key()
}

// TextKey is the key of a free-text address.
func TextKey(text string) string { return Query{Text: text}.Key() }

// hashKey is what the cache stores instead of the address.
func hashKey(key string) []byte {
	h := sha256.Sum256([]byte(key))
	return h[:]
}

// normalize is search.Normalize with punctuation as white space and the abbreviation "str." spelled out.
func normalize(s string) string {
	words := strings.FieldsFunc(search.Normalize(s), func(r rune) bool {
		return r == ',' || r == ';' || r == '/' || r == '(' || r == ')' || r == '"' || unicode.IsSpace(r)
	})
	for i, w := range words {
		switch {
		case w == "str." || w == "str":
			words[i] = "strasse"
		case strings.HasSuffix(w, "str."):
			words[i] = strings.TrimSuffix(w, "str.") + "strasse"
		}
		words[i] = strings.TrimSuffix(words[i], ".")
	}
	return strings.Join(words, " ")
}
