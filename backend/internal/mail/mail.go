// Package mail sends the backend's e-mail. A feature queues a mail by the name of its template, in the caller's
// tenant transaction (Enqueue), so that the mail goes out exactly when the change that causes it commits; the
// worker of any backend instance claims due mails from the queue in PostgreSQL (mail_claim: FOR UPDATE SKIP
// LOCKED, with a lease), renders them in the tenant's language (German or English, plain text and a simple HTML
// part, from the embedded templates) and sends them over SMTP, retrying with exponential backoff. An outage of the
// mail server therefore delays mail, and never loses it or blocks a request. Logs and the queue's last_error carry
// codes and ids only, never an address or a server's text.
package mail

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/tenant"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Template names a mail's templates: templates/<name>.<language>.txt (the subject and the plain text) and
// templates/<name>.<language>.html (the HTML part), in German and English.
type Template string

// The templates.
const (
	// TemplateSupportRequest: a user's support request to the tenant's support address. Data: tenantName,
	// userName, userEmail, subject (may be ""), text, diagnostics (bool: the diagnostics are attached).
	TemplateSupportRequest Template = "support_request"
	// TemplateInvitation: an invitation to a company. Data: tenantName, inviterName ("" when the operator
	// invites a new company's first admin), name (the invitee's), link, days (how long the link is valid).
	TemplateInvitation Template = "invitation"
	// TemplatePasswordReset: a link to set a new password. Data: name, link, minutes (how long it is valid).
	TemplatePasswordReset Template = "password_reset"
)

// LinkKey is the key of a mail's Data that holds a link with a credential in it (an invitation's, a password
// reset's token): the queue keeps it only until the mail is sent or has failed for good.
const LinkKey = "link"

// Bounds of a mail's attachments (the queue's rows hold them).
const (
	MaxAttachments     = 5
	MaxAttachmentBytes = 2 << 20
)

// Attachment is a file sent with a mail.
type Attachment struct {
	Name        string
	ContentType string
	Content     []byte
}

// Message is a mail to queue.
type Message struct {
	Template Template
	// Language of the mail; "": the tenant's (tenant settings, German by default).
	Language api.Language
	// To is the recipient's address, ReplyTo where answers go ("": to the sender).
	To, ReplyTo string
	// Data fills the template; it is stored as JSON, so only what JSON keeps (strings, numbers, booleans, lists,
	// maps) is seen by the template.
	Data map[string]any
	// CreatedBy is the user whose action queued the mail (uuid.Nil: the system); throttles count by it.
	CreatedBy   uuid.UUID
	Attachments []Attachment
}

// queued is a row of mail_queue.
type queued struct {
	bun.BaseModel `bun:"table:mail_queue"`
	ID            uuid.UUID      `bun:"id,pk,nullzero"`
	TenantID      uuid.UUID      `bun:"tenant_id"`
	Template      Template       `bun:"template"`
	Language      api.Language   `bun:"language"`
	Recipient     string         `bun:"recipient"`
	ReplyTo       *string        `bun:"reply_to"`
	Data          map[string]any `bun:"data,type:jsonb"`
	CreatedBy     *uuid.UUID     `bun:"created_by"`
}

// attachment is a row of mail_attachments.
type attachment struct {
	bun.BaseModel `bun:"table:mail_attachments"`
	TenantID      uuid.UUID `bun:"tenant_id"`
	MailID        uuid.UUID `bun:"mail_id"`
	Position      int       `bun:"position"`
	Name          string    `bun:"name"`
	ContentType   string    `bun:"content_type"`
	Content       []byte    `bun:"content"`
}

// Enqueue queues m in tx, the caller's transaction of tenant tenantID, and returns the mail's ID. It renders the
// mail once to refuse a message its template cannot be filled with (a programming error), so that the worker never
// meets one. The mail is sent after tx commits; if tx rolls back, it is not.
func Enqueue(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, m Message) (uuid.UUID, error) {
	if m.Language == "" {
		s, err := tenant.LoadSettings(ctx, tx, tenantID)
		if err != nil {
			return uuid.Nil, err
		}
		m.Language = s.Language
	}
	if err := m.check(); err != nil {
		return uuid.Nil, fmt.Errorf("mail: enqueue %s: %w", m.Template, err)
	}
	// The template sees the data as the worker will: through JSON.
	raw, err := json.Marshal(m.Data)
	if err != nil {
		return uuid.Nil, fmt.Errorf("mail: enqueue %s: data: %w", m.Template, err)
	}
	data := map[string]any{}
	if err := json.Unmarshal(raw, &data); err != nil {
		return uuid.Nil, fmt.Errorf("mail: enqueue %s: data: %w", m.Template, err)
	}
	if _, err := templates.render(m.Template, m.Language, data); err != nil {
		return uuid.Nil, fmt.Errorf("mail: enqueue: %w", err)
	}
	row := &queued{TenantID: tenantID, Template: m.Template, Language: m.Language, Recipient: m.To, Data: data}
	if m.ReplyTo != "" {
		row.ReplyTo = &m.ReplyTo
	}
	if m.CreatedBy != uuid.Nil {
		row.CreatedBy = &m.CreatedBy
	}
	if _, err := tx.NewInsert().Model(row).Returning("id").Exec(ctx); err != nil {
		return uuid.Nil, fmt.Errorf("mail: enqueue %s: %w", m.Template, err)
	}
	for i, a := range m.Attachments {
		_, err := tx.NewInsert().Model(&attachment{TenantID: tenantID, MailID: row.ID, Position: i, Name: a.Name,
			ContentType: a.ContentType, Content: a.Content}).Exec(ctx)
		if err != nil {
			return uuid.Nil, fmt.Errorf("mail: enqueue %s: attachment: %w", m.Template, err)
		}
	}
	return row.ID, nil
}

// check refuses what the queue's constraints would (with a clearer error) and what SMTP cannot carry.
func (m Message) check() error {
	if !ValidAddress(m.To) {
		return fmt.Errorf("invalid recipient")
	}
	if m.ReplyTo != "" && !ValidAddress(m.ReplyTo) {
		return fmt.Errorf("invalid reply-to")
	}
	if !templates.has(m.Template, m.Language) {
		return fmt.Errorf("no template %s in %q", m.Template, m.Language)
	}
	if len(m.Attachments) > MaxAttachments {
		return fmt.Errorf("%d attachments, at most %d", len(m.Attachments), MaxAttachments)
	}
	for _, a := range m.Attachments {
		if len(a.Content) > MaxAttachmentBytes || a.Name == "" || len(a.Name) > 200 || !strings.Contains(a.ContentType, "/") {
			return fmt.Errorf("attachment %q: empty name, no content type or over %d bytes", a.Name, MaxAttachmentBytes)
		}
	}
	return nil
}

// ValidAddress accepts a bare e-mail address (name@domain.tld, no display name, at most 254 characters): the
// form of every address the backend sends to.
func ValidAddress(s string) bool { return s != "" && validate.Email(s) == s }
