package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/shared/api"
)

// The person map (issue 16): POST /api/v1/persons/map, the markers of the whole person list (at most
// api.MaxMapMarkers, in the list's name order), as field reps (their own 20,000 persons) and as the sales manager
// (all 1,000,000). Every marker query joins each person's primary organisation for persons without an address of
// their own (they sit there when the user may see it). The bench's persons all have an address; they get positions
// here, once, as the organisations do for the nearby search: a person at its organisation sits at its
// organisation's position, a private contact at a synthetic one around its city.

// ensurePersonPositions gives every person of the bench tenant without a position one: its primary organisation's
// (as the worker would place the same city; near enough for a bench), else a synthetic one.
func ensurePersonPositions(ctx context.Context, owner *bun.DB, ds *dataset) error {
	if err := ensurePositions(ctx, owner, ds); err != nil {
		return err
	}
	var missing int
	if err := owner.NewRaw("SELECT count(*) FROM persons WHERE tenant_id = ? AND geo_precision IS NULL", ds.TenantID).
		Scan(ctx, &missing); err != nil {
		return fmt.Errorf("bench: person positions: %w", err)
	}
	if missing == 0 {
		return nil
	}
	t0 := time.Now()
	logf("map: placing %d persons", missing)
	if _, err := owner.NewRaw(`UPDATE persons AS p SET geo_key = 'a1|bench', geo_lat = o.geo_lat, geo_lng = o.geo_lng,
			geo_earth = o.geo_earth, geo_precision = 'city', geo_source = 'gazetteer', geo_at = now()
		FROM memberships AS m JOIN organizations AS o ON o.id = m.organization_id
		WHERE m.person_id = p.id AND m.is_primary AND p.tenant_id = ? AND p.geo_precision IS NULL AND o.geo_lat IS NOT NULL`,
		ds.TenantID).Exec(ctx); err != nil {
		return fmt.Errorf("bench: person positions: %w", err)
	}
	// Private contacts: around the middle of Germany, spread by their ID.
	if _, err := owner.NewRaw(`UPDATE persons AS p SET geo_key = 'a1|bench',
			geo_lat = 47.4 + (('x' || substr(md5(p.id::text), 1, 6))::bit(24)::int / 16777215.0) * 7.4,
			geo_lng = 6.0 + (('x' || substr(md5(p.id::text), 7, 6))::bit(24)::int / 16777215.0) * 8.8,
			geo_precision = 'city', geo_source = 'gazetteer', geo_at = now()
		WHERE p.tenant_id = ? AND p.geo_precision IS NULL`, ds.TenantID).Exec(ctx); err != nil {
		return fmt.Errorf("bench: person positions: %w", err)
	}
	if _, err := owner.ExecContext(ctx, "UPDATE persons SET geo_earth = ll_to_earth(geo_lat, geo_lng) WHERE geo_earth IS NULL AND geo_lat IS NOT NULL"); err != nil {
		return fmt.Errorf("bench: person positions: %w", err)
	}
	if _, err := owner.ExecContext(ctx, "VACUUM (ANALYZE) persons"); err != nil {
		return fmt.Errorf("bench: vacuum persons: %w", err)
	}
	logf("map: %d persons placed in %s", missing, time.Since(t0).Round(time.Second))
	return nil
}

// personMap measures POST /api/v1/persons/map: 4 field reps and the manager, the whole list each.
func (b *bench) personMap(ctx context.Context, manager string) (*figures, error) {
	if err := ensurePersonPositions(ctx, b.owner, b.ds); err != nil {
		return nil, err
	}
	tokens := []string{manager}
	for i := range 4 {
		token, err := b.login(ctx, b.ds.Reps[i])
		if err != nil {
			return nil, err
		}
		tokens = append(tokens, token)
	}
	body, _ := json.Marshal(api.ListQuery{})
	keys := make([][]byte, len(tokens))
	for i, token := range tokens {
		keys[i] = []byte(strconv.Itoa(i))
		status, _, raw, err := b.http.call(ctx, http.MethodPost, "/api/v1/persons/map", token, body, nil, true)
		if err := expect(status, raw, err, http.StatusOK, "person map"); err != nil {
			return nil, err
		}
		var m api.RecordMap
		if err := json.Unmarshal(raw, &m); err != nil || len(m.Items) == 0 {
			return nil, fmt.Errorf("person map: unexpected answer %.200s (%v)", raw, err)
		}
		logf("map_persons: variant %d: %d markers (truncated %v)", i, len(m.Items), m.Truncated)
	}
	return b.recorded(ctx, "map_persons", keys, func(ctx context.Context, key []byte) error {
		i, _ := strconv.Atoi(string(key))
		status, _, raw, err := b.http.call(ctx, http.MethodPost, "/api/v1/persons/map", tokens[i], body, nil, false)
		return expect(status, raw, err, http.StatusOK, "POST /api/v1/persons/map")
	})
}

// personMapWorkload runs personMap and checks its target.
func (b *bench) personMapWorkload(ctx context.Context, manager string) error {
	f, err := b.personMap(ctx, manager)
	if err != nil {
		return err
	}
	b.target(f.c16.pct(0.99) < 500, "map_persons c16 p99 < 500 ms (%.2f ms)", f.c16.pct(0.99))
	return nil
}
