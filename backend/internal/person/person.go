// Package person manages persons (contacts): their fields, custom fields, memberships in organisations, history
// and trash.
package person

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
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
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/search"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Person is a row of persons.
type Person struct {
	bun.BaseModel `bun:"table:persons,alias:p"`

	record.Row
	Salutation api.Salutation     `bun:"salutation"`
	Title      string             `bun:"title"`
	FirstName  string             `bun:"first_name"`
	LastName   string             `bun:"last_name"`
	JobTitle   string             `bun:"job_title"`
	Emails     []api.ContactPoint `bun:"emails,type:jsonb"`
	Phones     []api.ContactPoint `bun:"phones,type:jsonb"`
	Street     string             `bun:"street"`
	PostalCode string             `bun:"postal_code"`
	City       string             `bun:"city"`
	Country    string             `bun:"country"`
	SortName   string             `bun:"sort_name"`
	EmailKeys  []string           `bun:"email_keys,array"`

	geo.Columns
	// ListCity is the city the list shows and sorts by (shownAddress): the person's own, else its primary
	// organisation's.
	ListCity string `bun:"list_city,scanonly"`

	// Linked are the memberships as selected (membershipsSQL), until AfterScanRow makes them memberships and via.
	Linked      []linkedOrganization `bun:"memberships,scanonly"`
	memberships []api.Membership
	via         *api.PlacedVia
}

// CursorKey gives the values a list continues after.
func (p *Person) CursorKey() (string, string, time.Time, time.Time, uuid.UUID) {
	return p.SortName, p.ListCity, p.CreatedAt, p.UpdatedAt, p.ID
}

// hasOwnAddress reports whether the person has an address of its own: a street, postal code or city (a country
// alone places nothing, as for the geocoder). ownAddressSQL says the same in SQL.
func (p *Person) hasOwnAddress() bool {
	return strings.TrimSpace(p.Street) != "" || strings.TrimSpace(p.PostalCode) != "" || strings.TrimSpace(p.City) != ""
}

const ownAddressSQL = "(p.street <> '' OR p.postal_code <> '' OR p.city <> '')"

// viaFrom is the FROM clause of a person's primary organisation (correlated to the persons alias p) when it is live
// and the actor may see it: the one rule by which a person without an address of its own sits at its
// organisation. An organisation the actor may not see lends neither its name nor its address nor its position.
func viaFrom(a *access.Actor) string {
	return "FROM memberships AS vm JOIN organizations AS vo ON vo.id = vm.organization_id AND vo.deleted_at IS NULL " +
		"WHERE vm.person_id = p.id AND vm.is_primary AND " + a.RestrictSQL(api.RecordOrganization, api.ActionView, "vo.owner_id")
}

// shownAddress is a column of the address the person list shows, filters and sorts by (listquery's AddressSQL):
// the person's own, else its primary organisation's (viaFrom), else "".
func shownAddress(a *access.Actor, col string) string {
	return "CASE WHEN " + ownAddressSQL + " THEN p." + col + " ELSE coalesce((SELECT vo." + col + " " + viaFrom(a) + "), '') END"
}

// viaJoin gives the map of persons the organisation's position for persons without an address of their own. The
// own-address test sits inside the subquery (a one-time filter per person: never a look-up for a person with an
// address) and OFFSET 0 keeps PostgreSQL from flattening it into a hash join of every membership: on 1,000,000
// persons that took 12 s instead of the 2.5 s of the plain map.
func viaJoin(a *access.Actor) string {
	return "LEFT JOIN LATERAL (SELECT vo.id AS via_id, vo.name AS via_name, vo.geo_lat AS via_lat, vo.geo_lng AS via_lng, " +
		"vo.geo_precision AS via_precision " + viaFrom(a) + " AND NOT " + ownAddressSQL + " OFFSET 0) AS via ON true"
}

// Name is the display name: first and last name, else the first e-mail address.
func (p *Person) Name() string {
	if n := strings.TrimSpace(p.FirstName + " " + p.LastName); n != "" {
		return n
	}
	if len(p.Emails) > 0 {
		return p.Emails[0].Value
	}
	return ""
}

