package app_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// dbURLVia is url with its host replaced by addr.
func dbURLVia(t *testing.T, raw, addr string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = addr
	return u.String()
}

func dbHost(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// While the database is down the API answers 503 service.unavailable with Retry-After, so that a client can tell
// an outage from a bug (500), and /readyz reports not ready; once it is back, so is the API, from the first request.
func TestDatabaseOutageAnswers503AndTheAPIRecovers(t *testing.T) {
	d := testdb.New(t)
	proxy := apptest.NewProxy(t, dbHost(t, d.AppURL))
	pool, err := db.Open(context.Background(), dbURLVia(t, d.AppURL, proxy.Addr), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Close() })
	env := apptest.StartOn(t, d, pool, nil)
	token := env.Token(apptest.Admin)
	requests := []apptest.Request{
		{Method: "GET", Path: "/api/v1/me", Token: token},
		{Method: "POST", Path: "/api/v1/persons/query", Token: token, Body: api.ListQuery{}},
		{Method: "POST", Path: "/api/v1/persons", Token: token, Body: api.PersonCreate{LastName: "Ausfall"},
			Header: map[string]string{"Idempotency-Key": "outage-1"}},
		{Method: "POST", Path: "/api/v1/auth/login", Body: api.LoginRequest{Email: apptest.Admin, Password: apptest.Password}},
	}
	for _, r := range requests {
		if got := env.Do(r); got.Status >= 300 {
			t.Fatalf("before the outage: %s %s: %d %s", r.Method, r.Path, got.Status, got.Body)
		}
	}

	proxy.Cut()
	for _, r := range requests {
		got := env.Do(r)
		if got.Status != http.StatusServiceUnavailable || got.Header.Get("Retry-After") == "" {
			t.Fatalf("outage: %s %s: %d Retry-After %q %s", r.Method, r.Path, got.Status, got.Header.Get("Retry-After"), got.Body)
		}
		if e := got.Error(t); e.Code != api.CodeUnavailable || e.RequestID == "" {
			t.Fatalf("outage: %s %s: envelope %+v", r.Method, r.Path, e)
		}
	}
	if r := env.Do(apptest.Request{Method: "GET", Path: "/readyz"}); r.Status != http.StatusServiceUnavailable || r.Error(t).Code != api.CodeUnavailable {
		t.Fatalf("readyz during the outage: %d %s", r.Status, r.Body)
	}
	if r := env.Do(apptest.Request{Method: "GET", Path: "/healthz"}); r.Status != http.StatusOK {
		t.Fatalf("healthz during the outage: %d %s", r.Status, r.Body)
	}

	proxy.Restore()
	if r := env.Do(apptest.Request{Method: "GET", Path: "/readyz"}); r.Status != http.StatusOK {
		t.Fatalf("readyz after the outage: %d %s", r.Status, r.Body)
	}
	for _, r := range requests {
		if got := env.Do(r); got.Status >= 300 {
			t.Fatalf("after the outage: %s %s: %d %s", r.Method, r.Path, got.Status, got.Body)
		}
	}
}

