package document

import (
	"mime"
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxFileNameBytes bounds a stored file name: below the 255 bytes most file systems allow for a name, with room
// for the suffix a desktop adds when the name is taken ("Angebot (2).pdf").
const maxFileNameBytes = 200

// maxExtensionBytes is the longest extension kept whole when a name is shortened.
const maxExtensionBytes = 16

// fallbackName is used when nothing of the sent name survives.
const fallbackName = "Dokument"

// DecodeFileName reads the X-File-Name header: percent-encoded UTF-8 (as the desktop sends it); a value that does
// not decode is taken as it is.
func DecodeFileName(header string) string {
	if s, err := url.PathUnescape(header); err == nil {
		return s
	}
	return header
}

// SanitizeFileName makes a file name safe to store, show and save on any desktop: only the last path component
// (of / or \ paths), Unicode NFC, no control or format characters (bidi overrides), no characters Windows forbids,
// no leading or trailing dots and spaces, no Windows device names, at most 200 bytes with the extension kept. It
// never returns "": a name of which nothing survives becomes "Dokument".
func SanitizeFileName(raw string) string {
	s := strings.ToValidUTF8(raw, "")
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError:
			continue
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		case strings.ContainsRune(`<>:"|?*`, r):
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
		space = false
	}
	s = strings.Trim(b.String(), " .")
	if s == "" {
		return fallbackName
	}
	if reservedOnWindows(s) {
		s = "_" + s
	}
	return shorten(s)
}

// reservedOnWindows reports names Windows reserves for devices, with any extension (CON, nul.txt, COM1.pdf).
func reservedOnWindows(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base = strings.ToUpper(strings.TrimSpace(base))
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '0' && base[3] <= '9' {
		return true
	}
	return false
}

// shorten cuts the stem of a too long name at a character boundary and keeps a short extension.
func shorten(name string) string {
	if len(name) <= maxFileNameBytes {
		return name
	}
	ext := path.Ext(name)
	if len(ext) > maxExtensionBytes || ext == name {
		ext = ""
	}
	stem := strings.TrimSuffix(name, ext)
	limit := maxFileNameBytes - len(ext)
	for len(stem) > limit {
		_, size := utf8.DecodeLastRuneInString(stem)
		stem = stem[:len(stem)-size]
	}
	stem = strings.TrimRight(stem, " .")
	if stem == "" {
		stem = fallbackName
	}
	return stem + ext
}

// ContentDisposition is the download header for name: attachment, with an ASCII fallback for old clients and the
// exact name as RFC 5987 filename* (UTF-8, percent-encoded).
func ContentDisposition(name string) string {
	var ascii strings.Builder
	for _, r := range name {
		switch {
		case r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%':
			ascii.WriteByte('_')
		default:
			ascii.WriteRune(r)
		}
	}
	v := mime.FormatMediaType("attachment", map[string]string{"filename": ascii.String()})
	return v + "; filename*=UTF-8''" + rfc5987(name)
}

// rfc5987 percent-encodes everything but RFC 5987's attr-char.
func rfc5987(s string) string {
	const attrChar = "!#$&+-.^_`|~"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(attrChar, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(hex2(c)))
	}
	return b.String()
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}
