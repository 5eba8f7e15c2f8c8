package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/mail/mailtest"
	"github.com/1sales/app/shared/api"
)

// supportEnv is the backend with a test SMTP server as its mail server; tests drive the mail worker.
type supportEnv struct {
	*apptest.Env
	smtp *mailtest.Server
}

func startSupport(t *testing.T) *supportEnv {
	t.Helper()
	srv, err := mailtest.Start("127.0.0.1:0", mailtest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	env := apptest.Start(t, func(c *config.Config) {
		c.Mail = config.Mail{Host: "127.0.0.1", Port: srv.Port(), Security: config.SMTPNone, From: "crm@1sales.example",
			FromName: "1sales", Timeout: 5 * time.Second, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}
	})
	return &supportEnv{Env: env, smtp: srv}
}

// setSupport sets a tenant's support address (and language) as its admin.
func (e *supportEnv) setSupport(admin, address string, lang api.Language) {
	e.T.Helper()
	resp := e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/tenant/settings", Token: e.Token(admin),
		Body: api.TenantSettingsInput{Language: lang, SupportEmail: address}})
	if resp.Status != http.StatusOK {
		e.T.Fatalf("set support address: %d %s", resp.Status, resp.Body)
	}
}

// deliver works off the mail queue and returns every message the SMTP server received so far.
func (e *supportEnv) deliver() []mailtest.Message {
	e.T.Helper()
	for {
		n, err := e.App.MailWorker().Step(context.Background())
		if err != nil {
			e.T.Fatal(err)
		}
		if n == 0 {
			return e.smtp.Messages()
		}
	}
}

func (e *supportEnv) send(token string, in any) *apptest.Response {
	e.T.Helper()
	return e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/support", Token: token, Body: in})
}

func TestSupportRequestReachesTheTenantSupportAddress(t *testing.T) {
	e := startSupport(t)
	rep := e.Token(apptest.FieldRepNord)
	var info api.SupportInfo
	if resp := e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/support", Token: rep}); resp.Status != http.StatusOK {
		t.Fatalf("support info: %d %s", resp.Status, resp.Body)
	} else if resp.Decode(t, &info); info.SupportEmail != "" || info.ServerVersion == "" {
		t.Fatalf("support info before an address was set: %+v", info)
	}
	if resp := e.send(rep, api.SupportRequest{Text: "Hilfe"}); resp.Status != http.StatusConflict ||
		resp.Error(t).Code != api.CodeSupportNoAddress {
		t.Fatalf("request without a support address: %d %s, want 409 %s", resp.Status, resp.Body, api.CodeSupportNoAddress)
	}
	e.setSupport(apptest.Admin, "support@nordlicht.example", api.LanguageDE)
	e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/support", Token: rep}).Decode(t, &info)
	if info.SupportEmail != "support@nordlicht.example" {
		t.Fatalf("a rep sees the support address %q", info.SupportEmail)
	}

	withDiag := api.SupportRequest{Subject: "Export hängt", Text: "Der Export bleibt bei 50 % stehen.",
		Diagnostics: &api.SupportDiagnostics{AppVersion: "0.1.0+abc", OS: "linux/amd64", ServerURL: e.Server.URL,
			ErrorIDs: []string{"req-1", "req-2"}}}
	if resp := e.send(rep, withDiag); resp.Status != http.StatusCreated {
		t.Fatalf("support request: %d %s", resp.Status, resp.Body)
	}
	if resp := e.send(rep, api.SupportRequest{Text: "Ohne Diagnose, bitte."}); resp.Status != http.StatusCreated {
		t.Fatalf("support request without diagnostics: %d %s", resp.Status, resp.Body)
	}
	msgs := e.deliver()
	if len(msgs) != 2 {
		t.Fatalf("%d mails arrived, want 2", len(msgs))
	}
	first, second := msgs[0], msgs[1]
	if first.Subject != "Supportanfrage von Jonas Schmidt: Export hängt" || second.Subject != "Supportanfrage von Jonas Schmidt" {
		t.Errorf("subjects %q, %q", first.Subject, second.Subject)
	}
	for _, m := range msgs {
		if len(m.To) != 1 || m.To[0] != "support@nordlicht.example" || !strings.Contains(m.ReplyTo, apptest.FieldRepNord) {
			t.Errorf("%q: to %v, reply-to %q", m.Subject, m.To, m.ReplyTo)
		}
	}
	if !strings.Contains(first.Text, "Der Export bleibt bei 50 % stehen.") || !strings.Contains(first.Text, "Die Diagnosedaten sind angehängt") {
		t.Errorf("text %q", first.Text)
	}
	if len(first.Attachments) != 1 || first.Attachments[0].Name != "diagnose.txt" {
		t.Fatalf("attachments %+v, want diagnose.txt", first.Attachments)
	}
	diag := first.Attachments[0].Content
	for _, want := range []string{"App version: 0.1.0+abc", "Operating system: linux/amd64", "Server: " + e.Server.URL,
		"Recent error IDs: req-1, req-2", "Server version: "} {
		if !strings.Contains(diag, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, diag)
		}
	}
	if strings.Contains(diag, apptest.FieldRepNord) || strings.Contains(diag, "Jonas") {
		t.Errorf("the diagnostics carry personal data:\n%s", diag)
	}
	if len(second.Attachments) != 0 || !strings.Contains(second.Text, "Ohne Diagnosedaten") {
		t.Errorf("a request without consent carries diagnostics: %+v\n%s", second.Attachments, second.Text)
	}
}

