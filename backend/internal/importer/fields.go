package importer

import (
	"slices"
	"strings"

	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/fieldname"
	"github.com/1sales/app/shared/api"
)

// field is a target a column can be imported into, with the custom field behind it.
type field struct {
	api.ImportField
	custom *customfield.Field
}

// std describes a standard target.
func std(t api.ImportTarget, rt api.RecordType, kind api.ImportValueKind, required, duplicates bool) field {
	return field{ImportField: api.ImportField{Target: string(t), RecordType: rt, Kind: kind, Required: required, Duplicates: duplicates}}
}

// customFields are the active custom fields of a record type as targets, prefix "" or "organization.".
func customFields(fs customfield.Fields, rt api.RecordType, prefix string) []field {
	var out []field
	for _, f := range fs {
		if f.ArchivedAt != nil {
			continue
		}
		kind := api.ImportValueText
		switch f.Kind {
		case api.FieldKindNumber:
			kind = api.ImportValueNumber
		case api.FieldKindBool:
			kind = api.ImportValueBool
		}
		out = append(out, field{ImportField: api.ImportField{Target: prefix + "custom." + f.ID.String(), Label: f.Label,
			RecordType: rt, Kind: kind, Required: f.Required && prefix == "", Duplicates: prefix == "" && f.Kind != api.FieldKindBool},
			custom: f})
	}
	return out
}

// fieldSet is what a record type offers: its targets in display order and which target each named field
// (fieldname) suggests.
type fieldSet struct {
	list    []field
	suggest map[fieldname.Field]api.ImportTarget
}

func (s fieldSet) byTarget(t string) (field, bool) {
	i := slices.IndexFunc(s.list, func(f field) bool { return f.Target == t })
	if i < 0 {
		return field{}, false
	}
	return s.list[i], true
}

func (s fieldSet) api() []api.ImportField {
	out := make([]api.ImportField, len(s.list))
	for i, f := range s.list {
		out[i] = f.ImportField
	}
	return out
}

// suggestTargets matches the header's names to targets: by the table of names (fieldname), else a custom
// field's label; a target is suggested for the first column that names it only.
func (s fieldSet) suggestTargets(headers []string) []string {
	out := make([]string, len(headers))
	taken := map[string]bool{}
	for i, h := range headers {
		var t string
		if f, ok := fieldname.Match(h); ok {
			t = string(s.suggest[f])
		}
		if t == "" {
			for _, f := range s.list {
				if f.custom != nil && fieldname.Norm(f.Label) == fieldname.Norm(h) && !strings.HasPrefix(f.Target, "organization.") {
					t = f.Target
					break
				}
			}
		}
		if t != "" && !taken[t] {
			out[i], taken[t] = t, true
		}
	}
	return out
}

// address targets are shared by persons, organisations and leads.
func address(rt api.RecordType) []field {
	return []field{std(api.TargetStreet, rt, api.ImportValueText, false, false),
		std(api.TargetPostalCode, rt, api.ImportValueText, false, false),
		std(api.TargetCity, rt, api.ImportValueText, false, false),
		std(api.TargetCountry, rt, api.ImportValueText, false, false)}
}

var addressSuggestions = map[fieldname.Field]api.ImportTarget{fieldname.Street: api.TargetStreet,
	fieldname.PostalCode: api.TargetPostalCode, fieldname.City: api.TargetCity, fieldname.Country: api.TargetCountry,
	fieldname.Owner: api.TargetOwner}

func withAddress(m map[fieldname.Field]api.ImportTarget) map[fieldname.Field]api.ImportTarget {
	for k, v := range addressSuggestions {
		m[k] = v
	}
	return m
}

// personFields are a person file's targets: the person's fields, its custom fields, owner, organisation and
// the organisation's fields (used when it is created).
func personFields(persons, orgs customfield.Fields) fieldSet {
	p := api.RecordPerson
	list := []field{std(api.TargetSalutation, p, api.ImportValueText, false, false),
		std(api.TargetTitle, p, api.ImportValueText, false, false),
		std(api.TargetFirstName, p, api.ImportValueText, false, false),
		std(api.TargetLastName, p, api.ImportValueText, true, false),
		std(api.TargetFullName, p, api.ImportValueText, false, false),
		std(api.TargetJobTitle, p, api.ImportValueText, false, false),
		std(api.TargetEmail, p, api.ImportValueText, true, true),
		std(api.TargetPhone, p, api.ImportValueText, false, false),
		std(api.TargetMobile, p, api.ImportValueText, false, false)}
	list = append(list, address(p)...)
	list = append(list, std(api.TargetOwner, p, api.ImportValueReference, false, false))
	list = append(list, customFields(persons, p, "")...)
	list = append(list, orgFields(orgs)...)
	return fieldSet{list: list, suggest: withAddress(map[fieldname.Field]api.ImportTarget{
		fieldname.Salutation: api.TargetSalutation, fieldname.Title: api.TargetTitle,
		fieldname.FirstName: api.TargetFirstName, fieldname.LastName: api.TargetLastName,
		fieldname.FullName: api.TargetFullName, fieldname.JobTitle: api.TargetJobTitle, fieldname.Email: api.TargetEmail,
		fieldname.Phone: api.TargetPhone, fieldname.Mobile: api.TargetMobile, fieldname.Company: api.TargetOrganization,
		fieldname.Website: api.TargetOrgWebsite, fieldname.Industry: api.TargetOrgIndustry})}
}

