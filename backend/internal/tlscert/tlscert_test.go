package tlscert_test

import (
	"bytes"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/tlscert"
	"github.com/1sales/app/shared/testcert"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func served(t *testing.T, r *tlscert.Reloader) string {
	t.Helper()
	c, err := r.GetCertificate(nil)
	if err != nil {
		t.Fatal(err)
	}
	return c.Leaf.Subject.CommonName
}

func TestAChangedCertificateIsTakenAndABrokenOneKeepsTheOld(t *testing.T) {
	ca := testcert.NewCA(t)
	dir := t.TempDir()
	certFile, keyFile := ca.Localhost(t, "first").Write(t, dir)
	var logs lockedBuffer
	r, err := tlscert.New(certFile, keyFile, 0, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if got := served(t, r); got != "first" {
		t.Fatalf("served %q, want first", got)
	}

	// Renewed: the next handshake takes it.
	ca.Localhost(t, "second").Write(t, dir)
	if got := served(t, r); got != "second" {
		t.Fatalf("after renewal served %q, want second", got)
	}

	// A half-written renewal (a new certificate, the old key): the loaded certificate stays, the error is logged
	// once, however many handshakes follow.
	third := ca.Localhost(t, "third")
	time.Sleep(10 * time.Millisecond) // a distinct modification time
	if err := os.WriteFile(certFile, third.CertPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if got := served(t, r); got != "second" {
			t.Fatalf("with a mismatched pair served %q, want second", got)
		}
	}
	if n := strings.Count(logs.String(), "does not load"); n != 1 {
		t.Fatalf("logged the broken pair %d times, want once:\n%s", n, logs.String())
	}

	// Garbage in the file: still the old one.
	if err := os.WriteFile(certFile, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := served(t, r); got != "second" {
		t.Fatalf("with garbage served %q, want second", got)
	}

	// The key arrives: the pair loads.
	third.Write(t, dir)
	if got := served(t, r); got != "third" {
		t.Fatalf("after the whole pair served %q, want third", got)
	}

	// Files gone (a botched deploy): the loaded certificate stays.
	if err := os.Remove(keyFile); err != nil {
		t.Fatal(err)
	}
	if got := served(t, r); got != "third" {
		t.Fatalf("without the key file served %q, want third", got)
	}
}

func TestAMissingOrInvalidCertificateAtStartIsAnError(t *testing.T) {
	ca := testcert.NewCA(t)
	dir := t.TempDir()
	certFile, keyFile := ca.Localhost(t, "x").Write(t, dir)
	other := testcert.NewCA(t).Localhost(t, "y")
	otherKey := dir + "/other-key.pem"
	if err := os.WriteFile(otherKey, other.KeyPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	garbage := dir + "/garbage.pem"
	if err := os.WriteFile(garbage, []byte("-----BEGIN CERTIFICATE-----\nnope\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	unreadable := dir + "/unreadable.pem"
	if err := os.WriteFile(unreadable, ca.Localhost(t, "z").CertPEM, 0o000); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, cert, key, want string
	}{
		{"no certificate file", dir + "/missing.pem", keyFile, "certificate file"},
		{"no key file", certFile, dir + "/missing.pem", "key file"},
		{"a key of another certificate", certFile, otherKey, "private key does not match"},
		{"not a certificate", garbage, keyFile, "load"},
	}
	if os.Geteuid() != 0 { // root reads any file
		tests = append(tests, struct{ name, cert, key, want string }{"an unreadable certificate", unreadable, keyFile, "permission denied"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tlscert.New(tt.cert, tt.key, 0, slog.New(slog.DiscardHandler))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
}
