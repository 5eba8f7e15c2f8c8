// Package invitation invites colleagues by e-mail and sets up new companies. An admin invites an address into a
// unit and a role; the mail's link (its token random, kept only as a hash, valid 7 days, single use, revocable, and
// replaced by a resend) opens a small page of the server, or the desktop sends the token, where the invitee sets a
// password, which adds the user through the same code as an admin's new user (user.Add). The operator creates a
// company with its first admin's invitation (CreateTenant: the operator API and `onesales-server create-tenant
// -invite`).
//
// An invitation to an address whose account is in another company answers as any other (the inviter must not learn
// of the account): it is listed, can be resent and revoked, but it is withheld: no mail is sent, nobody can accept
// it, and the log records it by IDs only.
package invitation

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/linkpage"
	"github.com/1sales/app/backend/internal/mail"
	"github.com/1sales/app/backend/internal/tenant"
	"github.com/1sales/app/backend/internal/user"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// PagePath is the path of the page an invitation's link opens.
const PagePath = "/invitation"

// Invitation is a row of invitations (without the token's hash).
type Invitation struct {
	bun.BaseModel `bun:"table:invitations,alias:inv"`
	ID            uuid.UUID  `bun:"id,pk"`
	TenantID      uuid.UUID  `bun:"tenant_id"`
	Email         string     `bun:"email"`
	Name          string     `bun:"name"`
	UnitID        uuid.UUID  `bun:"unit_id"`
	RoleID        uuid.UUID  `bun:"role_id"`
	InvitedBy     *uuid.UUID `bun:"invited_by"`
	Withheld      bool       `bun:"withheld"`
	SentAt        time.Time  `bun:"sent_at"`
	ExpiresAt     time.Time  `bun:"expires_at"`
	AcceptedAt    *time.Time `bun:"accepted_at"`
	RevokedAt     *time.Time `bun:"revoked_at"`
	Version       int64      `bun:"version"`
	CreatedAt     time.Time  `bun:"created_at"`
	InviterName   string     `bun:"inviter_name,scanonly"`
}

// API converts to the wire type.
func (i *Invitation) API() api.Invitation {
	out := api.Invitation{ID: i.ID.String(), Email: i.Email, Name: i.Name, UnitID: i.UnitID.String(),
		RoleID: i.RoleID.String(), InvitedByName: i.InviterName, SentAt: i.SentAt, ExpiresAt: i.ExpiresAt,
		Expired: !i.ExpiresAt.After(time.Now()), Version: i.Version, CreatedAt: i.CreatedAt}
	if i.InvitedBy != nil {
		out.InvitedBy = i.InvitedBy.String()
	}
	return out
}

// ETag is the invitation's version.
func (i *Invitation) ETag() int64 { return i.Version }

// Options configure the service.
type Options struct {
	// PublicURL starts the links in the mails; "" takes the address the inviting request reached the server at.
	PublicURL string
	// Queued is told after an invitation's mail was committed (nil: nobody).
	Queued func()
	Log    *slog.Logger
}

// Service manages invitations.
type Service struct {
	db     *bun.DB
	hasher *auth.Hasher
	o      Options
}

// NewService builds the service; hasher hashes the passwords the invitees set.
func NewService(pool *bun.DB, hasher *auth.Hasher, o Options) *Service {
	if o.Queued == nil {
		o.Queued = func() {}
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{db: pool, hasher: hasher, o: o}
}

var errOpen = httpx.Conflict("an open invitation to this address exists", "email", api.FieldDuplicate)

// columns selects an invitation with its inviter's name.
func selectInvitation(tx bun.IDB, dst any) *bun.SelectQuery {
	return tx.NewSelect().Model(dst).Column("inv.id", "inv.tenant_id", "inv.email", "inv.name", "inv.unit_id",
		"inv.role_id", "inv.invited_by", "inv.withheld", "inv.sent_at", "inv.expires_at", "inv.accepted_at",
		"inv.revoked_at", "inv.version", "inv.created_at").
		ColumnExpr("coalesce(u.name, '') AS inviter_name").
		Join("LEFT JOIN users AS u ON u.id = inv.invited_by")
}

// List returns the company's open invitations (not accepted, not revoked; expired ones too), the newest first.
func (s *Service) List(ctx context.Context, a *access.Actor) ([]*Invitation, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) ([]*Invitation, error) {
		var out []*Invitation
		err := selectInvitation(tx, &out).Where("inv.accepted_at IS NULL AND inv.revoked_at IS NULL").
			OrderExpr("inv.created_at DESC, inv.id").Scan(ctx)
		if err != nil {
			return nil, fmt.Errorf("invitation: list: %w", err)
		}
		return out, nil
	})
}

