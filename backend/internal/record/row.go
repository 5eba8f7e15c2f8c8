package record

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/shared/api"
)

// Row holds the columns the table of every record kind has (TestRecordKindsTableIsTheRegistry checks them),
// embedded in each kind's bun model: its identity and tenant, owner, custom field values, search text, version,
// times and trash, and the owner's name a select adds.
type Row struct {
	db.Row

	OwnerID    uuid.UUID        `bun:"owner_id,type:uuid"`
	Custom     api.CustomValues `bun:"custom,type:jsonb"`
	SearchText string           `bun:"search_text"`
	DeletedAt  *time.Time       `bun:"deleted_at"`
	DeletedBy  *uuid.UUID       `bun:"deleted_by,type:uuid"`
	OwnerName  string           `bun:"owner_name,scanonly"`
	// FieldDefs are the kind's custom field definitions, loaded with the row for an edit (Store.Update), which
	// customfield.Of reads; nil otherwise.
	FieldDefs json.RawMessage `bun:"field_defs,scanonly"`
}

// NewRow is the row of a new record in the actor's tenant.
func NewRow(a *access.Actor) Row { return Row{Row: db.NewRow(a.TenantID)} }

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
