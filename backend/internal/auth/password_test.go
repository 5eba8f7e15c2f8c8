package auth

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/shared/api"
)

func TestPasswordHashIsArgon2idAndItsKeyIsDerivedFromTheParameters(t *testing.T) {
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
	// What auth_signin_begin hands out: everything but the key.
	cut := strings.LastIndex(h, "$")
	params, key := h[:cut], h[cut+1:]
	p, err := parseParams(params)
	if err != nil {
		t.Fatal(err)
	}
	for pw, want := range map[string]bool{"Geheim-123": true, "geheim-123": false, "": false, "Geheim-1234": false} {
		if got := deriveKey(pw, p, argonKeyLen) == key; got != want {
			t.Errorf("key of %q matches: %v, want %v", pw, got, want)
		}
	}
	for _, bad := range []string{"", "$argon2id$v=19$m=1$x", "$bcrypt$...", "$argon2id$v=18$m=19456,t=2,p=1$AAAAAAAAAAA",
		"$argon2id$v=19$m=19456,t=2,p=1$AAAA",                     // salt too short
		"$argon2id$v=19$m=4194304,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA", // 4 GiB: more than a slot is sized for
		"$argon2id$v=19$m=19456,t=1000,p=1$AAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$key"} {
		if _, err := parseParams(bad); err == nil {
			t.Errorf("malformed parameters %q accepted", bad)
		}
	}
}

func TestCommonPasswordsAreRefusedAlsoWithDigitsCaseAndSwapsButNotTheDemoPassword(t *testing.T) {
	for _, tc := range []struct {
		pw   string
		want api.FieldCode
	}{
		{"password", api.FieldCommon},
		{"12345678", api.FieldCommon},
		{"123456789", api.FieldCommon},
		{"Passwort", api.FieldCommon},
		{"passwort123", api.FieldCommon},
		{"Passwort123!", api.FieldCommon},
		{"PASSWORD1", api.FieldCommon},
		{"hallo123", api.FieldCommon},
		{"Hallo1234!", api.FieldCommon},
		{"schatz2024", api.FieldCommon},
		{"Schatzi!!", api.FieldCommon},
		{"qwertz123", api.FieldCommon},
		{"qwertzuiop", api.FieldCommon},
		{"ficken123", api.FieldCommon},
		{"Sommer2024!", api.FieldCommon},
		{"2024sommer", api.FieldCommon},
		{"P@ssw0rd", api.FieldCommon},
		{"p4ssw0rt!", api.FieldCommon},
		{"iloveyou", api.FieldCommon},
		{"football1", api.FieldCommon},
		{"Fußball1", api.FieldCommon},
		{"schalke04", api.FieldCommon},
		{"Michael1985", api.FieldCommon}, // a first name and a year
		{"  password  ", api.FieldCommon},
		// Acceptable: the demo password (the seed uses it), passwords of the tests, and long unusual ones.
		{"Demo1234!", ""}, // seed.DemoPassword (signin_test.go checks the constant itself)
		{"Neu-Passwort-1", ""},
		{"Passwort-B", ""},
		{"Bench1234!", ""},
		{"Basis1234!", ""},
		{"Start-abc123-2026", ""},
		{"korrekt Pferd Batterie Heftklammer", ""},
		{"Ve7!kq-Lm2", ""},
		// Length rules come first.
		{"", api.FieldRequired},
		{"hallo", api.FieldTooShort},
		{strings.Repeat("x", MaxPasswordLength+1), api.FieldTooLong},
	} {
		if got := PasswordProblem(tc.pw); got != tc.want {
			t.Errorf("PasswordProblem(%q) = %q, want %q", tc.pw, got, tc.want)
		}
	}
	if n := len(commonPasswords()); n < 5000 {
		t.Fatalf("only %d common passwords loaded", n)
	}
}

func TestHasherRunsAtMostItsSlotsAtOnceAndAnswersBusyAfterTheWait(t *testing.T) {
	if n := DefaultHashSlots(); n < 2 || n > maxHashSlots || (runtime.GOMAXPROCS(0) <= maxHashSlots/2 && n != max(2, 2*runtime.GOMAXPROCS(0))) {
		t.Fatalf("DefaultHashSlots() = %d with GOMAXPROCS %d", n, runtime.GOMAXPROCS(0))
	}
	h := NewHasher(2, 200*time.Millisecond)
	ctx := context.Background()
	r1, err1 := h.acquire(ctx)
	r2, err2 := h.acquire(ctx)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	start := time.Now()
	if _, err := h.Hash(ctx, "Geheim-123"); !errors.Is(err, ErrBusy) {
		t.Fatalf("third computation: err = %v, want ErrBusy", err)
	}
	if waited := time.Since(start); waited < 150*time.Millisecond || waited > 2*time.Second {
		t.Fatalf("waited %s for a slot, want about 200ms", waited)
	}
	if ErrBusy.Status != http.StatusServiceUnavailable || ErrBusy.Code != api.CodeBusy || ErrBusy.Header.Get("Retry-After") == "" {
		t.Fatalf("ErrBusy = %+v", ErrBusy)
	}
	// A slot freed while waiting is taken.
	go func() { time.Sleep(50 * time.Millisecond); r1() }()
	if _, err := h.Hash(ctx, "Geheim-123"); err != nil {
		t.Fatalf("after a slot was freed: %v", err)
	}
	// A caller that gives up stops waiting.
	cctx, cancel := context.WithCancel(ctx)
	r3, _ := h.acquire(ctx)
	cancel()
	if _, err := h.Hash(cctx, "x"); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	r2()
	r3()
	if h.Computed() != 1 {
		t.Fatalf("computed %d, want 1", h.Computed())
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
