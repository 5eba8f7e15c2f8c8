package app_test

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
	"github.com/1sales/app/shared/testcert"
)

// serveTLS serves a second instance of env's backend (its configuration with TLS, as serve runs it) on a local port
// until the test ends and returns the base URL and a client that trusts ca.
func serveTLS(t *testing.T, env *apptest.Env, log *slog.Logger, ca *testcert.CA) (string, func() *http.Client) {
	t.Helper()
	a := app.New(env.Config, env.DB.App, log, app.WithBlobStore(env.Blobs))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.ServeListener(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	// A fresh connection per client, so that each request shows the certificate of its own handshake.
	client := func() *http.Client {
		return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true,
			TLSClientConfig: &tls.Config{RootCAs: ca.Pool()}}}
	}
	return "https://" + ln.Addr().String(), client
}

// freeAddr is a local address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func getCN(t *testing.T, c *http.Client, url string) (string, int) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.TLS.PeerCertificates[0].Subject.CommonName, resp.StatusCode
}

// The server speaks HTTPS with its configured certificate, end to end (sign-in included), and takes a renewed
// certificate without a restart; a broken renewal keeps the old one serving.
func TestHTTPSWithTheConfiguredCertificateReloadedWithoutRestart(t *testing.T) {
	ca := testcert.NewCA(t)
	dir := t.TempDir()
	certFile, keyFile := ca.Localhost(t, "erstes").Write(t, dir)
	var logs syncBuffer
	metricsAddr := freeAddr(t)
	env := apptest.Start(t, func(c *config.Config) {
		c.TLS = config.TLS{CertFile: certFile, KeyFile: keyFile, ReloadEvery: time.Millisecond}
		c.Metrics.Addr = metricsAddr
	})
	base, client := serveTLS(t, env, slog.New(slog.NewJSONHandler(&logs, nil)), ca)

	if cn, status := getCN(t, client(), base+"/api/v1/version"); cn != "erstes" || status != http.StatusOK {
		t.Fatalf("version over HTTPS: cert %q, status %d", cn, status)
	}
	resp, err := client().Post(base+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"email":"`+apptest.Admin+`","password":"`+apptest.Password+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("sign-in over HTTPS: %d", resp.StatusCode)
	}
	if !strings.Contains(logs.String(), `"proto":"https"`) {
		t.Fatalf("the access log does not say https:\n%s", logs.String())
	}
	// The metrics are served on their own address (plain HTTP, for the scraper next to the server).
	resp, err = http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	scraped, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(scraped), `onesales_logins_total{result="success"} 1`) {
		t.Fatalf("metrics on %s: %d\n%.2000s", metricsAddr, resp.StatusCode, scraped)
	}

	// A client without the CA refuses the server.
	if _, err := (&http.Client{Timeout: 5 * time.Second}).Get(base + "/healthz"); err == nil {
		t.Fatal("a client without the test CA accepted the certificate")
	}
	// Plain HTTP to the HTTPS port is refused.
	if resp, err := http.Get(strings.Replace(base, "https:", "http:", 1) + "/healthz"); err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("plain HTTP to the TLS port: %d", resp.StatusCode)
		}
	}

	ca.Localhost(t, "zweites").Write(t, dir)
	time.Sleep(5 * time.Millisecond)
	if cn, _ := getCN(t, client(), base+"/healthz"); cn != "zweites" {
		t.Fatalf("after renewal the server shows %q, want zweites", cn)
	}

	if err := os.WriteFile(certFile, []byte("kaputt"), 0o600); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	if cn, status := getCN(t, client(), base+"/healthz"); cn != "zweites" || status != http.StatusOK {
		t.Fatalf("with a broken file the server shows %q (%d), want zweites", cn, status)
	}
	if !strings.Contains(logs.String(), "the old one stays in use") {
		t.Fatalf("the broken renewal was not logged:\n%s", logs.String())
	}
}