// API converts to the wire type.
func (p *Person) API() api.Person {
	out := api.Person{ID: p.ID.String(), Salutation: p.Salutation, Title: p.Title, FirstName: p.FirstName,
		LastName: p.LastName, Name: p.Name(), JobTitle: p.JobTitle, Emails: p.Emails, Phones: p.Phones,
		Address: api.Address{Street: p.Street, PostalCode: p.PostalCode, City: p.City, Country: p.Country},
		OwnerID: p.OwnerID.String(), OwnerName: p.OwnerName, Organizations: p.memberships, Custom: p.CustomValues(),
		Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, Position: p.Position(), DistanceKm: p.DistanceKm()}
	if !p.hasOwnAddress() {
		out.Via = p.via
	}
	if out.Emails == nil {
		out.Emails = []api.ContactPoint{}
	}
	if out.Phones == nil {
		out.Phones = []api.ContactPoint{}
	}
	if out.Organizations == nil {
		out.Organizations = []api.Membership{}
	}
	return out
}

func (p *Person) address() api.Address {
	return api.Address{Street: p.Street, PostalCode: p.PostalCode, City: p.City, Country: p.Country}
}

func points(ps []api.ContactPoint) string {
	parts := make([]string, len(ps))
	for i, c := range ps {
		parts[i] = c.Value + " (" + string(c.Kind) + ")"
	}
	return strings.Join(parts, ", ")
}

func (p *Person) snapshot() history.Snapshot {
	s := history.Snapshot{"salutation": string(p.Salutation), "title": p.Title, "firstName": p.FirstName,
		"lastName": p.LastName, "jobTitle": p.JobTitle, "emails": points(p.Emails), "phones": points(p.Phones),
		"address.street": p.Street, "address.postalCode": p.PostalCode, "address.city": p.City,
		"address.country": p.Country, "owner": p.OwnerName}
	if s["salutation"] == string(api.SalutationNone) {
		s["salutation"] = ""
	}
	return p.WithCustom(s)
}

var historyFields = api.HistoryFields[api.RecordPerson]

// derivedFrom names the fields derive reads.
var derivedFrom = []string{"title", "firstName", "lastName", "emails", "phones"}

// derive computes the stored helper columns: sort name, e-mail keys and search text (the person's own fields only:
// a search finds people through their organisations by the list's Spec.Links, for those who may see them).
func (p *Person) derive() {
	p.SortName = strings.TrimSpace(p.LastName + " " + p.FirstName)
	if p.SortName == "" && len(p.Emails) > 0 {
		p.SortName = p.Emails[0].Value
	}
	p.EmailKeys = make([]string, 0, len(p.Emails))
	parts := []string{p.Title, p.FirstName, p.LastName}
	for _, e := range p.Emails {
		p.EmailKeys = append(p.EmailKeys, strings.ToLower(e.Value))
		parts = append(parts, e.Value)
	}
	for _, ph := range p.Phones {
		parts = append(parts, ph.Value, search.Digits(ph.Value))
	}
	p.SearchText = search.Text(parts...)
}

// ListSpec is the list spec of persons (saved filters compile with it).
func (s *Service) ListSpec() listquery.Spec { return spec }

var spec = listquery.Spec{Type: api.RecordPerson, SortName: "p.sort_name", AddressSQL: shownAddress, Via: viaJoin,
	Organization: func(q bun.QueryBuilder, id uuid.UUID) bun.QueryBuilder {
		return q.Where("EXISTS (SELECT 1 FROM memberships AS fm WHERE fm.person_id = p.id AND fm.organization_id = ?)", id)
	},
	Links: []listquery.SearchLink{{Type: api.RecordOrganization,
		Join:    "sl.id IN (SELECT sm.organization_id FROM memberships AS sm WHERE sm.person_id = p.id)",
		Linking: "SELECT person_id FROM memberships WHERE organization_id = ANY(?::uuid[])"}}}

