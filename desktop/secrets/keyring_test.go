//go:build keyring

// These tests use the real credential store. On Linux run them in a throwaway D-Bus session with an unlocked
// gnome-keyring:
//
//	HOME=$(mktemp -d) dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec go test -count=1 -tags keyring ./desktop/secrets/...'
package secrets

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

// testKeyring files entries under a service name of its own so that a run never touches real 1sales entries, and
// removes them all afterwards.
func testKeyring(t *testing.T) *Keyring {
	t.Helper()
	k := &Keyring{service: fmt.Sprintf("1sales-test-%d", time.Now().UnixNano()), timeout: DefaultTimeout}
	t.Cleanup(func() { _ = keyring.DeleteAll(k.service) })
	return k
}

func TestKeyringRoundTrip(t *testing.T) {
	k := testKeyring(t)
	const server, email = "https://crm.example.com", "claudia.becker@nordlicht.example"

	if _, err := k.Get(server, email); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get before Set: err = %v, want ErrNotFound", err)
	}
	steps := []struct {
		name  string
		token string
	}{
		{"set", "refresh-1"},
		{"overwrite", "refresh-2"},
	}
	for _, s := range steps {
		if err := k.Set(server, email, s.token); err != nil {
			t.Fatalf("%s: Set: %v", s.name, err)
		}
		got, err := k.Get(server, email)
		if err != nil || got != s.token {
			t.Fatalf("%s: Get = %q, %v; want %q", s.name, got, err, s.token)
		}
	}
	if err := k.Delete(server, email); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := k.Get(server, email); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Delete: err = %v, want ErrNotFound", err)
	}
	if err := k.Delete(server, email); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second Delete: err = %v, want ErrNotFound", err)
	}
}

func TestKeyringKeepsServersAndUsersApart(t *testing.T) {
	k := testKeyring(t)
	entries := []struct{ server, email, token string }{
		{"https://a.example.com", "claudia@nordlicht.example", "a-claudia"},
		{"https://a.example.com", "markus@nordlicht.example", "a-markus"},
		{"https://b.example.com", "claudia@nordlicht.example", "b-claudia"},
		{"http://127.0.0.1:8080", "claudia@nordlicht.example", "local-claudia"},
	}
	for _, e := range entries {
		if err := k.Set(e.server, e.email, e.token); err != nil {
			t.Fatalf("Set %s %s: %v", e.server, e.email, err)
		}
	}
	for _, e := range entries {
		if got, err := k.Get(e.server, e.email); err != nil || got != e.token {
			t.Errorf("Get %s %s = %q, %v; want %q", e.server, e.email, got, err, e.token)
		}
	}
	// Deleting one entry leaves the others.
	if err := k.Delete(entries[0].server, entries[0].email); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := k.Get(entries[0].server, entries[0].email); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted entry: err = %v, want ErrNotFound", err)
	}
	for _, e := range entries[1:] {
		if got, err := k.Get(e.server, e.email); err != nil || got != e.token {
			t.Errorf("after Delete: Get %s %s = %q, %v; want %q", e.server, e.email, got, err, e.token)
		}
	}
}

func TestKeyringLargeToken(t *testing.T) {
	k := testKeyring(t)
	for _, size := range []int{2_500, 16_384} { // just under Windows' 2,560-byte cap, and far above it
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			token := strings.Repeat("0123456789abcdef", size/16+1)[:size]
			if err := k.Set("https://crm.example.com", "big@nordlicht.example", token); err != nil {
				t.Fatalf("Set %d bytes: %v", size, err)
			}
			got, err := k.Get("https://crm.example.com", "big@nordlicht.example")
			if err != nil || got != token {
				t.Fatalf("Get %d bytes: len %d, err %v", size, len(got), err)
			}
		})
	}
}
