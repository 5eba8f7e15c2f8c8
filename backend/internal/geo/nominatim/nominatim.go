// Package nominatim is a client of a Nominatim-compatible geocoding service (/search?format=jsonv2): the public
// OpenStreetMap service or a self-hosted one. It sends one request per query and leaves rate limiting and caching
// to package geo; HTTP 429, 5xx, timeouts and network errors are errors (retried later), an empty answer is "not
// found".
package nominatim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/shared/api"
)

// Client queries one service.
type Client struct {
	base      *url.URL
	userAgent string
	hc        *http.Client
}

// New returns a client of the service at baseURL (e.g. https://nominatim.openstreetmap.org); userAgent identifies
// the application, as the public service's usage policy demands.
func New(baseURL, userAgent string, timeout time.Duration) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("nominatim: invalid URL %q", baseURL)
	}
	if strings.TrimSpace(userAgent) == "" {
		return nil, fmt.Errorf("nominatim: a User-Agent is required")
	}
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	return &Client{base: u, userAgent: userAgent, hc: &http.Client{Timeout: timeout}}, nil
}

// Source is nominatim.
func (c *Client) Source() api.GeoSource { return api.GeoNominatim }

// Name is the service's host (the rate limit is per service).
func (c *Client) Name() string { return c.base.Host }

// result is one hit of /search?format=jsonv2&addressdetails=1.
type result struct {
	Lat         string            `json:"lat"`
	Lon         string            `json:"lon"`
	Category    string            `json:"category"`
	Type        string            `json:"type"`
	AddressType string            `json:"addresstype"`
	PlaceRank   int               `json:"place_rank"`
	DisplayName string            `json:"display_name"`
	Address     map[string]string `json:"address"`
}

// StatusError is an answer other than 200.
type StatusError struct{ Status int }

func (e *StatusError) Error() string { return fmt.Sprintf("nominatim: HTTP %d", e.Status) }

// Geocode looks q up: structured (street, postalcode, city, countrycodes) for an address, free-form for a text.
// Without a country it searches Germany, Austria and Switzerland.
func (c *Client) Geocode(ctx context.Context, q geo.Query) (geo.Result, error) {
	q = q.Cleaned()
	v := url.Values{"format": {"jsonv2"}, "addressdetails": {"1"}, "limit": {"1"}, "accept-language": {"de"}}
	if q.Text != "" {
		v.Set("q", q.Text)
		v.Set("countrycodes", "de,at,ch")
	} else {
		a := q.Address
		for k, val := range map[string]string{"street": a.Street, "postalcode": a.PostalCode, "city": a.City} {
			if val != "" {
				v.Set(k, val)
			}
		}
		if a.Country != "" {
			v.Set("countrycodes", strings.ToLower(a.Country))
		} else {
			v.Set("countrycodes", "de,at,ch")
		}
	}
	u := *c.base
	u.Path += "/search"
	u.RawQuery = v.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return geo.Result{}, fmt.Errorf("nominatim: %w", err)
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		// The client's error quotes the URL, and with it the address: customer data, which the log must not get.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = fmt.Errorf("%s %s%s: %w", ue.Op, c.base.Host, u.Path, ue.Err)
		}
		return geo.Result{}, fmt.Errorf("nominatim: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return geo.Result{}, fmt.Errorf("nominatim: read: %w", err)
	}
	switch {
	case resp.StatusCode == http.StatusOK:
	case resp.StatusCode == http.StatusBadRequest:
		// The service cannot read this query: no place, and asking again will not help.
		return geo.NotFound(api.GeoNominatim), nil
	default:
		return geo.Result{}, &StatusError{Status: resp.StatusCode}
	}
	var hits []result
	if err := json.Unmarshal(body, &hits); err != nil {
		return geo.Result{}, fmt.Errorf("nominatim: answer: %w", err)
	}
	for _, h := range hits {
		lat, err1 := strconv.ParseFloat(h.Lat, 64)
		lng, err2 := strconv.ParseFloat(h.Lon, 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lng < -180 || lng > 180 {
			continue
		}
		p := precision(h)
		if p == api.PrecisionNotFound {
			continue
		}
		return geo.Result{Point: orb.Point{lng, lat}, Precision: p, Source: api.GeoNominatim, Label: h.DisplayName}, nil
	}
	return geo.NotFound(api.GeoNominatim), nil
}

// precision derives how exactly a hit places the query from its address details, type and rank: a house number
// or building is the address, a road the street, a postcode area the postal code, a settlement or a part of one
// the city; anything larger (county, state, country) places nothing.
func precision(h result) api.Precision {
	switch {
	case h.Address["house_number"] != "" || h.AddressType == "house" || h.AddressType == "building" ||
		h.Category == "building" || h.PlaceRank >= 28:
		return api.PrecisionAddress
	case h.Category == "highway" || h.AddressType == "road" || h.PlaceRank >= 26:
		return api.PrecisionStreet
	case h.AddressType == "postcode" || h.Type == "postcode" || h.Type == "postal_code":
		return api.PrecisionPostalCode
	case h.PlaceRank >= 13 || isSettlement(h.AddressType) || isSettlement(h.Type):
		return api.PrecisionCity
	default:
		return api.PrecisionNotFound
	}
}

func isSettlement(t string) bool {
	switch t {
	case "city", "town", "village", "hamlet", "municipality", "suburb", "borough", "quarter", "neighbourhood",
		"city_district", "district", "isolated_dwelling":
		return true
	}
	return false
}