// Tenant A's requests go to A's address, B's to B's, in each tenant's language.
func TestSupportRequestStaysInItsTenant(t *testing.T) {
	e := startSupport(t)
	e.setSupport(apptest.Admin, "support@nordlicht.example", api.LanguageDE)
	e.setSupport(apptest.OtherAdmin, "help@andere-firma.example", api.LanguageEN)
	if resp := e.send(e.Token(apptest.InsideSales), api.SupportRequest{Text: "A"}); resp.Status != http.StatusCreated {
		t.Fatalf("A: %d %s", resp.Status, resp.Body)
	}
	if resp := e.send(e.Token(apptest.OtherAdmin), api.SupportRequest{Text: "B"}); resp.Status != http.StatusCreated {
		t.Fatalf("B: %d %s", resp.Status, resp.Body)
	}
	msgs := e.deliver()
	if len(msgs) != 2 {
		t.Fatalf("%d mails, want 2", len(msgs))
	}
	for _, m := range msgs {
		switch {
		case strings.Contains(m.ReplyTo, apptest.InsideSales):
			if m.To[0] != "support@nordlicht.example" || !strings.HasPrefix(m.Subject, "Supportanfrage") {
				t.Errorf("tenant A's request went to %v as %q", m.To, m.Subject)
			}
		case strings.Contains(m.ReplyTo, apptest.OtherAdmin):
			if m.To[0] != "help@andere-firma.example" || !strings.HasPrefix(m.Subject, "Support request") {
				t.Errorf("tenant B's request went to %v as %q", m.To, m.Subject)
			}
		default:
			t.Errorf("unexpected mail from %q to %v", m.ReplyTo, m.To)
		}
	}
}

func TestSupportRequestRefusesBadInput(t *testing.T) {
	e := startSupport(t)
	e.setSupport(apptest.Admin, "support@nordlicht.example", api.LanguageDE)
	rep := e.Token(apptest.FieldRepSued)
	ids := make([]string, api.SupportErrorIDsMax+1)
	for i := range ids {
		ids[i] = "req"
	}
	for _, tc := range []struct {
		name   string
		body   any
		status int
		field  string
		code   api.FieldCode
	}{
		{"no text", api.SupportRequest{Subject: "Nur Betreff"}, 422, "text", api.FieldRequired},
		{"blank text", api.SupportRequest{Text: " \n\t "}, 422, "text", api.FieldRequired},
		{"text too long", api.SupportRequest{Text: strings.Repeat("x", api.SupportTextMax+1)}, 422, "text", api.FieldTooLong},
		{"subject too long", api.SupportRequest{Subject: strings.Repeat("x", api.SupportSubjectMax+1), Text: "t"}, 422, "subject", api.FieldTooLong},
		{"too many error ids", api.SupportRequest{Text: "t", Diagnostics: &api.SupportDiagnostics{ErrorIDs: ids}}, 422, "diagnostics.errorIds", api.FieldTooLarge},
		{"long os", api.SupportRequest{Text: "t", Diagnostics: &api.SupportDiagnostics{OS: strings.Repeat("l", 101)}}, 422, "diagnostics.os", api.FieldTooLong},
		{"10 MB attachment", api.SupportRequest{Text: "t", Diagnostics: &api.SupportDiagnostics{AppVersion: strings.Repeat("A", 10<<20)}}, 413, "", ""},
		{"not JSON", "{", 400, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := e.send(rep, tc.body)
			if resp.Status != tc.status {
				t.Fatalf("%d %.300s, want %d", resp.Status, resp.Body, tc.status)
			}
			if tc.field != "" {
				if got := resp.Error(t).Fields[tc.field]; got != tc.code {
					t.Errorf("fields %v, want %s: %s", resp.Error(t).Fields, tc.field, tc.code)
				}
			}
		})
	}
	if msgs := e.deliver(); len(msgs) != 0 {
		t.Errorf("%d mails went out for refused requests", len(msgs))
	}
}

