package search

import (
	"strings"
	"testing"
)

// The text functions on the same kind of inputs: Normalize makes umlaut spellings and case equal, Pattern builds
// the LIKE pattern of a search (none for a single character), Fold drops umlauts instead of spelling them out.
func TestNormalizePatternAndFold(t *testing.T) {
	funcs := map[string]func(string) string{"Normalize": Normalize, "Pattern": Pattern, "Fold": Fold}
	for _, tc := range []struct{ fn, in, want string }{
		{"Normalize", "Müller", "mueller"},
		{"Normalize", "MUELLER", "mueller"},
		{"Normalize", "Straße", "strasse"},
		{"Normalize", "Äpfel  Öl", "aepfel oel"},
		{"Normalize", "José Núñez", "jose nunez"},
		{"Normalize", "  Groß   Gerau ", "gross gerau"},
		{"Pattern", "Müller", "%mueller%"},
		{"Pattern", "mueller", "%mueller%"},
		{"Pattern", "a", ""},
		{"Pattern", "100%_", `%100\%\_%`},
		{"Pattern", "+49 (89) 12-34", "%49891234%"},
		{"Fold", "München", "munchen"},
		{"Fold", "Munchen", "munchen"},
		{"Fold", "Straße", "strasse"},
		{"Fold", "ZÜRICH  ", "zurich"},
	} {
		if got := funcs[tc.fn](tc.in); got != tc.want {
			t.Errorf("%s(%q) = %q, want %q", tc.fn, tc.in, got, tc.want)
		}
	}
}

// Words gives the prefixes the token index looks up; After bounds the range of texts that start with one.
func TestWordsAndAfter(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Anna  Mül", []string{"anna", "muel"}},
		{"anna.mueller@Fir", []string{"anna.mueller@fir"}},
		{"+49 (89) 12", []string{"498912"}},
		{"0891", []string{"0891"}},
		{"a", nil},
	} {
		if got := Words(tc.in); strings.Join(got, "|") != strings.Join(tc.want, "|") || (got == nil) != (tc.want == nil) {
			t.Errorf("Words(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"muell", "muelm"},
		{"ab\u00ff", "ab\u0100"},
		{"x\U0010FFFF", "y"},
		{"\U0010FFFF", ""},
	} {
		if got := After(tc.in); got != tc.want {
			t.Errorf("After(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Every text that starts with the prefix lies in [prefix, After(prefix)).
	for _, s := range []string{"muell", "muellerin", "muell\U0010FFFF", "muellz\u00e9"} {
		if !(s >= "muell" && s < After("muell")) {
			t.Errorf("%q is outside the range of %q", s, "muell")
		}
	}
}
