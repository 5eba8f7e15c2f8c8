package listquery

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// The nearby condition (api.Near): records within a radius of a record, a geocoded address or a point. The
// candidates come from geocode_nearby (the GiST index on the positions, in the caller's tenant); the list's own
// query applies the scope and every other condition to them, and sorts by the distance, computed again per row
// with earth_distance.

// near is the validated condition; lat/lng are known once resolved.
type near struct {
	radiusM  float64
	ref      *record.Kind // reference record
	refID    uuid.UUID
	address  string
	lat, lng float64
	resolved bool
}

// compileNear validates q.Near into c.near (field codes under "near.").
func (c *Compiled) compileNear(v *httpx.Validation) {
	n := c.q.Near
	if n == nil {
		if c.sort == api.SortDistance {
			v.Field("sort", api.FieldInvalid)
		}
		return
	}
	if c.q.Sort == "" {
		c.sort = api.SortDistance
	}
	nc := &near{radiusM: n.RadiusKm * 1000}
	if !(n.RadiusKm > 0 && n.RadiusKm <= api.MaxNearRadiusKm) {
		v.Field("near.radiusKm", api.FieldRange)
	}
	forms := 0
	if n.RecordType != "" || n.RecordID != "" {
		forms++
		k, ok := record.KindOf(n.RecordType)
		if !ok || k.Type == api.RecordActivity {
			v.Field("near.recordType", api.FieldInvalid)
		} else {
			nc.ref = &k
		}
		id, err := uuid.Parse(n.RecordID)
		if err != nil {
			v.Field("near.recordId", api.FieldInvalid)
		}
		nc.refID = id
	}
	if n.Address != "" {
		forms++
		nc.address = geo.Clean(n.Address, geo.MaxTextLen+1)
		switch {
		case len([]rune(nc.address)) > geo.MaxTextLen:
			v.Field("near.address", api.FieldTooLong)
		case geo.TextKey(nc.address) == "":
			v.Field("near.address", api.FieldRequired)
		}
	}
	if n.Lat != nil || n.Lng != nil {
		forms++
		if n.Lat == nil || n.Lng == nil || math.IsNaN(*n.Lat) || math.IsNaN(*n.Lng) || *n.Lat < -90 || *n.Lat > 90 ||
			*n.Lng < -180 || *n.Lng > 180 {
			v.Field("near.lat", api.FieldRange)
		} else {
			nc.lat, nc.lng, nc.resolved = *n.Lat, *n.Lng, true
		}
	}
	if forms != 1 {
		v.Field("near", api.FieldInvalid)
	}
	c.near = nc
}

// Resolve finds the reference point of a nearby condition: the reference record's position (404 with
// near.recordId not_found when the caller may not see it, 422 no_position when it has none) or the cached
// position of the address (422 near.address not_geocoded before POST /api/v1/geocode answered it). Rows and
// Count call it; without it Filter finds the point in SQL (and finds nothing rather than answering 404).
func (c *Compiled) Resolve(ctx context.Context, tx bun.IDB) error {
	n := c.near
	if n == nil || n.resolved {
		return nil
	}
	if n.ref != nil {
		var pos struct {
			Lat *float64 `bun:"lat"`
			Lng *float64 `bun:"lng"`
		}
		if err := c.refPoint(tx).Scan(ctx, &pos); err != nil {
			if db.IsNoRows(err) {
				e := httpx.NewError(http.StatusNotFound, api.CodeNotFound, "the reference record of near was not found")
				e.Fields = map[string]api.FieldCode{"near.recordId": api.FieldNotFound}
				return e
			}
			return fmt.Errorf("listquery: near: %w", err)
		}
		if pos.Lat == nil || pos.Lng == nil {
			return httpx.FieldError("near.recordId", api.FieldNoPosition)
		}
		n.lat, n.lng, n.resolved = *pos.Lat, *pos.Lng, true
		return nil
	}
	r, ok, err := geo.Cached(ctx, tx, geo.TextKey(n.address), true)
	switch {
	case err != nil:
		return fmt.Errorf("listquery: near: %w", err)
	case !ok:
		return httpx.FieldError("near.address", api.FieldNotGeocoded)
	case !r.Found():
		return httpx.FieldError("near.address", api.FieldNoPosition)
	}
	n.lat, n.lng, n.resolved = r.Lat(), r.Lng(), true
	return nil
}

