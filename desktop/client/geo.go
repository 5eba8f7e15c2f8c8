package client

import (
	"context"
	"net/http"

	"github.com/1sales/app/shared/api"
)

// Maps and nearby search. The nearby condition itself is part of api.ListQuery (Near) and goes through the
// lists' query routes.

// RecordMap returns the markers of the records of a type (person, organization, deal or lead) that the list query
// q selects and that have a position, at most api.MaxMapMarkers (Truncated says that more matched).
func (c *Client) RecordMap(ctx context.Context, recordType api.RecordType, q api.ListQuery) (api.RecordMap, error) {
	seg, err := recordSegment(recordType)
	if err != nil {
		return api.RecordMap{}, err
	}
	var out api.RecordMap
	err = c.do(ctx, call{method: http.MethodPost, path: "/" + seg + "/map", body: q, result: &out, auth: true})
	return out, err
}

// Geocode places a free-text address for the "near an address" search; a list query may then name the same text
// in near.address.
func (c *Client) Geocode(ctx context.Context, query string) (api.GeocodeResult, error) {
	var out api.GeocodeResult
	err := c.do(ctx, call{method: http.MethodPost, path: "/geocode", body: api.GeocodeRequest{Query: query}, result: &out, auth: true})
	return out, err
}
