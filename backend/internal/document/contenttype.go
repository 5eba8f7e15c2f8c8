package document

import (
	"mime"
	"strings"

	"github.com/gabriel-vasile/mimetype"
)

// sniffBytes is how much of the content is examined (mimetype's default read limit).
const sniffBytes = 4096

// generic types say nothing about the content: the detected type is stored instead.
const octetStream = "application/octet-stream"

// aliases maps declared types that clients send for common formats to their registered names.
var aliases = map[string]string{
	"image/jpg":   "image/jpeg",
	"image/pjpeg": "image/jpeg",
	"image/x-png": "image/png",
}

// checkType compares the declared media type with the content's first bytes (github.com/gabriel-vasile/mimetype:
// magic numbers of some hundred formats, organised as a tree: docx is a kind of zip, JSON a kind of text). It
// returns the type to store and serve, and false when the content contradicts the declaration:
//   - no or a generic declaration (application/octet-stream): the detected type is taken;
//   - the detected type, or one it is a kind of, is the declared one (a docx declared as application/zip);
//   - the declared type is a kind of the detected one (a docx whose first bytes only show a zip);
//   - text content may be declared as any text-based type (text/markdown, text/csv, application/json, ...);
//   - content nothing is known of may be declared as a type mimetype cannot detect either;
//
// everything else is a mismatch, e.g. a PDF declared as image/png.
func checkType(declared string, head []byte) (string, bool) {
	detected := mimetype.Detect(head)
	essence, _, err := mime.ParseMediaType(declared)
	essence = strings.ToLower(essence)
	if a, ok := aliases[essence]; ok {
		essence = a
	}
	if err != nil || essence == "" || essence == octetStream {
		return detected.String(), true
	}
	for m := detected; m != nil; m = m.Parent() {
		if m.Is(essence) && !m.Is(octetStream) {
			return keepCharset(essence, detected), true
		}
	}
	known := mimetype.Lookup(essence)
	if detected.Is("text/plain") {
		if strings.HasPrefix(essence, "text/") || known == nil || textBased(known) {
			return keepCharset(essence, detected), true
		}
		return "", false
	}
	if known != nil {
		for m := known.Parent(); m != nil; m = m.Parent() {
			if m.Is(detected.String()) && !m.Is(octetStream) {
				return essence, true
			}
		}
	}
	if detected.Is(octetStream) && known == nil {
		return essence, true
	}
	return "", false
}

// textBased reports whether m is a kind of text in mimetype's tree (JSON, XML, CSV, ...).
func textBased(m *mimetype.MIME) bool {
	for ; m != nil; m = m.Parent() {
		if m.Is("text/plain") {
			return true
		}
	}
	return false
}

// keepCharset adds the detected charset to a text type, so that the download decodes as the upload was written.
func keepCharset(essence string, detected *mimetype.MIME) string {
	_, params, err := mime.ParseMediaType(detected.String())
	if err != nil || params["charset"] == "" {
		return essence
	}
	return mime.FormatMediaType(essence, map[string]string{"charset": params["charset"]})
}
