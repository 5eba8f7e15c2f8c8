package auth

import (
	"bufio"
	"embed"
	"io/fs"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The lists of common passwords, one a line, lower case; '#' starts a comment. en.txt and de.txt say where their
// entries come from.
//
//go:embed passwords/*.txt
var commonFiles embed.FS

// commonPasswords is the set of every listed password, read once from the embedded files (and never changed).
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := map[string]struct{}{}
	files, err := fs.Glob(commonFiles, "passwords/*.txt")
	if err != nil || len(files) == 0 {
		panic("auth: no common password lists embedded")
	}
	for _, name := range files {
		f, err := commonFiles.Open(name)
		if err != nil {
			panic(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
				set[strings.ToLower(line)] = struct{}{}
			}
		}
		f.Close()
	}
	return set
})

// minCommonCore is how much of a password must remain, once the digits and punctuation around it are taken off,
// for the remainder to be compared with the list: "Sommer2024!" is "sommer", a listed password, while "Demo1234!"
// keeps only "demo", too little to refuse the password for.
const minCommonCore = 5

// IsCommonPassword reports whether pw is one of the most common passwords of the German and English lists,
// compared regardless of case, also with the digits and punctuation around it taken off ("Passwort123!",
// "2024sommer") and with the usual letter swaps undone ("P@ssw0rd").
func IsCommonPassword(pw string) bool {
	set := commonPasswords()
	listed := func(s string) bool {
		_, ok := set[s]
		return ok
	}
	lower := strings.ToLower(strings.TrimSpace(pw))
	if listed(lower) || listed(strings.TrimFunc(lower, isPunctOrSpace)) {
		return true
	}
	core := strings.TrimFunc(lower, func(r rune) bool { return unicode.IsDigit(r) || isPunctOrSpace(r) })
	if utf8.RuneCountInString(core) < minCommonCore {
		return false
	}
	return listed(core) || listed(unLeet(core, 'i')) || listed(unLeet(core, 'l'))
}

func isPunctOrSpace(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)
}

// unLeet undoes the usual swaps of letters for look-alike digits and signs; one is read as one.
func unLeet(s string, one rune) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '@', '4':
			return 'a'
		case '3':
			return 'e'
		case '0':
			return 'o'
		case '$', '5':
			return 's'
		case '7':
			return 't'
		case '1', '!':
			return one
		}
		return r
	}, s)
}
