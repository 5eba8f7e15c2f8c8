package record

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/shared/api"
)

// Common is the row every record kind's model embeds (Row), for the code that is the same for every kind.
func (r *Row) Common() *Row { return r }

// Drafted is a record kind's model as the bulk insert writes it.
type Drafted interface{ Common() *Row }

// Bulk is how a kind's drafted records are inserted in bulk (InsertAll): their columns, what is derived before
// the write (search text), and for a kind on the map where a record's address and position columns are.
type Bulk[M Drafted] struct {
	Type    api.RecordType
	Columns []db.Column[M]
	Derive  func(M)
	// Place, when not nil, is a record's address and position columns: its geo key is set and its address
	// queued for geocoding.
	Place func(M) (api.Address, *geo.Columns)
}

// BaseColumns are the columns of the bulk insert that every record kind has (ID, tenant, owner; custom values
// and search text), around the kind's own.
func BaseColumns[M Drafted](own ...db.Column[M]) []db.Column[M] {
	row := func(value func(r *Row) *string) func(M) *string {
		return func(m M) *string { return value(m.Common()) }
	}
	cols := []db.Column[M]{
		{Name: "id", Type: "uuid", Value: row(func(r *Row) *string { return db.Text(r.ID.String()) })},
		{Name: "tenant_id", Type: "uuid", Value: row(func(r *Row) *string { return db.Text(r.TenantID.String()) })},
		{Name: "owner_id", Type: "uuid", Value: row(func(r *Row) *string { return db.Text(r.OwnerID.String()) })},
	}
	cols = append(cols, own...)
	return append(cols,
		db.Column[M]{Name: "custom", Type: "jsonb", Value: row(func(r *Row) *string { return db.JSON(r.CustomValues()) })},
		db.Column[M]{Name: "search_text", Type: "text", Value: row(func(r *Row) *string { return &r.SearchText })})
}

// InsertAll inserts drafted records of the kind (owners set, all in the tenant of tx) in one statement, with IDs
// chosen here, and queues the addresses of a kind on the map for geocoding; it returns their IDs. Their history is
// the caller's.
func (b Bulk[M]) InsertAll(ctx context.Context, tx bun.IDB, ms []M) ([]uuid.UUID, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	ids := make([]uuid.UUID, len(ms))
	addrs := make([]api.Address, 0, len(ms))
	for i, m := range ms {
		r := m.Common()
		if r.ID == uuid.Nil {
			r.ID = uuid.New()
		}
		ids[i] = r.ID
		b.Derive(m)
		if b.Place != nil {
			addr, cols := b.Place(m)
			if key := geo.AddressKey(addr); key != "" {
				cols.GeoKey = &key
			}
			addrs = append(addrs, addr)
		}
	}
	if err := db.InsertAll(ctx, tx, MustKind(b.Type).Table, b.Columns, ms, "", nil); err != nil {
		return nil, fmt.Errorf("%s: %w", b.Type, err)
	}
	if b.Place == nil {
		return ids, nil
	}
	return ids, geo.QueueNew(ctx, tx, ms[0].Common().TenantID, b.Type, ids, addrs)
}
