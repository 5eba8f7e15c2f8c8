// Package organization manages organisations (companies, institutions) with their custom fields, history and
// trash; their persons come from the person package's memberships.
package organization

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/search"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Organization is a row of organizations.
type Organization struct {
	bun.BaseModel `bun:"table:organizations,alias:o"`

	record.Row
	Name        string `bun:"name"`
	Street      string `bun:"street"`
	PostalCode  string `bun:"postal_code"`
	City        string `bun:"city"`
	Country     string `bun:"country"`
	Phone       string `bun:"phone"`
	Email       string `bun:"email"`
	Website     string `bun:"website"`
	Industry    string `bun:"industry"`
	PersonCount int    `bun:"person_count,scanonly"`

	geo.Columns
}

// CursorKey gives the values a list continues after.
func (o *Organization) CursorKey() (string, string, time.Time, time.Time, uuid.UUID) {
	return o.Name, o.City, o.CreatedAt, o.UpdatedAt, o.ID
}

// API converts to the wire type.
func (o *Organization) API() api.Organization {
	return api.Organization{ID: o.ID.String(), Name: o.Name,
		Address: api.Address{Street: o.Street, PostalCode: o.PostalCode, City: o.City, Country: o.Country},
		Phone:   o.Phone, Email: o.Email, Website: o.Website, Industry: o.Industry, OwnerID: o.OwnerID.String(),
		OwnerName: o.OwnerName, PersonCount: o.PersonCount, Custom: o.CustomValues(), Version: o.Version,
		CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt, Position: o.Position(), DistanceKm: o.DistanceKm()}
}

func (o *Organization) address() api.Address {
	return api.Address{Street: o.Street, PostalCode: o.PostalCode, City: o.City, Country: o.Country}
}

func (o *Organization) snapshot(ownerName string) history.Snapshot {
	s := history.Snapshot{"name": o.Name, "address.street": o.Street, "address.postalCode": o.PostalCode,
		"address.city": o.City, "address.country": o.Country, "phone": o.Phone, "email": o.Email,
		"website": o.Website, "industry": o.Industry, "owner": ownerName}
	return o.WithCustom(s)
}

var historyFields = api.HistoryFields[api.RecordOrganization]

func (o *Organization) searchText() string {
	return search.Text(o.Name, o.Email, o.Phone, search.Digits(o.Phone), o.Website, o.City)
}

// ListSpec is the list spec of organisations (saved filters compile with it).
func (s *Service) ListSpec() listquery.Spec { return spec }

var spec = listquery.Spec{Type: api.RecordOrganization, SortName: "o.name",
	Organization: func(q bun.QueryBuilder, id uuid.UUID) bun.QueryBuilder { return q.Where("o.id = ?", id) }}

// Service manages organisations; the record kind's store gives get, delete and restore.
type Service struct {
	record.Store[*Organization, api.Organization]
}

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{Store: store.On(db)} }

var store = record.NewStore[*Organization, api.Organization](api.RecordOrganization, selectWith, nil)

// selectWith adds the owner's name and the number of live persons the actor may see (a count of every person
// would confirm that persons the caller may not see exist).
func selectWith(_ bun.IDB, a *access.Actor, q *bun.SelectQuery) *bun.SelectQuery {
	return q.ColumnExpr("o.*").
		ColumnExpr("(SELECT u.name FROM users AS u WHERE u.id = o.owner_id) AS owner_name").
		ColumnExpr(`(SELECT count(*) FROM memberships AS m JOIN persons AS p ON p.id = m.person_id AND p.deleted_at IS NULL
			WHERE m.organization_id = o.id AND ` + a.RestrictSQL(api.RecordPerson, api.ActionView, "p.owner_id") + `) AS person_count`)
}

// Query lists the organisations the actor may see that match q, one keyset page at a time.
func (s *Service) Query(ctx context.Context, a *access.Actor, q api.ListQuery) (*api.OrganizationPage, error) {
	return db.InTenantValue(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.OrganizationPage, error) {
		return Query(ctx, tx, a, q, true)
	})
}

// Query runs an organisation list query in the caller's transaction; count adds the (capped) total.
func Query(ctx context.Context, tx bun.IDB, a *access.Actor, q api.ListQuery, count bool) (*api.OrganizationPage, error) {
	res, err := listquery.Query[*Organization](ctx, tx, a, spec, q, store.Columns(tx, a), count)
	if err != nil {
		return nil, err
	}
	return &api.OrganizationPage{Items: rest.Wire(res.Rows), NextCursor: res.NextCursor, Total: res.Total, TotalCapped: res.TotalCapped}, nil
}

type fieldsIn struct {
	name, phone, email, website, industry *string
	address                               *api.Address
}

