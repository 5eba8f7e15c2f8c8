// Package validate holds the input checks shared by several domains.
package validate

import (
	"context"
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

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

// Name trims a name (or label) that must be given and records too_long past max characters.
func Name(v *httpx.Validation, field, raw string, max int) string {
	s := Text(v, field, raw, max)
	if s == "" {
		v.Field(field, api.FieldRequired)
	}
	return s
}

// Ref parses a required ID field and checks that the row exists in table, in the caller's tenant transaction.
func Ref(ctx context.Context, tx bun.IDB, v *httpx.Validation, field, table, raw string) uuid.UUID {
	if strings.TrimSpace(raw) == "" {
		v.Field(field, api.FieldRequired)
		return uuid.Nil
	}
	id, err := uuid.Parse(raw)
	if err != nil {
		v.Field(field, api.FieldInvalid)
		return uuid.Nil
	}
	if n, err := tx.NewSelect().Table(table).Where("id = ?", id).Count(ctx); err != nil || n == 0 {
		v.Field(field, api.FieldNotFound)
	}
	return id
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

// CountryCode makes the usual German and English names of the countries most customers sit in ISO codes
// ("Deutschland", "Austria", "D" -> "DE", "AT"); anything else is returned as it is, for Address to check.
func CountryCode(v string) string {
	switch strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", " ", "", "-", "", ".", "").Replace(strings.ToLower(strings.TrimSpace(v))) {
	case "deutschland", "germany", "de", "deu", "d", "bundesrepublikdeutschland":
		return "DE"
	case "oesterreich", "austria", "at", "aut", "a":
		return "AT"
	case "schweiz", "switzerland", "ch", "che":
		return "CH"
	}
	return v
}
