package mail

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
)

// WorkerOptions tune the worker; the zero value gives the defaults.
type WorkerOptions struct {
	// Poll is the pause when no mail is due (2 s).
	Poll time.Duration
	// Lease is how long a claimed mail stays with this worker before another may take it (5 min; 1 s to 1 h, the
	// bounds mail_claim accepts). It must exceed the SMTP timeout.
	Lease time.Duration
	// Backoff is the wait before the second attempt after a failed one; it doubles with every attempt up to
	// MaxBackoff (30 s, 1 h).
	Backoff, MaxBackoff time.Duration
	// MaxAttempts ends the retries (200: with the defaults, more than a week of outage); the mail is then
	// "failed" and stays in the queue for an operator to look into. A server's permanent refusal (5xx) ends them
	// after PermanentAttempts (3).
	MaxAttempts, PermanentAttempts int
	// Batch is how many mails one claim takes (10; at most 100, as mail_claim accepts).
	Batch int
	// Timeout bounds the delivery of one mail (the SMTP connection's own timeout applies within it; 2 min).
	Timeout time.Duration
}

func (o WorkerOptions) withDefaults() WorkerOptions {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.Poll, 2*time.Second)
	def(&o.Lease, 5*time.Minute)
	def(&o.Backoff, 30*time.Second)
	def(&o.MaxBackoff, time.Hour)
	def(&o.Timeout, 2*time.Minute)
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 200
	}
	if o.PermanentAttempts <= 0 {
		o.PermanentAttempts = 3
	}
	if o.Batch <= 0 {
		o.Batch = 10
	}
	o.Batch = min(o.Batch, 100)
	o.Lease = min(max(o.Lease, time.Second), time.Hour)
	return o
}

// Worker works off the mail queue. Every backend instance may run one; they share the queue through PostgreSQL.
type Worker struct {
	db   *bun.DB
	send Sender
	o    WorkerOptions
	log  *slog.Logger
	wake chan struct{}
}

// NewWorker builds a worker on the application's pool that delivers through send.
func NewWorker(pool *bun.DB, send Sender, o WorkerOptions, log *slog.Logger) *Worker {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Worker{db: pool, send: send, o: o.withDefaults(), log: log, wake: make(chan struct{}, 1)}
}

// Wake makes a waiting Run look at the queue now (a mail was just queued in this instance); it never blocks.
func (w *Worker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run works until ctx ends: due mails, then a pause (Poll, or until Wake).
func (w *Worker) Run(ctx context.Context) {
	db.Poll(ctx, w.o.Poll, w.wake, w.Step, func(err error) { w.log.Warn("mail worker", "err", err) })
}

// claim is a mail the worker took from the queue (mail_claim).
type claim struct {
	ID       uuid.UUID `bun:"id"`
	TenantID uuid.UUID `bun:"tenant_id"`
	Attempts int       `bun:"attempts"`
}

// Step claims due mails and tries to deliver each once; it returns how many it claimed. A failed delivery is not
// an error of Step: the mail is scheduled again (or given up) and the next one tried.
func (w *Worker) Step(ctx context.Context) (int, error) {
	return db.WorkClaimed(ctx, w.db, w.deliver, "mail_claim", w.o.Batch, w.o.Lease.Seconds())
}

// deliver loads, renders and sends one claimed mail and records the outcome.
func (w *Worker) deliver(ctx context.Context, j claim) error {
	var row queued
	var atts []attachment
	err := db.InTenant(ctx, w.db, j.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if err := tx.NewSelect().Model(&row).Where("id = ?", j.ID).Scan(ctx); err != nil {
			return err
		}
		return tx.NewSelect().Model(&atts).Where("mail_id = ?", j.ID).Order("position").Scan(ctx)
	})
	if err != nil {
		return fmt.Errorf("mail: load %s: %w", j.ID, err) // the lease ends and another attempt follows
	}
	started := time.Now()
	r, err := templates.render(row.Template, row.Language, row.Data)
	if err != nil {
		// Enqueue rendered it, so only a template changed since (a new release) gets here: not worth retrying.
		w.log.Error("mail cannot be rendered", "mail", j.ID, "template", row.Template, "err", err)
		return w.record(ctx, j, "failed", "render", 0)
	}
	out := Outgoing{ID: j.ID.String(), To: row.Recipient, Rendered: r}
	if row.ReplyTo != nil {
		out.ReplyTo = *row.ReplyTo
	}
	for _, a := range atts {
		out.Attachments = append(out.Attachments, Attachment{Name: a.Name, ContentType: a.ContentType, Content: a.Content})
	}
	sendCtx, cancel := context.WithTimeout(ctx, w.o.Timeout)
	err = w.send.Send(sendCtx, out)
	cancel()
	if err == nil {
		w.log.Info("mail sent", "mail", j.ID, "template", row.Template, "attempt", j.Attempts,
			"ms", time.Since(started).Milliseconds())
		return w.record(ctx, j, "sent", "", 0)
	}
	if ctx.Err() != nil {
		return nil // shutting down: the lease ends and another instance tries again
	}
	code, permanent := codeOf(err)
	if j.Attempts >= w.o.MaxAttempts || permanent && j.Attempts >= w.o.PermanentAttempts {
		w.log.Error("mail given up", "mail", j.ID, "template", row.Template, "attempt", j.Attempts, "code", code)
		return w.record(ctx, j, "failed", code, 0)
	}
	wait := db.Backoff(w.o.Backoff, w.o.MaxBackoff, j.Attempts)
	w.log.Warn("mail delayed", "mail", j.ID, "template", row.Template, "attempt", j.Attempts, "code", code,
		"in", wait.String())
	return w.record(ctx, j, "queued", code, wait)
}

// record stores the outcome of an attempt: sent, failed for good, or queued again after wait.
func (w *Worker) record(ctx context.Context, j claim, state, code string, wait time.Duration) error {
	var lastError *string
	if code != "" {
		lastError = &code
	}
	return db.InTenant(ctx, w.db, j.TenantID, func(ctx context.Context, tx bun.Tx) error {
		q := tx.NewUpdate().Table("mail_queue").Set("state = ?, last_error = ?", state, lastError).Where("id = ?", j.ID)
		if state != "queued" {
			q = q.Set("data = data - ?", LinkKey) // the link's token is a credential: kept no longer than needed
		}
		switch state {
		case "sent":
			q = q.Set("sent_at = now()")
		case "queued":
			q = q.Set("next_attempt_at = clock_timestamp() + make_interval(secs => ?)", wait.Seconds())
		}
		if _, err := q.Exec(ctx); err != nil {
			return fmt.Errorf("mail: record %s of %s: %w", state, j.ID, err)
		}
		return nil
	})
}
