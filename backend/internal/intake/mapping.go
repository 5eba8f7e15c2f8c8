package intake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/1sales/app/backend/internal/fieldname"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/lead"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// defaultMapping is what a new source maps when its admin names nothing: the field names suppliers, web forms
// and exports commonly use, in German and English, from the one table of field names (package fieldname, which
// the import's column matching reads too). Names are compared by fieldname.Norm, so "E-Mail", "email" and
// "e_mail" are one name.
var defaultMapping = func() []api.SourceFieldMapping {
	var out []api.SourceFieldMapping
	for _, t := range []struct {
		field  fieldname.Field
		target api.IntakeTarget
	}{
		{fieldname.Title, api.IntakeTitle}, {fieldname.FullName, api.IntakePersonName},
		{fieldname.FirstName, api.IntakeFirstName}, {fieldname.LastName, api.IntakeLastName},
		{fieldname.Company, api.IntakeCompany}, {fieldname.Email, api.IntakeEmail}, {fieldname.Phone, api.IntakePhone},
		{fieldname.Mobile, api.IntakePhone}, {fieldname.Street, api.IntakeStreet},
		{fieldname.PostalCode, api.IntakePostalCode}, {fieldname.City, api.IntakeCity},
		{fieldname.Country, api.IntakeCountry}, {fieldname.Source, api.IntakeSource},
	} {
		for _, name := range fieldname.Names(t.field) {
			out = append(out, api.SourceFieldMapping{From: name, To: string(t.target)})
		}
	}
	return out
}()

// normKey is a field name as the mapping compares it.
func normKey(s string) string { return fieldname.Norm(s) }

// mapper applies a source's mapping to delivered leads.
type mapper struct {
	targets map[string]string // normKey(from) -> target
}

func newMapper(m []api.SourceFieldMapping) mapper {
	out := mapper{targets: make(map[string]string, len(m))}
	for _, e := range m {
		out.targets[normKey(e.From)] = e.To
	}
	return out
}

// maxValue is the longest value a delivered field may have (longer ones are rejected; lead fields have their own,
// shorter limits).
const maxValue = 5000

// item maps one delivered lead. It returns the lead in lead fields, the source's field name of each lead field
// (to name the source's fields in errors) and the problems found in the source's fields.
func (m mapper) item(raw rawLead) (lead.Incoming, map[string]string, map[string]api.FieldCode) {
	in := lead.Incoming{ExternalID: raw.ExternalID}
	from := map[string]string{}
	bad := map[string]api.FieldCode{}
	if raw.ExternalID == "" {
		bad["externalId"] = api.FieldRequired
	} else if utf8.RuneCountInString(raw.ExternalID) > 200 {
		bad["externalId"] = api.FieldTooLong
	} else if !httpx.TextOK(raw.ExternalID) {
		bad["externalId"] = api.FieldControlCharacter
	}
	var first, last *string
	var nameFrom string // the source's field of first or last name
	for _, f := range raw.Fields {
		value, ok := scalar(f.Value)
		switch {
		case !ok:
			bad[f.Name] = api.FieldType
			continue
		case !httpx.TextOK(f.Name) || !httpx.TextOK(value):
			bad[capName(f.Name)] = api.FieldControlCharacter
			continue
		case utf8.RuneCountInString(value) > maxValue:
			bad[f.Name] = api.FieldTooLong
			continue
		}
		target, mapped := m.targets[normKey(f.Name)]
		if !mapped {
			target = string(api.IntakeDetail)
		}
		v := value
		var dst **string
		switch api.IntakeTarget(target) {
		case api.IntakeTitle:
			dst = &in.Title
		case api.IntakePersonName:
			dst = &in.PersonName
		case api.IntakeFirstName:
			dst = &first
		case api.IntakeLastName:
			dst = &last
		case api.IntakeCompany:
			dst = &in.Company
		case api.IntakeEmail:
			dst = &in.Email
		case api.IntakePhone:
			dst = &in.Phone
		case api.IntakeStreet:
			dst = &in.Street
		case api.IntakePostalCode:
			dst = &in.PostalCode
		case api.IntakeCity:
			dst = &in.City
		case api.IntakeCountry:
			v = validate.CountryCode(v)
			dst = &in.Country
		case api.IntakeSource:
			dst = &in.Source
		case api.IntakeIgnore:
			continue
		case api.IntakeDetail:
			if utf8.RuneCountInString(f.Name) > 100 {
				bad[capName(f.Name)] = api.FieldTooLong
				continue
			}
			if strings.TrimSpace(value) != "" {
				in.Details = append(in.Details, api.LeadDetail{Name: f.Name, Value: strings.TrimSpace(value)})
			}
			continue
		default: // custom.<fieldId>
			id := strings.TrimPrefix(target, "custom.")
			if in.Custom == nil {
				in.Custom = api.CustomValues{}
			}
			in.Custom[id] = value
			from["custom."+id] = f.Name
			continue
		}
		*dst = &v
		from[leadField(api.IntakeTarget(target))] = f.Name
		if dst == &first || dst == &last && nameFrom == "" {
			nameFrom = f.Name
		}
	}
	if first != nil || last != nil {
		name := strings.TrimSpace(deref(first) + " " + deref(last))
		if in.PersonName == nil || *in.PersonName == "" {
			in.PersonName = &name
		}
		if _, ok := from["personName"]; !ok {
			from["personName"] = nameFrom
		}
	}
	if in.Details == nil {
		in.Details = []api.LeadDetail{}
	}
	if in.PostalCode != nil && !postalCodeFits(strings.TrimSpace(*in.PostalCode), strings.ToUpper(strings.TrimSpace(deref(in.Country)))) {
		bad[from["address.postalCode"]] = api.FieldInvalid
	}
	return in, from, bad
}

