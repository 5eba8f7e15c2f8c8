package geo

import (
	"context"
	"errors"
	"time"

	"github.com/paulmach/orb"

	"github.com/1sales/app/shared/api"
)

// Result is where a query lies. Point is [lng, lat] (orb's order); it is meaningless when Precision is
// not_found.
type Result struct {
	Point     orb.Point
	Precision api.Precision
	Source    api.GeoSource
	// Label is the place's name as the geocoder knows it ("München, Bayern, Deutschland").
	Label string
}

// Found reports whether the result places the query.
func (r Result) Found() bool { return r.Precision != "" && r.Precision != api.PrecisionNotFound }

// Lat and Lng spell the point out.
func (r Result) Lat() float64 { return r.Point.Lat() }
func (r Result) Lng() float64 { return r.Point.Lon() }

// NotFound is the result of a query no geocoder of source can place.
func NotFound(source api.GeoSource) Result {
	return Result{Precision: api.PrecisionNotFound, Source: source}
}

// Position converts to the wire type.
func (r Result) Position(at time.Time) api.Position {
	p := api.Position{Precision: r.Precision, Source: r.Source, GeocodedAt: at}
	if r.Found() {
		p.Lat, p.Lng = r.Lat(), r.Lng()
	}
	return p
}

// Provider is an online geocoder. Geocode answers a not-found Result when the service knows no such place, and an
// error when it could not answer (network, timeout, HTTP 429 or 5xx): the chain then falls back to the offline
// gazetteer and the worker asks again later.
type Provider interface {
	Source() api.GeoSource
	// Name identifies the service for the shared rate limit (its URL's host).
	Name() string
	Geocode(ctx context.Context, q Query) (Result, error)
}

// Offline is a geocoder that needs no network and cannot fail (the gazetteer).
type Offline interface {
	Geocode(q Query) Result
}

// ErrBudget is returned when an online request could not start within the caller's time budget (other requests
// held the rate limit).
var ErrBudget = errors.New("geo: no slot of the online geocoder within the time budget")
