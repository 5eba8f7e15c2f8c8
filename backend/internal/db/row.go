package db

import (
	"time"

	"github.com/google/uuid"
)

// Row holds the columns every versioned table of a tenant has (settings, records, notes, documents,
// activities), embedded in each bun model: its identity and tenant, the version a change must name (optimistic
// locking), and its times.
type Row struct {
	ID        uuid.UUID `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	TenantID  uuid.UUID `bun:"tenant_id,type:uuid"`
	Version   int64     `bun:"version"`
	CreatedAt time.Time `bun:"created_at,nullzero,default:now()"`
	UpdatedAt time.Time `bun:"updated_at,nullzero,default:now()"`
}

// NewRow is the row of a new record in a tenant, at its first version.
func NewRow(tenantID uuid.UUID) Row { return Row{TenantID: tenantID, Version: 1} }

// ETag is the version clients must send back with a change.
func (r *Row) ETag() int64 { return r.Version }
