package record

import (
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/shared/api"
)

// Row holds the columns the table of every record kind has (TestRecordKindsTableIsTheRegistry checks them),
// embedded in each kind's bun model: its identity and tenant, owner, custom field values, search text, version,
// times and trash, and the owner's name a select adds.
type Row struct {
	ID         uuid.UUID        `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	TenantID   uuid.UUID        `bun:"tenant_id,type:uuid"`
	OwnerID    uuid.UUID        `bun:"owner_id,type:uuid"`
	Custom     api.CustomValues `bun:"custom,type:jsonb"`
	SearchText string           `bun:"search_text"`
	Version    int64            `bun:"version"`
	CreatedAt  time.Time        `bun:"created_at,nullzero,default:now()"`
	UpdatedAt  time.Time        `bun:"updated_at,nullzero,default:now()"`
	DeletedAt  *time.Time       `bun:"deleted_at"`
	DeletedBy  *uuid.UUID       `bun:"deleted_by,type:uuid"`
	OwnerName  string           `bun:"owner_name,scanonly"`
}

// NewRow is the row of a new record in the actor's tenant.
func NewRow(a *access.Actor) Row { return Row{TenantID: a.TenantID, Version: 1} }

// ETag is the version clients must send back with a change.
func (r *Row) ETag() int64 { return r.Version }

// WithCustom adds the custom field values to a history snapshot of the record (as custom.<fieldId>).
func (r *Row) WithCustom(s history.Snapshot) history.Snapshot {
	for k, v := range r.Custom {
		s["custom."+k] = v
	}
	return s
}

// CustomValues are the record's custom field values, never nil (the wire form).
func (r *Row) CustomValues() api.CustomValues {
	if r.Custom == nil {
		return api.CustomValues{}
	}
	return r.Custom
}