// Service manages persons; the record kind's store gives get, delete and restore.
type Service struct {
	record.Store[*Person, api.Person]
}

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{Store: store.On(db)} }

var store = record.NewStore[*Person, api.Person](api.RecordPerson, selectWith, nil)

func selectWith(_ bun.IDB, a *access.Actor, q *bun.SelectQuery) *bun.SelectQuery {
	return q.ColumnExpr("p.*").ColumnExpr("(SELECT u.name FROM users AS u WHERE u.id = p.owner_id) AS owner_name").
		ColumnExpr(shownAddress(a, "city") + " AS list_city").ColumnExpr(membershipsSQL(a) + " AS memberships")
}

// membershipsSQL is the column of a person's memberships (correlated to the persons alias p), in the statement
// that selects the person: the live organisations the actor may see, primary first, then by name, and with the
// primary one its address and position, where a person without an address of its own sits (api.PlacedVia, by
// viaFrom's rule: the primary among exactly these memberships).
func membershipsSQL(a *access.Actor) string {
	return "(SELECT json_agg(CASE WHEN m.is_primary THEN json_build_object('id', o.id, 'name', o.name, 'role', m.role, " +
		"'primary', true, 'street', o.street, 'postalCode', o.postal_code, 'city', o.city, 'country', o.country, " +
		"'lat', o.geo_lat, 'lng', o.geo_lng, 'precision', o.geo_precision, 'source', o.geo_source, 'at', o.geo_at) " +
		"ELSE json_build_object('id', o.id, 'name', o.name, 'role', m.role) END " +
		`ORDER BY m.is_primary DESC, o.name COLLATE "de-x-icu") ` +
		"FROM memberships AS m JOIN organizations AS o ON o.id = m.organization_id AND o.deleted_at IS NULL " +
		"WHERE m.person_id = p.id AND " + a.RestrictSQL(api.RecordOrganization, api.ActionView, "o.owner_id") + ")"
}

// linkedOrganization is an element of membershipsSQL.
type linkedOrganization struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Role       string     `json:"role"`
	Primary    bool       `json:"primary"`
	Street     string     `json:"street"`
	PostalCode string     `json:"postalCode"`
	City       string     `json:"city"`
	Country    string     `json:"country"`
	Lat        *float64   `json:"lat"`
	Lng        *float64   `json:"lng"`
	Precision  *string    `json:"precision"`
	Source     *string    `json:"source"`
	At         *time.Time `json:"at"`
}

var _ bun.AfterScanRowHook = (*Person)(nil)

// AfterScanRow gives a scanned person its memberships and, from the primary one, its PlacedVia.
func (p *Person) AfterScanRow(context.Context) error {
	p.memberships, p.via = make([]api.Membership, 0, len(p.Linked)), nil
	for _, o := range p.Linked {
		p.memberships = append(p.memberships, api.Membership{OrganizationID: o.ID, OrganizationName: o.Name,
			PersonID: p.ID.String(), PersonName: p.Name(), Role: o.Role, Primary: o.Primary})
		if o.Primary {
			at := geo.Columns{GeoLat: o.Lat, GeoLng: o.Lng, GeoPrecision: o.Precision, GeoSource: o.Source, GeoAt: o.At}
			p.via = &api.PlacedVia{OrganizationID: o.ID, OrganizationName: o.Name,
				Address:  api.Address{Street: o.Street, PostalCode: o.PostalCode, City: o.City, Country: o.Country},
				Position: at.Position()}
		}
	}
	p.Linked = nil
	return nil
}

// withMemberships reads the memberships of a person again, after the transaction changed them.
func withMemberships(ctx context.Context, tx bun.IDB, a *access.Actor, p *Person) error {
	var row struct {
		Linked []linkedOrganization `bun:"memberships"`
	}
	if err := tx.NewSelect().TableExpr("persons AS p").ColumnExpr(membershipsSQL(a)+" AS memberships").
		Where("p.id = ?", p.ID).Scan(ctx, &row); err != nil {
		return fmt.Errorf("person: memberships: %w", err)
	}
	p.Linked = row.Linked
	return p.AfterScanRow(ctx)
}

