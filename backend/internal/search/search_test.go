package search

import "testing"

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
