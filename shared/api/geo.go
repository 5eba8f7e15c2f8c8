package api

import "time"

// Precision says how exactly a position places an address.
type Precision string

const (
	PrecisionAddress    Precision = "address"     // the building (house number)
	PrecisionStreet     Precision = "street"      // somewhere on the street
	PrecisionPostalCode Precision = "postal_code" // the postal code area
	PrecisionCity       Precision = "city"        // the town or city
	PrecisionNotFound   Precision = "not_found"   // the address could not be placed: no marker
)

// AllPrecisions lists the precisions, most exact first.
var AllPrecisions = []Precision{PrecisionAddress, PrecisionStreet, PrecisionPostalCode, PrecisionCity, PrecisionNotFound}

// GeoSource is the geocoder a position comes from.
type GeoSource string

const (
	// GeoNominatim is the configured Nominatim-compatible service (OpenStreetMap data).
	GeoNominatim GeoSource = "nominatim"
	// GeoGazetteer is the built-in offline list of places in Germany, Austria and Switzerland (GeoNames data,
	// CC BY 4.0): city precision at best.
	GeoGazetteer GeoSource = "gazetteer"
)

// AllGeoSources lists the sources.
var AllGeoSources = []GeoSource{GeoNominatim, GeoGazetteer}

// Position is where a record's address lies, found by the backend in the background after the address was saved.
// Records carry nil while their address waits to be geocoded (or when they have no address). Precision
// not_found means the address could not be placed: Lat and Lng are then 0 and there is no marker.
type Position struct {
	Lat        float64   `json:"lat"`
	Lng        float64   `json:"lng"`
	Precision  Precision `json:"precision"`
	Source     GeoSource `json:"source"`
	GeocodedAt time.Time `json:"geocodedAt" ts_type:"string"`
}

// Near restricts a list to records within RadiusKm (more than 0, at most 500) of a reference: exactly one of a
// record (RecordType and RecordID; a deal lies where its organisation, else its person lies), an address already
// geocoded through POST /api/v1/geocode (the same text), or a point (Lat and Lng). The list may then be sorted by
// "distance" (its default), and each record carries DistanceKm.
type Near struct {
	RecordType RecordType `json:"recordType,omitempty"`
	RecordID   string     `json:"recordId,omitempty"`
	Address    string     `json:"address,omitempty"`
	Lat        *float64   `json:"lat,omitempty"`
	Lng        *float64   `json:"lng,omitempty"`
	RadiusKm   float64    `json:"radiusKm"`
}

// MaxNearRadiusKm is the largest radius of a Near condition.
const MaxNearRadiusKm = 500

// PlacedAt says whose address places a record on the map.
type PlacedAt string

const (
	// PlacedOwn is the record's own address.
	PlacedOwn PlacedAt = "own"
	// PlacedOrganization is the address of a person's primary organisation: a person without an address of its own
	// sits there, but only when the caller may see that organisation (else the person has no position).
	PlacedOrganization PlacedAt = "organization"
)

// AllPlacedAt lists the values of PlacedAt.
var AllPlacedAt = []PlacedAt{PlacedOwn, PlacedOrganization}

// PlacedVia is where a person without an address of its own is placed: its primary organisation, present only when
// the caller may see that organisation (live, in the caller's view scope), with the organisation's address and
// position (nil while that is being geocoded, or when the organisation has no address).
type PlacedVia struct {
	OrganizationID   string    `json:"organizationId"`
	OrganizationName string    `json:"organizationName"`
	Address          Address   `json:"address"`
	Position         *Position `json:"position"`
}

// MapMarker is one record on a map.
type MapMarker struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Lat       float64   `json:"lat"`
	Lng       float64   `json:"lng"`
	Precision Precision `json:"precision"`
	// PlacedAt says whose address the position is (persons, organisations and leads; empty for deals, which lie
	// where their organisation, else their person lies). With PlacedOrganization, ViaID and ViaName name the
	// organisation.
	PlacedAt PlacedAt `json:"placedAt,omitempty"`
	ViaID    string   `json:"viaId,omitempty"`
	ViaName  string   `json:"viaName,omitempty"`
	// DistanceKm is set when the query had a Near condition.
	DistanceKm *float64 `json:"distanceKm,omitempty"`
}

// MaxMapMarkers caps a map answer.
const MaxMapMarkers = 5000

// RecordMap is the answer of POST /api/v1/{type}/map: the markers of the records the list query selects that have
// a position, in the list's order, at most MaxMapMarkers (Truncated then says that more records matched).
type RecordMap struct {
	Items     []MapMarker `json:"items"`
	Truncated bool        `json:"truncated"`
}

// GeocodeRequest asks for the position of a free-text address ("Marienplatz 1, 80331 München").
type GeocodeRequest struct {
	Query string `json:"query"`
}

// GeocodeResult is where the address lies (Position.Precision not_found when nowhere), with the place's name as
// the geocoder knows it.
type GeocodeResult struct {
	Query    string   `json:"query"`
	Label    string   `json:"label"`
	Position Position `json:"position"`
}