// `serve` without a readable certificate stops with a message and a non-zero exit code; nothing is served.
func TestServeWithoutItsCertificateExitsWithAnError(t *testing.T) {
	d := testdb.New(t)
	bin := apptest.ServerBinary(t)
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.pem")
	if err := os.WriteFile(garbage, []byte("kein Zertifikat"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, cert, key, want string }{
		{"missing", filepath.Join(dir, "missing.pem"), filepath.Join(dir, "missing-key.pem"), "tls: certificate file"},
		{"not a certificate", garbage, garbage, "tls: load"},
		{"only one of the two settings", garbage, "", "set both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, "serve")
			cmd.Env = []string{"ONESALES_DATABASE_URL=" + d.AppURL, "ONESALES_ADDR=127.0.0.1:0",
				"ONESALES_TOKEN_SECRET=process-test-secret-process-test-secret", "ONESALES_BLOB_DIR=" + filepath.Join(dir, "blobs"),
				"ONESALES_SECRET_KEY=" + base64.StdEncoding.EncodeToString(secretbox.NewKey()),
				"ONESALES_GEOCODE_WORKER=0", "ONESALES_TLS_CERT_FILE=" + tt.cert, "ONESALES_TLS_KEY_FILE=" + tt.key}
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() == 0 {
				t.Fatalf("serve: err %v, want a non-zero exit; output:\n%s", err, out)
			}
			if !strings.Contains(string(out), tt.want) {
				t.Fatalf("output does not say %q:\n%s", tt.want, out)
			}
		})
	}
}

// Behind a reverse proxy: X-Forwarded-For is believed only from a trusted proxy. An attacker who forges it
// directly is still throttled by their own address; the proxy's word decides whose address a sign-in counts for.
func TestAForgedForwardedForFromAnUntrustedAddressIsIgnored(t *testing.T) {
	const proxy, attacker = "127.0.0.20", "127.0.0.21"
	env := apptest.Start(t, func(c *config.Config) {
		var err error
		if c.TrustedProxies, err = config.ParsePrefixes(proxy + "/32"); err != nil {
			t.Fatal(err)
		}
	})
	login := func(from, xff, password string) *apptest.Response {
		return env.DoFrom(from, apptest.Request{Method: "POST", Path: "/api/v1/auth/login",
			Body: api.LoginRequest{Email: apptest.FieldRepNord, Password: password}, Header: map[string]string{"X-Forwarded-For": xff}})
	}
	for i := range 5 {
		forged := "198.51.100." + strconv.Itoa(i+1) // a new address each time: were it believed, no limit would apply
		if resp := login(attacker, forged, "falsch-"+strconv.Itoa(i)); resp.Status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d %s", i, resp.Status, resp.Body)
		}
	}
	wantThrottled(t, login(attacker, "198.51.100.99", apptest.Password), 15*60)

	// Through the trusted proxy, the client it names is the one counted: another client signs in ...
	if resp := login(proxy, "203.0.113.7", apptest.Password); resp.Status != http.StatusOK {
		t.Fatalf("a client through the proxy: %d %s", resp.Status, resp.Body)
	}
	// ... and the attacker, reaching the server through the proxy, is still refused.
	wantThrottled(t, login(proxy, attacker, apptest.Password), 15*60)
	// The session records the client's address, not the proxy's.
	var addrs []string
	if err := env.DB.Owner.NewRaw("SELECT DISTINCT remote_addr FROM sessions WHERE remote_addr <> ''").Scan(context.Background(), &addrs); err != nil {
		t.Fatal(err)
	}
	if len(addrs) != 1 || addrs[0] != "203.0.113.7" {
		t.Fatalf("session addresses %v, want [203.0.113.7]", addrs)
	}
}

// metric reads one series' value from the text format ("" labels: the series has none).
func metric(t *testing.T, text, series string) float64 {
	t.Helper()
	for line := range strings.SplitSeq(text, "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			return f
		}
	}
	t.Fatalf("no series %s in:\n%s", series, text)
	return 0
}

