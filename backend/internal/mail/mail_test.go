package mail_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/mail"
	"github.com/1sales/app/backend/internal/mail/mailtest"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// env is a migrated database with the demo tenant and a test SMTP server.
type env struct {
	t      *testing.T
	d      *testdb.DB
	smtp   *mailtest.Server
	tenant uuid.UUID
	user   uuid.UUID
}

func newEnv(t *testing.T, opts mailtest.Options) *env {
	t.Helper()
	d := testdb.New(t)
	prov, err := seed.Provision(context.Background(), d.Owner, seed.DemoTenant())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := mailtest.Start("127.0.0.1:0", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	return &env{t: t, d: d, smtp: srv, tenant: prov.TenantID, user: prov.Users[seed.DemoTenant().Users[0].Email]}
}

// smtpConfig points at the test server, unencrypted; user and password when it requires them.
func (e *env) smtpConfig(user, password string) config.Mail {
	return config.Mail{Host: "127.0.0.1", Port: e.smtp.Port(), Security: config.SMTPNone, Username: user, Password: password,
		From: "crm@nordlicht.example", FromName: "1sales Nordlicht", Timeout: 5 * time.Second}
}

func (e *env) worker(cfg config.Mail) *mail.Worker {
	// A backoff of a few milliseconds, so that the retries are due at once.
	return mail.NewWorker(e.d.App, mail.NewSMTP(cfg), mail.WorkerOptions{Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}, nil)
}

func (e *env) enqueue(m mail.Message) uuid.UUID {
	e.t.Helper()
	var id uuid.UUID
	err := db.InTenant(context.Background(), e.d.App, e.tenant, func(ctx context.Context, tx bun.Tx) error {
		var err error
		id, err = mail.Enqueue(ctx, tx, e.tenant, m)
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// row is a queue row as the owner sees it.
type row struct {
	State     string     `bun:"state"`
	Attempts  int        `bun:"attempts"`
	LastError *string    `bun:"last_error"`
	SentAt    *time.Time `bun:"sent_at"`
}

func (e *env) row(id uuid.UUID) row {
	e.t.Helper()
	var r row
	if err := e.d.Owner.NewRaw("SELECT state, attempts, last_error, sent_at FROM mail_queue WHERE id = ?", id).Scan(context.Background(), &r); err != nil {
		e.t.Fatal(err)
	}
	return r
}

func (e *env) step(w *mail.Worker) int {
	e.t.Helper()
	n, err := w.Step(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func supportMessage(lang api.Language) mail.Message {
	return mail.Message{Template: mail.TemplateSupportRequest, Language: lang, To: "support@nordlicht.example",
		ReplyTo: "claudia.becker@nordlicht.example",
		Data: map[string]any{"tenantName": "Nordlicht Bürotechnik GmbH", "userName": "Claudia Becker",
			"userEmail": "claudia.becker@nordlicht.example", "subject": "Export hängt", "text": "Der Export <b>bleibt</b> stehen.\nZweite Zeile.",
			"diagnostics": true},
		Attachments: []mail.Attachment{{Name: "diagnose.txt", ContentType: "text/plain; charset=utf-8", Content: []byte("App: 1.2.3\n")}}}
}

func TestQueuedMailIsDeliveredInItsLanguage(t *testing.T) {
	e := newEnv(t, mailtest.Options{})
	w := e.worker(e.smtpConfig("", ""))
	de := e.enqueue(supportMessage(api.LanguageDE))
	en := e.enqueue(supportMessage(api.LanguageEN))
	if n := e.step(w); n != 2 {
		t.Fatalf("claimed %d mails, want 2", n)
	}
	msgs := e.smtp.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d messages arrived, want 2", len(msgs))
	}
	want := map[string]struct{ text, html, attachment string }{
		"Supportanfrage von Claudia Becker: Export hängt": {"Claudia Becker <claudia.becker@nordlicht.example> (Nordlicht Bürotechnik GmbH) bittet um Hilfe",
			`<html lang="de">`, "Die Diagnosedaten sind angehängt"},
		"Support request from Claudia Becker: Export hängt": {"(Nordlicht Bürotechnik GmbH) asks for help", `<html lang="en">`,
			"The diagnostics are attached"},
	}
	for _, m := range msgs {
		w, ok := want[m.Subject]
		if !ok {
			t.Errorf("unexpected subject %q", m.Subject)
			continue
		}
		delete(want, m.Subject)
		if !strings.Contains(m.Text, w.text) || !strings.Contains(m.Text, "Der Export <b>bleibt</b> stehen.\nZweite Zeile.") {
			t.Errorf("%s: text %q", m.Subject, m.Text)
		}
		if !strings.Contains(m.HTML, w.html) || !strings.Contains(m.HTML, "Der Export &lt;b&gt;bleibt&lt;/b&gt; stehen.") {
			t.Errorf("%s: HTML not in its language or not escaped: %q", m.Subject, m.HTML)
		}
		if !strings.Contains(m.Text, w.attachment) || !strings.Contains(m.HTML, w.attachment) {
			t.Errorf("%s: the bodies do not say that the diagnostics are attached", m.Subject)
		}
		if len(m.To) != 1 || m.To[0] != "support@nordlicht.example" || m.From != "crm@nordlicht.example" {
			t.Errorf("%s: envelope %s -> %v", m.Subject, m.From, m.To)
		}
		if m.ReplyTo != "<claudia.becker@nordlicht.example>" && m.ReplyTo != "claudia.becker@nordlicht.example" {
			t.Errorf("%s: Reply-To %q", m.Subject, m.ReplyTo)
		}
		if !strings.Contains(m.HeadFrom, "1sales Nordlicht") {
			t.Errorf("%s: From %q", m.Subject, m.HeadFrom)
		}
		if len(m.Attachments) != 1 || m.Attachments[0].Name != "diagnose.txt" || m.Attachments[0].Content != "App: 1.2.3\n" {
			t.Errorf("%s: attachments %+v", m.Subject, m.Attachments)
		}
	}
	for _, id := range []uuid.UUID{de, en} {
		if r := e.row(id); r.State != "sent" || r.Attempts != 1 || r.SentAt == nil || r.LastError != nil {
			t.Errorf("mail %s: %+v, want sent after one attempt", id, r)
		}
	}
	if n := e.step(w); n != 0 || len(e.smtp.Messages()) != 2 {
		t.Errorf("a sent mail was claimed again (%d) or sent twice (%d)", n, len(e.smtp.Messages()))
	}
}

func TestMailTakesTheTenantLanguage(t *testing.T) {
	e := newEnv(t, mailtest.Options{})
	if _, err := e.d.Owner.NewRaw("INSERT INTO tenant_settings (tenant_id, language) VALUES (?, 'en')", e.tenant).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.enqueue(supportMessage(""))
	e.step(e.worker(e.smtpConfig("", "")))
	msgs := e.smtp.Messages()
	if len(msgs) != 1 || !strings.HasPrefix(msgs[0].Subject, "Support request from") {
		t.Fatalf("messages %+v, want one in English", msgs)
	}
}

// An SMTP outage delays mail: each attempt is counted and scheduled later, nothing is lost, and the mail goes out
// once the server is back.
func TestMailOutageDelaysAndNeverLosesMail(t *testing.T) {
	e := newEnv(t, mailtest.Options{})
	w := e.worker(e.smtpConfig("", ""))
	e.smtp.Stop()
	start := time.Now()
	id := e.enqueue(supportMessage(api.LanguageDE))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("queueing during the outage took %s", d)
	}
	for attempt := 1; attempt <= 3; attempt++ {
		time.Sleep(20 * time.Millisecond) // the backoff (ms) is over
		if n := e.step(w); n != 1 {
			t.Fatalf("attempt %d: claimed %d", attempt, n)
		}
		r := e.row(id)
		if r.State != "queued" || r.Attempts != attempt || r.LastError == nil || *r.LastError != "connect" {
			t.Fatalf("attempt %d during the outage: %+v, want queued with the attempt counted and last_error connect", attempt, r)
		}
	}
	if err := e.smtp.Restart(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	e.step(w)
	if r := e.row(id); r.State != "sent" || r.Attempts != 4 || r.LastError != nil {
		t.Fatalf("after the outage: %+v, want sent at the 4th attempt", r)
	}
	if msgs := e.smtp.Messages(); len(msgs) != 1 || !strings.HasPrefix(msgs[0].Subject, "Supportanfrage") {
		t.Fatalf("messages after the outage: %+v", msgs)
	}
}

// The backoff doubles: a mail that failed is not tried again before its time.
func TestFailedMailWaitsForItsBackoff(t *testing.T) {
	e := newEnv(t, mailtest.Options{})
	e.smtp.Stop()
	w := mail.NewWorker(e.d.App, mail.NewSMTP(e.smtpConfig("", "")), mail.WorkerOptions{Backoff: time.Hour}, nil)
	id := e.enqueue(supportMessage(api.LanguageDE))
	e.step(w)
	if n := e.step(w); n != 0 {
		t.Fatalf("a mail that just failed was claimed again (%d)", n)
	}
	var wait float64
	if err := e.d.Owner.NewRaw("SELECT extract(epoch FROM next_attempt_at - now()) FROM mail_queue WHERE id = ?", id).Scan(context.Background(), &wait); err != nil {
		t.Fatal(err)
	}
	if wait < 3500 || wait > 3700 {
		t.Errorf("next attempt in %.0f s, want about an hour", wait)
	}
}

func TestMailSignsInToTheServer(t *testing.T) {
	e := newEnv(t, mailtest.Options{Username: "crm", Password: "s3cret"})
	id := e.enqueue(supportMessage(api.LanguageDE))
	e.step(e.worker(e.smtpConfig("crm", "wrong")))
	if r := e.row(id); r.State != "queued" || r.LastError == nil || *r.LastError != "auth" {
		t.Fatalf("with a wrong password: %+v, want queued with last_error auth", r)
	}
	time.Sleep(20 * time.Millisecond)
	e.step(e.worker(e.smtpConfig("crm", "s3cret")))
	if r := e.row(id); r.State != "sent" {
		t.Fatalf("with the right password: %+v, want sent", r)
	}
}

// Several workers (backend instances) share the queue: every mail goes out exactly once.
func TestWorkersShareTheQueue(t *testing.T) {
	e := newEnv(t, mailtest.Options{})
	const n = 30
	for i := 0; i < n; i++ {
		m := supportMessage(api.LanguageDE)
		m.Data["subject"] = fmt.Sprintf("Nr. %d", i)
		m.Attachments = nil
		e.enqueue(m)
	}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		w := mail.NewWorker(e.d.App, mail.NewSMTP(e.smtpConfig("", "")), mail.WorkerOptions{Batch: 4}, nil)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k, err := w.Step(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				if k == 0 {
					return
				}
			}
		}()
	}
	wg.Wait()
	seen := map[string]int{}
	for _, m := range e.smtp.Messages() {
		seen[m.Subject]++
	}
	if len(seen) != n {
		t.Errorf("%d different mails arrived, want %d", len(seen), n)
	}
	for s, k := range seen {
		if k != 1 {
			t.Errorf("%q arrived %d times", s, k)
		}
	}
}

func TestEnqueueRefusesWhatCannotBeSent(t *testing.T) {
	e := newEnv(t, mailtest.Options{})
	for name, change := range map[string]func(*mail.Message){
		"bad recipient":       func(m *mail.Message) { m.To = "not an address" },
		"recipient with name": func(m *mail.Message) { m.To = "Support <support@nordlicht.example>" },
		"header injection":    func(m *mail.Message) { m.ReplyTo = "a@b.de\r\nBcc: x@y.de" },
		"unknown template":    func(m *mail.Message) { m.Template = "nope" },
		"missing data":        func(m *mail.Message) { delete(m.Data, "text") },
		"too large":           func(m *mail.Message) { m.Attachments[0].Content = make([]byte, mail.MaxAttachmentBytes+1) },
	} {
		t.Run(name, func(t *testing.T) {
			m := supportMessage(api.LanguageDE)
			change(&m)
			err := db.InTenant(context.Background(), e.d.App, e.tenant, func(ctx context.Context, tx bun.Tx) error {
				_, err := mail.Enqueue(ctx, tx, e.tenant, m)
				return err
			})
			if err == nil {
				t.Fatal("queued")
			}
		})
	}
	var n int
	if err := e.d.Owner.NewRaw("SELECT count(*) FROM mail_queue").Scan(context.Background(), &n); err != nil || n != 0 {
		t.Fatalf("%d mails queued (%v), want none", n, err)
	}
}

// Row-level security: a tenant's transaction sees only its own mails.
func TestMailQueueIsTenantScoped(t *testing.T) {
	e := newEnv(t, mailtest.Options{})
	e.enqueue(supportMessage(api.LanguageDE))
	other, err := seed.Provision(context.Background(), e.d.Owner, seed.TenantSpec{Name: "Andere GmbH", Plan: api.PlanBasic})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	err = db.InTenant(context.Background(), e.d.App, other.TenantID, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewRaw("SELECT (SELECT count(*) FROM mail_queue) + (SELECT count(*) FROM mail_attachments)").Scan(ctx, &n)
	})
	if err != nil || n != 0 {
		t.Fatalf("another tenant sees %d rows (%v)", n, err)
	}
}
