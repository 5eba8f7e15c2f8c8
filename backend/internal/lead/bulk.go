package lead

import (
	"context"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// Draft is a new open lead of a tenant made from a create input and validated as the create API validates its
// fields and custom fields, without the database: the owner and where it goes (pipeline and stage) are the
// caller's (an import). Problems go to v under the create input's field names.
func Draft(tenantID uuid.UUID, fields customfield.Fields, in api.LeadCreate, v *httpx.Validation) *Lead {
	l := &Lead{Row: record.Row{Row: db.NewRow(tenantID)}, Status: api.LeadOpen}
	l.apply(v, fieldsIn{title: &in.Title, personName: &in.PersonName, company: &in.Company, email: &in.Email,
		phone: &in.Phone, source: &in.Source, address: &in.Address})
	l.Custom = fields.Apply(v, nil, in.Custom)
	return l
}

// Created is the history's list of a new lead's fields (owner, pipeline and stage names set).
func (l *Lead) Created(fields customfield.Fields) []api.FieldChange {
	return history.Created(l.snapshot(), historyFields, fields.Labels())
}

// InsertAll inserts drafted leads (owner, pipeline and stage set) in one statement with IDs chosen here, queues
// their addresses for geocoding and marks the possible duplicates among them, as a delivery does. Their history
// is the caller's.
func InsertAll(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, ls []*Lead) error {
	ids, err := bulk.InsertAll(ctx, tx, ls)
	if err != nil || len(ids) == 0 {
		return err
	}
	_, err = markDuplicates(ctx, tx, ids, nil)
	return err
}

// bulk is how InsertAll writes leads: a delivery's columns with the ID chosen here.
var bulk = record.Bulk[*Lead]{
	Type: api.RecordLead,
	Columns: append([]db.Column[*Lead]{{Name: "id", Type: "uuid", Value: func(l *Lead) *string { return db.Text(l.ID.String()) }}},
		newLeadColumns...),
	Derive: (*Lead).derive,
	Place:  func(l *Lead) (api.Address, *geo.Columns) { return l.address(), &l.Columns },
}
