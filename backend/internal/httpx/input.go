package httpx

import (
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/1sales/app/shared/api"
)

// The input rules every value that Decode reads (and every query parameter Handle sees) obeys, whatever the route:
//   - text is valid UTF-8 without control characters: tab, line feed and carriage return are the only ones allowed;
//     C0 controls (NUL among them: PostgreSQL text and jsonb cannot hold it), DEL, C1 controls, the bidi
//     overrides and isolates (U+202A–U+202E, U+2066–U+2069, which make text read differently than it is stored)
//     and U+FFFD (what the JSON decoder makes of invalid UTF-8) are refused with the field code control_character;
//   - every time.Time and every string field tagged `input:"date"` (a YYYY-MM-DD day) lies in the years
//     MinYear–MaxYear, else the field code range. A malformed date is left to the domain (invalid).
//
// Field names are JSON paths: `address.city`, `emails[0].value`, `custom.<key>`.
const (
	MinYear = 1900
	MaxYear = 2200
	// maxInputFields bounds the field codes one answer lists (a body of a million bad values gets a few).
	maxInputFields = 20
	// maxFieldName bounds a field name echoed from the request (an unknown field, a map key).
	maxFieldName = 64
)

// TextOK reports whether s may be stored as text (see the input rules above).
func TextOK(s string) bool {
	for _, r := range s { // an invalid byte reads as utf8.RuneError
		if !runeOK(r) {
			return false
		}
	}
	return true
}

func runeOK(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return true
	case r < 0x20, r >= 0x7f && r <= 0x9f: // C0, DEL, C1
		return false
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return false
	case r == utf8.RuneError:
		return false
	}
	return true
}

// YearOK reports whether t lies in the years MinYear–MaxYear (in UTC).
func YearOK(t time.Time) bool {
	y := t.UTC().Year()
	return y >= MinYear && y <= MaxYear
}

// DateOK reports whether a YYYY-MM-DD day, when it is one, lies in the years MinYear–MaxYear; "" and anything
// that is not a day are the domain's to judge.
func DateOK(s string) bool {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	return err != nil || YearOK(d)
}

// CheckInput applies the input rules to a decoded value (a pointer to a struct, usually): nil when it obeys them,
// else a 422 with a code per offending field.
func CheckInput(v any) error {
	var val Validation
	checkValue(&val, "", reflect.ValueOf(v), "")
	return val.Err()
}

// CheckQuery applies the input rules to the query parameters: nil or a 422 naming the parameter.
func CheckQuery(r *http.Request) error {
	if r.URL.RawQuery == "" {
		return nil
	}
	var val Validation
	q := r.URL.Query()
	for _, name := range slices.Sorted(maps.Keys(q)) {
		if !TextOK(name) {
			val.Field("query", api.FieldControlCharacter)
			continue
		}
		for _, s := range q[name] {
			if !TextOK(s) {
				val.Field(capName(name), api.FieldControlCharacter)
			}
		}
	}
	return val.Err()
}

var timeType = reflect.TypeFor[time.Time]()

// checkValue walks v (the value at JSON path path; tag is the input tag of the field holding it).
func checkValue(val *Validation, path string, v reflect.Value, tag string) {
	if len(val.fields) >= maxInputFields {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			checkValue(val, path, v.Elem(), tag)
		}
	case reflect.String:
		s := v.String()
		switch {
		case !TextOK(s):
			val.Field(fieldName(path), api.FieldControlCharacter)
		case tag == "date" && !DateOK(s):
			val.Field(fieldName(path), api.FieldRange)
		}
	case reflect.Struct:
		if v.Type() == timeType {
			if t := v.Interface().(time.Time); !t.IsZero() && !YearOK(t) {
				val.Field(fieldName(path), api.FieldRange)
			}
			return
		}
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, ok := jsonName(f)
			if !ok {
				continue
			}
			if f.Anonymous && name == "" { // embedded: its fields are the outer struct's
				checkValue(val, path, v.Field(i), f.Tag.Get("input"))
				continue
			}
			if name == "" {
				name = f.Name
			}
			checkValue(val, join(path, name), v.Field(i), f.Tag.Get("input"))
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 { // []byte: base64 in JSON, not text
			return
		}
		for i := range v.Len() {
			checkValue(val, path+"["+strconv.Itoa(i)+"]", v.Index(i), tag)
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			if !TextOK(k.String()) {
				val.Field(fieldName(path), api.FieldControlCharacter)
				continue
			}
			checkValue(val, join(path, capName(k.String())), v.MapIndex(k), tag)
		}
	}
}

// jsonName is the name encoding/json gives a struct field ("" for the Go name, or an embedded struct without a
// name of its own); ok is false for fields JSON skips.
func jsonName(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if f.Anonymous && name == "" {
		t := f.Type
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return f.Name, true
		}
	}
	return name, true
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// fieldName is the field an error names: the path, or "body" for the body itself.
func fieldName(path string) string {
	if path == "" {
		return "body"
	}
	return path
}

// capName shortens a name taken from the request to maxFieldName characters (then an ellipsis), so that an
// answer never echoes more than that of it.
func capName(s string) string {
	if utf8.RuneCountInString(s) <= maxFieldName {
		return s
	}
	n := 0
	for i := range s {
		if n == maxFieldName {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