// postalCodeFits reports whether a postal code has the form of its country's (a delivery without a country is
// German): five digits in Germany, four in Austria and Switzerland; other countries' codes are not checked.
func postalCodeFits(code, country string) bool {
	if code == "" {
		return true
	}
	switch country {
	case "", "DE":
		return len(code) == 5 && digits(code)
	case "AT", "CH":
		return len(code) == 4 && digits(code)
	}
	return true
}

// withTitle gives a new lead without a title one: its company, else its person, else the supplier's ID.
func withTitle(in lead.Incoming) lead.Incoming {
	if in.Title != nil && strings.TrimSpace(*in.Title) != "" {
		return in
	}
	t := in.ExternalID
	for _, v := range []*string{in.PersonName, in.Company} {
		if v != nil && strings.TrimSpace(*v) != "" {
			t = strings.TrimSpace(*v)
		}
	}
	if r := []rune(t); len(r) > 200 {
		t = string(r[:200])
	}
	in.Title = &t
	return in
}

// leadField names a target as lead validation names its field.
func leadField(t api.IntakeTarget) string {
	switch t {
	case api.IntakeStreet, api.IntakePostalCode, api.IntakeCity, api.IntakeCountry:
		return "address." + string(t)
	}
	return string(t)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// scalar gives a delivered value's text: strings as they are, numbers as written, booleans as true/false, null
// as "". Objects and arrays are no field values.
func scalar(raw json.RawMessage) (string, bool) {
	// By the first byte, each kind decoded on its own: a json.Decoder per field (4 KiB of buffer each) was a third
	// of a delivery's Go work.
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return "", false
	}
	switch t[0] {
	case 'n':
		return "", string(t) == "null"
	case 't', 'f':
		var b bool
		if json.Unmarshal(t, &b) != nil {
			return "", false
		}
		return strconv.FormatBool(b), true
	case '"':
		var s string
		if json.Unmarshal(t, &s) != nil {
			return "", false
		}
		return s, true
	case '{', '[':
		return "", false
	}
	var n json.Number
	if json.Unmarshal(t, &n) != nil {
		return "", false
	}
	return n.String(), true
}

// capName shortens a delivered field name for an error (a name may be anything a supplier sends).
func capName(s string) string {
	if !httpx.TextOK(s) {
		return fmt.Sprintf("%q", s)
	}
	if r := []rune(s); len(r) > 100 {
		return string(r[:100]) + "…"
	}
	return s
}
