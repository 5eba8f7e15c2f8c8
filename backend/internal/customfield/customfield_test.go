package customfield_test

import (
	"maps"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

func TestCanonicalNumber(t *testing.T) {
	f := &customfield.Field{Kind: api.FieldKindNumber}
	for _, tc := range []struct {
		name, raw, want string
		code            api.FieldCode
	}{
		{"an integer", "42", "42", ""},
		{"blanks around", " \t42\n", "42", ""},
		{"a negative decimal without its trailing zero", "-12.50", "-12.5", ""},
		{"a plus sign dropped", "+5", "5", ""},
		{"a leading point", ".5", "0.5", ""},
		{"a trailing point", "5.", "5", ""},
		{"an exponent written out", "1e3", "1000", ""},
		{"a point is the decimal point, never a thousands separator", "1.234", "1.234", ""},
		{"the German form with a decimal comma", "1.234,5", "", api.FieldType},
		{"a decimal comma", "1,5", "", api.FieldType},
		{"a thousands blank", "1 000", "", api.FieldType},
		{"digits beyond float64 precision are rounded", "12345678901234567890", "12345678901234567000", ""},
		{"the largest magnitude written out", "-1e308", "-1" + strings.Repeat("0", 308), ""},
		{"beyond float64", "1e309", "", api.FieldType},
		{"below the smallest float64 is zero", "1e-400", "0", ""},
		{"negative zero keeps its sign", "-0", "-0", ""},
		// Go's number syntax, which strconv.ParseFloat reads: accepted as the number it denotes.
		{"digit groups with underscores", "1_000", "1000", ""},
		{"a hexadecimal float", "0x1p4", "16", ""},
		{"a hexadecimal integer", "0x10", "", api.FieldType},
		{"not a number", "NaN", "", api.FieldType},
		{"infinity", "Inf", "", api.FieldType},
		{"minus infinity spelled out", "-Infinity", "", api.FieldType},
		{"empty", "", "", api.FieldType},
		{"blanks only", "   ", "", api.FieldType},
		{"a word", "viel", "", api.FieldType},
		{"a currency", "100 €", "", api.FieldType},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, code := f.Canonical(tc.raw)
			if got != tc.want || code != tc.code {
				t.Fatalf("Canonical(%q) = %q, %q; want %q, %q", tc.raw, got, code, tc.want, tc.code)
			}
		})
	}
}

func TestCanonicalBool(t *testing.T) {
	f := &customfield.Field{Kind: api.FieldKindBool}
	for _, tc := range []struct {
		raw, want string
		code      api.FieldCode
	}{
		{"true", "true", ""},
		{"false", "false", ""},
		{" true\n", "true", ""},
		{"TRUE", "", api.FieldType},
		{"False", "", api.FieldType},
		{"1", "", api.FieldType},
		{"0", "", api.FieldType},
		{"t", "", api.FieldType},
		{"yes", "", api.FieldType},
		{"ja", "", api.FieldType},
		{"", "", api.FieldType},
	} {
		t.Run(tc.raw, func(t *testing.T) {
			got, code := f.Canonical(tc.raw)
			if got != tc.want || code != tc.code {
				t.Fatalf("Canonical(%q) = %q, %q; want %q, %q", tc.raw, got, code, tc.want, tc.code)
			}
		})
	}
}

func TestCanonicalText(t *testing.T) {
	f := &customfield.Field{Kind: api.FieldKindText}
	for _, tc := range []struct {
		name, raw, want string
		code            api.FieldCode
	}{
		{"trimmed", "  Handel \n", "Handel", ""},
		{"inner blanks kept", "Groß-  und\nEinzelhandel", "Groß-  und\nEinzelhandel", ""},
		{"empty", "", "", ""},
		{"1000 characters of two bytes each", strings.Repeat("ü", 1000), strings.Repeat("ü", 1000), ""},
		{"1000 characters with blanks around", " " + strings.Repeat("a", 1000) + " ", strings.Repeat("a", 1000), ""},
		{"1001 characters", strings.Repeat("ü", 1001), "", api.FieldTooLong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, code := f.Canonical(tc.raw)
			if got != tc.want || code != tc.code {
				t.Fatalf("Canonical(%q) = %q, %q; want %q, %q", tc.raw, got, code, tc.want, tc.code)
			}
		})
	}
}

