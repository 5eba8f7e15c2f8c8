// Package customfieldtest holds the custom field definitions that the tests of custom values (customfield's
// Apply, listquery's conditions) share, so that both check against the same fields.
package customfieldtest

import (
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/shared/api"
)

// The IDs of the fields of Fields.
var (
	NumberID   = uuid.MustParse("00000000-0000-0000-0000-0000000000f1")
	TextID     = uuid.MustParse("00000000-0000-0000-0000-0000000000f2")
	BoolID     = uuid.MustParse("00000000-0000-0000-0000-0000000000f3")
	RequiredID = uuid.MustParse("00000000-0000-0000-0000-0000000000f4")
	ArchivedID = uuid.MustParse("00000000-0000-0000-0000-0000000000f5")
)

// ArchivedAt is when the archived field was archived.
var ArchivedAt = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Fields has one optional field of each kind, a required number and an archived required text; each call gives
// new ones, so that no test changes another's.
func Fields() customfield.Fields {
	archivedAt := ArchivedAt
	return customfield.Fields{
		{Row: db.Row{ID: NumberID}, Kind: api.FieldKindNumber, Label: "Umsatz"},
		{Row: db.Row{ID: TextID}, Kind: api.FieldKindText, Label: "Branche"},
		{Row: db.Row{ID: BoolID}, Kind: api.FieldKindBool, Label: "Kunde"},
		{Row: db.Row{ID: RequiredID}, Kind: api.FieldKindNumber, Label: "Mitarbeiter", Required: true},
		{Row: db.Row{ID: ArchivedID}, Kind: api.FieldKindText, Label: "Alt", Required: true, ArchivedAt: &archivedAt},
	}
}
