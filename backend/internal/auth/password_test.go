package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestPasswordHashIsArgon2idAndVerifies(t *testing.T) {
	h, err := HashPassword("Geheim-123")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q does not carry the OWASP argon2id parameters", h)
	}
	if h2, _ := HashPassword("Geheim-123"); h2 == h {
		t.Fatal("two hashes of one password are equal: the salt is missing")
	}
	for pw, want := range map[string]bool{"Geheim-123": true, "geheim-123": false, "": false, "Geheim-1234": false} {
		ok, err := VerifyPassword(pw, h)
		if err != nil || ok != want {
			t.Errorf("verify %q = %v, %v; want %v", pw, ok, err, want)
		}
	}
	for _, bad := range []string{"", "$argon2id$v=19$m=1$x$y", "$bcrypt$...", "$argon2id$v=18$m=19456,t=2,p=1$AAAA$AAAA"} {
		if _, err := VerifyPassword("x", bad); err == nil {
			t.Errorf("malformed hash %q accepted", bad)
		}
	}
}

func TestAccessTokenRejectsTamperingOtherKeysAndExpiry(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	iss := tokenIssuer{secret: secret, ttl: time.Minute}
	tenant, user, session := uuid.New(), uuid.New(), uuid.New()
	tok, exp, err := iss.issue(tenant, user, session, time.Now())
	if err != nil || time.Until(exp) > time.Minute {
		t.Fatal(err, exp)
	}
	id, err := iss.parse(tok)
	if err != nil || id != (identity{tenant, user, session}) {
		t.Fatalf("parse: %+v %v", id, err)
	}
	other := tokenIssuer{secret: []byte("another-secret-another-secret-!!"), ttl: time.Minute}
	if _, err := other.parse(tok); err == nil {
		t.Error("a token signed with another key was accepted")
	}
	parts := strings.Split(tok, ".")
	if _, err := iss.parse(parts[0] + "." + parts[1] + "x." + parts[2]); err == nil {
		t.Error("a tampered token was accepted")
	}
	old, _, _ := iss.issue(tenant, user, session, time.Now().Add(-2*time.Minute))
	if _, err := iss.parse(old); err == nil {
		t.Error("an expired token was accepted")
	}
}
