package httpx_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// WriteError, the one place errors become answers, on errors a real PostgreSQL produced: an outage or a statement
// timeout is a 503 with Retry-After that a client may retry, anything else unexpected a 500; the log gets the error
// without the statement's values.
func TestWriteErrorTellsAnOutageOrATimeoutFromABug(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	u, _ := url.Parse(d.AppURL)
	u.Host = closed
	if _, err := d.Owner.ExecContext(ctx, "CREATE TABLE write_error_probe (email text CONSTRAINT write_error_probe_email_key UNIQUE)"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name       string
		produce    func() error
		wantStatus int
		wantCode   api.ErrorCode
		wantLevel  string
		wantLog    string
	}{
		{"database unreachable", func() error {
			_, err := db.Open(ctx, u.String(), nil)
			return fmt.Errorf("auth: login: %w", err)
		}, http.StatusServiceUnavailable, api.CodeUnavailable, "WARN", "connection refused"},
		{"statement timeout", func() error {
			return db.InTenant(ctx, d.App, uuid.New(), func(ctx context.Context, tx bun.Tx) error {
				if _, err := tx.ExecContext(ctx, "SET LOCAL statement_timeout = 1"); err != nil {
					return err
				}
				_, err := tx.ExecContext(ctx, "SELECT pg_sleep(1)")
				return fmt.Errorf("dashboard: %w", err)
			})
		}, http.StatusServiceUnavailable, api.CodeTimeout, "WARN", "SQLSTATE 57014"},
		{"a bug: an unmapped unique violation", func() error {
			_, err := d.Owner.ExecContext(ctx, "INSERT INTO write_error_probe VALUES ('anna.schmidt@example.de'), ('anna.schmidt@example.de')")
			return fmt.Errorf("person: create: %w", err)
		}, http.StatusInternalServerError, api.CodeInternal, "ERROR", "SQLSTATE 23505 duplicate key value violates unique constraint"},
		{"a bug: invalid input quoting the value", func() error {
			_, err := d.Owner.ExecContext(ctx, "SELECT ?::uuid", "anna.schmidt@example.de")
			return fmt.Errorf("person: get: %w", err)
		}, http.StatusInternalServerError, api.CodeInternal, "ERROR", "person: get: SQLSTATE 22P02"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			failure := tc.produce()
			var logged bytes.Buffer
			log := slog.New(slog.NewJSONHandler(&logged, nil))
			h := httpx.WithRequestID(httpx.Handle(log, func(http.ResponseWriter, *http.Request) error { return failure }))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/me", nil))

			var env api.ErrorEnvelope
			if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil {
				t.Fatalf("%v: %s", err, rec.Body)
			}
			if rec.Code != tc.wantStatus || env.Error.Code != tc.wantCode || env.Error.RequestID == "" {
				t.Fatalf("%d %s for %v", rec.Code, rec.Body, failure)
			}
			if retry := rec.Header().Get("Retry-After"); (tc.wantStatus == http.StatusServiceUnavailable) != (retry != "") {
				t.Errorf("Retry-After %q with %d", retry, rec.Code)
			}
			line := logged.String()
			if strings.Contains(line, "anna.schmidt") || !strings.Contains(line, tc.wantLog) || !strings.Contains(line, `"level":"`+tc.wantLevel+`"`) ||
				!strings.Contains(line, env.Error.RequestID) {
				t.Fatalf("log %s", line)
			}
		})
	}
}

// Records logged with a request's context carry its ID, also those of code that knows nothing of HTTP.
func TestLogRequestIDAddsTheRequestIDOnce(t *testing.T) {
	var logged bytes.Buffer
	log := slog.New(httpx.LogRequestID(slog.NewJSONHandler(&logged, nil)))
	h := httpx.WithRequestID(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		log.InfoContext(r.Context(), "deep down")
		log.InfoContext(r.Context(), "explicit", "requestId", httpx.RequestID(r.Context()))
	}))
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Request-ID", "req-4711")
	h.ServeHTTP(httptest.NewRecorder(), req)
	log.Info("outside a request")
	lines := strings.Split(strings.TrimSpace(logged.String()), "\n")
	if len(lines) != 3 || strings.Count(lines[0], `"requestId":"req-4711"`) != 1 || strings.Count(lines[1], "requestId") != 1 ||
		strings.Contains(lines[2], "requestId") {
		t.Fatalf("log:\n%s", logged.String())
	}
}
