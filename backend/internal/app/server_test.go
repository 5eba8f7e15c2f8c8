package app_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/backend/internal/testdb"
)

func TestServerReportsReadinessAndShutsDownGracefully(t *testing.T) {
	d := testdb.New(t)
	cfg := config.Config{AppRole: testdb.AppRole, TokenSecret: []byte("0123456789abcdef0123456789abcdef"), SecretKey: secretbox.NewKey(),
		AccessTokenTTL: time.Minute, SessionTTL: time.Hour, RequestTimeout: 5 * time.Second, MaxBodyBytes: 1 << 20,
		ShutdownTimeout: 5 * time.Second, LoginThrottleWindow: time.Minute}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- app.New(cfg, d.App, slog.New(slog.DiscardHandler)).ServeListener(ctx, ln) }()

	get := func(path string) (int, string) {
		resp, err := http.Get(base + path)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.Header.Get("X-Request-ID") == "" {
			t.Errorf("%s: no X-Request-ID", path)
		}
		return resp.StatusCode, string(b)
	}
	if s, b := get("/healthz"); s != 200 {
		t.Fatalf("healthz %d %s", s, b)
	}
	if s, b := get("/readyz"); s != 200 {
		t.Fatalf("readyz %d %s", s, b)
	}
	// With the database gone, the instance is alive but not ready.
	d.App.Close()
	if s, b := get("/readyz"); s != http.StatusServiceUnavailable {
		t.Fatalf("readyz without database: %d %s", s, b)
	}
	if s, _ := get("/healthz"); s != 200 {
		t.Fatalf("healthz without database: %d", s)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not shut down")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("server still answers after shutdown")
	}
}
