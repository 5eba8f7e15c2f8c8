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
// (all 1,000,000, of which the measured reps' have positions). Every marker query joins each person's primary
// organisation for persons without an address of their own (they sit there when the user may see it). The bench's
// persons all have an address; the persons of the measured reps get positions here, once (one statement per rep:
// updating all 1,000,000 rows with their indexes and change-feed trigger takes over 20 minutes on 2 cores): a person
// at an organisation at the organisation's position, a private contact at a synthetic one in Germany.

// mapReps is how many reps the map workload measures (the first ones).
const mapReps = 4

// ensurePersonPositions gives the persons of the first mapReps reps without a position one.
func ensurePersonPositions(ctx context.Context, owner *bun.DB, ds *dataset) error {
	if err := ensurePositions(ctx, owner, ds); err != nil {
		return err
	}
	for i := range mapReps {
		t0 := time.Now()
		res, err := owner.NewRaw(`UPDATE persons AS p SET geo_key = 'a1|bench', geo_lat = pos.lat, geo_lng = pos.lng,
				geo_earth = ll_to_earth(pos.lat, pos.lng), geo_precision = 'city', geo_source = 'gazetteer', geo_at = now()
			FROM (SELECT p2.id,
					coalesce(o.geo_lat, 47.4 + (('x' || substr(md5(p2.id::text), 1, 6))::bit(24)::int / 16777215.0) * 7.4) AS lat,
					coalesce(o.geo_lng, 6.0 + (('x' || substr(md5(p2.id::text), 7, 6))::bit(24)::int / 16777215.0) * 8.8) AS lng
				FROM persons AS p2
				LEFT JOIN memberships AS m ON m.person_id = p2.id AND m.is_primary
				LEFT JOIN organizations AS o ON o.id = m.organization_id
				WHERE p2.tenant_id = ? AND p2.owner_id = ? AND p2.geo_precision IS NULL) AS pos
			WHERE p.id = pos.id`, ds.TenantID, ds.RepIDs[i]).Exec(ctx)
		if err != nil {
			return fmt.Errorf("bench: person positions: %w", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			logf("map: %d persons of %s placed in %s", n, ds.Reps[i], time.Since(t0).Round(time.Second))
		}
	}
	if _, err := owner.ExecContext(ctx, "ANALYZE persons"); err != nil {
		return fmt.Errorf("bench: analyze persons: %w", err)
	}
	return nil
}

// personMap measures POST /api/v1/persons/map: mapReps field reps and the manager, the whole list each.
func (b *bench) personMap(ctx context.Context, manager string) (*figures, error) {
	if err := ensurePersonPositions(ctx, b.owner, b.ds); err != nil {
		return nil, err
	}
	tokens := []string{manager}
	for i := range mapReps {
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