// After a scripted session (sign-in, a few requests, a failed sign-in, an upload) GET /metrics shows every
// series the operator guide lists, with the values the session must have produced; the endpoint wants its token.
func TestMetricsShowTheSessionsRequestsSignInsPoolQueuesAndDocuments(t *testing.T) {
	const token = "metrics-token-0123456789"
	env := apptest.Start(t, func(c *config.Config) { c.Metrics.Token = token })
	metricsSrv := httptest.NewServer(env.App.MetricsHandler())
	t.Cleanup(metricsSrv.Close)
	scrape := func(auth string) (int, string) {
		req, _ := http.NewRequest("GET", metricsSrv.URL+"/metrics", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if status, _ := scrape(""); status != http.StatusUnauthorized {
		t.Fatalf("without the token: %d", status)
	}
	if status, _ := scrape("Bearer wrong-token-0123456789"); status != http.StatusUnauthorized {
		t.Fatalf("with a wrong token: %d", status)
	}
	// The API's address does not serve the metrics.
	if resp := env.Do(apptest.Request{Method: "GET", Path: "/metrics"}); resp.Status != http.StatusNotFound {
		t.Fatalf("GET /metrics on the API: %d", resp.Status)
	}

	admin := signIn(t, env, apptest.Admin)
	admin.call("GET", "/api/v1/me", nil, 200, nil)
	admin.call("GET", "/api/v1/me", nil, 200, nil)
	const missing = "0b6f1f3e-7a43-4c39-9d0c-3f3c4e0a9b11"
	admin.call("GET", "/api/v1/persons/"+missing, nil, 404, nil)
	if resp := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: api.LoginRequest{Email: apptest.Manager, Password: "falsch-falsch"}}); resp.Status != http.StatusUnauthorized {
		t.Fatalf("failed sign-in: %d", resp.Status)
	}
	org := admin.createOrg(api.OrganizationCreate{Name: "Metrik GmbH"})
	content := append(append([]byte{}, pdfBytes...), make([]byte, 1000)...)
	uploadOK(t, env, admin.token, "/api/v1/organizations/"+org.ID, "a.pdf", "application/pdf", content)

	status, text := scrape("Bearer " + token)
	if status != http.StatusOK {
		t.Fatalf("scrape: %d %s", status, text)
	}
	for series, want := range map[string]float64{
		`onesales_http_requests_total{route="POST /api/v1/auth/login",status="200"}`:        1,
		`onesales_http_requests_total{route="POST /api/v1/auth/login",status="401"}`:        1,
		`onesales_http_requests_total{route="GET /api/v1/me",status="200"}`:                 2,
		`onesales_http_requests_total{route="GET /api/v1/persons/{personID}",status="404"}`: 1,
		`onesales_http_requests_total{route="unmatched",status="404"}`:                      1,
		`onesales_http_request_duration_seconds_count{route="GET /api/v1/me"}`:              2,
		`onesales_logins_total{result="success"}`:                                           1,
		`onesales_logins_total{result="failure"}`:                                           1,
		`onesales_logins_total{result="throttled"}`:                                         0,
		`onesales_documents_stored`:                                                         1,
		`onesales_document_bytes_stored`:                                                    float64(len(content)),
		`onesales_stats_up`:                                                                 1,
	} {
		if got := metric(t, text, series); got != want {
			t.Errorf("%s = %v, want %v", series, got, want)
		}
	}
	if strings.Contains(text, missing) {
		t.Error("a raw path (with an ID) became a label")
	}
	if got := metric(t, text, `go_sql_open_connections{db_name="onesales"}`); got < 1 {
		t.Errorf("open connections %v, want at least 1", got)
	}
	if got := metric(t, text, `go_sql_max_open_connections{db_name="onesales"}`); got < 1 {
		t.Errorf("max open connections %v", got)
	}
	// The organization's address waits for the geocoder (no worker runs in tests); the notification worker has
	// not read the session's change events either.
	for _, q := range []string{"geocode", "geocode_due", "geocode_retrying", "document_cleanup", "notify", "import"} {
		metric(t, text, `onesales_queue_length{queue="`+q+`"}`)
	}
	if got := metric(t, text, `onesales_queue_length{queue="notify"}`); got < 1 {
		t.Errorf("notify backlog %v, want the session's events", got)
	}
	if !regexp.MustCompile(`onesales_build_info\{version="[^"]+"\} 1`).MatchString(text) {
		t.Error("no onesales_build_info")
	}
	if got := metric(t, text, `onesales_http_request_duration_seconds_bucket{route="GET /api/v1/me",le="+Inf"}`); got != 2 {
		t.Errorf("latency histogram +Inf bucket %v, want 2", got)
	}
}

