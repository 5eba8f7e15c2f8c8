// Package mailtest is an SMTP server for tests (github.com/emersion/go-smtp): it receives into memory, can be
// stopped and started again on the same address to play an outage, and parses what it received (subject, plain
// text, HTML, attachments). The e2e harness runs it as a process (cmd/onesales-mailsink), reading messages over
// HTTP.
package mailtest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/mail"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Message is a received mail, parsed.
type Message struct {
	// From and To are the envelope's sender and recipients.
	From string   `json:"from"`
	To   []string `json:"to"`
	// Header fields, decoded.
	Subject  string `json:"subject"`
	HeadFrom string `json:"headFrom"`
	ReplyTo  string `json:"replyTo"`
	// Text and HTML are the bodies of the text/plain and text/html parts.
	Text        string       `json:"text"`
	HTML        string       `json:"html"`
	Attachments []Attachment `json:"attachments"`
	Header      mail.Header  `json:"-"`
	Raw         []byte       `json:"-"`
}

// Attachment is a received attachment.
type Attachment struct {
	Name        string `json:"name"`
	ContentType string `json:"contentType"`
	Content     string `json:"content"`
}

// Options of the server.
type Options struct {
	// Username and Password: when set, the server requires AUTH PLAIN with them (over the plain connection).
	Username, Password string
}

// Server is a running test SMTP server.
type Server struct {
	opts Options
	addr string
	mu   sync.Mutex
	srv  *smtp.Server
	ln   net.Listener
	msgs []Message
	// changed is closed and replaced when a message arrives.
	changed chan struct{}
}

// Start listens on addr ("127.0.0.1:0": a free port) and serves until Stop.
func Start(addr string, opts Options) (*Server, error) {
	s := &Server{opts: opts, changed: make(chan struct{})}
	if err := s.listen(addr); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Server) listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("mailtest: listen %s: %w", addr, err)
	}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }))
	srv.Domain = "mailtest.local"
	srv.AllowInsecureAuth = true
	srv.MaxMessageBytes = 30 << 20
	srv.ReadTimeout, srv.WriteTimeout = 30*time.Second, 30*time.Second
	s.mu.Lock()
	s.srv, s.ln, s.addr = srv, ln, ln.Addr().String()
	s.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
	return nil
}

// Addr is the server's address (host:port), the same after a restart.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// Port is the server's port.
func (s *Server) Port() int {
	_, p, _ := net.SplitHostPort(s.Addr())
	var n int
	_, _ = fmt.Sscan(p, &n)
	return n
}

// Stop closes the server: connections are refused until Restart.
func (s *Server) Stop() {
	s.mu.Lock()
	srv, ln := s.srv, s.ln
	s.srv, s.ln = nil, nil
	s.mu.Unlock()
	if srv != nil {
		// The listener too: Serve may not have registered it with the server yet.
		_ = ln.Close()
		_ = srv.Close()
	}
}

// Restart listens again on the same address after Stop.
func (s *Server) Restart() error { return s.listen(s.Addr()) }

// Messages returns what arrived so far, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Wait waits until n messages arrived in total or ctx ends, and returns the messages.
func (s *Server) Wait(ctx context.Context, n int) ([]Message, error) {
	for {
		s.mu.Lock()
		msgs, changed := append([]Message(nil), s.msgs...), s.changed
		s.mu.Unlock()
		if len(msgs) >= n {
			return msgs, nil
		}
		select {
		case <-ctx.Done():
			return msgs, fmt.Errorf("mailtest: %d of %d messages: %w", len(msgs), n, ctx.Err())
		case <-changed:
		}
	}
}

// Handler serves GET /messages: every message received so far, as JSON (the e2e tests read them).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /messages", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		msgs := s.Messages()
		if msgs == nil {
			msgs = []Message{}
		}
		_ = json.NewEncoder(w).Encode(msgs)
	})
	return mux
}

func (s *Server) add(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, m)
	close(s.changed)
	s.changed = make(chan struct{})
}

// session is one SMTP conversation.
type session struct {
	s      *Server
	authed bool
	from   string
	to     []string
}

func (c *session) AuthMechanisms() []string {
	if c.s.opts.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (c *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != c.s.opts.Username || pass != c.s.opts.Password {
			return errors.New("invalid credentials")
		}
		c.authed = true
		return nil
	}), nil
}

func (c *session) Mail(from string, _ *smtp.MailOptions) error {
	if c.s.opts.Username != "" && !c.authed {
		return smtp.ErrAuthRequired
	}
	c.from = from
	return nil
}

func (c *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	c.to = append(c.to, to)
	return nil
}

func (c *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := Parse(raw)
	if err != nil {
		return err
	}
	m.From, m.To = c.from, c.to
	c.s.add(m)
	return nil
}

func (c *session) Reset()        { c.from, c.to = "", nil }
func (c *session) Logout() error { return nil }

// Parse reads a mail as sent: its header fields and the parts of its MIME tree.
func Parse(raw []byte) (Message, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Message{}, fmt.Errorf("mailtest: parse: %w", err)
	}
	var dec mime.WordDecoder
	m := Message{Header: msg.Header, Raw: raw}
	m.Subject, _ = dec.DecodeHeader(msg.Header.Get("Subject"))
	m.HeadFrom, _ = dec.DecodeHeader(msg.Header.Get("From"))
	m.ReplyTo, _ = dec.DecodeHeader(msg.Header.Get("Reply-To"))
	err = m.walk(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), "", msg.Body)
	return m, err
}

func (m *Message) walk(contentType, encoding, disposition string, body io.Reader) error {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = "text/plain"
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return fmt.Errorf("mailtest: parse: %w", err)
			}
			if err := m.walk(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"),
				p.Header.Get("Content-Disposition"), p); err != nil {
				return err
			}
		}
	}
	data, err := decode(encoding, body)
	if err != nil {
		return err
	}
	d, dparams, _ := mime.ParseMediaType(disposition)
	switch {
	case d == "attachment" || dparams["filename"] != "":
		m.Attachments = append(m.Attachments, Attachment{Name: dparams["filename"], ContentType: mt, Content: string(data)})
	case mt == "text/html":
		m.HTML = strings.ReplaceAll(string(data), "\r\n", "\n")
	default:
		m.Text = strings.ReplaceAll(string(data), "\r\n", "\n")
	}
	return nil
}

func decode(encoding string, r io.Reader) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r) // it skips the line breaks
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("mailtest: decode %s: %w", encoding, err)
	}
	return b, nil
}