// refPoint selects the reference's position (lat, lng; no row when unknown or out of the caller's view scope).
func (c *Compiled) refPoint(tx bun.IDB) *bun.SelectQuery {
	n := c.near
	if n.ref == nil {
		return tx.NewSelect().ColumnExpr("lat, lng").TableExpr("geocode_cache").
			Where("key_hash = (SELECT sha256(convert_to(?, 'UTF8')))", geo.TextKey(n.address)).
			Where("expires_at > now()").Where("lat IS NOT NULL")
	}
	k := *n.ref
	alias := k.Alias
	q := tx.NewSelect().TableExpr("? AS ?", bun.Ident(k.Table), bun.Ident(alias))
	if lat, lng, ok := positionSQL(c.actor, k.Type, alias); ok {
		q = q.ColumnExpr(lat + " AS lat").ColumnExpr(lng + " AS lng")
	}
	q = q.Where("?.id = ?", bun.Ident(alias), n.refID).Where("?.deleted_at IS NULL", bun.Ident(alias))
	c.actor.Restrict(q.QueryBuilder(), k.Type, api.ActionView, k.OwnerColumn())
	return q
}

// nearFilter keeps the records within the radius: the candidates a query found before (nearIDs), or those
// geocode_nearby finds in the caller's tenant among the owners the actor's scope admits (a hint computed with
// Restrict; the query applies Restrict itself as well).
func (c *Compiled) nearFilter(q bun.QueryBuilder) bun.QueryBuilder {
	n := c.near
	if n == nil {
		return q
	}
	if c.nearIDs != nil {
		return q.Where("? = ANY(?::uuid[])", c.spec.col("id"), pgdialect.Array(c.nearIDs))
	}
	withDB, ok := q.Unwrap().(interface{ DB() *bun.DB })
	if !ok {
		return q.Where("FALSE")
	}
	idb := withDB.DB()
	if n.resolved {
		call, args := c.nearbyCall(idb, n.lat, n.lng)
		return q.Where("? IN (SELECT nb.nb_id FROM "+call+" AS nb)", append([]any{c.spec.col("id")}, args...)...)
	}
	call, args := c.nearbyCall(idb, bun.Safe("ref.lat"), bun.Safe("ref.lng"))
	return q.Where("? IN (SELECT nb.nb_id FROM (?) AS ref, "+call+" AS nb)", append([]any{c.spec.col("id"), c.refPoint(idb)}, args...)...)
}

// nearbyCall is the call of the owner-run function that finds the records of the list's kind within the radius
// of (lat, lng) among those the actor's scope admits (then, with page given, the nearest limit after a distance
// and ID): geocode_nearby for kinds with positions of their own; geocode_nearby_deals for deals, which lie at
// their organisation or person and so need the actor's scopes of those too (see dealPick).
func (c *Compiled) nearbyCall(idb bun.IDB, lat, lng any, page ...any) (string, []any) {
	call, args := "geocode_nearby(?, ?, ?, ?, (?)::uuid[]", []any{c.spec.Table(), lat, lng, c.near.radiusM, c.ownersHint(idb, c.spec.Type)}
	if c.spec.Type == api.RecordDeal {
		call = "geocode_nearby_deals(?, ?, ?, (?)::uuid[], (?)::uuid[], (?)::uuid[]"
		args = append(args[1:], c.ownersHint(idb, api.RecordOrganization), c.ownersHint(idb, api.RecordPerson))
	}
	for range page {
		call += ", ?"
	}
	return call + ")", append(args, page...)
}

// ownersHint is the owners whose records of type rt the actor may see (a query on users narrowed by Restrict), or
// nil for any owner.
func (c *Compiled) ownersHint(idb bun.IDB, rt api.RecordType) any {
	if c.actor.Scope(rt, api.ActionView) == api.ScopeAll {
		return nil
	}
	q := idb.NewSelect().TableExpr("users AS nbu").ColumnExpr("coalesce(array_agg(nbu.id), '{}')")
	c.actor.Restrict(q.QueryBuilder(), rt, api.ActionView, "nbu.id")
	return q
}

