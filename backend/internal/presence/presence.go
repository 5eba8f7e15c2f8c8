// Package presence knows which record each signed-in desktop session has open (issue 14), so that a record's
// page names the other users who have it open now. Several backend instances serve one database, so the entries
// live in the table presence: one per session, renewed by the desktop every api.PresenceRenewal and counted for
// api.PresenceFresh after that. Opening and leaving a record reach the record's viewers through the change feed
// (topic presence, the record as parent); a renewal is no event. A session that ends leaves its record (a trigger
// on sessions), and housekeeping removes entries long stale (presence_prune).
package presence

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/shared/api"
)

// Service keeps the sessions' open records.
type Service struct{ db *bun.DB }

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{db: db} }

// target reads the record an open names: its kind and ID, or a 422 naming the field.
func target(in api.PresenceOpen) (record.Kind, uuid.UUID, error) {
	var v httpx.Validation
	k, ok := record.KindOf(in.RecordType)
	switch {
	case in.RecordType == "":
		v.Field("recordType", api.FieldRequired)
	case !ok:
		v.Field("recordType", api.FieldInvalid)
	}
	raw := strings.TrimSpace(in.RecordID)
	id, err := uuid.Parse(raw)
	switch {
	case raw == "":
		v.Field("recordId", api.FieldRequired)
	case err != nil:
		v.Field("recordId", api.FieldInvalid)
	}
	return k, id, v.Err()
}

// Open records that the actor's session has the record open now, or renews that. A record the actor may not see
// (or that does not exist, or is in the trash: the same answer) is 404, and the session then has no record open.
func (s *Service) Open(ctx context.Context, a *access.Actor, in api.PresenceOpen) error {
	k, id, err := target(in)
	if err != nil {
		return err
	}
	visible := true
	err = db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if _, err := record.Check(ctx, tx, a, k, id, api.ActionView); err != nil {
			if !errors.Is(err, httpx.ErrNotFound) {
				return err
			}
			visible = false
			return leave(ctx, tx, a)
		}
		// Another record than before: the old entry goes and a new one comes, so that the change feed tells the
		// viewers of both records (an update would name only the new one as its parent).
		if _, err := tx.NewRaw(`DELETE FROM presence WHERE session_id = ? AND (record_type, record_id) IS DISTINCT FROM (?, ?)`,
			a.SessionID, k.Type, id).Exec(ctx); err != nil {
			return fmt.Errorf("presence: open %s %s: %w", k.Type, id, err)
		}
		// The same record again is a renewal: seen_at alone changes. (Should two opens of one session race, the
		// later one's record wins.)
		if _, err := tx.NewRaw(`INSERT INTO presence (tenant_id, session_id, user_id, record_type, record_id)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (session_id) DO UPDATE SET seen_at = now(), record_type = EXCLUDED.record_type,
				record_id = EXCLUDED.record_id`,
			a.TenantID, a.SessionID, a.UserID, k.Type, id).Exec(ctx); err != nil {
			return fmt.Errorf("presence: open %s %s: %w", k.Type, id, err)
		}
		return nil
	})
	if err == nil && !visible {
		return httpx.ErrNotFound
	}
	return err
}

// Leave records that the actor's session has no record open.
func (s *Service) Leave(ctx context.Context, a *access.Actor) error {
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error { return leave(ctx, tx, a) })
}

func leave(ctx context.Context, tx bun.IDB, a *access.Actor) error {
	if _, err := tx.NewRaw("DELETE FROM presence WHERE session_id = ?", a.SessionID).Exec(ctx); err != nil {
		return fmt.Errorf("presence: leave: %w", err)
	}
	return nil
}

// Others lists the other users who have a record the actor may see open now and may see it themselves, by name;
// never the actor (not even from another session of theirs). A record the actor may not see is 404.
func (s *Service) Others(ctx context.Context, a *access.Actor, k record.Kind, id uuid.UUID) (api.PresenceList, error) {
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (api.PresenceList, error) {
		out := api.PresenceList{Items: []api.PresenceUser{}}
		ref, err := record.Check(ctx, tx, a, k, id, api.ActionView)
		if err != nil {
			return out, err
		}
		var rows []struct {
			ID   uuid.UUID `bun:"id"`
			Name string    `bun:"name"`
		}
		// One row per user, however many sessions of theirs have the record open.
		if err := tx.NewRaw(`SELECT DISTINCT u.id, u.name FROM presence AS p JOIN users AS u ON u.id = p.user_id
			WHERE p.record_type = ? AND p.record_id = ? AND p.seen_at > now() - make_interval(secs => ?)
				AND p.user_id <> ? AND u.active
			ORDER BY u.name, u.id`, k.Type, id, api.PresenceFresh.Seconds(), a.UserID).Scan(ctx, &rows); err != nil {
			return out, fmt.Errorf("presence: others on %s %s: %w", k.Type, id, err)
		}
		if len(rows) == 0 {
			return out, nil
		}
		// Who may see the record now decides, not who could when they opened it: it may have been given to
		// someone else since, or their role may have changed.
		ids := make([]uuid.UUID, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
		}
		actors, err := auth.Actors(ctx, tx, a.TenantID, ids)
		if err != nil {
			return out, err
		}
		var ownerUnit uuid.UUID
		if err := tx.NewRaw("SELECT unit_id FROM users WHERE id = ?", ref.OwnerID).Scan(ctx, &ownerUnit); err != nil {
			return out, fmt.Errorf("presence: unit of the owner of %s %s: %w", k.Type, id, err)
		}
		for _, r := range rows {
			if other, ok := actors[r.ID]; ok && other.Allows(k.Type, api.ActionView, ref.OwnerID, ownerUnit) {
				out.Items = append(out.Items, api.PresenceUser{ID: r.ID.String(), Name: r.Name})
			}
		}
		return out, nil
	})
}

// Of returns the list function of a record kind's presence, for rest.Related.
func (s *Service) Of(k record.Kind) func(context.Context, *access.Actor, uuid.UUID) (api.PresenceList, error) {
	return func(ctx context.Context, a *access.Actor, id uuid.UUID) (api.PresenceList, error) {
		return s.Others(ctx, a, k, id)
	}
}

// OpenHandler handles PUT /api/v1/presence.
func (s *Service) OpenHandler(w http.ResponseWriter, r *http.Request) error {
	a, _, err := rest.Target(r, "")
	if err != nil {
		return err
	}
	var in api.PresenceOpen
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	if err := s.Open(r.Context(), a, in); err != nil {
		return err
	}
	return httpx.NoContent(w)
}

// LeaveHandler handles DELETE /api/v1/presence.
func (s *Service) LeaveHandler(w http.ResponseWriter, r *http.Request) error {
	a, _, err := rest.Target(r, "")
	if err != nil {
		return err
	}
	if err := s.Leave(r.Context(), a); err != nil {
		return err
	}
	return httpx.NoContent(w)
}
