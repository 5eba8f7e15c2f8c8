// Package validate holds the input checks shared by several domains.
package validate

import (
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// Email returns a trimmed e-mail address, or "" when it is not a plain valid address.
func Email(raw string) string {
	e := strings.TrimSpace(raw)
	addr, err := mail.ParseAddress(e)
	if err != nil || addr.Address != e || len(e) > 254 || !strings.Contains(e[strings.LastIndex(e, "@"):], ".") {
		return ""
	}
	return e
}

// Text trims a text field and records too_long past max characters.
func Text(v *httpx.Validation, field, raw string, max int) string {
	s := strings.TrimSpace(raw)
	if utf8.RuneCountInString(s) > max {
		v.Field(field, api.FieldTooLong)
	}
	return s
}

// Address validates a postal address; Country must be an ISO 3166-1 alpha-2 code (stored upper case).
func Address(v *httpx.Validation, prefix string, a api.Address) api.Address {
	out := api.Address{
		Street:     Text(v, prefix+".street", a.Street, 200),
		PostalCode: Text(v, prefix+".postalCode", a.PostalCode, 20),
		City:       Text(v, prefix+".city", a.City, 100),
		Country:    strings.ToUpper(strings.TrimSpace(a.Country)),
	}
	if out.Country != "" && (len(out.Country) != 2 || out.Country[0] < 'A' || out.Country[0] > 'Z' || out.Country[1] < 'A' || out.Country[1] > 'Z') {
		v.Field(prefix+".country", api.FieldInvalid)
	}
	return out
}