var (
	numberID   = uuid.MustParse("00000000-0000-0000-0000-0000000000f1")
	textID     = uuid.MustParse("00000000-0000-0000-0000-0000000000f2")
	boolID     = uuid.MustParse("00000000-0000-0000-0000-0000000000f3")
	requiredID = uuid.MustParse("00000000-0000-0000-0000-0000000000f4")
	archivedID = uuid.MustParse("00000000-0000-0000-0000-0000000000f5")
	goneID     = uuid.MustParse("00000000-0000-0000-0000-0000000000f6") // a field no longer defined

	number, text, yes   = numberID.String(), textID.String(), boolID.String()
	required, archived  = requiredID.String(), archivedID.String()
	archivedAt          = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	requiredKey, numKey = "custom." + required, "custom." + number
)

// fields has one optional field of each kind, a required number and an archived required text.
var fields = customfield.Fields{
	{Row: db.Row{ID: numberID}, Kind: api.FieldKindNumber, Label: "Umsatz"},
	{Row: db.Row{ID: textID}, Kind: api.FieldKindText, Label: "Branche"},
	{Row: db.Row{ID: boolID}, Kind: api.FieldKindBool, Label: "Kunde"},
	{Row: db.Row{ID: requiredID}, Kind: api.FieldKindNumber, Label: "Mitarbeiter", Required: true},
	{Row: db.Row{ID: archivedID}, Kind: api.FieldKindText, Label: "Alt", Required: true, ArchivedAt: &archivedAt},
}

