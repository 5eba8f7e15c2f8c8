package document

import (
	"bytes"
	"strings"
	"testing"
)

func TestSanitizeFileNameKeepsOnlyASafeName(t *testing.T) {
	long := strings.Repeat("Ä", 150) + ".pdf" // 300 bytes of stem
	tests := []struct{ in, want string }{
		{"Angebot Müller GmbH.pdf", "Angebot Müller GmbH.pdf"},
		{"../../etc/passwd", "passwd"},
		{`..\..\Windows\system.ini`, "system.ini"},
		{"/abs/path/Vertrag.docx", "Vertrag.docx"},
		{"Rech\x00nung\n2026\t.pdf", "Rechnung2026.pdf"},
		{"\u202egpj.exe", "gpj.exe"}, // a right-to-left override that would show "exe.jpg"
		{"  ..versteckt.txt.. ", "versteckt.txt"},
		{"a  b\u00a0\u00a0c.txt", "a b c.txt"},
		{`Frage?: "Preis" <netto>|*.xlsx`, "Frage__ _Preis_ _netto___.xlsx"},
		{"CON", "_CON"},
		{"nul.txt", "_nul.txt"},
		{"COM1.pdf", "_COM1.pdf"},
		{"Console.pdf", "Console.pdf"},
		{"Mu\u0308ller.pdf", "Müller.pdf"}, // NFD (macOS) becomes NFC
		{"\xff\xfeBericht.pdf", "Bericht.pdf"},
		{"..", "Dokument"},
		{"../..", "Dokument"},
		{"", "Dokument"},
		{"\x01\x02", "Dokument"},
		{long, strings.Repeat("Ä", 98) + ".pdf"},
	}
	for _, tt := range tests {
		got := SanitizeFileName(tt.in)
		if got != tt.want {
			t.Errorf("SanitizeFileName(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got) > maxFileNameBytes || strings.ContainsAny(got, `/\`) {
			t.Errorf("SanitizeFileName(%q) = %q: unsafe", tt.in, got)
		}
	}
}

func TestContentDispositionCarriesTheExactNameAndAnASCIIFallback(t *testing.T) {
	got := ContentDisposition(`Angebot "Müller" 100%.pdf`)
	want := `attachment; filename="Angebot _M_ller_ 100_.pdf"; filename*=UTF-8''Angebot%20%22M%C3%BCller%22%20100%25.pdf`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if got := ContentDisposition("plain.txt"); got != `attachment; filename=plain.txt; filename*=UTF-8''plain.txt` {
		t.Fatalf("plain: %s", got)
	}
}

func TestCheckTypeRefusesContentOfAnotherTypeThanDeclared(t *testing.T) {
	pdf := []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0}, 32)...)
	zip := append([]byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), bytes.Repeat([]byte{1}, 40)...)
	text := []byte("Gesprächsnotiz: Rückruf am Montag.\n")
	binary := []byte{0x00, 0x13, 0x37, 0xfe, 0x01, 0x02, 0x03, 0x00, 0x99}
	tests := []struct {
		name, declared string
		head           []byte
		want           string
		ok             bool
	}{
		{"pdf as pdf", "application/pdf", pdf, "application/pdf", true},
		{"pdf with parameters", "Application/PDF; name=x.pdf", pdf, "application/pdf", true},
		{"pdf as png", "image/png", pdf, "", false},
		{"png as jpeg", "image/jpeg", png, "", false},
		{"png as png", "image/png", png, "image/png", true},
		{"png as image/x-png", "image/x-png", png, "image/png", true},
		{"pdf as octet-stream takes the detected type", "application/octet-stream", pdf, "application/pdf", true},
		{"nothing declared takes the detected type", "", png, "image/png", true},
		{"docx whose head shows only zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", zip,
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document", true},
		{"zip under a Windows alias", "application/x-zip-compressed", zip, "application/x-zip-compressed", true},
		{"text as text/plain", "text/plain", text, "text/plain; charset=utf-8", true},
		{"text as markdown", "text/markdown", text, "text/markdown; charset=utf-8", true},
		{"text as csv", "text/csv", text, "text/csv; charset=utf-8", true},
		{"text as pdf", "application/pdf", text, "", false},
		{"text as png", "image/png", text, "", false},
		{"unknown binary as png", "image/png", binary, "", false},
		{"unknown binary as a type nobody detects", "application/x-crm-export", binary, "application/x-crm-export", true},
		{"pdf as a type nobody detects", "application/x-crm-export", pdf, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := checkType(tt.declared, tt.head)
			if ok != tt.ok || got != tt.want {
				t.Fatalf("checkType(%q) = %q, %v; want %q, %v", tt.declared, got, ok, tt.want, tt.ok)
			}
		})
	}
}
