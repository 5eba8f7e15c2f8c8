package nominatim_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/geo/geotest"
	"github.com/1sales/app/backend/internal/geo/nominatim"
	"github.com/1sales/app/shared/api"
)

func client(t *testing.T, url string, timeout time.Duration) *nominatim.Client {
	t.Helper()
	c, err := nominatim.New(url, "1sales-test/1.0", timeout)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPrecisionFollowsWhatTheAnswerPlaces(t *testing.T) {
	srv := geotest.New(t)
	c := client(t, srv.URL, 2*time.Second)
	cases := []struct {
		name string
		q    geo.Query
		want api.Precision
	}{
		{"house number", geo.Query{Address: api.Address{Street: "Marienplatz 8", PostalCode: "80331", City: "München", Country: "DE"}}, api.PrecisionAddress},
		{"street without number", geo.Query{Address: api.Address{Street: "Leopoldstraße", City: "München"}}, api.PrecisionStreet},
		{"postal code alone", geo.Query{Address: api.Address{PostalCode: "80331", Country: "DE"}}, api.PrecisionPostalCode},
		{"city", geo.Query{Address: api.Address{City: "Muenchen", Country: "DE"}}, api.PrecisionCity},
		{"free text", geo.Query{Text: "Marienplatz 8, 80331 München"}, api.PrecisionAddress},
		{"a country places nothing", geo.Query{Text: "Deutschland"}, api.PrecisionNotFound},
		{"unknown", geo.Query{Address: api.Address{City: "Nirgendwo", Country: "DE"}}, api.PrecisionNotFound},
		{"a city of another country", geo.Query{Address: api.Address{City: "München", Country: "AT"}}, api.PrecisionNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := c.Geocode(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if r.Precision != tc.want || r.Source != api.GeoNominatim {
				t.Fatalf("got %s from %s, want %s", r.Precision, r.Source, tc.want)
			}
			if r.Found() && (r.Lat() < 48 || r.Lat() > 48.2 || r.Lng() < 11.4 || r.Lng() > 11.7) {
				t.Fatalf("position %v is not in München", r.Point)
			}
		})
	}
	for _, r := range srv.Requests() {
		if r.UserAgent != "1sales-test/1.0" || r.Query.Get("format") != "jsonv2" {
			t.Fatalf("request %v with User-Agent %q", r.Query, r.UserAgent)
		}
	}
}

func TestFailuresAreErrorsToRetry(t *testing.T) {
	srv := geotest.New(t)
	c := client(t, srv.URL, 300*time.Millisecond)
	q := geo.Query{Address: api.Address{City: "München"}}
	for _, status := range []int{http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable} {
		srv.Fail(status)
		var se *nominatim.StatusError
		if _, err := c.Geocode(context.Background(), q); !errors.As(err, &se) || se.Status != status {
			t.Fatalf("HTTP %d: err %v", status, err)
		}
	}
	srv.Fail(http.StatusBadRequest)
	if r, err := c.Geocode(context.Background(), q); err != nil || r.Found() {
		t.Fatalf("HTTP 400 is a query the service cannot read: not found, no retry; got %+v, %v", r, err)
	}
	srv.Fail(0)
	srv.Stall(2 * time.Second)
	start := time.Now()
	if _, err := c.Geocode(context.Background(), q); err == nil || time.Since(start) > time.Second {
		t.Fatalf("a stalled service must time out: err %v after %s", err, time.Since(start))
	}
}

func TestOddInputIsCleanedBeforeItIsSent(t *testing.T) {
	srv := geotest.New(t)
	c := client(t, srv.URL, 2*time.Second)
	r, err := c.Geocode(context.Background(), geo.Query{Text: "Marien\x00platz\n 8,\t München" + strings.Repeat(" x", 5000)})
	if err != nil {
		t.Fatal(err)
	}
	sent := srv.Requests()[0].Query.Get("q")
	if len(sent) > geo.MaxTextLen || strings.ContainsAny(sent, "\x00\n\t") {
		t.Fatalf("sent %d bytes: %q", len(sent), sent[:min(len(sent), 80)])
	}
	if !r.Found() {
		t.Fatalf("not found: %+v", r)
	}
}

func TestNewRefusesABadConfiguration(t *testing.T) {
	for _, tc := range []struct{ url, ua string }{{"ftp://x", "ua"}, {"nominatim", "ua"}, {"https://nominatim.example", " "}} {
		if _, err := nominatim.New(tc.url, tc.ua, time.Second); err == nil {
			t.Errorf("New(%q, %q) accepted", tc.url, tc.ua)
		}
	}
}

// A failed request is logged by the geocoder; its error must not quote the address it asked for.
func TestErrorsDoNotQuoteTheAddress(t *testing.T) {
	srv := geotest.New(t)
	base := srv.URL
	srv.Close()
	_, err := client(t, base, time.Second).Geocode(context.Background(),
		geo.Query{Address: api.Address{Street: "Zypressenweg 42", PostalCode: "22767", City: "Hamburg", Country: "DE"}})
	if err == nil {
		t.Fatal("no error from a closed server")
	}
	for _, secret := range []string{"Zypressenweg", "22767", "Hamburg"} {
		if strings.Contains(err.Error(), secret) {
			t.Fatalf("the error quotes %q: %v", secret, err)
		}
	}
}
