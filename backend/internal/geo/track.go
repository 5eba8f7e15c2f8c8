package geo

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/shared/api"
)

// tables are the record types with an address and a position.
var tables = map[api.RecordType]string{
	api.RecordPerson:       "persons",
	api.RecordOrganization: "organizations",
	api.RecordLead:         "leads",
}

// Table returns the table of a record type with a position.
func Table(rt api.RecordType) (string, bool) {
	t, ok := tables[rt]
	return t, ok
}

// Track is called by the services of persons, organisations and leads in the transaction that creates a record or
// may have changed its address (tenant transaction, after the record's own insert; in an update before or after
// the row is written, which does not write the position columns). When the address's
// normalised key differs from the one the record's position was made from (cols, as loaded), it clears the
// position (pending) and queues the address for the workers; an unchanged address costs nothing and is not
// geocoded again; a removed address drops a queued job. cols is updated to what was stored.
func Track(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, rt api.RecordType, id uuid.UUID, addr api.Address, cols *Columns) error {
	key := AddressKey(addr)
	if cols.GeoKey != nil && *cols.GeoKey == key {
		return nil
	}
	if _, err := track(ctx, tx, tenantID, rt, id, addr, key, false); err != nil {
		return err
	}
	*cols = Columns{GeoKey: &key, DistanceM: cols.DistanceM}
	return nil
}

// TrackChange is Track for an update from the address before: a record never tracked (written before positions
// existed, or by hand) whose address did not change is left to the worker's backfill, so that such an update costs
// no more than it did.
func TrackChange(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, rt api.RecordType, id uuid.UUID, before, after api.Address, cols *Columns) error {
	if cols.GeoKey == nil && AddressKey(before) == AddressKey(after) {
		return nil
	}
	return Track(ctx, tx, tenantID, rt, id, after, cols)
}

// track stores key on the record (only while it has none when untracked is set) with an empty position, and
// queues the address. It reports whether the record was changed.
func track(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, rt api.RecordType, id uuid.UUID, addr api.Address, key string, untracked bool) (bool, error) {
	table, ok := tables[rt]
	if !ok {
		return false, fmt.Errorf("geo: track: record type %s has no position", rt)
	}
	q := tx.NewUpdate().TableExpr(table).
		Set("geo_key = ?", key).
		Set("geo_lat = NULL, geo_lng = NULL, geo_earth = NULL, geo_precision = NULL, geo_source = NULL, geo_at = NULL").
		Where("id = ?", id)
	if untracked {
		q = q.Where("geo_key IS NULL")
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("geo: track %s %s: %w", rt, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	if key == "" {
		if _, err := tx.NewDelete().TableExpr("geocode_jobs").Where("record_type = ? AND record_id = ?", rt, id).Exec(ctx); err != nil {
			return false, fmt.Errorf("geo: drop job %s %s: %w", rt, id, err)
		}
		return true, nil
	}
	c := Query{Address: addr}.Cleaned().Address
	if _, err := tx.NewRaw(`INSERT INTO geocode_jobs (tenant_id, record_type, record_id, address_key, street, postal_code, city, country)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (record_type, record_id) DO UPDATE SET address_key = EXCLUDED.address_key, street = EXCLUDED.street,
			postal_code = EXCLUDED.postal_code, city = EXCLUDED.city, country = EXCLUDED.country, attempts = 0,
			next_attempt_at = now(), last_error = ''`,
		tenantID, rt, id, key, c.Street, c.PostalCode, c.City, c.Country).Exec(ctx); err != nil {
		return false, fmt.Errorf("geo: queue %s %s: %w", rt, id, err)
	}
	return true, nil
}

// QueueNew queues the addresses of records just inserted in bulk (a lead delivery) with their address's key
// already stored (AddressKey), in one statement for all of them; records without an address are left out.
func QueueNew(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, rt api.RecordType, ids []uuid.UUID, addrs []api.Address) error {
	if _, ok := tables[rt]; !ok {
		return fmt.Errorf("geo: queue: record type %s has no position", rt)
	}
	var qIDs []uuid.UUID
	var keys, streets, codes, cities, countries []string
	for i, id := range ids {
		key := AddressKey(addrs[i])
		if key == "" {
			continue
		}
		c := Query{Address: addrs[i]}.Cleaned().Address
		qIDs = append(qIDs, id)
		keys, streets, codes = append(keys, key), append(streets, c.Street), append(codes, c.PostalCode)
		cities, countries = append(cities, c.City), append(countries, c.Country)
	}
	if len(qIDs) == 0 {
		return nil
	}
	if _, err := tx.NewRaw(`INSERT INTO geocode_jobs (tenant_id, record_type, record_id, address_key, street, postal_code, city, country)
		SELECT ?, ?, n.* FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS n
		ON CONFLICT (record_type, record_id) DO NOTHING`,
		tenantID, rt, pgdialect.Array(qIDs), pgdialect.Array(keys), pgdialect.Array(streets), pgdialect.Array(codes),
		pgdialect.Array(cities), pgdialect.Array(countries)).Exec(ctx); err != nil {
		return fmt.Errorf("geo: queue new %s: %w", rt, err)
	}
	return nil
}
