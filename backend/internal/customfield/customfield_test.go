package customfield_test

import (
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/customfield/customfieldtest"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// Canonical per kind: numbers in Go's float syntax, written out without exponent; bools exactly true or false;
// texts trimmed and at most MaxTextLength characters.
func TestCanonical(t *testing.T) {
	for _, tc := range []struct {
		kind            api.FieldKind
		name, raw, want string
		code            api.FieldCode
	}{
		{api.FieldKindNumber, "an integer", "42", "42", ""},
		{api.FieldKindNumber, "blanks around", " \t42\n", "42", ""},
		{api.FieldKindNumber, "a negative decimal without its trailing zero", "-12.50", "-12.5", ""},
		{api.FieldKindNumber, "a plus sign dropped", "+5", "5", ""},
		{api.FieldKindNumber, "a leading point", ".5", "0.5", ""},
		{api.FieldKindNumber, "a trailing point", "5.", "5", ""},
		{api.FieldKindNumber, "an exponent written out", "1e3", "1000", ""},
		{api.FieldKindNumber, "a point is the decimal point, never a thousands separator", "1.234", "1.234", ""},
		{api.FieldKindNumber, "the German form with a decimal comma", "1.234,5", "", api.FieldType},
		{api.FieldKindNumber, "a decimal comma", "1,5", "", api.FieldType},
		{api.FieldKindNumber, "a thousands blank", "1 000", "", api.FieldType},
		{api.FieldKindNumber, "digits beyond float64 precision are rounded", "12345678901234567890", "12345678901234567000", ""},
		{api.FieldKindNumber, "the largest magnitude written out", "-1e308", "-1" + strings.Repeat("0", 308), ""},
		{api.FieldKindNumber, "beyond float64", "1e309", "", api.FieldType},
		{api.FieldKindNumber, "below the smallest float64 is zero", "1e-400", "0", ""},
		{api.FieldKindNumber, "negative zero keeps its sign", "-0", "-0", ""},
		// Go's number syntax, which strconv.ParseFloat reads: accepted as the number it denotes.
		{api.FieldKindNumber, "digit groups with underscores", "1_000", "1000", ""},
		{api.FieldKindNumber, "a hexadecimal float", "0x1p4", "16", ""},
		{api.FieldKindNumber, "a hexadecimal integer", "0x10", "", api.FieldType},
		{api.FieldKindNumber, "not a number", "NaN", "", api.FieldType},
		{api.FieldKindNumber, "infinity", "Inf", "", api.FieldType},
		{api.FieldKindNumber, "minus infinity spelled out", "-Infinity", "", api.FieldType},
		{api.FieldKindNumber, "empty", "", "", api.FieldType},
		{api.FieldKindNumber, "blanks only", "   ", "", api.FieldType},
		{api.FieldKindNumber, "a word", "viel", "", api.FieldType},
		{api.FieldKindNumber, "a currency", "100 €", "", api.FieldType},
		// A bool is named by its input.
		{api.FieldKindBool, "true", "true", "true", ""},
		{api.FieldKindBool, "false", "false", "false", ""},
		{api.FieldKindBool, " true\n", " true\n", "true", ""},
		{api.FieldKindBool, "TRUE", "TRUE", "", api.FieldType},
		{api.FieldKindBool, "False", "False", "", api.FieldType},
		{api.FieldKindBool, "1", "1", "", api.FieldType},
		{api.FieldKindBool, "0", "0", "", api.FieldType},
		{api.FieldKindBool, "t", "t", "", api.FieldType},
		{api.FieldKindBool, "yes", "yes", "", api.FieldType},
		{api.FieldKindBool, "ja", "ja", "", api.FieldType},
		{api.FieldKindBool, "", "", "", api.FieldType},
		{api.FieldKindText, "trimmed", "  Handel \n", "Handel", ""},
		{api.FieldKindText, "inner blanks kept", "Groß-  und\nEinzelhandel", "Groß-  und\nEinzelhandel", ""},
		{api.FieldKindText, "empty", "", "", ""},
		{api.FieldKindText, "1000 characters of two bytes each", strings.Repeat("ü", 1000), strings.Repeat("ü", 1000), ""},
		{api.FieldKindText, "1000 characters with blanks around", " " + strings.Repeat("a", 1000) + " ", strings.Repeat("a", 1000), ""},
		{api.FieldKindText, "1001 characters", strings.Repeat("ü", 1001), "", api.FieldTooLong},
	} {
		t.Run(string(tc.kind)+"/"+tc.name, func(t *testing.T) {
			got, code := (&customfield.Field{Kind: tc.kind}).Canonical(tc.raw)
			if got != tc.want || code != tc.code {
				t.Fatalf("Canonical(%q) = %q, %q; want %q, %q", tc.raw, got, code, tc.want, tc.code)
			}
		})
	}
}

var (
	goneID = uuid.MustParse("00000000-0000-0000-0000-0000000000f6") // a field no longer defined

	number, text, yes   = customfieldtest.NumberID.String(), customfieldtest.TextID.String(), customfieldtest.BoolID.String()
	required, archived  = customfieldtest.RequiredID.String(), customfieldtest.ArchivedID.String()
	requiredKey, numKey = "custom." + required, "custom." + number
)

// fields has one optional field of each kind, a required number and an archived required text.
var fields = customfieldtest.Fields()

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
