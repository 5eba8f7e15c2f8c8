package api_test

import (
	"testing"

	"github.com/1sales/app/shared/api"
)

func TestVersionLessComparesReleasesNumerically(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"1.3.9", "1.4.0", true},
		{"1.4.0", "1.4.0", false},
		{"1.10.0", "1.9.9", false},
		{"1.9.9", "1.10.0", true},
		{"0.1.0", "1.0.0", true},
		{"2.0.0", "1.99.99", false},
		{"v1.4.0", "1.4.0", false},
		{"1.4.0-rc.1", "1.4.0", false}, // a pre-release counts as its release
		{"1.4.0+abc1234", "1.4.0", false},
		{"0.0.0-dev", "0.0.1", true},
		{"kaputt", "0.0.1", true}, // what does not parse is older than anything that does
		{"1.4", "1.4.0", true},
		{"1.4.0", "kaputt", false},
		{"kaputt", "kaputt", false},
	}
	for _, tt := range tests {
		if got := api.VersionLess(tt.a, tt.b); got != tt.want {
			t.Errorf("VersionLess(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestClientVersionReadsOnlyADesktopHeader(t *testing.T) {
	for header, want := range map[string]string{"desktop/1.2.3": "1.2.3", "desktop/1.2.3-rc.1": "1.2.3-rc.1", api.ClientHeaderValue("0.1.0"): "0.1.0"} {
		if got, ok := api.ClientVersion(header); !ok || got != want {
			t.Errorf("ClientVersion(%q) = %q, %v", header, got, ok)
		}
	}
	for _, header := range []string{"", "desktop/", "desktop/alt", "curl/8.0.0", "desktop/1.2", "Desktop/1.2.3"} {
		if _, ok := api.ClientVersion(header); ok {
			t.Errorf("ClientVersion(%q) accepted", header)
		}
	}
}

func TestDesktopUserAgentRoundTrips(t *testing.T) {
	for _, tc := range []struct{ ua, version, os string }{
		{api.DesktopUserAgent("1.4.0", "windows"), "1.4.0", "windows"},
		{api.DesktopUserAgent("1.4.0-dev", ""), "1.4.0-dev", ""},
		{api.DesktopUserAgent("", "linux"), "", "linux"},
		{"1sales-desktop/1.2.3", "1.2.3", ""},
		{"curl/8.0", "", ""},
		{"", "", ""},
	} {
		v, os := api.ParseDesktopUserAgent(tc.ua)
		if v != tc.version || os != tc.os {
			t.Errorf("ParseDesktopUserAgent(%q) = %q, %q; want %q, %q", tc.ua, v, os, tc.version, tc.os)
		}
	}
}
