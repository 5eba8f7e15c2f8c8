package auth

import (
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

func TestMaskAddrShowsTheNetworkOnly(t *testing.T) {
	for addr, want := range map[string]string{
		"192.0.2.77":            "192.0.2.0/24",
		"::ffff:198.51.100.9":   "198.51.100.0/24",
		"2001:db8:abcd:12::1":   "2001:db8:abcd::/48",
		"203.0.113.5:4711":      "203.0.113.0/24",
		"":                      "",
		"@":                     "",
		"not an address at all": "",
	} {
		if got := maskAddr(addr); got != want {
			t.Errorf("maskAddr(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestMatchStepAcceptsOneStepOfSkewAndNeverAnEarlierStep(t *testing.T) {
	const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	now := time.Unix(1_800_000_015, 0) // mid-step
	cur := now.Unix() / totpPeriod
	code := func(step int64) string {
		c, err := totp.GenerateCodeCustom(secret, time.Unix(step*totpPeriod, 0), totpOpts)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, tc := range []struct {
		name string
		step int64
		last int64
		ok   bool
	}{
		{"now", cur, 0, true},
		{"one step behind", cur - 1, 0, true},
		{"one step ahead", cur + 1, 0, true},
		{"two steps behind", cur - 2, 0, false},
		{"two steps ahead", cur + 2, 0, false},
		{"the step used last", cur, cur, false},
		{"a step before the last", cur - 1, cur, false},
		{"after the last", cur + 1, cur, true},
	} {
		step, ok := matchStep(secret, code(tc.step), tc.last, now)
		if ok != tc.ok || (ok && step != tc.step) {
			t.Errorf("%s: got step %d ok %v", tc.name, step, ok)
		}
	}
}

func TestCodeFormat(t *testing.T) {
	for in, want := range map[string]api.FieldCode{"123456": "", " 123 456 ": "", "": api.FieldRequired, "12345": api.FieldTooShort,
		"1234567": api.FieldTooLong, "12345a": api.FieldInvalid, "١٢٣٤٥٦": api.FieldTooLong} {
		var v httpx.Validation
		checkCodeFormat(&v, "code", in)
		if got := v.Fields()["code"]; got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
	if got := normalizeRecoveryCode(" ABCDE-fghij "); got != "abcdefghij" {
		t.Errorf("normalizeRecoveryCode = %q", got)
	}
}