// dashboardSeriesAreExported checks that every series the sample Grafana dashboard queries is in the scrape text.
func dashboardSeriesAreExported(t *testing.T, text string) {
	t.Helper()
	raw, err := os.ReadFile("../../../docs/grafana-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	queried := regexp.MustCompile(`\b((?:onesales|go_sql|process)_[a-z_]+)\{`).FindAllStringSubmatch(string(raw), -1)
	if len(queried) < 10 {
		t.Fatalf("the dashboard queries only %d series", len(queried))
	}
	for _, m := range queried {
		if !strings.Contains(text, "\n"+m[1]) {
			t.Errorf("the dashboard queries %s, which /metrics does not show", m[1])
		}
	}
}

// Throttled sign-ins are counted as such (and as 429s of their route); after them every series the sample
// dashboard queries is there.
func TestMetricsCountThrottledSignIns(t *testing.T) {
	env := apptest.Start(t)
	for i := range 6 {
		loginFrom(env, "127.0.0.30", apptest.InsideSales, "falsch-"+strconv.Itoa(i))
	}
	rec := httptest.NewRecorder()
	env.App.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	text := rec.Body.String()
	if got := metric(t, text, `onesales_logins_total{result="throttled"}`); got != 1 {
		t.Errorf("throttled sign-ins %v, want 1", got)
	}
	if got := metric(t, text, `onesales_logins_total{result="failure"}`); got != 5 {
		t.Errorf("failed sign-ins %v, want 5", got)
	}
	if got := metric(t, text, `onesales_throttled_requests_total{route="POST /api/v1/auth/login"}`); got != 1 {
		t.Errorf("throttled requests %v, want 1", got)
	}
	dashboardSeriesAreExported(t, text)
}

// Every statement is logged (debug, and as slow from 1ns), and failed sign-ins too: the log holds statement
// shapes, never the e-mail addresses or passwords that were bound into them.
func TestTheQueryLogNeverHoldsTheSignInsEmailAddress(t *testing.T) {
	d := testdb.New(t)
	var logs syncBuffer
	log := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	pool, err := db.Open(context.Background(), d.AppURL, log, db.WithSlowQuery(time.Nanosecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Close() })
	env := apptest.StartOn(t, d, pool, log)
	env.Login(apptest.Admin)
	const stranger, password = "geheim.person@beispiel.example", "Sehr-Geheim-42"
	if resp := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: api.LoginRequest{Email: stranger, Password: password}}); resp.Status != http.StatusUnauthorized {
		t.Fatalf("unknown e-mail: %d", resp.Status)
	}
	text := logs.String()
	if !strings.Contains(text, `"msg":"slow query"`) || !strings.Contains(text, "auth_signin_begin") {
		t.Fatalf("the sign-in's statements were not logged:\n%.3000s", text)
	}
	for _, secret := range []string{apptest.Admin, "claudia.becker", stranger, "geheim.person", password, apptest.Password} {
		if strings.Contains(strings.ToLower(text), strings.ToLower(secret)) {
			t.Errorf("the log holds %q", secret)
		}
	}
}

// The version gate: a desktop older than the configured minimum is answered 426 client.too_old on every route but
// the version and the probes; the version route tells it where to download a new one.
func TestADesktopOlderThanTheMinimumIsToldToUpdate(t *testing.T) {
	const download = "https://download.example.de/1sales"
	env := apptest.Start(t, func(c *config.Config) { c.Desktops = config.Desktops{MinVersion: "1.4.0", DownloadURL: download} })
	tests := []struct {
		name, client, path string
		want               int
	}{
		{"an old desktop", "desktop/1.3.9", "/api/v1/me", http.StatusUpgradeRequired},
		{"a much older desktop signing in", "desktop/0.1.0", "/api/v1/tenant", http.StatusUpgradeRequired},
		{"the oldest served desktop", "desktop/1.4.0", "/api/v1/me", http.StatusUnauthorized},
		{"a pre-release of the minimum counts as it", "desktop/1.4.0-rc.1", "/api/v1/me", http.StatusUnauthorized},
		{"a newer desktop", "desktop/2.0.0", "/api/v1/me", http.StatusUnauthorized},
		{"no desktop header (a script, a supplier)", "", "/api/v1/me", http.StatusUnauthorized},
		{"an unparsable header is not a desktop", "desktop/alt", "/api/v1/me", http.StatusUnauthorized},
		{"the version route stays open", "desktop/1.0.0", "/api/v1/version", http.StatusOK},
		{"the probes stay open", "desktop/1.0.0", "/readyz", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := map[string]string{}
			if tt.client != "" {
				h[api.ClientHeader] = tt.client
			}
			resp := env.Do(apptest.Request{Method: "GET", Path: tt.path, Header: h})
			if resp.Status != tt.want {
				t.Fatalf("%s: %d %s, want %d", tt.path, resp.Status, resp.Body, tt.want)
			}
			if tt.want == http.StatusUpgradeRequired {
				if code := resp.Error(t).Code; code != api.CodeClientTooOld {
					t.Fatalf("code %s, want %s", code, api.CodeClientTooOld)
				}
			}
		})
	}
	resp := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/version", Header: map[string]string{api.ClientHeader: "desktop/1.0.0"}})
	var v api.ServerVersion
	resp.Decode(t, &v)
	if v.MinDesktopVersion != "1.4.0" || v.DesktopDownloadURL != download || v.APILevel != api.APILevel || v.Version == "" {
		t.Fatalf("version %+v", v)
	}
	// Without a minimum every desktop is served.
	open := apptest.Start(t)
	if resp := open.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Header: map[string]string{api.ClientHeader: "desktop/0.0.1"}}); resp.Status != http.StatusUnauthorized {
		t.Fatalf("no minimum: %d", resp.Status)
	}
}
