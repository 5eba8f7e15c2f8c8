package secretbox

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/google/uuid"
)

func mustBox(t *testing.T, current []byte, previous ...[]byte) *Box {
	t.Helper()
	b, err := New(current, previous...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSealedValueOpensInItsRowOnly(t *testing.T) {
	box := mustBox(t, NewKey())
	tenant, user := uuid.New(), uuid.New()
	sealed, err := box.Seal(tenant, TOTPSecret, user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(sealed, box.Prefix()) || strings.Contains(sealed, "JBSWY3DP") || !box.Current(sealed) {
		t.Fatalf("sealed value %q: want prefix %q and no plaintext", sealed, box.Prefix())
	}
	if got, err := box.Open(tenant, TOTPSecret, user, sealed); err != nil || got != "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" {
		t.Fatalf("open = %q, %v", got, err)
	}
	again, _ := box.Seal(tenant, TOTPSecret, user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
	if again == sealed {
		t.Fatal("two seals of the same value are equal: the nonce is not random")
	}
	for name, open := range map[string]func() (string, error){
		"another user":    func() (string, error) { return box.Open(tenant, TOTPSecret, uuid.New(), sealed) },
		"another tenant":  func() (string, error) { return box.Open(uuid.New(), TOTPSecret, user, sealed) },
		"another column":  func() (string, error) { return box.Open(tenant, OIDCClientSecret, user, sealed) },
		"altered":         func() (string, error) { return box.Open(tenant, TOTPSecret, user, flip(sealed)) },
		"truncated":       func() (string, error) { return box.Open(tenant, TOTPSecret, user, sealed[:len(box.Prefix())+10]) },
		"no key id colon": func() (string, error) { return box.Open(tenant, TOTPSecret, user, "v1:abc") },
	} {
		if got, err := open(); !errors.Is(err, ErrOpen) {
			t.Errorf("%s: open = %q, %v; want ErrOpen", name, got, err)
		}
	}
}

// flip changes one character of the ciphertext part.
func flip(s string) string {
	b := []byte(s)
	i := len(b) - 5
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

func TestWrongKeyRefused(t *testing.T) {
	tenant, row := uuid.New(), uuid.New()
	sealed, err := mustBox(t, NewKey()).Seal(tenant, OIDCClientSecret, row, "client-secret")
	if err != nil {
		t.Fatal(err)
	}
	other := mustBox(t, NewKey())
	if _, err := other.Open(tenant, OIDCClientSecret, row, sealed); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("open with another key: %v, want ErrUnknownKey", err)
	}
	// A forged key id of the other box's key does not help either.
	forged := other.Prefix() + sealed[len(other.Prefix()):]
	if _, err := other.Open(tenant, OIDCClientSecret, row, forged); !errors.Is(err, ErrOpen) {
		t.Fatalf("open with a forged key id: %v, want ErrOpen", err)
	}
	var none *Box
	if _, err := none.Seal(tenant, OIDCClientSecret, row, "x"); !errors.Is(err, ErrNoKey) {
		t.Fatalf("seal without a key: %v", err)
	}
	if _, err := none.Open(tenant, OIDCClientSecret, row, sealed); !errors.Is(err, ErrNoKey) {
		t.Fatalf("open without a key: %v", err)
	}
}

func TestRotationOpensWithPreviousAndSealsWithCurrent(t *testing.T) {
	oldKey, newKey := NewKey(), NewKey()
	tenant, user := uuid.New(), uuid.New()
	old := mustBox(t, oldKey)
	sealed, err := old.Seal(tenant, TOTPSecret, user, "secret")
	if err != nil {
		t.Fatal(err)
	}
	rotated := mustBox(t, newKey, oldKey)
	if rotated.Current(sealed) {
		t.Fatal("a value of the previous key counts as current")
	}
	if got, err := rotated.Open(tenant, TOTPSecret, user, sealed); err != nil || got != "secret" {
		t.Fatalf("open with the previous key = %q, %v", got, err)
	}
	resealed, err := rotated.Seal(tenant, TOTPSecret, user, "secret")
	if err != nil || !rotated.Current(resealed) || !strings.HasPrefix(resealed, "v1:"+KeyID(newKey)+":") {
		t.Fatalf("seal after rotation = %q, %v", resealed, err)
	}
	if _, err := old.Open(tenant, TOTPSecret, user, resealed); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("the old box opens the new key's value: %v", err)
	}
}

func TestPlaintextPassesThrough(t *testing.T) {
	box := mustBox(t, NewKey())
	if got, err := box.Open(uuid.New(), TOTPSecret, uuid.New(), "JBSWY3DPEHPK3PXP"); err != nil || got != "JBSWY3DPEHPK3PXP" {
		t.Fatalf("plaintext = %q, %v", got, err)
	}
	if IsSealed("JBSWY3DPEHPK3PXP") || box.Current("JBSWY3DPEHPK3PXP") {
		t.Fatal("plaintext taken for sealed")
	}
}

func TestParseKey(t *testing.T) {
	k := NewKey()
	for _, s := range []string{base64.StdEncoding.EncodeToString(k), base64.RawURLEncoding.EncodeToString(k),
		" " + base64.StdEncoding.EncodeToString(k) + "\n"} {
		got, err := ParseKey(s)
		if err != nil || string(got) != string(k) {
			t.Errorf("ParseKey(%q) = %v", s, err)
		}
	}
	for _, s := range []string{"", "not base64!", base64.StdEncoding.EncodeToString(k[:16]),
		base64.StdEncoding.EncodeToString(append(k, 1))} {
		if _, err := ParseKey(s); err == nil {
			t.Errorf("ParseKey(%q) accepted", s)
		}
	}
	if _, err := New(k[:31]); err == nil {
		t.Error("New accepted a short key")
	}
}