// Query lists the persons the actor may see that match q, one keyset page at a time.
func (s *Service) Query(ctx context.Context, a *access.Actor, q api.ListQuery) (*api.PersonPage, error) {
	return db.InTenantValue(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.PersonPage, error) {
		return Query(ctx, tx, a, q, true)
	})
}

// Query runs a person list query in the caller's transaction; count adds the (capped) total.
func Query(ctx context.Context, tx bun.IDB, a *access.Actor, q api.ListQuery, count bool) (*api.PersonPage, error) {
	res, err := listquery.Query[*Person](ctx, tx, a, spec, q, store.Columns(tx, a), count)
	if err != nil {
		return nil, err
	}
	return &api.PersonPage{Items: rest.Wire(res.Rows), NextCursor: res.NextCursor, Total: res.Total, TotalCapped: res.TotalCapped}, nil
}

// Search finds up to limit persons the actor may see for the global search box (listquery.Search: by word
// prefix first), in the caller's transaction.
func Search(ctx context.Context, tx bun.IDB, a *access.Actor, q string, limit int) ([]api.Person, error) {
	rows, err := listquery.Search[*Person](ctx, tx, a, spec, q, limit, store.Columns(tx, a))
	if err != nil {
		return nil, fmt.Errorf("person: search: %w", err)
	}
	return rest.Wire(rows), nil
}

const maxPoints = 20

func contactPoints(v *httpx.Validation, field string, in []api.ContactPoint, email bool) []api.ContactPoint {
	if len(in) > maxPoints {
		v.Field(field, api.FieldTooLong)
	}
	out := make([]api.ContactPoint, 0, len(in))
	for i, c := range in {
		key := fmt.Sprintf("%s[%d]", field, i)
		val := strings.TrimSpace(c.Value)
		switch {
		case val == "":
			v.Field(key+".value", api.FieldRequired)
		case email && validate.Email(val) == "":
			v.Field(key+".value", api.FieldInvalid)
		case !email && (len(val) > 50 || len(search.Digits(val)) < 3 || strings.Trim(val, "+0123456789 ()/-.") != ""):
			v.Field(key+".value", api.FieldInvalid)
		}
		kind := c.Kind
		if kind == "" {
			kind = api.ContactWork
		}
		if !slices.Contains(api.AllContactKinds, kind) {
			v.Field(key+".kind", api.FieldInvalid)
		}
		out = append(out, api.ContactPoint{Value: val, Kind: kind})
	}
	return out
}

type fieldsIn struct {
	salutation                           *api.Salutation
	title, firstName, lastName, jobTitle *string
	emails, phones                       *[]api.ContactPoint
	address                              *api.Address
}

func (p *Person) apply(v *httpx.Validation, in fieldsIn) {
	if in.salutation != nil {
		s := *in.salutation
		if s == "" {
			s = api.SalutationNone
		}
		if !slices.Contains(api.AllSalutations, s) {
			v.Field("salutation", api.FieldInvalid)
		}
		p.Salutation = s
	}
	for _, t := range []struct {
		field string
		dst   *string
		src   *string
		max   int
	}{{"title", &p.Title, in.title, 50}, {"firstName", &p.FirstName, in.firstName, 100},
		{"lastName", &p.LastName, in.lastName, 100}, {"jobTitle", &p.JobTitle, in.jobTitle, 100}} {
		if t.src != nil {
			*t.dst = validate.Text(v, t.field, *t.src, t.max)
		}
	}
	if in.emails != nil {
		p.Emails = contactPoints(v, "emails", *in.emails, true)
	}
	if in.phones != nil {
		p.Phones = contactPoints(v, "phones", *in.phones, false)
	}
	if in.address != nil {
		a := validate.Address(v, "address", *in.address)
		p.Street, p.PostalCode, p.City, p.Country = a.Street, a.PostalCode, a.City, a.Country
	}
	if p.FirstName == "" && p.LastName == "" && len(p.Emails) == 0 {
		v.Field("lastName", api.FieldRequired)
	}
}

