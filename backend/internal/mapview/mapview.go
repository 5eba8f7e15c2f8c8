// Package mapview answers the map routes: the markers of a filtered record list (POST /api/v1/{type}/map) and
// the geocoding of a free address for the nearby search (POST /api/v1/geocode). Lists and maps share one
// compiled query (package listquery), so a map shows exactly the records its list lists, in the caller's scope.
package mapview

import (
	"context"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/shared/api"
)

// Service answers the map routes.
type Service struct {
	db       *bun.DB
	geocoder *geo.Geocoder
}

// NewService builds the service.
func NewService(db *bun.DB, g *geo.Geocoder) *Service { return &Service{db: db, geocoder: g} }

// Markers returns the map of the list spec describes: for every record the list query selects that has a position
// (a deal at its organisation's, else its person's), its ID, name, position and precision, at most
// api.MaxMapMarkers of them.
func (s *Service) Markers(spec listquery.Spec) func(context.Context, *access.Actor, api.ListQuery) (*api.RecordMap, error) {
	return func(ctx context.Context, a *access.Actor, q api.ListQuery) (*api.RecordMap, error) {
		var out *api.RecordMap
		err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
			fields, err := customfield.Load(ctx, tx, spec.Type)
			if err != nil {
				return err
			}
			q.Cursor, q.Limit = "", 0 // a map is not paged
			c, err := listquery.Compile(spec, a, q, fields)
			if err != nil {
				return err
			}
			out, err = c.Markers(ctx, tx, api.MaxMapMarkers)
			return err
		})
		return out, err
	}
}

// Geocode places a free address through the geocoding chain (cache, online geocoder within the shared rate limit,
// gazetteer). An address that cannot be placed answers precision not_found, not an error; a later list query may
// refer to the same text in near.address.
func (s *Service) Geocode(ctx context.Context, _ *access.Actor, in api.GeocodeRequest) (*api.GeocodeResult, error) {
	switch text := geo.Clean(in.Query, geo.MaxTextLen+1); {
	case utf8.RuneCountInString(text) > geo.MaxTextLen:
		return nil, httpx.FieldError("query", api.FieldTooLong)
	case geo.TextKey(text) == "":
		return nil, httpx.FieldError("query", api.FieldRequired)
	}
	out, err := s.geocoder.Geocode(ctx, in.Query)
	if err != nil {
		return nil, err
	}
	return &out, nil
}