// candidates are the nearest records the scope admits.
type candidates struct {
	ids []uuid.UUID
	// complete says they are all within the radius.
	complete bool
}

// nearCandidates finds the nearest limit records after the cursor (and those as far as the last) that the scope
// admits.
func (c *Compiled) nearCandidates(ctx context.Context, tx bun.IDB, limit int, after *cursor) (*candidates, error) {
	var afterM, afterID any
	if after != nil {
		f, _ := strconv.ParseFloat(after.V, 64)
		afterM, afterID = f, after.ID
	}
	n := c.near
	out := &candidates{ids: []uuid.UUID{}}
	call, args := c.nearbyCall(tx, n.lat, n.lng, limit, afterM, afterID)
	if err := tx.NewRaw("SELECT nb_id FROM "+call, args...).Scan(ctx, &out.ids); err != nil && !db.IsNoRows(err) {
		return nil, fmt.Errorf("listquery: nearby: %w", err)
	}
	out.complete = len(out.ids) < limit
	return out, nil
}

// nearFirst says whether a page can come from the nearest candidates: a nearby list sorted by distance, nearest
// first, without a search (which takes its own steps).
func (c *Compiled) nearFirst() bool {
	return c.near != nil && c.near.resolved && c.sort == api.SortDistance && !c.desc && !c.Searching()
}

// nearPage selects the page among the nearest limit+1 candidates after the cursor. It is the page when the
// candidates were all there are or enough of them passed the list's other conditions (done); otherwise Rows
// selects it again among every record within the radius.
func nearPage[T any](ctx context.Context, tx bun.IDB, c *Compiled, columns func(*bun.SelectQuery) *bun.SelectQuery) ([]T, bool, error) {
	cands, err := c.nearCandidates(ctx, tx, c.limit+1, c.cursor)
	if err != nil {
		return nil, false, err
	}
	c.nearIDs = cands.ids
	defer func() { c.nearIDs = nil }()
	var rows []T
	q := c.withDistance(columns(tx.NewSelect().Model(&rows)))
	c.Filter(q.QueryBuilder())
	if err := c.Page(q).Scan(ctx); err != nil {
		return nil, false, fmt.Errorf("listquery: %s: %w", c.spec.Table(), err)
	}
	return rows, cands.complete || len(rows) > c.limit, nil
}

// nearCount counts a nearby list whose only conditions are its scope and the radius in the index alone
// (geocode_nearby_count); done is false for other lists, which Count counts itself.
func (c *Compiled) nearCount(ctx context.Context, tx bun.IDB) (int, bool, bool, error) {
	if !c.near.resolved || !c.onlyNear(tx) {
		return 0, false, false, nil
	}
	n := c.near
	count, q := 0, tx.NewRaw("SELECT geocode_nearby_count(?, ?, ?, ?, (?)::uuid[], ?)", c.spec.Table(), n.lat, n.lng,
		n.radiusM, c.ownersHint(tx, c.spec.Type), CountCap+1)
	if c.spec.Type == api.RecordDeal {
		call, args := c.nearbyCall(tx, n.lat, n.lng, CountCap+1)
		q = tx.NewRaw("SELECT count(*) FROM "+call, args...)
	}
	if err := q.Scan(ctx, &count); err != nil {
		return 0, false, false, fmt.Errorf("listquery: nearby count: %w", err)
	}
	if count > CountCap {
		return CountCap, true, true, nil
	}
	return count, false, true, nil
}

// onlyNear reports whether the list's conditions are exactly those of a bare nearby list (liveness, scope and the
// radius, which geocode_nearby applies too): the filter it writes is the same as that of a list with nothing
// else, whatever conditions lists learn later.
func (c *Compiled) onlyNear(idb bun.IDB) bool {
	bare := &Compiled{spec: c.spec, actor: c.actor, near: c.near}
	mark := []uuid.UUID{uuid.Nil}
	c.nearIDs, bare.nearIDs = mark, mark
	defer func() { c.nearIDs = nil }()
	q1, q2 := idb.NewSelect().TableExpr("x"), idb.NewSelect().TableExpr("x")
	c.Filter(q1.QueryBuilder())
	bare.Filter(q2.QueryBuilder())
	return q1.String() == q2.String()
}