func TestTenantSettingsAreAdminsAndChecked(t *testing.T) {
	e := startSupport(t)
	admin := e.Token(apptest.Admin)
	put := func(token string, in any) *apptest.Response {
		return e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/tenant/settings", Token: token, Body: in})
	}
	if resp := put(e.Token(apptest.Manager), api.TenantSettingsInput{Language: api.LanguageDE, SupportEmail: "x@y.de"}); resp.Status != http.StatusForbidden {
		t.Errorf("a manager set the tenant settings: %d", resp.Status)
	}
	for _, tc := range []struct {
		in    api.TenantSettingsInput
		field string
		code  api.FieldCode
	}{
		{api.TenantSettingsInput{Language: api.LanguageDE, SupportEmail: "kein-at"}, "supportEmail", api.FieldInvalid},
		{api.TenantSettingsInput{Language: api.LanguageDE, SupportEmail: "Support <s@n.de>"}, "supportEmail", api.FieldInvalid},
		{api.TenantSettingsInput{Language: api.LanguageDE, SupportEmail: strings.Repeat("a", 250) + "@n.de"}, "supportEmail", api.FieldTooLong},
		{api.TenantSettingsInput{Language: "fr", SupportEmail: "s@n.de"}, "language", api.FieldInvalid},
	} {
		resp := put(admin, tc.in)
		if resp.Status != http.StatusUnprocessableEntity || resp.Error(t).Fields[tc.field] != tc.code {
			t.Errorf("%+v: %d %s, want 422 %s: %s", tc.in, resp.Status, resp.Body, tc.field, tc.code)
		}
	}
	var s api.TenantSettings
	resp := put(admin, api.TenantSettingsInput{Language: api.LanguageEN, SupportEmail: "  support@nordlicht.example "})
	resp.Decode(t, &s)
	if resp.Status != http.StatusOK || s.SupportEmail != "support@nordlicht.example" || s.Language != api.LanguageEN || s.Version != 1 {
		t.Fatalf("saved: %d %+v", resp.Status, s)
	}
	put(admin, api.TenantSettingsInput{Language: api.LanguageDE}).Decode(t, &s)
	if s.SupportEmail != "" || s.Version != 2 {
		t.Fatalf("cleared: %+v", s)
	}
	var other api.TenantSettings
	e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/tenant/settings", Token: e.Token(apptest.OtherAdmin)}).Decode(t, &other)
	if other.Version != 0 || other.SupportEmail != "" {
		t.Errorf("another tenant sees %+v", other)
	}
}

func TestSupportRequestsAreThrottledPerUser(t *testing.T) {
	e := startSupport(t)
	e.setSupport(apptest.Admin, "support@nordlicht.example", api.LanguageDE)
	rep := e.Token(apptest.FieldRepNord)
	for i := 0; i < api.SupportPerHour; i++ {
		if resp := e.send(rep, api.SupportRequest{Text: "Nochmal"}); resp.Status != http.StatusCreated {
			t.Fatalf("request %d: %d %s", i+1, resp.Status, resp.Body)
		}
	}
	resp := e.send(rep, api.SupportRequest{Text: "Zu viel"})
	if resp.Status != http.StatusTooManyRequests || resp.Error(t).Code != api.CodeRateLimited || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("request %d: %d %s (Retry-After %q), want 429", api.SupportPerHour+1, resp.Status, resp.Body, resp.Header.Get("Retry-After"))
	}
	if resp := e.send(e.Token(apptest.FieldRepSued), api.SupportRequest{Text: "Andere Person"}); resp.Status != http.StatusCreated {
		t.Fatalf("another user is throttled too: %d %s", resp.Status, resp.Body)
	}
	if msgs := e.deliver(); len(msgs) != api.SupportPerHour+1 {
		t.Errorf("%d mails, want %d", len(msgs), api.SupportPerHour+1)
	}
}

// An SMTP outage does not fail or slow the request: the mail waits in the queue and goes out afterwards.
func TestSupportRequestDuringAMailOutage(t *testing.T) {
	e := startSupport(t)
	e.setSupport(apptest.Admin, "support@nordlicht.example", api.LanguageDE)
	e.smtp.Stop()
	rep := e.Token(apptest.FieldRepNord)
	if resp := e.send(rep, api.SupportRequest{Text: "Während der Störung"}); resp.Status != http.StatusCreated {
		t.Fatalf("request during the outage: %d %s", resp.Status, resp.Body)
	}
	if msgs := e.deliver(); len(msgs) != 0 {
		t.Fatalf("%d mails arrived at a stopped server", len(msgs))
	}
	var attempts int
	var state string
	if err := e.DB.Owner.NewRaw("SELECT attempts, state FROM mail_queue").Scan(context.Background(), &attempts, &state); err != nil {
		t.Fatal(err)
	}
	// At least one attempt failed (with the test's backoff of a millisecond the worker may have tried again before
	// deliver saw nothing left to do), and the mail still waits.
	if attempts < 1 || state != "queued" {
		t.Fatalf("after failed attempts: %d attempts, %s", attempts, state)
	}
	if err := e.smtp.Restart(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	if msgs := e.deliver(); len(msgs) != 1 || !strings.Contains(msgs[0].Text, "Während der Störung") {
		t.Fatalf("after the outage: %+v", msgs)
	}
}
