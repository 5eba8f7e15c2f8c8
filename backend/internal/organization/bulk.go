package organization

import (
	"context"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// Draft is a new organisation of a tenant made from a create input and validated as the create API validates
// it (its fields, address and custom fields), without the database: the owner is the caller's (Insert, an
// import). Problems go to v under the create input's field names.
func Draft(tenantID uuid.UUID, fields customfield.Fields, in api.OrganizationCreate, v *httpx.Validation) *Organization {
	o := &Organization{Row: record.Row{Row: db.NewRow(tenantID)}}
	o.apply(v, fieldsIn{name: &in.Name, phone: &in.Phone, email: &in.Email, website: &in.Website,
		industry: &in.Industry, address: &in.Address})
	o.Custom = fields.Apply(v, nil, in.Custom)
	return o
}

// Created is the history's list of a new organisation's fields (OwnerName set).
func (o *Organization) Created(fields customfield.Fields) []api.FieldChange {
	return history.Created(o.snapshot(o.OwnerName), historyFields, fields.Labels())
}

// bulk is how InsertAll writes organisations.
var bulk = record.Bulk[*Organization]{
	Type: api.RecordOrganization,
	Columns: record.BaseColumns(
		db.Column[*Organization]{Name: "name", Type: "text", Value: func(o *Organization) *string { return &o.Name }},
		db.Column[*Organization]{Name: "street", Type: "text", Value: func(o *Organization) *string { return &o.Street }},
		db.Column[*Organization]{Name: "postal_code", Type: "text", Value: func(o *Organization) *string { return &o.PostalCode }},
		db.Column[*Organization]{Name: "city", Type: "text", Value: func(o *Organization) *string { return &o.City }},
		db.Column[*Organization]{Name: "country", Type: "text", Value: func(o *Organization) *string { return &o.Country }},
		db.Column[*Organization]{Name: "phone", Type: "text", Value: func(o *Organization) *string { return &o.Phone }},
		db.Column[*Organization]{Name: "email", Type: "text", Value: func(o *Organization) *string { return &o.Email }},
		db.Column[*Organization]{Name: "website", Type: "text", Value: func(o *Organization) *string { return &o.Website }},
		db.Column[*Organization]{Name: "industry", Type: "text", Value: func(o *Organization) *string { return &o.Industry }},
		db.Column[*Organization]{Name: "geo_key", Type: "text", Value: func(o *Organization) *string { return o.GeoKey }}),
	Derive: func(o *Organization) { o.SearchText = o.searchText() },
	Place:  func(o *Organization) (api.Address, *geo.Columns) { return o.address(), &o.Columns },
}

// InsertAll inserts drafted organisations (owners set) in one statement, with IDs chosen here, and queues their
// addresses for geocoding. Their history is the caller's.
func InsertAll(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, os []*Organization) error {
	_, err := bulk.InsertAll(ctx, tx, os)
	return err
}

// ByName finds the live organisations the actor may perform action on whose name is one of keys, compared in
// lower case (keys lower case), by key.
func ByName(ctx context.Context, tx bun.IDB, a *access.Actor, action api.Action, keys []string) (map[string][]record.Match, error) {
	return record.Matches(ctx, tx, a, store.Kind(), action, "name", keys)
}

// ByEmail finds the live organisations the actor may see whose e-mail address is one of keys (lower case).
func ByEmail(ctx context.Context, tx bun.IDB, a *access.Actor, keys []string) (map[string][]record.Match, error) {
	return record.Matches(ctx, tx, a, store.Kind(), api.ActionView, "email", keys)
}
