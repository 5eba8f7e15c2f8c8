package client

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"os"
	"strings"

	"github.com/1sales/app/shared/api"
)

// LoadRootCAs is the system's certificate pool with the certificates of a company CA file (PEM) added, for
// Options.RootCAs. A file that cannot be read fails with fields{"caFile": "unreadable"}, one without a
// certificate with fields{"caFile": "no_certificate"}.
func LoadRootCAs(caFile string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, &APIError{Code: api.CodeValidation, Message: "read the CA file: " + err.Error(),
			Fields: map[string]api.FieldCode{"caFile": api.FieldUnreadable}}
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, &APIError{Code: api.CodeValidation, Message: "the CA file holds no PEM certificate",
			Fields: map[string]api.FieldCode{"caFile": api.FieldNoCertificate}}
	}
	return pool, nil
}

// transportFor is a transport that trusts roots (http.DefaultTransport's settings otherwise).
func transportFor(roots *x509.CertPool) http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	return t
}

// tlsCode names what was wrong with the server's certificate, or "" when err is no TLS failure.
func tlsCode(err error) api.ErrorCode {
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var host x509.HostnameError
	var verify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	var alert tls.AlertError
	switch {
	case errors.As(err, &unknown):
		return api.CodeTLSUnknownAuthority
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return api.CodeTLSExpired
	case errors.As(err, &host):
		return api.CodeTLSWrongHost
	case errors.As(err, &verify), errors.As(err, &invalid), errors.As(err, &record), errors.As(err, &alert),
		// net/http's own words for a plain-HTTP answer to an https:// request (its error has no type of its own).
		strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return api.CodeTLSFailed
	}
	return ""
}
