package config

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"
)

// TLS is the server's own certificate: with both files set, serve speaks HTTPS (and reloads the files when they
// change); with neither, plain HTTP (behind a reverse proxy that terminates TLS, see TrustedProxies).
type TLS struct {
	CertFile, KeyFile string
	// ReloadEvery is how often the files are looked at for a change (0: tlscert.DefaultEvery; tests shorten it).
	ReloadEvery time.Duration
}

// Enabled reports whether the server serves HTTPS itself.
func (t TLS) Enabled() bool { return t.CertFile != "" }

// Metrics configures the Prometheus endpoint. It is served on an address of its own (never on the API's), so that
// the public cannot reach it; Token, when set, is also required as a bearer token.
type Metrics struct {
	// Addr is where GET /metrics listens (e.g. 127.0.0.1:9421); "" serves no metrics.
	Addr  string
	Token string
}

// Desktops says which desktop versions the server accepts.
type Desktops struct {
	// MinVersion is the oldest desktop version (x.y.z) the server serves; an older desktop is answered 426
	// client.too_old. "" accepts every version.
	MinVersion string
	// DownloadURL is where users get a current desktop (shown by a desktop that is too old).
	DownloadURL string
}

var semver = regexp.MustCompile(`^\d+\.\d+\.\d+$`)

// loadOps reads the settings of operation: TLS, trusted proxies, metrics and desktop versions.
func loadOps(c *Config) []error {
	var errs []error
	c.TLS = TLS{CertFile: os.Getenv("ONESALES_TLS_CERT_FILE"), KeyFile: os.Getenv("ONESALES_TLS_KEY_FILE")}
	if (c.TLS.CertFile == "") != (c.TLS.KeyFile == "") {
		errs = append(errs, errors.New("ONESALES_TLS_CERT_FILE and ONESALES_TLS_KEY_FILE: set both (HTTPS) or neither (plain HTTP)"))
	}
	var err error
	if c.TrustedProxies, err = ParsePrefixes(os.Getenv("ONESALES_TRUSTED_PROXIES")); err != nil {
		errs = append(errs, fmt.Errorf("ONESALES_TRUSTED_PROXIES: %w", err))
	}
	c.Metrics = Metrics{Addr: os.Getenv("ONESALES_METRICS_ADDR"), Token: os.Getenv("ONESALES_METRICS_TOKEN")}
	if c.Metrics.Token != "" && len(c.Metrics.Token) < 16 {
		errs = append(errs, errors.New("ONESALES_METRICS_TOKEN must be at least 16 characters"))
	}
	c.Desktops = Desktops{MinVersion: os.Getenv("ONESALES_MIN_DESKTOP_VERSION"), DownloadURL: os.Getenv("ONESALES_DESKTOP_DOWNLOAD_URL")}
	if v := c.Desktops.MinVersion; v != "" && !semver.MatchString(v) {
		errs = append(errs, fmt.Errorf("ONESALES_MIN_DESKTOP_VERSION: want a version such as 1.4.0, got %q", v))
	}
	if u, err := url.Parse(c.Desktops.DownloadURL); c.Desktops.DownloadURL != "" && (err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "") {
		errs = append(errs, fmt.Errorf("ONESALES_DESKTOP_DOWNLOAD_URL: want an http(s) URL, got %q", c.Desktops.DownloadURL))
	}
	return errs
}

// ParsePrefixes reads a comma- or space-separated list of addresses (10.0.0.5, ::1) and networks (10.0.0.0/8).
func ParsePrefixes(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("want addresses or networks such as 10.0.0.0/8, got %q", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
