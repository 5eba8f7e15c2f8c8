package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"

	gomail "github.com/wneessen/go-mail"

	"github.com/1sales/app/backend/internal/config"
)

// Outgoing is a rendered mail as a Sender sends it.
type Outgoing struct {
	// ID is the queue's ID of the mail (sent as the header X-1sales-Mail-ID).
	ID          string
	To, ReplyTo string
	Rendered
	Attachments []Attachment
}

// Sender delivers a mail to a mail server. The worker sends through it; SMTP is the real one.
type Sender interface {
	Send(ctx context.Context, m Outgoing) error
}

// SMTP sends through the configured SMTP server, one connection per batch of the worker.
type SMTP struct{ cfg config.Mail }

// NewSMTP builds the sender; config.Load checked the settings.
func NewSMTP(cfg config.Mail) *SMTP { return &SMTP{cfg: cfg} }

// Send sends m: a multipart/alternative message (plain text and HTML) from the configured sender, with its
// attachments.
func (s *SMTP) Send(ctx context.Context, m Outgoing) error {
	msg := gomail.NewMsg()
	if err := msg.FromFormat(s.cfg.FromName, s.cfg.From); err != nil {
		return &sendError{code: "sender_invalid", permanent: true, err: err}
	}
	if err := msg.To(m.To); err != nil {
		return &sendError{code: "recipient_invalid", permanent: true, err: err}
	}
	if m.ReplyTo != "" {
		if err := msg.ReplyTo(m.ReplyTo); err != nil {
			return &sendError{code: "recipient_invalid", permanent: true, err: err}
		}
	}
	msg.Subject(m.Subject)
	msg.SetMessageID()
	msg.SetGenHeader("X-1sales-Mail-ID", m.ID)
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	for _, a := range m.Attachments {
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Content), gomail.WithFileContentType(gomail.ContentType(a.ContentType))); err != nil {
			return &sendError{code: "attachment", permanent: true, err: err}
		}
	}
	opts := []gomail.Option{gomail.WithTimeout(s.cfg.Timeout)}
	switch s.cfg.Security {
	case config.SMTPTLS:
		opts = append(opts, gomail.WithSSL())
	case config.SMTPNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	opts = append(opts, gomail.WithPort(s.cfg.Port))
	if s.cfg.Username != "" {
		auth := gomail.SMTPAuthAutoDiscover
		if s.cfg.Security == config.SMTPNone {
			// The operator chose an unencrypted connection (a relay in a private network): the credentials go over
			// it as they are.
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return &sendError{code: "config", err: err}
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return classify(err)
	}
	return nil
}

// sendError is a failed delivery with the short code the queue keeps (never the server's text, which may quote an
// address) and whether the server refused for good (a 5xx reply).
type sendError struct {
	code      string
	permanent bool
	err       error
}

func (e *sendError) Error() string { return e.code + ": " + e.err.Error() }
func (e *sendError) Unwrap() error { return e.err }

// codeOf is the short code of a send error for the queue and the log ("smtp" when it is not known).
func codeOf(err error) (code string, permanent bool) {
	var se *sendError
	if errors.As(err, &se) {
		return se.code, se.permanent
	}
	return classify(err).code, false
}

// classify names what went wrong with a delivery.
func classify(err error) *sendError {
	out := &sendError{code: "smtp", err: err}
	var send *gomail.SendError
	var netErr net.Error
	var opErr *net.OpError
	var tlsErr *tls.RecordHeaderError
	var certErr *tls.CertificateVerificationError
	switch {
	case errors.Is(err, context.Canceled):
		out.code = "cancelled"
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		out.code = "timeout"
	case errors.As(err, &tlsErr) || errors.As(err, &certErr) || strings.Contains(err.Error(), "STARTTLS"):
		out.code = "tls"
	case errors.As(err, &send):
		out.permanent = !send.IsTemp() && send.ErrorCode() >= 500
		switch send.Reason {
		case gomail.ErrSMTPMailFrom:
			out.code = "sender_refused"
		case gomail.ErrSMTPRcptTo:
			out.code = "recipient_refused"
		case gomail.ErrSMTPData, gomail.ErrSMTPDataClose:
			out.code = "data_refused"
		case gomail.ErrConnCheck, gomail.ErrSMTPReset:
			out.code = "connection"
		default:
			out.code = "send"
		}
	case errors.As(err, &opErr):
		out.code = "connect"
	case strings.Contains(strings.ToLower(err.Error()), "auth"):
		out.code = "auth"
	}
	return out
}

// String describes the configuration for the log: server and security, no credentials.
func (s *SMTP) String() string {
	return fmt.Sprintf("%s:%d (%s)", s.cfg.Host, s.cfg.Port, s.cfg.Security)
}
