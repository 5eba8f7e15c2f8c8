package app_test

import (
	"crypto/tls"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/shared/api"
	"github.com/1sales/app/shared/testcert"
)

func versionServer(t *testing.T, v api.ServerVersion) *httptest.Server {
	t.Helper()
	s := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/version" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}))
	t.Cleanup(s.Close)
	return s
}

func TestPlainHTTPIsAcceptedOnlyForThisComputer(t *testing.T) {
	s := versionServer(t, api.ServerVersion{Version: "1.0.0", APILevel: api.APILevel})
	s.Start()
	port := ":" + strconv.Itoa(s.Listener.Addr().(*net.TCPAddr).Port)
	d := newDesk(t, "")
	for _, u := range []string{"http://127.0.0.1" + port, "http://localhost" + port} {
		if _, err := d.Session.ServerInfo(u); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	for _, u := range []string{"http://crm.example.de", "http://192.168.1.10" + port, "http://[2001:db8::1]:8421"} {
		_, err := d.Session.ServerInfo(u)
		if ae := apiErr(t, err, 0, api.CodeValidation); ae.Fields["serverUrl"] != api.FieldInsecure {
			t.Errorf("%s: fields %v, want serverUrl insecure", u, ae.Fields)
		}
	}
}

// The desktop compares its version with the server's: too old for the server (it shows the download link), or
// built for a newer API than the server has (it says that features are missing).
func TestServerInfoTellsATooOldDesktopAndAnOlderServer(t *testing.T) {
	tests := []struct {
		name                   string
		v                      api.ServerVersion
		tooOld, serverOutdated bool
	}{
		{"a matching server", api.ServerVersion{Version: "1.0.0", APILevel: api.APILevel}, false, false},
		{"a server that wants newer desktops", api.ServerVersion{Version: "9.0.0", APILevel: api.APILevel,
			MinDesktopVersion: "99.0.0", DesktopDownloadURL: "https://download.example.de"}, true, false},
		{"an older server", api.ServerVersion{Version: "0.0.9", APILevel: api.APILevel - 1}, false, true},
	}
	d := newDesk(t, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := versionServer(t, tt.v)
			s.Start()
			info, err := d.Session.ServerInfo(s.URL)
			if err != nil {
				t.Fatal(err)
			}
			if info.DesktopTooOld != tt.tooOld || info.ServerOutdated != tt.serverOutdated || info.Server != tt.v ||
				info.DesktopVersion != app.Version() {
				t.Fatalf("info %+v", info)
			}
		})
	}
}

// A server whose certificate a company CA issued: refused with tls.unknown_authority until the CA file is set,
// then reached; the setting is kept and shown.
func TestACompanyCAFileLetsTheDesktopTrustTheCompanysServer(t *testing.T) {
	ca := testcert.NewCA(t)
	s := versionServer(t, api.ServerVersion{Version: "1.0.0", APILevel: api.APILevel})
	s.TLS = &tls.Config{Certificates: []tls.Certificate{ca.Localhost(t, "crm").TLS(t)}}
	s.StartTLS()
	d := newDesk(t, "")

	_, err := d.Session.ServerInfo(s.URL)
	apiErr(t, err, 0, api.CodeTLSUnknownAuthority)

	bad := filepath.Join(t.TempDir(), "kein.pem")
	if err := os.WriteFile(bad, []byte("kein Zertifikat"), 0o600); err != nil {
		t.Fatal(err)
	}
	if ae := apiErr(t, d.Session.SetCAFile(bad), 0, api.CodeValidation); ae.Fields["caFile"] != api.FieldNoCertificate {
		t.Fatalf("fields %v", ae.Fields)
	}
	caPath := filepath.Join(t.TempDir(), "firma-ca.pem")
	if err := os.WriteFile(caPath, ca.PEM, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := d.Session.SetCAFile(caPath); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Session.ServerInfo(s.URL); err != nil {
		t.Fatalf("with the company CA: %v", err)
	}
	if st, _ := d.Session.State(); st.CAFile != caPath {
		t.Fatalf("state caFile %q", st.CAFile)
	}
	if err := d.Session.SetCAFile(""); err != nil {
		t.Fatal(err)
	}
	_, err = d.Session.ServerInfo(s.URL)
	apiErr(t, err, 0, api.CodeTLSUnknownAuthority)
}

// The version the desktop reports is the one its installer carries.
func TestTheDesktopVersionIsWailsProductVersion(t *testing.T) {
	raw, err := os.ReadFile("../../wails.json")
	if err != nil {
		t.Fatal(err)
	}
	var w struct {
		Info struct {
			ProductVersion string `json:"productVersion"`
		} `json:"info"`
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		t.Fatal(err)
	}
	if w.Info.ProductVersion != app.Version() {
		t.Fatalf("wails.json productVersion %q, app.Version() %q", w.Info.ProductVersion, app.Version())
	}
}
