package lead

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
	"github.com/1sales/app/backend/internal/deal"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/organization"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/search"
	"github.com/1sales/app/shared/api"
)

var leadFields = []string{"title", "personName", "company", "email", "phone", "address", "source"}

var targetFields = map[api.RecordType][]string{
	api.RecordPerson:       {"name", "email", "phone", "address", "jobTitle"},
	api.RecordOrganization: {"name", "email", "phone", "address", "website", "industry"},
}

// DefaultMapping is used while a tenant has configured none.
var DefaultMapping = []api.FieldMapping{
	{LeadField: "personName", Target: api.RecordPerson, TargetField: "name"},
	{LeadField: "email", Target: api.RecordPerson, TargetField: "email"},
	{LeadField: "phone", Target: api.RecordPerson, TargetField: "phone"},
	{LeadField: "address", Target: api.RecordPerson, TargetField: "address"},
	{LeadField: "company", Target: api.RecordOrganization, TargetField: "name"},
	{LeadField: "address", Target: api.RecordOrganization, TargetField: "address"},
}

// Mapping reads the tenant's field mapping (the default when none is configured).
func Mapping(ctx context.Context, tx bun.IDB) ([]api.FieldMapping, error) {
	var rows []api.FieldMapping
	if err := tx.NewRaw("SELECT lead_field, target, target_field FROM lead_field_mappings ORDER BY position").Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("lead: mapping: %w", err)
	}
	if len(rows) == 0 {
		return append([]api.FieldMapping(nil), DefaultMapping...), nil
	}
	return rows, nil
}

// MappingHandler handles GET /api/v1/lead-mapping.
func (s *Service) MappingHandler(w http.ResponseWriter, r *http.Request) error {
	a, err := access.FromRequest(r)
	if err != nil {
		return err
	}
	out := api.FieldMappingList{}
	err = db.InTenant(r.Context(), s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		out.Items, err = Mapping(ctx, tx)
		return err
	})
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, out)
}

func kindOf(fs customfield.Fields, key string) (api.FieldKind, bool) {
	f := fs.ByID(strings.TrimPrefix(key, "custom."))
	if !strings.HasPrefix(key, "custom.") || f == nil || f.ArchivedAt != nil {
		return "", false
	}
	return f.Kind, true
}

