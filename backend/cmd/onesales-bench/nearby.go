package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/geo/gazetteer"
	"github.com/1sales/app/shared/api"
)

// The nearby search (issue 7): organisations within 25 km of one of them, sorted by distance, over the 200,000
// geocoded organisations of the bench tenant, as field reps (their own organisations) and as the sales manager (all
// 50 reps' organisations). The generated organisations get positions here, once (incrementally: only those
// without one), as if geocoded: around the city of their address (most within 10 km of its centre, the city's
// position from the gazetteer), a fifth anywhere in Germany.

const nearbyRadiusKm = 25

// ensurePositions gives every organisation of the bench tenant without a position a synthetic one, with the
// address key the service would store, so that no geocoding worker takes them up again.
func ensurePositions(ctx context.Context, owner *bun.DB, ds *dataset) error {
	var missing int
	if err := owner.NewRaw("SELECT count(*) FROM organizations WHERE tenant_id = ? AND geo_precision IS NULL", ds.TenantID).
		Scan(ctx, &missing); err != nil {
		return fmt.Errorf("bench: positions: %w", err)
	}
	if missing == 0 {
		return nil
	}
	t0 := time.Now()
	logf("nearby: placing %d organisations", missing)
	gz, err := gazetteer.Load()
	if err != nil {
		return err
	}
	centres := map[string][2]float64{}
	for _, c := range cities {
		r := gz.Geocode(geo.Query{Address: api.Address{City: c[1], PostalCode: c[0], Country: "DE"}})
		if !r.Found() {
			return fmt.Errorf("bench: positions: the gazetteer does not know %s", c[1])
		}
		centres[c[1]] = [2]float64{r.Lat(), r.Lng()}
	}
	const batch = 20000
	for {
		var rows []struct {
			ID         uuid.UUID `bun:"id"`
			Street     string    `bun:"street"`
			PostalCode string    `bun:"postal_code"`
			City       string    `bun:"city"`
			Country    string    `bun:"country"`
		}
		if err := owner.NewRaw(`SELECT id, street, postal_code, city, country FROM organizations
			WHERE tenant_id = ? AND geo_precision IS NULL ORDER BY id LIMIT ?`, ds.TenantID, batch).Scan(ctx, &rows); err != nil {
			return fmt.Errorf("bench: positions: %w", err)
		}
		if len(rows) == 0 {
			break
		}
		ids := make([]uuid.UUID, len(rows))
		keys := make([]string, len(rows))
		lats := make([]float64, len(rows))
		lngs := make([]float64, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
			keys[i] = geo.AddressKey(api.Address{Street: r.Street, PostalCode: r.PostalCode, City: r.City, Country: r.Country})
			lats[i], lngs[i] = synthetic(r.ID, centres[r.City])
		}
		if _, err := owner.NewRaw(`UPDATE organizations AS o SET geo_key = p.key, geo_lat = p.lat, geo_lng = p.lng,
				geo_earth = ll_to_earth(p.lat, p.lng), geo_precision = 'address', geo_source = 'nominatim', geo_at = now()
			FROM unnest(?::uuid[], ?::text[], ?::float8[], ?::float8[]) AS p (id, key, lat, lng) WHERE o.id = p.id`,
			pgdialect.Array(ids), pgdialect.Array(keys), pgdialect.Array(lats), pgdialect.Array(lngs)).Exec(ctx); err != nil {
			return fmt.Errorf("bench: positions: %w", err)
		}
	}
	if _, err := owner.ExecContext(ctx, "VACUUM (ANALYZE) organizations"); err != nil {
		return fmt.Errorf("bench: vacuum organizations: %w", err)
	}
	logf("nearby: %d organisations placed in %s", missing, time.Since(t0).Round(time.Second))
	return nil
}

// synthetic is an organisation's position: deterministic per ID; four in five around their city's centre (normal,
// 8 km standard deviation), the rest uniformly in Germany's bounding box.
func synthetic(id uuid.UUID, centre [2]float64) (lat, lng float64) {
	seed := uint64(0)
	for _, b := range id[:8] {
		seed = seed<<8 | uint64(b)
	}
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	if r.IntN(5) == 0 || centre == [2]float64{} {
		return 47.4 + r.Float64()*(54.8-47.4), 6.0 + r.Float64()*(14.8-6.0)
	}
	const sigmaKm = 8
	lat = centre[0] + r.NormFloat64()*sigmaKm/111.2
	lng = centre[1] + r.NormFloat64()*sigmaKm/(111.2*math.Cos(centre[0]*math.Pi/180))
	return math.Round(lat*1e6) / 1e6, math.Round(lng*1e6) / 1e6
}

