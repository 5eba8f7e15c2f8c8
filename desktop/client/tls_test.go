package client_test

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
	"github.com/1sales/app/shared/testcert"
)

// tlsServer answers GET /api/v1/version over HTTPS with leaf.
func tlsServer(t *testing.T, leaf testcert.Leaf) *httptest.Server {
	t.Helper()
	s := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"version":"1.2.3","apiLevel":1}`))
	}))
	s.TLS = &tls.Config{Certificates: []tls.Certificate{leaf.TLS(t)}}
	s.StartTLS()
	t.Cleanup(s.Close)
	return s
}

func caFile(t *testing.T, pem []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "firma-ca.pem")
	if err := os.WriteFile(p, pem, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// A server whose certificate comes from a company CA is refused until the CA file is configured, then accepted;
// each kind of certificate failure has its own code, for a message the user understands.
func TestTheServerCertificateIsCheckedAgainstTheSystemAndTheCompanyCA(t *testing.T) {
	ca := testcert.NewCA(t)
	roots, err := client.LoadRootCAs(caFile(t, ca.PEM))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	good := tlsServer(t, ca.Localhost(t, "crm"))
	expired := tlsServer(t, ca.Issue(t, "crm", []string{"127.0.0.1"}, now.Add(-48*time.Hour), now.Add(-time.Hour)))
	otherHost := tlsServer(t, ca.Issue(t, "crm", []string{"crm.example.de"}, now.Add(-time.Hour), now.Add(time.Hour)))
	plain := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(plain.Close)

	tests := []struct {
		name  string
		url   string
		roots bool
		want  api.ErrorCode // "" for success
	}{
		{"the company CA is not configured", good.URL, false, api.CodeTLSUnknownAuthority},
		{"the company CA is configured", good.URL, true, ""},
		{"an expired certificate", expired.URL, true, api.CodeTLSExpired},
		{"a certificate for another host", otherHost.URL, true, api.CodeTLSWrongHost},
		{"https:// to a server that speaks plain HTTP", "https://" + plain.Listener.Addr().String(), true, api.CodeTLSFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := client.Options{ServerURL: tt.url, Retries: -1}
			if tt.roots {
				opts.RootCAs = roots
			}
			v, err := client.New(opts).ServerVersion(context.Background())
			if tt.want == "" {
				if err != nil || v.Version != "1.2.3" {
					t.Fatalf("got %+v, %v", v, err)
				}
				return
			}
			ae, ok := client.AsAPIError(err)
			if !ok || ae.Code != tt.want || ae.Status != 0 {
				t.Fatalf("err = %v, want status 0 code %s", err, tt.want)
			}
		})
	}
}

func TestACompanyCAFileThatIsUnreadableOrHoldsNoCertificateIsRefused(t *testing.T) {
	for name, tt := range map[string]struct {
		path string
		want api.FieldCode
	}{
		"missing":           {filepath.Join(t.TempDir(), "nope.pem"), api.FieldUnreadable},
		"not a certificate": {caFile(t, []byte("hallo")), api.FieldNoCertificate},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := client.LoadRootCAs(tt.path)
			ae, ok := client.AsAPIError(err)
			if !ok || ae.Code != api.CodeValidation || ae.Fields["caFile"] != tt.want {
				t.Fatalf("err = %v, want caFile %s", err, tt.want)
			}
		})
	}
}

// Every request names the desktop's version (and its operating system, for the list of devices); a server that finds it too old answers 426 client.too_old.
func TestRequestsCarryTheDesktopVersionAndA426IsClientTooOld(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUpgradeRequired)
		_, _ = w.Write([]byte(`{"error":{"code":"client.too_old","message":"update"}}`))
	})
	_, err := newClient(s, client.Options{Version: "1.2.3"}).Login(context.Background(), api.LoginRequest{Email: "a@b.example", Password: "x"})
	ae, ok := client.AsAPIError(err)
	if !ok || ae.Status != http.StatusUpgradeRequired || ae.Code != api.CodeClientTooOld {
		t.Fatalf("err = %v", err)
	}
	h := s.requests()[0].header
	if h.Get(api.ClientHeader) != "desktop/1.2.3" || h.Get("User-Agent") != "1sales-desktop/1.2.3 ("+runtime.GOOS+")" {
		t.Fatalf("headers %v", h)
	}
}
