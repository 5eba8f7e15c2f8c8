package search

import "testing"

func TestNormalizeMakesUmlautSpellingsAndCaseEqual(t *testing.T) {
	for in, want := range map[string]string{
		"Müller":          "mueller",
		"MUELLER":         "mueller",
		"Straße":          "strasse",
		"Äpfel  Öl":       "aepfel oel",
		"José Núñez":      "jose nunez",
		"  Groß   Gerau ": "gross gerau",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPattern(t *testing.T) {
	for in, want := range map[string]string{
		"Müller":         "%mueller%",
		"mueller":        "%mueller%",
		"a":              "",
		"100%_":          `%100\%\_%`,
		"+49 (89) 12-34": "%49891234%",
	} {
		if got := Pattern(in); got != want {
			t.Errorf("Pattern(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldDropsUmlautsInsteadOfSpellingThemOut(t *testing.T) {
	for in, want := range map[string]string{
		"München":  "munchen",
		"Munchen":  "munchen",
		"Straße":   "strasse",
		"ZÜRICH  ": "zurich",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
