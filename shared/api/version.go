package api

import (
	"strconv"
	"strings"
)

// ServerVersion is GET /api/v1/version: which server this is and which desktops it serves. It needs no sign-in
// and is never refused for an old desktop, so that every desktop can read it.
type ServerVersion struct {
	// Version is the server's version (x.y.z; 0.0.0-dev for an unstamped build).
	Version string `json:"version"`
	// APILevel is the level of the API the server implements (APILevel of its build). A desktop built for a
	// higher level than its server's tells the user that some features are missing.
	APILevel int `json:"apiLevel"`
	// MinDesktopVersion is the oldest desktop version the server serves ("" every version); older desktops are
	// answered 426 client.too_old.
	MinDesktopVersion string `json:"minDesktopVersion,omitempty"`
	// DesktopDownloadURL is where a current desktop can be downloaded ("" not configured).
	DesktopDownloadURL string `json:"desktopDownloadUrl,omitempty"`
}

// APILevel is the API's level: raise it when a release adds routes or fields a desktop depends on, so that a
// newer desktop can tell an older server.
const APILevel = 1

// ClientHeader names the desktop and its version on every request ("desktop/1.4.0"), for the version gate.
const ClientHeader = "X-Onesales-Client"

// ClientHeaderValue is ClientHeader's value for a desktop of version v.
func ClientHeaderValue(v string) string { return "desktop/" + v }

// ClientVersion reads the desktop version from a ClientHeader value; ok is false for anything else.
func ClientVersion(header string) (string, bool) {
	v, found := strings.CutPrefix(header, "desktop/")
	if !found {
		return "", false
	}
	if _, ok := parseVersion(v); !ok {
		return "", false
	}
	return v, true
}

// VersionLess reports whether version a (x.y.z, a suffix such as -dev or -rc.1 after z is ignored) is older than
// b; a version that does not parse is older than any that does.
func VersionLess(a, b string) bool {
	pa, oka := parseVersion(a)
	pb, okb := parseVersion(b)
	if !oka || !okb {
		return !oka && okb
	}
	for i := range pa {
		if pa[i] != pb[i] {
			return pa[i] < pb[i]
		}
	}
	return false
}

func parseVersion(v string) ([3]int, bool) {
	var out [3]int
	v = strings.TrimPrefix(v, "v")
	if i := strings.IndexAny(v, "-+"); i >= 0 {
		v = v[:i]
	}
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return out, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return out, false
		}
		out[i] = n
	}
	return out, true
}

// DesktopUserAgent is the User-Agent the desktop of version v sends from operating system goos
// ("1sales-desktop/1.4.0 (windows)"); the server shows both in the user's list of signed-in devices.
func DesktopUserAgent(v, goos string) string {
	ua := "1sales-desktop"
	if v != "" {
		ua += "/" + v
	}
	if goos != "" {
		ua += " (" + goos + ")"
	}
	return ua
}

// ParseDesktopUserAgent reads version and operating system from a DesktopUserAgent value; either is "" when the
// agent does not say (another client, an older desktop without the operating system).
func ParseDesktopUserAgent(ua string) (version, goos string) {
	rest, ok := strings.CutPrefix(ua, "1sales-desktop")
	if !ok {
		return "", ""
	}
	if v, ok := strings.CutPrefix(rest, "/"); ok {
		version, rest, _ = strings.Cut(v, " ")
		rest = " " + rest
	}
	if o, ok := strings.CutPrefix(strings.TrimSpace(rest), "("); ok {
		goos, _, _ = strings.Cut(o, ")")
	}
	if len(version) > 40 {
		version = version[:40]
	}
	if len(goos) > 40 {
		goos = goos[:40]
	}
	return version, goos
}