// nearby measures POST /api/v1/organizations/query with near (25 km around an organisation, sorted by distance,
// first page of 50): 16 variants, 12 of field reps near one of their own organisations and 4 of the manager.
func (b *bench) nearby(ctx context.Context, manager string) (*figures, error) {
	if err := ensurePositions(ctx, b.owner, b.ds); err != nil {
		return nil, err
	}
	type variant struct {
		token string
		body  []byte
	}
	var variants []variant
	pick := func(who string, token string, owner *uuid.UUID, n int) error {
		q := b.owner.NewSelect().TableExpr("organizations").Column("id").Where("tenant_id = ?", b.ds.TenantID).
			Where("geo_earth IS NOT NULL").Where("deleted_at IS NULL").OrderExpr("md5(id::text)").Limit(n)
		if owner != nil {
			q = q.Where("owner_id = ?", *owner)
		}
		var ids []uuid.UUID
		if err := q.Scan(ctx, &ids); err != nil || len(ids) < n {
			return fmt.Errorf("nearby: reference organisations of %s: %d, %v", who, len(ids), err)
		}
		for _, id := range ids {
			// As the desktop's list asks with its near filter: the count after the page (DeferTotal).
			body, _ := json.Marshal(api.ListQuery{Near: &api.Near{RecordType: api.RecordOrganization, RecordID: id.String(), RadiusKm: nearbyRadiusKm},
				DeferTotal: true})
			variants = append(variants, variant{token: token, body: body})
		}
		return nil
	}
	for i := 0; i < 12; i++ {
		token, err := b.login(ctx, b.ds.Reps[i])
		if err != nil {
			return nil, err
		}
		if err := pick(b.ds.Reps[i], token, &b.ds.RepIDs[i], 1); err != nil {
			return nil, err
		}
	}
	if err := pick(managerEmail, manager, nil, 4); err != nil {
		return nil, err
	}
	// A check that the figures measure real answers: the first variant lists organisations, nearest first.
	status, _, raw, err := b.http.call(ctx, http.MethodPost, "/api/v1/organizations/query", variants[0].token, variants[0].body, nil, true)
	if err := expect(status, raw, err, http.StatusOK, "nearby"); err != nil {
		return nil, err
	}
	var page api.OrganizationPage
	if err := json.Unmarshal(raw, &page); err != nil || len(page.Items) == 0 || page.Items[0].DistanceKm == nil {
		return nil, fmt.Errorf("nearby: unexpected answer %.200s (%v)", raw, err)
	}
	total := 0
	for _, v := range variants {
		status, _, raw, err := b.http.call(ctx, http.MethodPost, "/api/v1/organizations/count", v.token, v.body, nil, true)
		if err := expect(status, raw, err, http.StatusOK, "nearby count"); err != nil {
			return nil, err
		}
		var t api.ListTotal
		_ = json.Unmarshal(raw, &t)
		total += t.Total
	}
	logf("nearby_search: %d variants find %d organisations within %d km on average (first page 50)", len(variants), total/len(variants), nearbyRadiusKm)
	keys := make([][]byte, len(variants))
	for i := range variants {
		keys[i] = []byte(strconv.Itoa(i))
	}
	return b.recorded(ctx, "nearby_search", keys, func(ctx context.Context, key []byte) error {
		i, _ := strconv.Atoi(string(key))
		status, _, raw, err := b.http.call(ctx, http.MethodPost, "/api/v1/organizations/query", variants[i].token, variants[i].body, nil, false)
		return expect(status, raw, err, http.StatusOK, "POST /api/v1/organizations/query (near)")
	})
}

// nearbyWorkload runs nearby and checks its target.
func (b *bench) nearbyWorkload(ctx context.Context, manager string) error {
	f, err := b.nearby(ctx, manager)
	if err != nil {
		return err
	}
	b.target(f.c16.pct(0.99) < 30, "nearby_search c16 p99 < 30 ms (%.2f ms)", f.c16.pct(0.99))
	return nil
}