// distanceSQL is the distance of a row to the (resolved) reference in metres.
func (c *Compiled) distanceSQL() string {
	n := c.near
	if n == nil || !n.resolved {
		return "NULL::float8"
	}
	return "earth_distance(ll_to_earth(" + strconv.FormatFloat(n.lat, 'g', -1, 64) + ", " +
		strconv.FormatFloat(n.lng, 'g', -1, 64) + "), " + earthSQL(c.actor, c.spec.Type, c.spec.Alias()) + ")"
}

// withDistance adds the distance column (distance_m) to a list query with a nearby condition.
func (c *Compiled) withDistance(q *bun.SelectQuery) *bun.SelectQuery {
	if c.near == nil {
		return q
	}
	return q.ColumnExpr(c.distanceSQL() + " AS distance_m")
}

// Distanced is a list row that knows its distance to the nearby reference (geo.Columns).
type Distanced interface {
	DistanceMeters() *float64
}

// cursorAfter makes the cursor that continues after row.
func (c *Compiled) cursorAfter(row Listed) string {
	if c.sort != api.SortDistance {
		return c.Cursor(row.CursorKey())
	}
	_, _, _, _, id := row.CursorKey()
	v := ""
	if d, ok := row.(Distanced); ok && d.DistanceMeters() != nil {
		v = strconv.FormatFloat(*d.DistanceMeters(), 'g', -1, 64)
	}
	return EncodeCursor(cursor{V: v, ID: id})
}

// distanceCursor is the cursor's distance.
func (c *Compiled) distanceCursor() float64 {
	f, err := strconv.ParseFloat(c.cursor.V, 64)
	if err != nil {
		return 0
	}
	return f
}

// earthSQL is the position of a row of record type rt as an earth point, as actor a may know it (see positionSQL).
func earthSQL(a *access.Actor, rt api.RecordType, alias string) string {
	if rt != api.RecordDeal {
		return alias + ".geo_earth"
	}
	return dealPick(a, "geo_earth", alias)
}

// positionSQL gives the latitude and longitude of a row of record type rt as actor a may know it: its own for
// persons, organisations and leads; a deal's organisation's, else its person's, each only when a may see it (a
// deal never places a linked record the user may not see on the map, nor near a point).
func positionSQL(a *access.Actor, rt api.RecordType, alias string) (lat, lng string, ok bool) {
	switch rt {
	case api.RecordPerson, api.RecordOrganization, api.RecordLead:
		return alias + ".geo_lat", alias + ".geo_lng", true
	case api.RecordDeal:
		return dealPick(a, "geo_lat", alias), dealPick(a, "geo_lng", alias), true
	}
	return "", "", false
}

// dealPick is a position column of a deal's organisation, else of its person: the first of them that is live,
// placed and visible to a. geocode_nearby_deals picks the same.
func dealPick(a *access.Actor, col, alias string) string {
	return "coalesce((SELECT nbo." + col + " FROM organizations AS nbo WHERE nbo.id = " + alias + ".organization_id AND nbo.deleted_at IS NULL AND nbo.geo_earth IS NOT NULL AND " +
		a.RestrictSQL(api.RecordOrganization, api.ActionView, "nbo.owner_id") + "), " +
		"(SELECT nbp." + col + " FROM persons AS nbp WHERE nbp.id = " + alias + ".person_id AND nbp.deleted_at IS NULL AND nbp.geo_earth IS NOT NULL AND " +
		a.RestrictSQL(api.RecordPerson, api.ActionView, "nbp.owner_id") + "))"
}

// precisionSQL is the precision of a row's position (see positionSQL).
func precisionSQL(a *access.Actor, rt api.RecordType, alias string) string {
	if rt != api.RecordDeal {
		return alias + ".geo_precision"
	}
	return dealPick(a, "geo_precision", alias)
}
