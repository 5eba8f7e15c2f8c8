package geo

import (
	"time"

	"github.com/paulmach/orb"

	"github.com/1sales/app/shared/api"
)

// Columns are the position columns of persons, organisations and leads, embedded in their bun models. They are
// scan-only: the services' inserts and updates never write them; Track and the worker do, with their own
// statements. DistanceM is not a column but the distance a nearby list adds to its rows.
type Columns struct {
	GeoKey       *string    `bun:"geo_key,scanonly"`
	GeoLat       *float64   `bun:"geo_lat,scanonly"`
	GeoLng       *float64   `bun:"geo_lng,scanonly"`
	GeoEarth     *string    `bun:"geo_earth,scanonly"`
	GeoPrecision *string    `bun:"geo_precision,scanonly"`
	GeoSource    *string    `bun:"geo_source,scanonly"`
	GeoAt        *time.Time `bun:"geo_at,scanonly"`
	DistanceM    *float64   `bun:"distance_m,scanonly"`
}

// Point is the record's position ([lng, lat]) and whether it has one.
func (c *Columns) Point() (orb.Point, bool) {
	if c.GeoLat == nil || c.GeoLng == nil {
		return orb.Point{}, false
	}
	return orb.Point{*c.GeoLng, *c.GeoLat}, true
}

// Position is the wire form: nil while the address waits to be geocoded or without an address.
func (c *Columns) Position() *api.Position {
	if c.GeoPrecision == nil || c.GeoSource == nil || c.GeoAt == nil {
		return nil
	}
	p := &api.Position{Precision: api.Precision(*c.GeoPrecision), Source: api.GeoSource(*c.GeoSource), GeocodedAt: *c.GeoAt}
	if pt, ok := c.Point(); ok {
		p.Lat, p.Lng = pt.Lat(), pt.Lon()
	}
	return p
}

// DistanceKm is the distance a nearby list computed, in kilometres (nil outside such a list).
func (c *Columns) DistanceKm() *float64 { return Km(c.DistanceM) }

// DistanceMeters gives listquery the distance to continue a list sorted by distance after this row.
func (c *Columns) DistanceMeters() *float64 { return c.DistanceM }

// Km converts metres to kilometres, rounded to metres.
func Km(m *float64) *float64 {
	if m == nil {
		return nil
	}
	km := float64(int64(*m+0.5)) / 1000
	return &km
}
