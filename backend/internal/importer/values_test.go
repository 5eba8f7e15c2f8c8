package importer

import (
	"testing"

	"github.com/1sales/app/shared/api"
)

func TestParseNumberReadsEachFormOnlyAsItself(t *testing.T) {
	for _, c := range []struct {
		in   string
		form api.ImportNumberFormat
		want string
		ok   bool
	}{
		{"1.234,56", api.NumberDE, "1234.56", true},
		{"1234,5", api.NumberDE, "1234.5", true},
		{"-12", api.NumberDE, "-12", true},
		{"1 234,56 €", api.NumberDE, "1234.56", true},
		{"EUR 1.000", api.NumberDE, "1000", true},
		{"1.234", api.NumberDE, "1234", true},
		{"1.234", api.NumberEN, "1.234", true},
		{"1,234.56", api.NumberEN, "1234.56", true},
		{"1.5e3", api.NumberEN, "1500", true},
		{"1,234.56", api.NumberDE, "", false},
		{"1.234,56", api.NumberEN, "", false},
		{"12.34.56", api.NumberDE, "", false},
		{"viel", api.NumberDE, "", false},
		{"", api.NumberDE, "", false},
		{"1", "", "", false},
	} {
		got, ok := parseNumber(c.in, c.form)
		if got != c.want || ok != c.ok {
			t.Errorf("parseNumber(%q, %q) = %q, %v; want %q, %v", c.in, c.form, got, ok, c.want, c.ok)
		}
	}
}

func TestDetectNumberTellsTheFormsApartOnlyWhenValuesDo(t *testing.T) {
	for _, c := range []struct {
		values []string
		want   api.ImportNumberFormat
	}{
		{[]string{"1.234,56", "12,5", "7"}, api.NumberDE},
		{[]string{"1,234.56", "12.5", "7"}, api.NumberEN},
		{[]string{"12", "1.234", "7"}, ""},
		{[]string{"Hamburg", "Köln", "12,5"}, ""},
		{[]string{"1.234.567"}, api.NumberDE},
		{nil, ""},
	} {
		if got := detectNumber(c.values); got != c.want {
			t.Errorf("detectNumber(%q) = %q, want %q", c.values, got, c.want)
		}
	}
}

func TestParseDateAndDetectDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		form api.ImportDateFormat
		want string
	}{
		{"31.12.2026", api.DateDMY, "2026-12-31"},
		{"1.2.26", api.DateDMY, "2026-02-01"},
		{"01.02.99", api.DateDMY, "1999-02-01"},
		{"31/12/2026", api.DateDMY, "2026-12-31"},
		{"2026-12-31", api.DateYMD, "2026-12-31"},
		{"2026-12-31 00:00", api.DateYMD, "2026-12-31"},
		{"12/31/2026", api.DateMDY, "2026-12-31"},
		{"45000", api.DateSerial, "2023-03-15"},
		{"31.02.2026", api.DateDMY, ""},
		{"31.12.1800", api.DateDMY, ""},
		{"12/31/2026", api.DateDMY, ""},
		{"heute", api.DateDMY, ""},
	} {
		got, ok := parseDate(c.in, c.form)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("parseDate(%q, %q) = %q, %v; want %q", c.in, c.form, got, ok, c.want)
		}
	}
	for _, c := range []struct {
		values []string
		xlsx   bool
		want   api.ImportDateFormat
	}{
		{[]string{"31.12.2026", "01.01.2027"}, false, api.DateDMY},
		{[]string{"2026-12-31"}, false, api.DateYMD},
		{[]string{"12/31/2026", "01/02/2027"}, false, api.DateMDY},
		{[]string{"01/02/2027", "13/02/2027"}, false, api.DateDMY},
		{[]string{"45000", "45001"}, true, api.DateSerial},
		{[]string{"45000", "45001"}, false, ""},
		{[]string{"Hamburg", "31.12.2026"}, false, ""},
	} {
		if got := detectDate(c.values, c.xlsx); got != c.want {
			t.Errorf("detectDate(%q, %v) = %q, want %q", c.values, c.xlsx, got, c.want)
		}
	}
}

func TestParseBoolSalutationAndNames(t *testing.T) {
	for in, want := range map[string]string{"Ja": "true", "nein": "false", "YES": "true", "x": "true", "0": "false", "wahr": "true"} {
		if got, ok := parseBool(in); !ok || got != want {
			t.Errorf("parseBool(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := parseBool("vielleicht"); ok {
		t.Error("parseBool(vielleicht) is a yes/no")
	}
	for in, want := range map[string]api.Salutation{"Herr": api.SalutationHerr, "Fr.": api.SalutationFrau, "Mrs": api.SalutationFrau, "": api.SalutationNone} {
		if got, ok := parseSalutation(in); !ok || got != want {
			t.Errorf("parseSalutation(%q) = %q, %v", in, got, ok)
		}
	}
	for in, want := range map[string][2]string{"Anna Schulz": {"Anna", "Schulz"}, "Schulz, Anna": {"Anna", "Schulz"},
		"Anna  Maria Schulz": {"Anna Maria", "Schulz"}, "Schulz": {"", "Schulz"}} {
		if first, last := splitName(in); first != want[0] || last != want[1] {
			t.Errorf("splitName(%q) = %q, %q", in, first, last)
		}
	}
}

func TestEveryTargetAndCodeHasWords(t *testing.T) {
	for lang, ts := range texts {
		for _, target := range api.AllImportTargets {
			if ts.targets[string(target)] == "" {
				t.Errorf("%s: target %s has no name", lang, target)
			}
		}
		if ts.targets[rowKey] == "" {
			t.Errorf("%s: the row has no name", lang)
		}
		for _, code := range api.AllFieldCodes {
			if ts.codes[code] == "" {
				t.Errorf("%s: field code %s has no words", lang, code)
			}
		}
	}
	if len(texts) != 2 {
		t.Fatalf("languages: %d", len(texts))
	}
	got := texts["de"].reasons(map[string]api.FieldCode{"owner": api.FieldNotFound, "email": api.FieldInvalid,
		"custom.x": api.FieldType}, map[string]string{"custom.x": "Umsatz"})
	if want := "Umsatz: keine gültige Angabe dieses Typs (Zahl, Ja/Nein); E-Mail: ungültig; Besitzer: nicht gefunden"; got != want {
		t.Errorf("reasons: %q, want %q", got, want)
	}
}
