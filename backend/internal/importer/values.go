package importer

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// The value forms of a German or English spreadsheet: numbers with decimal comma or point and optional grouping,
// days in three orders, yes/no in both languages. A column's form is detected from its values (detectNumber,
// detectDate) and confirmed by the user; parsing then takes that form only, so "1.234" is a thousand in a German
// column and one point two three four in an English one.

var (
	numberDE = regexp.MustCompile(`^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$`)
	numberEN = regexp.MustCompile(`^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?$`)
	// Only one form reads these: a decimal comma, or grouping dots with a decimal comma (German); a decimal
	// point with other than three digits after it, or grouping commas with a decimal point (English).
	onlyDE = regexp.MustCompile(`^[+-]?(\d+,\d+|\d{1,3}(\.\d{3})+,\d+|\d{1,3}(\.\d{3}){2,})$`)
	onlyEN = regexp.MustCompile(`^[+-]?(\d+\.(\d{1,2}|\d{4,})|\d{1,3}(,\d{3})+\.\d+|\d{1,3}(,\d{3}){2,}|\d+(\.\d+)?[eE][+-]?\d+)$`)
)

// numberText strips what a number may carry around it: spaces (also no-break and narrow ones, which group
// digits in German), a currency and a percent sign.
func numberText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\'', '€', '$', '%':
			return -1
		}
		return r
	}, s)
	for _, c := range []string{"EUR", "CHF", "USD"} {
		s = strings.TrimSuffix(strings.TrimPrefix(s, c), c)
	}
	return s
}

// parseNumber reads a number in the form f and returns its canonical text ("1234.5"); ok false when it is none.
func parseNumber(s string, f api.ImportNumberFormat) (string, bool) {
	t := numberText(s)
	switch f {
	case api.NumberDE:
		if !numberDE.MatchString(t) {
			return "", false
		}
		t = strings.ReplaceAll(strings.ReplaceAll(t, ".", ""), ",", ".")
	case api.NumberEN:
		if !numberEN.MatchString(t) {
			return "", false
		}
		t = strings.ReplaceAll(t, ",", "")
	default:
		return "", false
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
		return "", false
	}
	return strconv.FormatFloat(n, 'f', -1, 64), true
}

// detectNumber says how values write numbers: the form that alone reads some of them (the other reading none);
// "" when they are no numbers (a fifth or more of them read as neither), or when nothing tells the forms apart
// ("12", "1.234").
func detectNumber(values []string) api.ImportNumberFormat {
	de, en, numbers := 0, 0, 0
	for _, v := range values {
		t := numberText(v)
		isDE, isEN := numberDE.MatchString(t), numberEN.MatchString(t)
		if isDE || isEN {
			numbers++
		}
		if onlyDE.MatchString(t) && !isEN {
			de++
		}
		if onlyEN.MatchString(t) && !isDE {
			en++
		}
	}
	switch {
	case len(values) == 0 || numbers*5 < len(values)*4:
		return ""
	case de > 0 && en == 0:
		return api.NumberDE
	case en > 0 && de == 0:
		return api.NumberEN
	case de > en:
		return api.NumberDE
	case en > de:
		return api.NumberEN
	}
	return ""
}

var (
	dateDMY = regexp.MustCompile(`^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})$`)
	dateMDY = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$`)
	dateYMD = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})([ T].*)?$`)
	integer = regexp.MustCompile(`^\d+(\.0+)?$`)
)