// apply validates and sets the standard fields.
func (o *Organization) apply(v *httpx.Validation, in fieldsIn) {
	text := func(field string, dst *string, src *string, max int) {
		if src != nil {
			*dst = validate.Text(v, field, *src, max)
		}
	}
	text("name", &o.Name, in.name, 200)
	text("phone", &o.Phone, in.phone, 50)
	text("email", &o.Email, in.email, 254)
	text("website", &o.Website, in.website, 300)
	text("industry", &o.Industry, in.industry, 100)
	if in.address != nil {
		addr := validate.Address(v, "address", *in.address)
		o.Street, o.PostalCode, o.City, o.Country = addr.Street, addr.PostalCode, addr.City, addr.Country
	}
	if o.Name == "" {
		v.Field("name", api.FieldRequired)
	}
	if o.Email != "" && validate.Email(o.Email) == "" {
		v.Field("email", api.FieldInvalid)
	}
}

// Create adds an organisation.
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.OrganizationCreate) (*Organization, error) {
	return db.InTenantValue(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) (*Organization, error) {
		return Insert(ctx, tx, a, in)
	})
}

// Insert creates an organisation in the caller's transaction (also used by lead conversion).
func Insert(ctx context.Context, tx bun.IDB, a *access.Actor, in api.OrganizationCreate) (*Organization, error) {
	var o *Organization
	err := func() error {
		fields, err := customfield.Load(ctx, tx, api.RecordOrganization)
		if err != nil {
			return err
		}
		var v httpx.Validation
		o = Draft(a.TenantID, fields, in, &v)
		o.OwnerID = record.Owner(ctx, tx, a, api.RecordOrganization, api.ActionCreate, in.OwnerID, &v)
		if err := v.Err(); err != nil {
			return err
		}
		o.SearchText = o.searchText()
		if _, err := tx.NewInsert().Model(o).Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("organization: create: %w", err)
		}
		o.OwnerName = record.UserName(ctx, tx, o.OwnerID)
		if err := geo.Track(ctx, tx, a.TenantID, api.RecordOrganization, o.ID, o.address(), &o.Columns); err != nil {
			return err
		}
		return history.Record(ctx, tx, a, api.RecordOrganization, o.ID, api.HistoryCreated,
			history.Created(o.snapshot(o.OwnerName), historyFields, fields.Labels()))
	}()
	if err != nil {
		return nil, err
	}
	return o, nil
}

// Update changes an organisation and records what changed.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.OrganizationPatch) (*Organization, error) {
	return s.Store.Update(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, o *Organization) ([]api.FieldChange, error) {
		fields, err := customfield.Of(&o.Row)
		if err != nil {
			return nil, err
		}
		before, oldAddress := o.snapshot(o.OwnerName), o.address()
		var v httpx.Validation
		o.apply(&v, fieldsIn{name: in.Name, phone: in.Phone, email: in.Email, website: in.Website, industry: in.Industry, address: in.Address})
		if in.OwnerID != nil {
			o.ChangeOwner(ctx, tx, a, api.RecordOrganization, *in.OwnerID, &v)
		}
		o.Custom = fields.Apply(&v, o.Custom, in.Custom)
		if err := v.Err(); err != nil {
			return nil, err
		}
		changes := history.Diff(before, o.snapshot(o.OwnerName), historyFields, fields.Labels())
		if len(changes) == 0 {
			return nil, nil // nothing changed: no new version, no history entry
		}
		o.SearchText = o.searchText()
		return changes, geo.TrackChange(ctx, tx, a.TenantID, api.RecordOrganization, o.ID, oldAddress, o.address(), &o.Columns)
	})
}

// Search answers the global search box: up to 10 persons and 10 organisations the actor may see whose name,
// e-mail, phone or organisation name match, whatever the case and umlaut spelling; word prefixes first
// (listquery.Search).
func (s *Service) Search(ctx context.Context, a *access.Actor, q string) (*api.SearchResult, error) {
	const limit = 10
	out := &api.SearchResult{Persons: []api.Person{}, Organizations: []api.Organization{}}
	if search.Pattern(q) == "" {
		return out, nil
	}
	err := db.InTenant(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if a.Scope(api.RecordPerson, api.ActionView) != api.ScopeNone {
			persons, err := person.Search(ctx, tx, a, q, limit)
			if err != nil {
				return err
			}
			out.Persons = persons
		}
		if a.Scope(api.RecordOrganization, api.ActionView) == api.ScopeNone {
			return nil
		}
		rows, err := listquery.Search[*Organization](ctx, tx, a, spec, q, limit, store.Columns(tx, a))
		if err != nil {
			return fmt.Errorf("organization: search: %w", err)
		}
		for _, o := range rows {
			out.Organizations = append(out.Organizations, o.API())
		}
		return nil
	})
	return out, err
}

// SearchHandler handles GET /api/v1/search?q=….
func (s *Service) SearchHandler(w http.ResponseWriter, r *http.Request) error {
	return rest.Answer(func(ctx context.Context, a *access.Actor) (*api.SearchResult, error) {
		q := r.URL.Query().Get("q")
		if len(q) > 200 {
			return nil, httpx.FieldError("q", api.FieldTooLong)
		}
		return s.Search(ctx, a, q)
	}).Handler(w, r)
}
