// Package support sends a user's support request to the support address the tenant's admins configured (tenant
// settings), as a queued mail with the user's address as Reply-To and, when the user agreed, the diagnostics the
// desktop collected (versions, operating system, server, recent error numbers: no personal data) as an attachment.
package support

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/buildinfo"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/mail"
	"github.com/1sales/app/backend/internal/tenant"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Service answers the help screen and sends support requests.
type Service struct {
	db      *bun.DB
	version string
	// queued is told after a request's mail was committed (the mail worker of this instance wakes up).
	queued func()
}

// NewService builds the service; queued may be nil.
func NewService(pool *bun.DB, queued func()) *Service {
	if queued == nil {
		queued = func() {}
	}
	return &Service{db: pool, version: buildinfo.Version(), queued: queued}
}

// Info answers GET /api/v1/support: the tenant's support address and the server's version.
func (s *Service) Info(ctx context.Context, a *access.Actor) (api.SupportInfo, error) {
	set, err := db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (api.TenantSettings, error) {
		return tenant.LoadSettings(ctx, tx, a.TenantID)
	})
	return api.SupportInfo{SupportEmail: set.SupportEmail, ServerVersion: s.version}, err
}

// Send answers POST /api/v1/support: it checks the request, then queues the mail to the tenant's support
// address, at most api.SupportPerHour per user and hour.
func (s *Service) Send(ctx context.Context, a *access.Actor, in api.SupportRequest) (api.SupportReceipt, error) {
	var v httpx.Validation
	subject := validate.Text(&v, "subject", in.Subject, api.SupportSubjectMax)
	text := validate.Name(&v, "text", in.Text, api.SupportTextMax)
	diag := checkDiagnostics(&v, in.Diagnostics)
	if err := v.Err(); err != nil {
		return api.SupportReceipt{}, err
	}
	out, err := db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (api.SupportReceipt, error) {
		set, err := tenant.LoadSettings(ctx, tx, a.TenantID)
		if err != nil {
			return api.SupportReceipt{}, err
		}
		if set.SupportEmail == "" {
			return api.SupportReceipt{}, httpx.NewError(http.StatusConflict, api.CodeSupportNoAddress,
				"the company has no support address; an admin sets one in the settings")
		}
		if err := throttle(ctx, tx, a); err != nil {
			return api.SupportReceipt{}, err
		}
		t, err := tenant.Load(ctx, tx, a.TenantID)
		if err != nil {
			return api.SupportReceipt{}, err
		}
		var user struct {
			Name  string `bun:"name"`
			Email string `bun:"email"`
		}
		if err := tx.NewRaw("SELECT name, email FROM users WHERE id = ?", a.UserID).Scan(ctx, &user); err != nil {
			return api.SupportReceipt{}, fmt.Errorf("support: user %s: %w", a.UserID, err)
		}
		m := mail.Message{Template: mail.TemplateSupportRequest, Language: set.Language, To: set.SupportEmail,
			ReplyTo: user.Email, CreatedBy: a.UserID,
			Data: map[string]any{"tenantName": t.Name, "userName": user.Name, "userEmail": user.Email, "subject": subject,
				"text": text, "diagnostics": diag != nil}}
		if validate.Email(user.Email) != user.Email {
			m.ReplyTo = "" // an address SMTP cannot carry: answers go to the sender
		}
		if diag != nil {
			m.Attachments = []mail.Attachment{{Name: attachmentNames[set.Language], ContentType: "text/plain; charset=utf-8",
				Content: []byte(diagnosticsText(*diag, s.version))}}
		}
		id, err := mail.Enqueue(ctx, tx, a.TenantID, m)
		return api.SupportReceipt{ID: id.String()}, err
	})
	if err == nil {
		s.queued()
	}
	return out, err
}

// attachmentNames name the diagnostics file in the support desk's language.
var attachmentNames = map[api.Language]string{api.LanguageDE: "diagnose.txt", api.LanguageEN: "diagnostics.txt"}

// checkDiagnostics bounds the diagnostics (nil: the user did not agree to send them).
func checkDiagnostics(v *httpx.Validation, d *api.SupportDiagnostics) *api.SupportDiagnostics {
	if d == nil {
		return nil
	}
	out := api.SupportDiagnostics{
		AppVersion: validate.Text(v, "diagnostics.appVersion", d.AppVersion, 100),
		OS:         validate.Text(v, "diagnostics.os", d.OS, 100),
		ServerURL:  validate.Text(v, "diagnostics.serverUrl", d.ServerURL, 500),
	}
	if len(d.ErrorIDs) > api.SupportErrorIDsMax {
		v.Field("diagnostics.errorIds", api.FieldTooLarge)
	}
	for _, id := range d.ErrorIDs {
		if e := validate.Text(v, "diagnostics.errorIds", id, api.SupportErrorIDMax); e != "" {
			out.ErrorIDs = append(out.ErrorIDs, e)
		}
	}
	return &out
}

// diagnosticsText is the attachment: one fact a line.
func diagnosticsText(d api.SupportDiagnostics, serverVersion string) string {
	var b strings.Builder
	line := func(k, v string) {
		if v == "" {
			v = "-"
		}
		fmt.Fprintf(&b, "%s: %s\n", k, v)
	}
	line("App version", d.AppVersion)
	line("Operating system", d.OS)
	line("Server", d.ServerURL)
	line("Server version", serverVersion)
	line("Recent error IDs", strings.Join(d.ErrorIDs, ", "))
	return b.String()
}

// throttle refuses a user's request when api.SupportPerHour were queued within the last hour (429 with
// Retry-After). The lock orders two requests of the same user, so that both cannot pass the count at once.
func throttle(ctx context.Context, tx bun.Tx, a *access.Actor) error {
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(20261210, hashtext(?))", a.UserID.String()); err != nil {
		return fmt.Errorf("support: throttle: %w", err)
	}
	var r struct {
		N      int        `bun:"n"`
		Oldest *time.Time `bun:"oldest"`
	}
	err := tx.NewRaw(`SELECT count(*) AS n, min(created_at) AS oldest FROM mail_queue
		WHERE created_by = ? AND template = ? AND created_at > now() - interval '1 hour'`,
		a.UserID, mail.TemplateSupportRequest).Scan(ctx, &r)
	if err != nil {
		return fmt.Errorf("support: throttle: %w", err)
	}
	if r.N < api.SupportPerHour || r.Oldest == nil {
		return nil
	}
	wait := max(1, int(math.Ceil(time.Until(r.Oldest.Add(time.Hour)).Seconds())))
	e := httpx.NewError(http.StatusTooManyRequests, api.CodeRateLimited, "too many support requests; try again later")
	e.Header = http.Header{"Retry-After": {strconv.Itoa(wait)}}
	return e
}