// Sessions the database ended (a restart, a failover, an administrator) are found dead when the pool hands them
// out and replaced, so they cost no request.
func TestDatabaseSessionsEndedUnderARunningServerCostNoRequest(t *testing.T) {
	env := apptest.Start(t)
	token := env.Token(apptest.Admin)
	var wg sync.WaitGroup
	for range 8 { // several connections in the pool
		wg.Add(1)
		go func() {
			defer wg.Done()
			env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons/query", Token: token, Body: api.ListQuery{}})
		}()
	}
	wg.Wait()
	super, err := db.Open(context.Background(), os.Getenv(testdb.Env), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer super.Close()
	var ended int
	if err := super.NewRaw(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ? AND usename = ?`,
		env.DB.Name, testdb.AppRole).Scan(context.Background(), &ended); err != nil || ended == 0 {
		t.Fatalf("ended %d sessions: %v", ended, err)
	}
	time.Sleep(100 * time.Millisecond) // the FATAL messages arrive
	for i := range 12 {
		if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: token}); r.Status != http.StatusOK {
			t.Fatalf("request %d after %d sessions ended: %d %s", i+1, ended, r.Status, r.Body)
		}
	}
}

// Every answer is Cache-Control: no-store: they are one user's data.
func TestAnswersAreNotStoredByCaches(t *testing.T) {
	env := apptest.Start(t)
	token := env.Token(apptest.Admin)
	for _, r := range []apptest.Request{
		{Method: "GET", Path: "/api/v1/me", Token: token},
		{Method: "GET", Path: "/api/v1/units", Token: token},
		{Method: "GET", Path: "/api/v1/units/" + env.Demo.Units["Innendienst"].String(), Token: token},
		{Method: "GET", Path: "/api/v1/me"}, // 401
		{Method: "POST", Path: "/api/v1/persons", Token: token, Body: api.PersonCreate{LastName: "Cache"}, Header: map[string]string{"Idempotency-Key": "cache-1"}},
		{Method: "POST", Path: "/api/v1/persons", Token: token, Body: api.PersonCreate{LastName: "Cache"}, Header: map[string]string{"Idempotency-Key": "cache-1"}},
		{Method: "GET", Path: "/api/v1/nowhere", Token: token},
	} {
		got := env.Do(r)
		if cc := got.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s %s (%d): Cache-Control %q", r.Method, r.Path, got.Status, cc)
		}
	}
}

// The slow-query log (threshold set low) names the statement's shape, its operation and the request, never the
// values: the person's name, e-mail and street appear nowhere in the log.
func TestSlowQueryLogHoldsNoCustomerData(t *testing.T) {
	d := testdb.New(t)
	var logged syncBuffer
	log := slog.New(httpx.LogRequestID(slog.NewJSONHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug})))
	pool, err := db.Open(context.Background(), d.AppURL, log, db.WithSlowQuery(time.Nanosecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Close() })
	env := apptest.StartOn(t, d, pool, log)
	token := env.Token(apptest.Admin)
	person := api.PersonCreate{FirstName: "Wilhelmine", LastName: "Quastenberg",
		Emails:  []api.ContactPoint{{Value: "wilhelmine.quastenberg@example.de"}},
		Phones:  []api.ContactPoint{{Value: "+49 40 7654321"}},
		Address: api.Address{Street: "Zypressenweg 42", PostalCode: "22767", City: "Hamburg", Country: "DE"}}
	r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons", Token: token, Body: person,
		Header: map[string]string{"X-Request-ID": "slow-log-test", "Idempotency-Key": "slow-log-key"}})
	if r.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	var created api.Person
	r.Decode(t, &created)
	env.Do(apptest.Request{Method: "GET", Path: "/api/v1/persons/" + created.ID, Token: token})

	insert := false
	sc := bufio.NewScanner(strings.NewReader(logged.String()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		for _, secret := range []string{"Wilhelmine", "Quastenberg", "quastenberg@", "7654321", "Zypressenweg", "slow-log-key"} {
			if strings.Contains(line, secret) {
				t.Errorf("the log holds %q: %s", secret, line)
			}
		}
		var rec struct{ Level, Msg, Operation, Statement, RequestID string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if rec.Msg == "slow query" && rec.RequestID == "slow-log-test" && rec.Operation == "INSERT" &&
			strings.HasPrefix(rec.Statement, `INSERT INTO "persons" (`) && strings.Contains(rec.Statement, "VALUES (") {
			insert = true
		}
	}
	if !insert {
		t.Fatalf("no slow-query line with the person's INSERT statement and the request ID:\n%s", logged.String())
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A shutdown whose grace period runs out while a download is still streaming cuts it: that is the graceful
// shutdown doing its job, so the server exits 0 and says how many connections it cut.
func TestShutdownThatCutsADownloadExitsZero(t *testing.T) {
	d := testdb.New(t)
	env := apptest.StartOn(t, d, nil, nil) // provisions the tenants and brings a client; the process serves the same database
	server := apptest.NewProcess(t, apptest.ServerBinary(t), d.AppURL, "ONESALES_SHUTDOWN_TIMEOUT=500ms")
	server.Start()
	var session api.Session
	env.DoAt(server.Base, apptest.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: api.LoginRequest{Email: apptest.Admin, Password: apptest.Password}}).Decode(t, &session)
	token := session.AccessToken
	var org api.Organization
	if r := env.DoAt(server.Base, apptest.Request{Method: "POST", Path: "/api/v1/organizations", Token: token,
		Body: api.OrganizationCreate{Name: "Download GmbH"}}); r.Status != http.StatusCreated {
		t.Fatalf("organization: %d %s", r.Status, r.Body)
	} else {
		r.Decode(t, &org)
	}

	// A document larger than the socket buffers, so that a client that stops reading keeps the download open.
	const size = 48 << 20
	content := make([]byte, size)
	_, _ = rand.Read(content)
	req, _ := http.NewRequest("POST", server.Base+"/api/v1/organizations/"+org.ID+"/documents", bytes.NewReader(content))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/octet-stream")
	req.Header.Set(api.HeaderFileName, "gross.bin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	var doc api.Document
	if err := json.Unmarshal(raw, &doc); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v %s", resp.StatusCode, err, raw)
	}
	resp.Body.Close()

	req, _ = http.NewRequest("GET", server.Base+"/api/v1/documents/"+doc.ID+"/content", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err = (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("download: %v %v", resp, err)
	}
	defer resp.Body.Close()
	if _, err := io.ReadFull(resp.Body, make([]byte, 1<<20)); err != nil { // the transfer is under way
		t.Fatal(err)
	}

	start := time.Now()
	server.Signal(syscall.SIGTERM)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	code, err := server.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	received, _ := io.Copy(io.Discard, resp.Body)
	log := server.Log()
	if code != 0 {
		t.Fatalf("exit status %d after a shutdown that cut a download:\n%s", code, log)
	}
	if !strings.Contains(log, "shutdown cut 1 connections") || strings.Contains(log, "failed") {
		t.Fatalf("log:\n%s", log)
	}
	if received+(1<<20) >= size {
		t.Fatalf("the download was not cut: %d of %d bytes arrived", received+(1<<20), size)
	}
	if took > 10*time.Second {
		t.Fatalf("the shutdown took %s with a grace period of 500ms", took)
	}
	t.Logf("cut after %s, %s of %s sent", took.Round(time.Millisecond), mib(received+(1<<20)), mib(size))
}

func mib(n int64) string { return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB" }

// privateCluster is a PostgreSQL cluster of the test's own (scripts/pg.sh), which the test may stop and start.
type privateCluster struct {
	t          *testing.T
	dir, port  string
	script     string
	owner, app string
}

func startPrivateCluster(t *testing.T) *privateCluster {
	t.Helper()
	script, err := filepath.Abs("../../../scripts/pg.sh")
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "onesales-outage-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // the postgres user runs the server
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	c := &privateCluster{t: t, dir: filepath.Join(dir, "data"), port: port, script: script,
		owner: "postgres://onesales_owner@127.0.0.1:" + port + "/onesales?sslmode=disable",
		app:   "postgres://onesales_app@127.0.0.1:" + port + "/onesales?sslmode=disable"}
	t.Cleanup(func() {
		_ = exec.Command(script, "stop", c.dir).Run()
		os.RemoveAll(dir)
	})
	c.run("start", c.dir, port)
	return c
}

func (c *privateCluster) run(args ...string) {
	c.t.Helper()
	cmd := exec.Command(c.script, args...)
	cmd.Env = append(os.Environ(), "ONESALES_PG_FAST=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		c.t.Fatalf("pg.sh %v: %v\n%s", args, err, out)
	}
}

func (c *privateCluster) stop()  { c.run("stop", c.dir) }
func (c *privateCluster) start() { c.run("start", c.dir, c.port) }

// The database server itself stops under a running backend (its sessions end with 57P01, new connections are
// refused) and starts again: meanwhile 503 with Retry-After and /readyz not ready, afterwards every request works.
func TestStoppedDatabaseServerAnswers503AndTheAPIRecovers(t *testing.T) {
	c := startPrivateCluster(t)
	ctx := context.Background()
	owner, err := db.Open(ctx, c.owner, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { owner.Close() })
	if err := db.Migrate(ctx, owner, testdb.AppRole, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	pool, err := db.Open(ctx, c.app, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Close() })
	env := apptest.StartOn(t, &testdb.DB{Name: "onesales", OwnerURL: c.owner, AppURL: c.app, Owner: owner, App: pool}, pool, nil)
	token := env.Token(apptest.Admin)
	me := apptest.Request{Method: "GET", Path: "/api/v1/me", Token: token}
	if r := env.Do(me); r.Status != http.StatusOK {
		t.Fatalf("before: %d %s", r.Status, r.Body)
	}

	c.stop()
	for _, r := range []apptest.Request{me, {Method: "POST", Path: "/api/v1/persons", Token: token, Body: api.PersonCreate{LastName: "Halt"}}} {
		got := env.Do(r)
		if got.Status != http.StatusServiceUnavailable || got.Header.Get("Retry-After") == "" || got.Error(t).Code != api.CodeUnavailable {
			t.Fatalf("database stopped: %s %s: %d %s", r.Method, r.Path, got.Status, got.Body)
		}
	}
	if r := env.Do(apptest.Request{Method: "GET", Path: "/readyz"}); r.Status != http.StatusServiceUnavailable {
		t.Fatalf("readyz with the database stopped: %d %s", r.Status, r.Body)
	}

	c.start()
	if r := env.Do(apptest.Request{Method: "GET", Path: "/readyz"}); r.Status != http.StatusOK {
		t.Fatalf("readyz after the restart: %d %s", r.Status, r.Body)
	}
	for i := range 5 {
		if r := env.Do(me); r.Status != http.StatusOK {
			t.Fatalf("request %d after the restart: %d %s", i+1, r.Status, r.Body)
		}
	}
}
