package listquery

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// Markers selects the map of the list: the records it lists (scope, filters, search, nearby condition) that have
// a position, in the list's order from its start (a cursor and the page size do not apply), at most max, and
// whether more matched.
func (c *Compiled) Markers(ctx context.Context, tx bun.IDB, max int) (*api.RecordMap, error) {
	if err := c.Resolve(ctx, tx); err != nil {
		return nil, err
	}
	k := record.MustKind(c.spec.Type)
	lat, lng, hasPos := positionSQL(c.actor, c.spec.Type, c.spec.Alias())
	if !hasPos {
		return nil, fmt.Errorf("listquery: markers: %s has no positions", c.spec.Type)
	}
	if c.Searching() {
		if _, err := c.narrow(ctx, tx); err != nil {
			return nil, err
		}
	}
	var rows []struct {
		ID        uuid.UUID  `bun:"id"`
		Name      string     `bun:"name"`
		Lat       float64    `bun:"lat"`
		Lng       float64    `bun:"lng"`
		Precision string     `bun:"precision"`
		ViaID     *uuid.UUID `bun:"via_id"`
		ViaName   string     `bun:"via_name"`
		DistanceM *float64   `bun:"distance_m"`
	}
	alias := bun.Ident(c.spec.Alias())
	precision := precisionSQL(c.actor, c.spec.Type, c.spec.Alias())
	q := tx.NewSelect().TableExpr("? AS ?", bun.Ident(k.Table), alias).
		ColumnExpr("?.id", alias).ColumnExpr("coalesce(" + k.NameSQL + ", '') AS name")
	if c.spec.Via != nil {
		// A row without an address of its own sits at the linked record the actor may see (its via_* columns are
		// NULL for rows with an address of their own, so those keep their own position or none).
		q = q.Join(c.spec.Via(c.actor)).ColumnExpr("via.via_id").ColumnExpr("coalesce(via.via_name, '') AS via_name")
		lat, lng = "coalesce("+lat+", via.via_lat)", "coalesce("+lng+", via.via_lng)"
		precision = "coalesce(" + precision + ", via.via_precision)"
	}
	q = q.ColumnExpr(lat + " AS lat").ColumnExpr(lng + " AS lng").ColumnExpr(precision + " AS precision").
		Where(lat + " IS NOT NULL")
	c.withDistance(q)
	c.Filter(q.QueryBuilder())
	dir := "ASC"
	if c.desc {
		dir = "DESC"
	}
	q = q.OrderExpr(c.sortExpr()+" "+dir+", ? "+dir, bun.Ident(c.spec.Alias()+".id")).Limit(max + 1)
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("listquery: markers of %s: %w", k.Table, err)
	}
	out := &api.RecordMap{Items: make([]api.MapMarker, 0, min(len(rows), max))}
	for i, r := range rows {
		if i == max {
			out.Truncated = true
			break
		}
		m := api.MapMarker{ID: r.ID.String(), Name: r.Name, Lat: r.Lat, Lng: r.Lng,
			Precision: api.Precision(r.Precision), DistanceKm: geo.Km(r.DistanceM)}
		switch {
		case r.ViaID != nil:
			m.PlacedAt, m.ViaID, m.ViaName = api.PlacedOrganization, r.ViaID.String(), r.ViaName
		case c.spec.Type != api.RecordDeal:
			m.PlacedAt = api.PlacedOwn
		}
		out.Items = append(out.Items, m)
	}
	return out, nil
}