// duplicates reports, per e-mail address index, addresses another live person the actor may see already has
// (ByEmail).
func duplicates(ctx context.Context, tx bun.IDB, a *access.Actor, self uuid.UUID, emails []api.ContactPoint) (map[int]bool, error) {
	keys := make([]string, len(emails))
	for i, e := range emails {
		keys[i] = strings.ToLower(e.Value)
	}
	taken, err := ByEmail(ctx, tx, a, keys, self)
	if err != nil {
		return nil, fmt.Errorf("person: duplicate check: %w", err)
	}
	out := map[int]bool{}
	for i, k := range keys {
		if len(taken[k]) > 0 {
			out[i] = true
		}
	}
	return out, nil
}

// Create adds a person, optionally linked to organisations the actor may see. An e-mail address another person
// has already gets a 409 unless the caller confirmed it (AllowDuplicate).
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.PersonCreate) (*Person, error) {
	return db.InTenantValue(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) (*Person, error) {
		return Insert(ctx, tx, a, in)
	})
}

// Insert creates a person in the caller's transaction (also used by lead conversion).
func Insert(ctx context.Context, tx bun.IDB, a *access.Actor, in api.PersonCreate) (*Person, error) {
	var p *Person
	err := func() error {
		fields, err := customfield.Load(ctx, tx, api.RecordPerson)
		if err != nil {
			return err
		}
		var v httpx.Validation
		p = Draft(a.TenantID, fields, in, &v)
		p.OwnerID = record.Owner(ctx, tx, a, api.RecordPerson, api.ActionCreate, in.OwnerID, &v)
		orgs := make([]record.Ref, 0, len(in.Organizations))
		primaries := 0
		for i, m := range in.Organizations {
			key := fmt.Sprintf("organizations[%d]", i)
			id, err := uuid.Parse(m.OrganizationID)
			if err != nil {
				v.Field(key+".organizationId", api.FieldInvalid)
				continue
			}
			ref, err := record.Check(ctx, tx, a, record.MustKind(api.RecordOrganization), id, api.ActionView)
			if err != nil {
				v.Field(key+".organizationId", api.FieldNotFound)
				continue
			}
			if len(m.Role) > 200 {
				v.Field(key+".role", api.FieldTooLong)
			}
			if m.Primary {
				primaries++
			}
			orgs = append(orgs, ref)
		}
		if primaries > 1 {
			v.Field("organizations", api.FieldInvalid)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if !in.AllowDuplicate {
			dups, err := duplicates(ctx, tx, a, uuid.Nil, p.Emails)
			if err != nil {
				return err
			}
			if len(dups) > 0 {
				e := httpx.NewError(409, api.CodeDuplicateEmail, "another person has this e-mail address")
				e.Fields = map[string]api.FieldCode{}
				for i := range dups {
					e.Fields[fmt.Sprintf("emails[%d].value", i)] = api.FieldDuplicate
				}
				return e
			}
		}
		p.derive()
		if _, err := tx.NewInsert().Model(p).Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("person: create: %w", err)
		}
		p.OwnerName = record.UserName(ctx, tx, p.OwnerID)
		if err := geo.Track(ctx, tx, a.TenantID, api.RecordPerson, p.ID, p.address(), &p.Columns); err != nil {
			return err
		}
		if err := history.Record(ctx, tx, a, api.RecordPerson, p.ID, api.HistoryCreated,
			history.Created(p.snapshot(), historyFields, fields.Labels())); err != nil {
			return err
		}
		for i, o := range orgs {
			m := in.Organizations[i]
			if err := link(ctx, tx, a, p, o, strings.TrimSpace(m.Role), m.Primary); err != nil {
				return err
			}
		}
		return withMemberships(ctx, tx, a, p)
	}()
	if err != nil {
		return nil, err
	}
	return p, nil
}

