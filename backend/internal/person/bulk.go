package person

import (
	"context"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// Draft is a new person of a tenant made from a create input and validated as the create API validates it (its
// fields, e-mail addresses and phone numbers, address and custom fields, with fields the person's custom
// fields), without the database: the owner, the memberships and the duplicate check are the caller's (Insert, an
// import). Problems go to v under the create input's field names.
func Draft(tenantID uuid.UUID, fields customfield.Fields, in api.PersonCreate, v *httpx.Validation) *Person {
	p := &Person{Row: record.Row{Row: db.NewRow(tenantID)}, Salutation: api.SalutationNone}
	emails, phones := in.Emails, in.Phones
	p.apply(v, fieldsIn{salutation: &in.Salutation, title: &in.Title, firstName: &in.FirstName, lastName: &in.LastName,
		jobTitle: &in.JobTitle, emails: &emails, phones: &phones, address: &in.Address})
	p.Custom = fields.Apply(v, nil, in.Custom)
	return p
}

// Created is the history's list of a new person's fields (OwnerName set).
func (p *Person) Created(fields customfield.Fields) []api.FieldChange {
	return history.Created(p.snapshot(), historyFields, fields.Labels())
}

// bulk is how InsertAll writes persons.
var bulk = record.Bulk[*Person]{
	Type: api.RecordPerson,
	Columns: record.BaseColumns(
		db.Column[*Person]{Name: "salutation", Type: "text", Value: func(p *Person) *string { return db.Text(string(p.Salutation)) }},
		db.Column[*Person]{Name: "title", Type: "text", Value: func(p *Person) *string { return &p.Title }},
		db.Column[*Person]{Name: "first_name", Type: "text", Value: func(p *Person) *string { return &p.FirstName }},
		db.Column[*Person]{Name: "last_name", Type: "text", Value: func(p *Person) *string { return &p.LastName }},
		db.Column[*Person]{Name: "job_title", Type: "text", Value: func(p *Person) *string { return &p.JobTitle }},
		db.Column[*Person]{Name: "emails", Type: "jsonb", Value: func(p *Person) *string { return db.JSON(nonNil(p.Emails)) }},
		db.Column[*Person]{Name: "phones", Type: "jsonb", Value: func(p *Person) *string { return db.JSON(nonNil(p.Phones)) }},
		db.Column[*Person]{Name: "street", Type: "text", Value: func(p *Person) *string { return &p.Street }},
		db.Column[*Person]{Name: "postal_code", Type: "text", Value: func(p *Person) *string { return &p.PostalCode }},
		db.Column[*Person]{Name: "city", Type: "text", Value: func(p *Person) *string { return &p.City }},
		db.Column[*Person]{Name: "country", Type: "text", Value: func(p *Person) *string { return &p.Country }},
		db.Column[*Person]{Name: "sort_name", Type: "text", Value: func(p *Person) *string { return &p.SortName }},
		db.Column[*Person]{Name: "email_keys", Type: "text[]", Value: func(p *Person) *string { return db.TextArray(p.EmailKeys) }},
		db.Column[*Person]{Name: "geo_key", Type: "text", Value: func(p *Person) *string { return p.GeoKey }}),
	Derive: (*Person).derive,
	Place:  func(p *Person) (api.Address, *geo.Columns) { return p.address(), &p.Columns },
}

func nonNil(ps []api.ContactPoint) []api.ContactPoint {
	if ps == nil {
		return []api.ContactPoint{}
	}
	return ps
}

// InsertAll inserts drafted persons (owners set) in one statement, with IDs chosen here, and queues their
// addresses for geocoding. Their history and memberships are the caller's.
func InsertAll(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, ps []*Person) error {
	_, err := bulk.InsertAll(ctx, tx, ps)
	return err
}

// Membership is a link of a new person to an organisation for LinkAll.
type Membership struct {
	PersonID, OrganizationID uuid.UUID
	Primary                  bool
}

// LinkAll links persons to organisations in one statement (links that exist are left as they are); the history
// is the caller's.
func LinkAll(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, ms []Membership) error {
	if len(ms) == 0 {
		return nil
	}
	persons, orgs, primary := make([]uuid.UUID, len(ms)), make([]uuid.UUID, len(ms)), make([]bool, len(ms))
	for i, m := range ms {
		persons[i], orgs[i], primary[i] = m.PersonID, m.OrganizationID, m.Primary
	}
	if _, err := tx.NewRaw(`INSERT INTO memberships (tenant_id, person_id, organization_id, is_primary)
		SELECT ?, n.p, n.o, n.prim FROM unnest(?::uuid[], ?::uuid[], ?::boolean[]) AS n (p, o, prim)
		ON CONFLICT (person_id, organization_id) DO NOTHING`,
		tenantID, pgdialect.Array(persons), pgdialect.Array(orgs), pgdialect.Array(primary)).Exec(ctx); err != nil {
		return fmt.Errorf("person: link %d: %w", len(ms), err)
	}
	return nil
}

// ByEmail finds the live persons the actor may see that have one of the e-mail addresses (lower case), by
// address. A person the actor may not see is absent: no answer confirms that an address is known.
func ByEmail(ctx context.Context, tx bun.IDB, a *access.Actor, keys []string, except uuid.UUID) (map[string][]record.Match, error) {
	found, err := record.Matches(ctx, tx, a, store.Kind(), api.ActionView, "email", keys)
	if err != nil {
		return nil, fmt.Errorf("person: by e-mail: %w", err)
	}
	for k, ms := range found {
		if found[k] = slices.DeleteFunc(ms, func(m record.Match) bool { return m.ID == except }); len(found[k]) == 0 {
			delete(found, k)
		}
	}
	return found, nil
}
