package deal

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Draft is a new open deal of a tenant made from a create input and validated as the create API validates its
// own fields (title, value, currency, expected close date) and custom fields, without the database: its person
// and organisation (one of them is required, as on create), owner, pipeline and stage are the caller's (an
// import). Problems go to v under the create input's field names.
func Draft(tenantID uuid.UUID, fields customfield.Fields, in api.DealCreate, v *httpx.Validation) *Deal {
	d := &Deal{Row: record.Row{Row: db.NewRow(tenantID)}, Status: api.DealOpen}
	d.ownFields(v, in)
	d.Custom = fields.Apply(v, nil, in.Custom)
	return d
}

// ownFields validates and sets the fields of a new deal that need no other record.
func (d *Deal) ownFields(v *httpx.Validation, in api.DealCreate) {
	d.Title = validate.Text(v, "title", in.Title, 200)
	if d.Title == "" {
		v.Field("title", api.FieldRequired)
	}
	d.Value = Money(v, "value", in.Value)
	d.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	if d.Currency == "" {
		d.Currency = "EUR"
	} else if !currencyRE.MatchString(d.Currency) {
		v.Field("currency", api.FieldInvalid)
	}
	d.ExpectedClose = validDate(v, "expectedCloseDate", in.ExpectedCloseDate)
}

// Created is the history's list of a new deal's fields (owner, pipeline and stage names set).
func (d *Deal) Created(fields customfield.Fields) []api.FieldChange {
	return history.Created(d.snapshot(), historyFields, fields.Labels())
}

func uuidText(id *uuid.UUID) *string {
	if id == nil {
		return nil
	}
	return db.Text(id.String())
}

// bulk is how InsertAll writes deals.
var bulk = record.Bulk[*Deal]{
	Type: api.RecordDeal,
	Columns: record.BaseColumns(
		db.Column[*Deal]{Name: "title", Type: "text", Value: func(d *Deal) *string { return &d.Title }},
		db.Column[*Deal]{Name: "value", Type: "numeric", Value: func(d *Deal) *string { return &d.Value }},
		db.Column[*Deal]{Name: "currency", Type: "text", Value: func(d *Deal) *string { return &d.Currency }},
		db.Column[*Deal]{Name: "expected_close", Type: "date", Value: func(d *Deal) *string { return d.ExpectedClose }},
		db.Column[*Deal]{Name: "person_id", Type: "uuid", Value: func(d *Deal) *string { return uuidText(d.PersonID) }},
		db.Column[*Deal]{Name: "organization_id", Type: "uuid", Value: func(d *Deal) *string { return uuidText(d.OrganizationID) }},
		db.Column[*Deal]{Name: "pipeline_id", Type: "uuid", Value: func(d *Deal) *string { return db.Text(d.PipelineID.String()) }},
		db.Column[*Deal]{Name: "stage_id", Type: "uuid", Value: func(d *Deal) *string { return db.Text(d.StageID.String()) }}),
	Derive: (*Deal).derive,
}

// InsertAll inserts drafted deals (person or organisation, owner, pipeline and stage set) in one statement, with
// IDs chosen here. Their history is the caller's.
func InsertAll(ctx context.Context, tx bun.IDB, ds []*Deal) error {
	_, err := bulk.InsertAll(ctx, tx, ds)
	return err
}
