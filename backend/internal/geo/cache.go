package geo

import (
	"context"
	"fmt"
	"time"

	"github.com/paulmach/orb"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/shared/api"
)

// How long cached results live: what the online geocoder found; what it did not find (the gazetteer may have);
// what only the gazetteer answered because no online geocoder is configured; and the gazetteer's answer taken
// because the online geocoder failed (the worker asks again).
const (
	ttlOnlineFound    = 180 * 24 * time.Hour
	ttlOnlineNotFound = 30 * 24 * time.Hour
	ttlOffline        = 30 * 24 * time.Hour
	ttlFallback       = time.Hour
)

// Cached looks a key up in the cache. fallback says whether results the online geocoder has not confirmed
// (gazetteer answers) count.
func Cached(ctx context.Context, tx bun.IDB, key string, fallback bool) (Result, bool, error) {
	if key == "" {
		return Result{}, false, nil
	}
	var row struct {
		Lat       *float64 `bun:"lat"`
		Lng       *float64 `bun:"lng"`
		Precision string   `bun:"precision"`
		Source    string   `bun:"source"`
		Label     string   `bun:"label"`
	}
	q := tx.NewSelect().TableExpr("geocode_cache").Column("lat", "lng", "precision", "source", "label").
		Where("key_hash = ?", hashKey(key)).Where("expires_at > now()")
	if !fallback {
		q = q.Where("NOT fallback")
	}
	if err := q.Scan(ctx, &row); err != nil {
		if db.IsNoRows(err) {
			return Result{}, false, nil
		}
		return Result{}, false, fmt.Errorf("geo: cache: %w", err)
	}
	r := Result{Precision: api.Precision(row.Precision), Source: api.GeoSource(row.Source), Label: row.Label}
	if row.Lat != nil && row.Lng != nil {
		r.Point = orb.Point{*row.Lng, *row.Lat}
	}
	return r, true, nil
}

// store keeps a result for key.
func store(ctx context.Context, tx bun.IDB, key string, r Result, fallback bool, ttl time.Duration) error {
	var lat, lng *float64
	if r.Found() {
		la, ln := r.Lat(), r.Lng()
		lat, lng = &la, &ln
	}
	if _, err := tx.NewRaw(`INSERT INTO geocode_cache (key_hash, lat, lng, precision, source, label, fallback, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))
		ON CONFLICT (key_hash) DO UPDATE SET lat = EXCLUDED.lat, lng = EXCLUDED.lng, precision = EXCLUDED.precision,
			source = EXCLUDED.source, label = EXCLUDED.label, fallback = EXCLUDED.fallback, created_at = now(),
			expires_at = EXCLUDED.expires_at`,
		hashKey(key), lat, lng, r.Precision, r.Source, Clean(r.Label, 300), fallback, ttl.Seconds()).Exec(ctx); err != nil {
		return fmt.Errorf("geo: cache store: %w", err)
	}
	return nil
}

// PurgeCache deletes expired results.
func PurgeCache(ctx context.Context, tx bun.IDB) error {
	if _, err := tx.NewRaw("DELETE FROM geocode_cache WHERE expires_at < now()").Exec(ctx); err != nil {
		return fmt.Errorf("geo: purge cache: %w", err)
	}
	return nil
}