func TestApply(t *testing.T) {
	for _, tc := range []struct {
		name            string
		stored, changes api.CustomValues
		want            api.CustomValues
		wantFields      map[string]api.FieldCode // nil: valid
	}{
		{"create with the required field", nil, api.CustomValues{required: " 12 ", number: "1e3", text: " Handel ", yes: " true "},
			api.CustomValues{required: "12", number: "1000", text: "Handel", yes: "true"}, nil},
		{"create without the required field", nil, api.CustomValues{text: "Handel"},
			api.CustomValues{text: "Handel"}, map[string]api.FieldCode{requiredKey: api.FieldRequired}},
		{"create with nothing", nil, nil, api.CustomValues{}, map[string]api.FieldCode{requiredKey: api.FieldRequired}},
		{"create with the required field blank", nil, api.CustomValues{required: "  "}, api.CustomValues{}, map[string]api.FieldCode{requiredKey: api.FieldRequired}},
		{"create with the required field of the wrong type says type, not required", nil, api.CustomValues{required: "zwölf"},
			api.CustomValues{}, map[string]api.FieldCode{requiredKey: api.FieldType}},
		{"patch without the required field keeps the stored one", api.CustomValues{required: "12"}, api.CustomValues{text: "Handel"},
			api.CustomValues{required: "12", text: "Handel"}, nil},
		{"patch with nothing keeps everything", api.CustomValues{required: "12", number: "3"}, nil, api.CustomValues{required: "12", number: "3"}, nil},
		{"patch clearing the required field", api.CustomValues{required: "12"}, api.CustomValues{required: ""}, api.CustomValues{},
			map[string]api.FieldCode{requiredKey: api.FieldRequired}},
		{"patch on a record stored before the field became required", api.CustomValues{number: "3"}, api.CustomValues{number: "4"},
			api.CustomValues{number: "4"}, map[string]api.FieldCode{requiredKey: api.FieldRequired}},
		{"clearing with an empty value removes it", api.CustomValues{required: "12", number: "3", yes: "false"}, api.CustomValues{number: "", yes: " "},
			api.CustomValues{required: "12"}, nil},
		{"clearing a value never stored", api.CustomValues{required: "12"}, api.CustomValues{text: ""}, api.CustomValues{required: "12"}, nil},
		{"a wrong type keeps the stored value", api.CustomValues{required: "12", number: "3"}, api.CustomValues{number: "drei"},
			api.CustomValues{required: "12", number: "3"}, map[string]api.FieldCode{numKey: api.FieldType}},
		{"a bool that is no bool", api.CustomValues{required: "12"}, api.CustomValues{yes: "ja"}, api.CustomValues{required: "12"},
			map[string]api.FieldCode{"custom." + yes: api.FieldType}},
		{"a text too long", api.CustomValues{required: "12"}, api.CustomValues{text: strings.Repeat("x", 1001)}, api.CustomValues{required: "12"},
			map[string]api.FieldCode{"custom." + text: api.FieldTooLong}},
		{"a field nobody defined", api.CustomValues{required: "12"}, api.CustomValues{goneID.String(): "1"}, api.CustomValues{required: "12"},
			map[string]api.FieldCode{"custom." + goneID.String(): api.FieldUnknown}},
		{"a field id that is no UUID", api.CustomValues{required: "12"}, api.CustomValues{"Umsatz": "1"}, api.CustomValues{required: "12"},
			map[string]api.FieldCode{"custom.Umsatz": api.FieldUnknown}},
		{"clearing a field nobody defined", api.CustomValues{required: "12"}, api.CustomValues{goneID.String(): ""}, api.CustomValues{required: "12"},
			map[string]api.FieldCode{"custom." + goneID.String(): api.FieldUnknown}},
		{"an archived field cannot be set", api.CustomValues{required: "12"}, api.CustomValues{archived: "neu"}, api.CustomValues{required: "12"},
			map[string]api.FieldCode{"custom." + archived: api.FieldUnknown}},
		{"an archived field cannot be cleared", api.CustomValues{required: "12", archived: "alt"}, api.CustomValues{archived: ""},
			api.CustomValues{required: "12", archived: "alt"}, map[string]api.FieldCode{"custom." + archived: api.FieldUnknown}},
		{"values of archived and removed fields stay", api.CustomValues{required: "12", archived: "alt", goneID.String(): "7"}, api.CustomValues{number: "1"},
			api.CustomValues{required: "12", archived: "alt", goneID.String(): "7", number: "1"}, nil},
		{"every wrong value at once", nil, api.CustomValues{number: "x", yes: "x", text: strings.Repeat("x", 1001), archived: "x", goneID.String(): "x"},
			api.CustomValues{}, map[string]api.FieldCode{numKey: api.FieldType, "custom." + yes: api.FieldType, "custom." + text: api.FieldTooLong,
				"custom." + archived: api.FieldUnknown, "custom." + goneID.String(): api.FieldUnknown, requiredKey: api.FieldRequired}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stored := maps.Clone(tc.stored)
			var v httpx.Validation
			got := fields.Apply(&v, tc.stored, tc.changes)
			if !maps.Equal(got, tc.want) {
				t.Errorf("values %v, want %v", got, tc.want)
			}
			if !maps.Equal(tc.stored, stored) {
				t.Errorf("the stored values changed to %v", tc.stored)
			}
			err := v.Err()
			if tc.wantFields == nil {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				return
			}
			e, ok := httpx.AsError(err)
			if !ok || e.Status != http.StatusUnprocessableEntity || !maps.Equal(e.Fields, tc.wantFields) {
				t.Fatalf("got %v (fields %v), want 422 with %v", err, fieldsOf(e), tc.wantFields)
			}
		})
	}
}

func fieldsOf(e *httpx.Error) map[string]api.FieldCode {
	if e == nil {
		return nil
	}
	return e.Fields
}

func TestLabelsNameEveryFieldInOrder(t *testing.T) {
	got := fields.Labels()
	if len(got) != len(fields) {
		t.Fatalf("got %d labels, want %d", len(got), len(fields))
	}
	for i, l := range got {
		if l.ID != fields[i].ID.String() || l.Label != fields[i].Label {
			t.Errorf("label %d = %+v, want %s %s", i, l, fields[i].ID, fields[i].Label)
		}
	}
}