// Create invites a colleague (admins): the address must have no account in the company and no open invitation.
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.InvitationCreate) (*Invitation, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	var v httpx.Validation
	email, name := user.CheckIdentity(&v, in.Email, in.Name)
	if err := v.Err(); err != nil {
		return nil, err
	}
	base := s.base(ctx)
	var out *Invitation
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		unitID := validate.Ref(ctx, tx, &v, "unitId", "units", in.UnitID)
		roleID := validate.Ref(ctx, tx, &v, "roleId", "roles", in.RoleID)
		if err := v.Err(); err != nil {
			return err
		}
		inviter := a.UserID
		var err error
		out, err = s.create(ctx, tx, a.TenantID, draft{email: email, name: name, unitID: unitID, roleID: roleID,
			invitedBy: &inviter}, base)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.o.Queued()
	return out, nil
}

// draft is a new invitation's content.
type draft struct {
	email, name    string
	unitID, roleID uuid.UUID
	invitedBy      *uuid.UUID
}

// create adds an invitation in the caller's tenant transaction and queues its mail (unless withheld).
func (s *Service) create(ctx context.Context, tx bun.Tx, tenantID uuid.UUID, d draft, base string) (*Invitation, error) {
	n, err := tx.NewSelect().Table("users").Where("lower(email) = lower(?)", d.email).Count(ctx)
	if err != nil {
		return nil, fmt.Errorf("invitation: create: %w", err)
	}
	if n > 0 {
		return nil, httpx.Conflict("a user with this e-mail address exists", "email", api.FieldTaken)
	}
	var elsewhere bool
	if err := tx.NewRaw("SELECT user_email_elsewhere(?)", d.email).Scan(ctx, &elsewhere); err != nil {
		return nil, fmt.Errorf("invitation: create: %w", err)
	}
	tok, hash, err := auth.NewLinkToken()
	if err != nil {
		return nil, err
	}
	var id uuid.UUID
	err = tx.NewRaw(`INSERT INTO invitations (tenant_id, email, name, unit_id, role_id, token_hash, invited_by, withheld,
			expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, now() + make_interval(days => ?)) RETURNING id`,
		tenantID, d.email, d.name, d.unitID, d.roleID, hash, d.invitedBy, elsewhere, api.InvitationDays).Scan(ctx, &id)
	if db.IsUniqueViolation(err, "invitations_open_email_idx") {
		return nil, errOpen
	}
	if err != nil {
		return nil, fmt.Errorf("invitation: create: %w", err)
	}
	inv, err := s.load(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := s.mail(ctx, tx, inv, tok, base); err != nil {
		return nil, err
	}
	s.o.Log.InfoContext(ctx, "invitation created", "tenantId", tenantID, "invitationId", id, "withheld", elsewhere)
	return inv, nil
}

// mail queues an invitation's mail with its link, unless it is withheld.
func (s *Service) mail(ctx context.Context, tx bun.Tx, inv *Invitation, tok, base string) error {
	if inv.Withheld {
		s.o.Log.InfoContext(ctx, "invitation withheld: the address has an account in another company",
			"tenantId", inv.TenantID, "invitationId", inv.ID)
		return nil
	}
	t, err := tenant.Load(ctx, tx, inv.TenantID)
	if err != nil {
		return err
	}
	var creator uuid.UUID
	if inv.InvitedBy != nil {
		creator = *inv.InvitedBy
	}
	_, err = mail.Enqueue(ctx, tx, inv.TenantID, mail.Message{Template: mail.TemplateInvitation, To: inv.Email,
		CreatedBy: creator, Data: map[string]any{"tenantName": t.Name, "inviterName": inv.InviterName, "name": inv.Name,
			mail.LinkKey: auth.LinkURL(base, PagePath, tok), "days": api.InvitationDays}})
	return err
}

// load reads an open invitation (not accepted, not revoked) of the caller's tenant; 404 otherwise.
func (s *Service) load(ctx context.Context, tx bun.IDB, id uuid.UUID) (*Invitation, error) {
	inv := new(Invitation)
	err := selectInvitation(tx, inv).Where("inv.id = ? AND inv.accepted_at IS NULL AND inv.revoked_at IS NULL", id).Scan(ctx)
	if err != nil {
		return nil, httpx.Missing(err, "invitation: load")
	}
	return inv, nil
}

// Resend sends an open invitation again with a new link, valid 7 days from now; the old link is dead.
func (s *Service) Resend(ctx context.Context, a *access.Actor, id uuid.UUID) (*Invitation, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	base := s.base(ctx)
	out, err := db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (*Invitation, error) {
		tok, hash, err := auth.NewLinkToken()
		if err != nil {
			return nil, err
		}
		res, err := tx.NewRaw(`UPDATE invitations SET token_hash = ?, sent_at = now(),
				expires_at = now() + make_interval(days => ?), version = version + 1, updated_at = now()
			WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL`, hash, api.InvitationDays, id).Exec(ctx)
		if err != nil {
			return nil, fmt.Errorf("invitation: resend: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil, httpx.ErrNotFound
		}
		inv, err := s.load(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		return inv, s.mail(ctx, tx, inv, tok, base)
	})
	if err != nil {
		return nil, err
	}
	s.o.Queued()
	s.o.Log.InfoContext(ctx, "invitation resent", "tenantId", a.TenantID, "invitationId", id)
	return out, nil
}

// Revoke withdraws an open invitation: its link is dead.
func (s *Service) Revoke(ctx context.Context, a *access.Actor, id uuid.UUID) error {
	if err := a.RequireAdmin(); err != nil {
		return err
	}
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewRaw(`UPDATE invitations SET revoked_at = now(), version = version + 1, updated_at = now()
			WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL`, id).Exec(ctx)
		if err != nil {
			return fmt.Errorf("invitation: revoke: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return httpx.ErrNotFound
		}
		return nil
	})
}

// inTenantOf runs fn in the tenant of an invitation's token with the invitation (lock: FOR UPDATE);
// auth.ErrLinkInvalid when the token is of no invitation, or of one accepted, revoked, expired or withheld.
func (s *Service) inTenantOf(ctx context.Context, tok string, lock bool, fn func(ctx context.Context, tx bun.Tx, inv *Invitation) error) error {
	if !auth.LinkTokenOK(tok) {
		return auth.ErrLinkInvalid
	}
	tenantID, err := auth.LinkTenant(ctx, s.db, auth.LinkInvitation, tok)
	if err != nil {
		return err
	}
	if tenantID == uuid.Nil {
		return auth.ErrLinkInvalid
	}
	return db.InTenant(ctx, s.db, tenantID, func(ctx context.Context, tx bun.Tx) error {
		inv := new(Invitation)
		q := selectInvitation(tx, inv).Where("inv.token_hash = ?", auth.HashLinkToken(tok))
		if lock {
			q = q.For("UPDATE OF inv")
		}
		if err := q.Scan(ctx); err != nil {
			if db.IsNoRows(err) {
				return auth.ErrLinkInvalid
			}
			return fmt.Errorf("invitation: open: %w", err)
		}
		if inv.AcceptedAt != nil || inv.RevokedAt != nil || inv.Withheld || !inv.ExpiresAt.After(time.Now()) {
			return auth.ErrLinkInvalid
		}
		return fn(ctx, tx, inv)
	})
}

// Accept accepts an invitation with the invitee's password: the user is added to the invitation's unit and role,
// and the link is spent.
func (s *Service) Accept(ctx context.Context, in api.LinkPassword) error {
	var v httpx.Validation
	auth.CheckLinkToken(&v, in.Token)
	auth.ValidatePassword(&v, "password", in.Password)
	if err := v.Err(); err != nil {
		return err
	}
	// The link is looked at before the (costly) hash, and again under a lock when the user is added.
	if err := s.inTenantOf(ctx, in.Token, false, func(context.Context, bun.Tx, *Invitation) error { return nil }); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(ctx, in.Password)
	if err != nil {
		return err
	}
	var accepted *Invitation
	var userID uuid.UUID
	err = s.inTenantOf(ctx, in.Token, true, func(ctx context.Context, tx bun.Tx, inv *Invitation) error {
		u := user.New(inv.TenantID)
		u.Email, u.Name = inv.Email, inv.Name
		if err := user.Add(ctx, tx, &v, u, inv.UnitID.String(), inv.RoleID.String(), hash); err != nil {
			return err
		}
		if _, err := tx.NewRaw(`UPDATE invitations SET accepted_at = now(), user_id = ?, version = version + 1,
			updated_at = now() WHERE id = ?`, u.ID, inv.ID).Exec(ctx); err != nil {
			return fmt.Errorf("invitation: accept: %w", err)
		}
		accepted, userID = inv, u.ID
		return nil
	})
	if err != nil {
		return err
	}
	s.o.Log.InfoContext(ctx, "invitation accepted", "tenantId", accepted.TenantID, "invitationId", accepted.ID, "userId", userID)
	return nil
}

// peek describes an invitation's link for its page.
func (s *Service) peek(ctx context.Context, tok string) (linkpage.Page, error) {
	p := linkpage.Page{Kind: linkpage.Invitation, Token: tok, MinLength: auth.MinPasswordLength, State: linkpage.Invalid}
	err := s.inTenantOf(ctx, tok, false, func(ctx context.Context, tx bun.Tx, inv *Invitation) error {
		set, err := tenant.LoadSettings(ctx, tx, inv.TenantID)
		if err != nil {
			return err
		}
		t, err := tenant.Load(ctx, tx, inv.TenantID)
		if err != nil {
			return err
		}
		p.Lang, p.Email, p.Company, p.State = set.Language, inv.Email, t.Name, linkpage.Form
		return nil
	})
	if errors.Is(err, auth.ErrLinkInvalid) {
		p.Lang, err = auth.LinkLanguage(ctx, s.db, auth.LinkInvitation, tok)
	}
	return p, err
}

// originKey is the context key of the address the request reached the server at.
type originKey struct{}

// base is where the links of a mail start: the public URL, else the address the request came to.
func (s *Service) base(ctx context.Context) string {
	if s.o.PublicURL != "" {
		return s.o.PublicURL
	}
	origin, _ := ctx.Value(originKey{}).(string)
	return origin
}

// WithOrigin gives a handler's requests the address they reached the server at (scheme and host), which the
// links of their mails start with when no public URL is configured.
func WithOrigin(h httpx.HandlerFunc) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		proto := httpx.PeerOf(r).Proto
		if proto == "" {
			proto = "http"
		}
		origin := proto + "://" + r.Host
		return h(w, r.WithContext(context.WithValue(r.Context(), originKey{}, origin)))
	}
}

// AcceptHandler handles POST /api/v1/invitations/accept (the desktop's way to accept).
func (s *Service) AcceptHandler(w http.ResponseWriter, r *http.Request) error {
	var in api.LinkPassword
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	if err := s.Accept(r.Context(), in); err != nil {
		return err
	}
	return httpx.NoContent(w)
}

// Page handles GET and POST /invitation (the mail's link and its form).
func (s *Service) Page(w http.ResponseWriter, r *http.Request) error {
	return linkpage.Flow{Peek: s.peek, Set: func(ctx context.Context, tok, password string) error {
		return s.Accept(ctx, api.LinkPassword{Token: tok, Password: password})
	}}.Serve(w, r)
}