// link adds or changes a membership and records it on both records.
func link(ctx context.Context, tx bun.IDB, a *access.Actor, p *Person, org record.Ref, role string, primary bool) error {
	if primary {
		if _, err := tx.NewRaw("UPDATE memberships SET is_primary = false WHERE person_id = ? AND organization_id <> ?", p.ID, org.ID).Exec(ctx); err != nil {
			return err
		}
	}
	if _, err := tx.NewRaw(`INSERT INTO memberships (tenant_id, person_id, organization_id, role, is_primary) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (person_id, organization_id) DO UPDATE SET role = EXCLUDED.role, is_primary = EXCLUDED.is_primary`,
		a.TenantID, p.ID, org.ID, role, primary).Exec(ctx); err != nil {
		return fmt.Errorf("person: link: %w", err)
	}
	withRole := func(c api.FieldChange) []api.FieldChange {
		if role != "" {
			return []api.FieldChange{c, {Field: "role", New: role}}
		}
		return []api.FieldChange{c}
	}
	if err := history.Record(ctx, tx, a, api.RecordPerson, p.ID, api.HistoryLinked,
		withRole(history.Link("organization", nil, &org.ID))); err != nil {
		return err
	}
	return history.Record(ctx, tx, a, api.RecordOrganization, org.ID, api.HistoryLinked,
		withRole(history.Link("person", nil, &p.ID)))
}

// Update changes a person and records every changed field.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.PersonPatch) (*Person, error) {
	return s.Store.Update(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, p *Person) ([]api.FieldChange, error) {
		fields, err := customfield.Of(&p.Row)
		if err != nil {
			return nil, err
		}
		before, oldAddress := p.snapshot(), p.address()
		var v httpx.Validation
		p.apply(&v, fieldsIn{salutation: in.Salutation, title: in.Title, firstName: in.FirstName, lastName: in.LastName,
			jobTitle: in.JobTitle, emails: in.Emails, phones: in.Phones, address: in.Address})
		if in.OwnerID != nil {
			p.ChangeOwner(ctx, tx, a, api.RecordPerson, *in.OwnerID, &v)
		}
		p.Custom = fields.Apply(&v, p.Custom, in.Custom)
		if err := v.Err(); err != nil {
			return nil, err
		}
		changes := history.Diff(before, p.snapshot(), historyFields, fields.Labels())
		if len(changes) == 0 {
			return nil, nil
		}
		if slices.ContainsFunc(changes, func(c api.FieldChange) bool { return slices.Contains(derivedFrom, c.Field) }) {
			p.derive()
		}
		return changes, geo.TrackChange(ctx, tx, a.TenantID, api.RecordPerson, p.ID, oldAddress, p.address(), &p.Columns)
	})
}

// Link links a person (edit right) to an organisation (view right), or changes the link's role and primary flag.
func (s *Service) Link(ctx context.Context, a *access.Actor, personID, orgID uuid.UUID, in api.MembershipInput) (*api.MembershipList, error) {
	return s.changeMemberships(ctx, a, personID, func(ctx context.Context, tx bun.Tx, p *Person) error {
		org, err := record.Check(ctx, tx, a, record.MustKind(api.RecordOrganization), orgID, api.ActionView)
		if err != nil {
			return err
		}
		var v httpx.Validation
		role := validate.Text(&v, "role", in.Role, 200)
		if err := v.Err(); err != nil {
			return err
		}
		return link(ctx, tx, a, p, org, role, in.Primary)
	})
}

