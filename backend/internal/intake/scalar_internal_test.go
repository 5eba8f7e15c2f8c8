package intake

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// TestScalarTakesWhatAJSONDecoderTakes compares scalar with the decoder it replaced, on every kind of JSON value a
// supplier may send as a field.
func TestScalarTakesWhatAJSONDecoderTakes(t *testing.T) {
	reference := func(raw json.RawMessage) (string, bool) {
		var v any
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return "", false
		}
		switch x := v.(type) {
		case nil:
			return "", true
		case string:
			return x, true
		case json.Number:
			return x.String(), true
		case bool:
			return strconv.FormatBool(x), true
		}
		return "", false
	}
	for _, raw := range []string{`"Müller GmbH"`, `"a\"b\\c\u00e4"`, `""`, `null`, ` null `, `true`, `false`, `0`, `-12.50`,
		`1e3`, `12345678901234567890`, `{"a":1}`, `[1,2]`, `[]`, `"\u0000"`, ` "x" `, `nul`, `tru`, `-`, `"unterminated`} {
		gotS, gotOK := scalar(json.RawMessage(raw))
		wantS, wantOK := reference(json.RawMessage(raw))
		if gotS != wantS || gotOK != wantOK {
			t.Errorf("%s: %q %v, the decoder gives %q %v", raw, gotS, gotOK, wantS, wantOK)
		}
	}
}