// organizationFields are an organisation file's targets.
func organizationFields(orgs customfield.Fields) fieldSet {
	o := api.RecordOrganization
	list := []field{std(api.TargetName, o, api.ImportValueText, true, true),
		std(api.TargetEmail, o, api.ImportValueText, false, true),
		std(api.TargetPhone, o, api.ImportValueText, false, false),
		std(api.TargetWebsite, o, api.ImportValueText, false, false),
		std(api.TargetIndustry, o, api.ImportValueText, false, false)}
	list = append(list, address(o)...)
	list = append(list, std(api.TargetOwner, o, api.ImportValueReference, false, false))
	list = append(list, customFields(orgs, o, "")...)
	return fieldSet{list: list, suggest: withAddress(map[fieldname.Field]api.ImportTarget{
		fieldname.Company: api.TargetName, fieldname.FullName: api.TargetName, fieldname.Email: api.TargetEmail,
		fieldname.Phone: api.TargetPhone, fieldname.Website: api.TargetWebsite, fieldname.Industry: api.TargetIndustry})}
}

// orgFields are the organisation fields of a file whose rows name an organisation that may be created (persons,
// deals).
func orgFields(orgs customfield.Fields) []field {
	o := api.RecordOrganization
	list := []field{std(api.TargetOrganization, o, api.ImportValueReference, false, false),
		std(api.TargetOrgStreet, o, api.ImportValueText, false, false),
		std(api.TargetOrgPostalCode, o, api.ImportValueText, false, false),
		std(api.TargetOrgCity, o, api.ImportValueText, false, false),
		std(api.TargetOrgCountry, o, api.ImportValueText, false, false),
		std(api.TargetOrgPhone, o, api.ImportValueText, false, false),
		std(api.TargetOrgEmail, o, api.ImportValueText, false, false),
		std(api.TargetOrgWebsite, o, api.ImportValueText, false, false),
		std(api.TargetOrgIndustry, o, api.ImportValueText, false, false)}
	return append(list, customFields(orgs, o, "organization.")...)
}

// placeFields are the pipeline and stage of deals and leads, by name.
func placeFields(rt api.RecordType) []field {
	return []field{std(api.TargetPipeline, rt, api.ImportValueReference, false, false),
		std(api.TargetStage, rt, api.ImportValueReference, false, false)}
}

// leadFields are a lead file's targets.
func leadFields(leads customfield.Fields) fieldSet {
	l := api.RecordLead
	list := []field{std(api.TargetTitle, l, api.ImportValueText, true, false),
		std(api.TargetFullName, l, api.ImportValueText, false, false),
		std(api.TargetFirstName, l, api.ImportValueText, false, false),
		std(api.TargetLastName, l, api.ImportValueText, false, false),
		std(api.TargetCompany, l, api.ImportValueText, false, false),
		std(api.TargetEmail, l, api.ImportValueText, false, true),
		std(api.TargetPhone, l, api.ImportValueText, false, false)}
	list = append(list, address(l)...)
	list = append(list, std(api.TargetSource, l, api.ImportValueText, false, false), std(api.TargetOwner, l, api.ImportValueReference, false, false))
	list = append(list, placeFields(l)...)
	list = append(list, customFields(leads, l, "")...)
	return fieldSet{list: list, suggest: withAddress(map[fieldname.Field]api.ImportTarget{
		fieldname.Title: api.TargetTitle, fieldname.FullName: api.TargetFullName, fieldname.FirstName: api.TargetFirstName,
		fieldname.LastName: api.TargetLastName, fieldname.Company: api.TargetCompany, fieldname.Email: api.TargetEmail,
		fieldname.Phone: api.TargetPhone, fieldname.Source: api.TargetSource, fieldname.Pipeline: api.TargetPipeline,
		fieldname.Stage: api.TargetStage})}
}

// dealFields are a deal file's targets: the deal's fields, its person (by e-mail address), its organisation (by
// name, created with the row's organisation fields when there is none) and their custom fields.
func dealFields(deals, orgs customfield.Fields) fieldSet {
	d := api.RecordDeal
	list := []field{std(api.TargetTitle, d, api.ImportValueText, true, false),
		std(api.TargetValue, d, api.ImportValueNumber, false, false),
		std(api.TargetCurrency, d, api.ImportValueText, false, false),
		std(api.TargetExpectedCloseDate, d, api.ImportValueDate, false, false),
		std(api.TargetPerson, api.RecordPerson, api.ImportValueReference, false, false),
		std(api.TargetOwner, d, api.ImportValueReference, false, false)}
	list = append(list, placeFields(d)...)
	list = append(list, customFields(deals, d, "")...)
	list = append(list, orgFields(orgs)...)
	return fieldSet{list: list, suggest: map[fieldname.Field]api.ImportTarget{
		fieldname.Title: api.TargetTitle, fieldname.Value: api.TargetValue, fieldname.Currency: api.TargetCurrency,
		fieldname.CloseDate: api.TargetExpectedCloseDate, fieldname.Person: api.TargetPerson,
		fieldname.Email: api.TargetPerson, fieldname.Company: api.TargetOrganization, fieldname.Owner: api.TargetOwner,
		fieldname.Pipeline: api.TargetPipeline, fieldname.Stage: api.TargetStage, fieldname.Street: api.TargetOrgStreet,
		fieldname.PostalCode: api.TargetOrgPostalCode, fieldname.City: api.TargetOrgCity,
		fieldname.Country: api.TargetOrgCountry, fieldname.Website: api.TargetOrgWebsite,
		fieldname.Industry: api.TargetOrgIndustry}}
}