// excelEpoch is day 0 of Excel's day numbers (1900 system, with its leap-day 1900 bug: day 60 is the 29th of
// February 1900, so numbers from 61 count from the 30th of December 1899).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseDate reads a day in the form f and returns it as YYYY-MM-DD; two-digit years are 19xx from 70, else 20xx.
func parseDate(s string, f api.ImportDateFormat) (string, bool) {
	var y, m, d int
	switch f {
	case api.DateDMY:
		p := dateDMY.FindStringSubmatch(s)
		if p == nil {
			return "", false
		}
		d, m, y = atoi(p[1]), atoi(p[2]), year(p[3])
	case api.DateMDY:
		p := dateMDY.FindStringSubmatch(s)
		if p == nil {
			return "", false
		}
		m, d, y = atoi(p[1]), atoi(p[2]), year(p[3])
	case api.DateYMD:
		p := dateYMD.FindStringSubmatch(s)
		if p == nil {
			return "", false
		}
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case api.DateSerial:
		if !integer.MatchString(s) {
			return "", false
		}
		n := atoi(strings.SplitN(s, ".", 2)[0])
		if n < 61 || n > 2958465 {
			return "", false
		}
		t := excelEpoch.AddDate(0, 0, n)
		y, m, d = t.Year(), int(t.Month()), t.Day()
	default:
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return "", false
	}
	out := t.Format(time.DateOnly)
	if !httpx.DateOK(out) {
		return "", false
	}
	return out, true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func year(s string) int {
	y := atoi(s)
	if len(s) == 2 {
		if y >= 70 {
			return 1900 + y
		}
		return 2000 + y
	}
	return y
}

// detectDate says how values write days: ISO when they are yyyy-mm-dd, German with dots, with slashes the order
// that a day over 12 tells (US month first when none does); "" when a fifth or more are no days. xlsx: a column
// of an XLSX file whose values are Excel day numbers (a date target's column of cells without a date format).
func detectDate(values []string, xlsx bool) api.ImportDateFormat {
	counts := map[api.ImportDateFormat]int{}
	slashDayFirst, serials := false, 0
	for _, v := range values {
		switch {
		case dateYMD.MatchString(v):
			counts[api.DateYMD]++
		case strings.Contains(v, "/") && dateMDY.MatchString(v):
			p := dateMDY.FindStringSubmatch(v)
			if atoi(p[1]) > 12 {
				slashDayFirst = true
			}
			counts[api.DateMDY]++
		case dateDMY.MatchString(v):
			counts[api.DateDMY]++
		case xlsx && integer.MatchString(v):
			serials++
		}
	}
	if slashDayFirst {
		counts[api.DateDMY] += counts[api.DateMDY]
		delete(counts, api.DateMDY)
	}
	if xlsx && serials*5 >= len(values)*4 && len(values) > 0 {
		return api.DateSerial
	}
	var best api.ImportDateFormat
	for _, f := range api.AllImportDateFormats {
		if counts[f] > counts[best] {
			best = f
		}
	}
	if best == "" || counts[best]*5 < len(values)*4 {
		return ""
	}
	return best
}

// parseBool reads yes/no: Ja/Nein, yes/no, wahr/falsch, true/false, j/n, y/n, 1/0, x (yes); case ignored.
func parseBool(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ja", "j", "yes", "y", "wahr", "true", "1", "x", "✓":
		return "true", true
	case "nein", "n", "no", "falsch", "false", "0", "-":
		return "false", true
	}
	return "", false
}

// parseSalutation reads a salutation in German or English.
func parseSalutation(s string) (api.Salutation, bool) {
	switch strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), ".")) {
	case "":
		return api.SalutationNone, true
	case "herr", "hr", "mr", "mister":
		return api.SalutationHerr, true
	case "frau", "fr", "mrs", "ms", "miss":
		return api.SalutationFrau, true
	case "divers", "d", "mx":
		return api.SalutationDivers, true
	}
	return "", false
}

// splitName splits a full name: "Schulz, Anna" at the comma, else at the last space ("Anna Maria Schulz" is Anna
// Maria and Schulz); one word is a last name.
func splitName(s string) (first, last string) {
	s = strings.Join(strings.Fields(s), " ")
	if l, f, ok := strings.Cut(s, ","); ok {
		return strings.TrimSpace(f), strings.TrimSpace(l)
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		return s[:i], s[i+1:]
	}
	return "", s
}

// listSeparator separates the values of a cell that holds several (e-mail addresses, phone numbers, organisations),
// as 1sales' export writes them ("a@x.de; b@x.de"). No e-mail address or phone number contains it.
const listSeparator = ";"

// valuesOf splits a cell that may hold several values, without empty ones.
func valuesOf(cell string) []string {
	var out []string
	for _, v := range strings.Split(cell, listSeparator) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func firstOf(values []string) string {
	if len(values) == 0 {
		return ""
	}
	return values[0]
}