// Unlink removes a person's link to an organisation.
func (s *Service) Unlink(ctx context.Context, a *access.Actor, personID, orgID uuid.UUID) (*api.MembershipList, error) {
	return s.changeMemberships(ctx, a, personID, func(ctx context.Context, tx bun.Tx, p *Person) error {
		res, err := tx.NewRaw(`DELETE FROM memberships WHERE person_id = ? AND organization_id = ?`, personID, orgID).Exec(ctx)
		if err != nil {
			return fmt.Errorf("person: unlink: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return httpx.ErrNotFound
		}
		if err := history.Record(ctx, tx, a, api.RecordPerson, p.ID, api.HistoryUnlinked, []api.FieldChange{history.Link("organization", &orgID, nil)}); err != nil {
			return err
		}
		return history.Record(ctx, tx, a, api.RecordOrganization, orgID, api.HistoryUnlinked, []api.FieldChange{history.Link("person", &p.ID, nil)})
	})
}

// changeMemberships runs change on a person the actor may edit, loaded and locked, and answers the person's
// memberships as they are afterwards: what Link and Unlink share.
func (s *Service) changeMemberships(ctx context.Context, a *access.Actor, personID uuid.UUID,
	change func(ctx context.Context, tx bun.Tx, p *Person) error) (*api.MembershipList, error) {
	out := &api.MembershipList{}
	err := db.InTenant(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		p, err := store.Load(ctx, tx, a, personID, api.ActionEdit, true)
		if err != nil {
			return err
		}
		if err := change(ctx, tx, p); err != nil {
			return err
		}
		if err := withMemberships(ctx, tx, a, p); err != nil {
			return err
		}
		out.Items = p.memberships
		return nil
	})
	return out, err
}

// OfOrganization lists the persons of an organisation the actor may see (both the organisation and each person).
func (s *Service) OfOrganization(ctx context.Context, a *access.Actor, orgID uuid.UUID) (*api.PersonPage, error) {
	return db.InTenantValue(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.PersonPage, error) {
		if _, err := record.Check(ctx, tx, a, record.MustKind(api.RecordOrganization), orgID, api.ActionView); err != nil {
			return nil, err
		}
		return Query(ctx, tx, a, api.ListQuery{OrganizationID: orgID.String(), Limit: listquery.MaxLimit}, true)
	})
}

// LinkHandler handles PUT /api/v1/persons/{personID}/organizations/{organizationID}.
func (s *Service) LinkHandler(w http.ResponseWriter, r *http.Request) error {
	a, personID, orgID, err := linkParams(r)
	if err != nil {
		return err
	}
	var in api.MembershipInput
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	out, err := s.Link(r.Context(), a, personID, orgID, in)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// UnlinkHandler handles DELETE /api/v1/persons/{personID}/organizations/{organizationID}.
func (s *Service) UnlinkHandler(w http.ResponseWriter, r *http.Request) error {
	a, personID, orgID, err := linkParams(r)
	if err != nil {
		return err
	}
	out, err := s.Unlink(r.Context(), a, personID, orgID)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, out)
}

func linkParams(r *http.Request) (*access.Actor, uuid.UUID, uuid.UUID, error) {
	a, personID, err := rest.Target(r, "personID")
	if err != nil {
		return nil, uuid.Nil, uuid.Nil, err
	}
	orgID, err := httpx.PathID(r, "organizationID")
	return a, personID, orgID, err
}

// LinkInTx links a person to an organisation in the caller's transaction unless they are linked already (lead
// conversion with existing records). The actor must see both.
func LinkInTx(ctx context.Context, tx bun.IDB, a *access.Actor, personID, orgID uuid.UUID) error {
	n, err := tx.NewSelect().Table("memberships").Where("person_id = ? AND organization_id = ?", personID, orgID).Count(ctx)
	if err != nil || n > 0 {
		return err
	}
	p, err := store.Load(ctx, tx, a, personID, api.ActionView, false)
	if err != nil {
		return err
	}
	org, err := record.Check(ctx, tx, a, record.MustKind(api.RecordOrganization), orgID, api.ActionView)
	if err != nil {
		return err
	}
	return link(ctx, tx, a, p, org, "", len(p.memberships) == 0)
}

// RebuildSearchText recomputes every person's search text as derive does (`onesales-server migrate`, once
// after search texts stopped holding the organisations' names).
func RebuildSearchText(ctx context.Context, owner bun.IDB) (int, error) {
	return record.RebuildSearchText(ctx, owner, store.Kind(), func(p *Person) uuid.UUID { return p.ID },
		func(p *Person) string { p.derive(); return p.SearchText })
}
