// Package search normalises text for searching: case, German umlaut spellings (ü = ue, ß = ss) and other
// accents do not matter. The same function prepares the stored search text and the query.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

var umlauts = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "Ä", "ae", "Ö", "oe", "Ü", "ue", "ẞ", "ss")

// Normalize lowers s, spells umlauts out, drops other accents (é -> e) and folds white space.
func Normalize(s string) string {
	return dropAccents(umlauts.Replace(s))
}

// dropAccents lowers s, drops its accents (combining marks after decomposition) and folds white space. Text that
// is ASCII has none to drop, and skips the decomposition (most names and addresses, once umlauts are spelled out:
// an import of 100,000 persons spent most of its CPU here).
func dropAccents(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		if out, _, err := transform.String(t, s); err == nil {
			s = out
		}
	}
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// Fold lowers s and drops every accent, umlauts included (ü -> u, ß -> ss), and folds white space: the spelling
// of someone who types "Munchen" for "München". Normalize spells umlauts out instead ("muenchen"); matching both
// forms finds a name however it was typed.
func Fold(s string) string {
	return dropAccents(strings.NewReplacer("ß", "ss", "ẞ", "ss").Replace(s))
}

// Digits keeps only the digits of s, so that "+49 (89) 123-45" is found as "498912345".
func Digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// Text builds the stored search text of a record from its searchable parts; phone numbers should be passed once
// as written and once through Digits.
func Text(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if n := Normalize(p); n != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(n)
		}
	}
	return b.String()
}

// Pattern turns a query into a LIKE pattern on the search text (special characters escaped), or "" when the
// query is too short to search for. A query of digits and phone punctuation only searches its digits.
func Pattern(q string) string {
	n := Normalize(q)
	if isPhoneLike(n) {
		n = Digits(n)
	}
	if len([]rune(n)) < 2 {
		return ""
	}
	n = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(n)
	return "%" + n + "%"
}

// Words splits a query into the words the token index looks them up by (search_tokens, migration
// 20261213100000: the words of the stored search text), each a prefix of a token: normalised as the search text,
// and a query of digits and phone punctuation as its digits. nil when the query is too short to search for
// (Pattern's rule).
func Words(q string) []string {
	if Pattern(q) == "" {
		return nil
	}
	n := Normalize(q)
	if isPhoneLike(n) {
		return []string{Digits(n)}
	}
	return strings.Split(n, " ") // Normalize leaves single spaces
}

// After is the least text greater than every text that starts with prefix, in byte order (COLLATE "C"): the
// texts that start with prefix are those in [prefix, After(prefix)). It increments the last character (UTF-8
// keeps the order of code points in its bytes); "" for a prefix that no text follows (only U+10FFFF).
func After(prefix string) string {
	for prefix != "" {
		r, size := utf8.DecodeLastRuneInString(prefix)
		prefix = prefix[:len(prefix)-size]
		switch {
		case r == utf8.MaxRune || r == utf8.RuneError:
			continue
		case r == 0xD7FF: // the surrogates are no characters
			return prefix + string(rune(0xE000))
		default:
			return prefix + string(r+1)
		}
	}
	return ""
}

func isPhoneLike(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+-/() .", r):
		default:
			return false
		}
	}
	return digits >= 3
}