// SetMapping replaces the tenant's field mapping (admins). Each target field is filled by at most one lead
// field; an address goes only to an address; a custom number or yes/no field takes only a lead custom field of
// the same kind, and any lead field fits a text field.
func (s *Service) SetMapping(ctx context.Context, a *access.Actor, in api.FieldMappingList) (*api.FieldMappingList, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	out := &api.FieldMappingList{Items: []api.FieldMapping{}}
	err := db.InTenant(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		leadCustom, err := customfield.Load(ctx, tx, api.RecordLead)
		if err != nil {
			return err
		}
		targets := map[api.RecordType]customfield.Fields{}
		for _, rt := range []api.RecordType{api.RecordPerson, api.RecordOrganization} {
			if targets[rt], err = customfield.Load(ctx, tx, rt); err != nil {
				return err
			}
		}
		var v httpx.Validation
		seen := map[string]bool{}
		for i, m := range in.Items {
			key := fmt.Sprintf("items[%d]", i)
			srcKind, srcCustom := kindOf(leadCustom, m.LeadField)
			if !srcCustom && !slices.Contains(leadFields, m.LeadField) {
				v.Field(key+".leadField", api.FieldInvalid)
				continue
			}
			fs, ok := targets[m.Target]
			if !ok {
				v.Field(key+".target", api.FieldInvalid)
				continue
			}
			dstKind, dstCustom := kindOf(fs, m.TargetField)
			if !dstCustom && !slices.Contains(targetFields[m.Target], m.TargetField) {
				v.Field(key+".targetField", api.FieldInvalid)
				continue
			}
			if seen[string(m.Target)+m.TargetField] {
				v.Field(key+".targetField", api.FieldDuplicate)
			}
			seen[string(m.Target)+m.TargetField] = true
			switch {
			case (m.LeadField == "address") != (m.TargetField == "address"):
				v.Field(key+".targetField", api.FieldType)
			case dstCustom && dstKind != api.FieldKindText && (!srcCustom || srcKind != dstKind):
				v.Field(key+".targetField", api.FieldType)
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := tx.NewRaw("DELETE FROM lead_field_mappings").Exec(ctx); err != nil {
			return err
		}
		for i, m := range in.Items {
			if _, err := tx.NewRaw("INSERT INTO lead_field_mappings (tenant_id, lead_field, target, target_field, position) VALUES (?, ?, ?, ?, ?)",
				a.TenantID, m.LeadField, m.Target, m.TargetField, i).Exec(ctx); err != nil {
				return fmt.Errorf("lead: set mapping: %w", err)
			}
			out.Items = append(out.Items, m)
		}
		return nil
	})
	return out, err
}

// SetMappingHandler handles PUT /api/v1/lead-mapping.
func (s *Service) SetMappingHandler(w http.ResponseWriter, r *http.Request) error {
	a, err := access.FromRequest(r)
	if err != nil {
		return err
	}
	var in api.FieldMappingList
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	out, err := s.SetMapping(r.Context(), a, in)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// value reads a lead field ("custom.<id>" included) as text.
func (l *Lead) value(field string) string {
	if id, ok := strings.CutPrefix(field, "custom."); ok {
		return l.Custom[id]
	}
	return map[string]string{"title": l.Title, "personName": l.PersonName, "company": l.Company, "email": l.Email,
		"phone": l.Phone, "source": l.Source}[field]
}

func (l *Lead) address() api.Address {
	return api.Address{Street: l.Street, PostalCode: l.PostalCode, City: l.City, Country: l.Country}
}

// personFrom builds a new person from the lead through the mapping.
func (l *Lead) personFrom(mapping []api.FieldMapping) api.PersonCreate {
	in := api.PersonCreate{Custom: api.CustomValues{}, AllowDuplicate: true} // the user has seen the duplicate hints
	for _, m := range mapping {
		if m.Target != api.RecordPerson {
			continue
		}
		val := l.value(m.LeadField)
		switch m.TargetField {
		case "name":
			in.FirstName, in.LastName = splitName(val)
		case "email":
			if val != "" {
				in.Emails = []api.ContactPoint{{Value: val, Kind: api.ContactWork}}
			}
		case "phone":
			if val != "" {
				in.Phones = []api.ContactPoint{{Value: val, Kind: api.ContactWork}}
			}
		case "address":
			in.Address = l.address()
		case "jobTitle":
			in.JobTitle = val
		default:
			if val != "" {
				in.Custom[strings.TrimPrefix(m.TargetField, "custom.")] = val
			}
		}
	}
	return in
}

// organizationFrom builds a new organisation from the lead through the mapping.
func (l *Lead) organizationFrom(mapping []api.FieldMapping) api.OrganizationCreate {
	in := api.OrganizationCreate{Custom: api.CustomValues{}}
	for _, m := range mapping {
		if m.Target != api.RecordOrganization {
			continue
		}
		val := l.value(m.LeadField)
		switch m.TargetField {
		case "name":
			in.Name = val
		case "email":
			in.Email = val
		case "phone":
			in.Phone = val
		case "address":
			in.Address = l.address()
		case "website":
			in.Website = val
		case "industry":
			in.Industry = val
		default:
			if val != "" {
				in.Custom[strings.TrimPrefix(m.TargetField, "custom.")] = val
			}
		}
	}
	return in
}

// withValues puts the custom values the user gave over those of the mapping ("" removes a mapped one).
func withValues(mapped, given api.CustomValues) {
	for id, v := range given {
		if v == "" {
			delete(mapped, id)
		} else {
			mapped[id] = v
		}
	}
}

// prefixed moves a validation error's field codes under a prefix ("person.", "deal."), so that the UI knows
// which part of the conversion failed.
func prefixed(err error, prefix string) error {
	e, ok := httpx.AsError(err)
	if !ok || len(e.Fields) == 0 {
		return err
	}
	out := *e
	out.Fields = map[string]api.FieldCode{}
	for k, v := range e.Fields {
		out.Fields[prefix+k] = v
	}
	return &out
}

// Convert turns an open lead into a person and/or an organisation (new ones filled through the mapping, or
// existing ones the user picked) and optionally a deal, in one transaction; the lead stays, marked converted and
// linked to what it became.
func (s *Service) Convert(ctx context.Context, a *access.Actor, id uuid.UUID, in api.LeadConvert) (*api.LeadConversion, error) {
	out := &api.LeadConversion{}
	err := db.InTenant(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		l, err := store.Load(ctx, tx, a, id, api.ActionEdit, true)
		if err != nil {
			return err
		}
		before := l.snapshot()
		var v httpx.Validation
		if l.Status != api.LeadOpen {
			v.Field("status", api.FieldInvalid)
		}
		for name, t := range map[string]api.ConvertTarget{"person": in.Person, "organization": in.Organization} {
			if !slices.Contains(api.AllConvertModes, t.Mode) {
				v.Field(name+".mode", api.FieldInvalid)
			}
			if t.Mode == api.ConvertExisting {
				if _, err := uuid.Parse(t.ExistingID); err != nil {
					v.Field(name+".existingId", api.FieldRequired)
				}
			}
		}
		if in.Person.Mode == api.ConvertNone && in.Organization.Mode == api.ConvertNone {
			v.Field("person.mode", api.FieldRequired)
		}
		if err := v.Err(); err != nil {
			return err
		}
		mapping, err := Mapping(ctx, tx)
		if err != nil {
			return err
		}
		var orgID, personID *uuid.UUID
		switch in.Organization.Mode {
		case api.ConvertCreate:
			oin := l.organizationFrom(mapping)
			withValues(oin.Custom, in.Organization.Custom)
			o, err := organization.Insert(ctx, tx, a, oin)
			if err != nil {
				return prefixed(err, "organization.")
			}
			orgID = &o.ID
		case api.ConvertExisting:
			id := uuid.MustParse(in.Organization.ExistingID)
			if _, err := record.Check(ctx, tx, a, record.MustKind(api.RecordOrganization), id, api.ActionView); err != nil {
				return httpx.FieldError("organization.existingId", api.FieldNotFound)
			}
			orgID = &id
		}
		switch in.Person.Mode {
		case api.ConvertCreate:
			pin := l.personFrom(mapping)
			withValues(pin.Custom, in.Person.Custom)
			if orgID != nil {
				pin.Organizations = []api.MembershipInput{{OrganizationID: orgID.String(), Primary: true}}
			}
			p, err := person.Insert(ctx, tx, a, pin)
			if err != nil {
				return prefixed(err, "person.")
			}
			personID = &p.ID
		case api.ConvertExisting:
			id := uuid.MustParse(in.Person.ExistingID)
			if _, err := record.Check(ctx, tx, a, record.MustKind(api.RecordPerson), id, api.ActionView); err != nil {
				return httpx.FieldError("person.existingId", api.FieldNotFound)
			}
			personID = &id
			if orgID != nil {
				if err := person.LinkInTx(ctx, tx, a, id, *orgID); err != nil {
					return err
				}
			}
		}
		if in.Deal != nil {
			din := api.DealCreate{Title: in.Deal.Title, Value: in.Deal.Value, PipelineID: in.Deal.PipelineID, StageID: in.Deal.StageID,
				Custom: in.Deal.Custom}
			if strings.TrimSpace(din.Title) == "" {
				din.Title = l.Title
			}
			if personID != nil {
				din.PersonID = personID.String()
			}
			if orgID != nil {
				din.OrganizationID = orgID.String()
			}
			d, err := deal.Insert(ctx, tx, a, din)
			if err != nil {
				return prefixed(err, "deal.")
			}
			l.ConvertedDealID = &d.ID
		}
		now := time.Now()
		l.Status, l.ConvertedAt, l.ClosedAt, l.ConvertedPersonID, l.ConvertedOrganizationID = api.LeadConverted, &now, &now, personID, orgID
		if _, err := tx.NewUpdate().Model(l).Column("status", "converted_at", "closed_at", "converted_person_id", "converted_organization_id", "converted_deal_id").
			Set("version = version + 1").Set("updated_at = now()").WherePK().Returning("version, updated_at").Exec(ctx); err != nil {
			return fmt.Errorf("lead: convert %s: %w", id, err)
		}
		if err := history.Record(ctx, tx, a, api.RecordLead, l.ID, api.HistoryUpdated, history.Diff(before, l.snapshot(), historyFields, nil)); err != nil {
			return err
		}
		out.Lead = l.API()
		out.PersonID, out.OrganizationID, out.DealID = idString(personID), idString(orgID), idString(l.ConvertedDealID)
		return nil
	})
	return out, err
}

// ConvertHandler handles POST /api/v1/leads/{leadID}/convert.
func (s *Service) ConvertHandler(w http.ResponseWriter, r *http.Request) error {
	a, err := access.FromRequest(r)
	if err != nil {
		return err
	}
	id, err := httpx.PathID(r, "leadID")
	if err != nil {
		return err
	}
	var in api.LeadConvert
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	out, err := s.Convert(r.Context(), a, id, in)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// Matches finds existing persons (same e-mail address or name) and organisations (same name) the actor may
// see, as duplicate hints before a conversion.
func (s *Service) Matches(ctx context.Context, a *access.Actor, id uuid.UUID) (*api.LeadMatches, error) {
	out := &api.LeadMatches{Persons: []api.Person{}, Organizations: []api.Organization{}}
	err := db.InTenant(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		l, err := store.Load(ctx, tx, a, id, api.ActionView, false)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, term := range []string{l.Email, l.PersonName} {
			if search.Pattern(term) == "" {
				continue
			}
			page, err := person.Query(ctx, tx, a, api.ListQuery{Search: term, Limit: 5}, false)
			if err != nil {
				return err
			}
			for _, p := range page.Items {
				if !seen[p.ID] {
					seen[p.ID] = true
					out.Persons = append(out.Persons, p)
				}
			}
		}
		if search.Pattern(l.Company) != "" {
			page, err := organization.Query(ctx, tx, a, api.ListQuery{Search: l.Company, Limit: 5}, true)
			if err != nil {
				return err
			}
			out.Organizations = page.Items
		}
		return nil
	})
	return out, err
}
