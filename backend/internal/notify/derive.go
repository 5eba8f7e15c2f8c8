package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/feed"
	"github.com/1sales/app/shared/api"
)

// dueActivity is an open activity due soon (notify_activities_due).
type dueActivity struct {
	TenantID   uuid.UUID `bun:"tenant_id"`
	ID         uuid.UUID `bun:"id"`
	AssigneeID uuid.UUID `bun:"assignee_id"`
	DueAt      time.Time `bun:"due_at"`
}

// row is a row of notifications.
type row struct {
	bun.BaseModel `bun:"table:notifications,alias:n"`

	ID         uuid.UUID            `bun:"id,pk,nullzero"`
	TenantID   uuid.UUID            `bun:"tenant_id"`
	UserID     uuid.UUID            `bun:"user_id"`
	Kind       api.NotificationKind `bun:"kind"`
	RecordType api.RecordType       `bun:"record_type"`
	RecordID   uuid.UUID            `bun:"record_id"`
	DocumentID *uuid.UUID           `bun:"document_id"`
	ActorID    *uuid.UUID           `bun:"actor_id"`
	EventID    *int64               `bun:"event_id"`
	DueAt      *time.Time           `bun:"due_at"`
	CreatedAt  time.Time            `bun:"created_at"`
}

// candidate is a notification that is made if its user may see its record, which owner owns (an activity: its
// assignee).
type candidate struct {
	row
	owner uuid.UUID
}

// given is the kind of notification for a record of the topic given to someone by another user.
var given = map[api.ChangeTopic]api.NotificationKind{
	api.TopicLead:     api.NotificationLeadAssigned,
	api.TopicDeal:     api.NotificationDealAssigned,
	api.TopicActivity: api.NotificationActivityAssigned,
}

// closed is the kind of notification for a deal whose status became won or lost.
var closed = map[string]api.NotificationKind{
	string(api.DealWon):  api.NotificationDealWon,
	string(api.DealLost): api.NotificationDealLost,
}

// derive makes the notifications of one tenant's events, in the tenant's transaction:
//   - lead_assigned, deal_assigned, activity_assigned: a user created the record for another or made another its
//     owner (assignee): to the new owner;
//   - lead_delivered: a lead created by no user, with a lead source: to its owner;
//   - deal_won, deal_lost: a user made the deal's status won or lost: to the users of its owner's team (the owner's
//     unit and the units above it) but that user (a deal the system closes, in an import say, is no news);
//   - document_stored: an upload finished (pending → stored): to the user who uploaded it.
//
// Each goes only to an active user who may see the record.
func derive(ctx context.Context, tx bun.Tx, evs []feed.Event) (int, error) {
	var cands, delivered []candidate
	teams := map[uuid.UUID][]uuid.UUID{}
	for _, e := range evs {
		at := e.At
		base := row{TenantID: e.TenantID, ActorID: e.ActorID, EventID: &e.ID, CreatedAt: at}
		switch e.Topic {
		case api.TopicLead, api.TopicDeal, api.TopicActivity:
			if e.RecordID == nil || e.OwnerID == nil {
				continue
			}
			base.RecordType, base.RecordID = api.RecordType(e.Topic), *e.RecordID
			owner := *e.OwnerID
			to := func(kind api.NotificationKind, user uuid.UUID) candidate {
				c := candidate{row: base, owner: owner}
				c.Kind, c.UserID = kind, user
				return c
			}
			if e.Change == api.ChangeCreated || (e.Change == api.ChangeUpdated && e.OldOwnerID != nil) {
				if e.ActorID != nil && *e.ActorID != owner {
					cands = append(cands, to(given[e.Topic], owner))
				}
			}
			if e.Topic == api.TopicLead && e.Change == api.ChangeCreated && e.ActorID == nil {
				delivered = append(delivered, to(api.NotificationLeadDelivered, owner))
			}
			if kind, ok := closed[deref(e.State)]; ok && e.Topic == api.TopicDeal && e.Change == api.ChangeUpdated &&
				deref(e.OldState) != deref(e.State) && e.ActorID != nil {
				team, ok := teams[owner]
				if !ok {
					var err error
					if team, err = teamOf(ctx, tx, owner); err != nil {
						return 0, err
					}
					teams[owner] = team
				}
				for _, u := range team {
					if u != *e.ActorID {
						cands = append(cands, to(kind, u))
					}
				}
			}
		case api.TopicDocument:
			if e.Change != api.ChangeUpdated || deref(e.OldState) != "pending" || deref(e.State) != "stored" ||
				e.ActorID == nil || e.RecordID == nil || e.ParentType == nil || e.ParentID == nil || e.OwnerID == nil {
				continue
			}
			c := candidate{row: base, owner: *e.OwnerID}
			c.Kind, c.UserID = api.NotificationDocumentStored, *e.ActorID
			c.RecordType, c.RecordID, c.DocumentID = *e.ParentType, *e.ParentID, e.RecordID
			cands = append(cands, c)
		}
	}
	fromSource, err := withSource(ctx, tx, delivered)
	if err != nil {
		return 0, err
	}
	return insert(ctx, tx, append(cands, fromSource...))
}

// deriveDue makes the activity_due notifications of one tenant's activities, in the tenant's transaction.
func deriveDue(ctx context.Context, tx bun.Tx, due []dueActivity) (int, error) {
	now := time.Now()
	cands := make([]candidate, 0, len(due))
	for _, d := range due {
		dueAt := d.DueAt
		cands = append(cands, candidate{owner: d.AssigneeID, row: row{TenantID: d.TenantID, UserID: d.AssigneeID,
			Kind: api.NotificationActivityDue, RecordType: api.RecordActivity, RecordID: d.ID, DueAt: &dueAt, CreatedAt: now}})
	}
	return insert(ctx, tx, cands)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// teamOf lists the active users of the owner's unit and of the units above it.
func teamOf(ctx context.Context, tx bun.IDB, owner uuid.UUID) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	if err := tx.NewRaw(`WITH RECURSIVE up AS (
			SELECT un.id, un.parent_id FROM units AS un JOIN users AS o ON o.unit_id = un.id WHERE o.id = ?
			UNION ALL SELECT p.id, p.parent_id FROM units AS p JOIN up ON p.id = up.parent_id)
		SELECT u.id FROM users AS u WHERE u.active AND u.unit_id IN (SELECT up.id FROM up) ORDER BY u.id`, owner).
		Scan(ctx, &ids); err != nil {
		return nil, fmt.Errorf("notify: team of %s: %w", owner, err)
	}
	return ids, nil
}

// withSource keeps the lead_delivered candidates whose lead came from a lead source (a lead that no user created
// but, say, an import did is no delivery).
func withSource(ctx context.Context, tx bun.IDB, cands []candidate) ([]candidate, error) {
	if len(cands) == 0 {
		return nil, nil
	}
	ids := make([]uuid.UUID, len(cands))
	for i, c := range cands {
		ids[i] = c.RecordID
	}
	var sourced []uuid.UUID
	// An array, not IN (...): a delivery's 500 leads as 500 parameters cost 8 ms of planning for each batch.
	if err := tx.NewRaw("SELECT id FROM leads WHERE id = ANY(?::uuid[]) AND source_id IS NOT NULL", pgdialect.Array(ids)).Scan(ctx, &sourced); err != nil {
		return nil, fmt.Errorf("notify: leads of sources: %w", err)
	}
	keep := map[uuid.UUID]bool{}
	for _, id := range sourced {
		keep[id] = true
	}
	var out []candidate
	for _, c := range cands {
		if keep[c.RecordID] {
			out = append(out, c)
		}
	}
	return out, nil
}

// insert makes the candidates whose user is active and may see the record (as the user's own requests would
// decide: their role's scope, the owner's current unit), skipping any made before, and returns how many it made.
func insert(ctx context.Context, tx bun.IDB, cands []candidate) (int, error) {
	if len(cands) == 0 {
		return 0, nil
	}
	var users, owners []uuid.UUID
	for _, c := range cands {
		users = append(users, c.UserID)
		owners = append(owners, c.owner)
	}
	actors, err := auth.Actors(ctx, tx, cands[0].TenantID, users)
	if err != nil {
		return 0, err
	}
	var units []struct {
		ID     uuid.UUID `bun:"id"`
		UnitID uuid.UUID `bun:"unit_id"`
	}
	if err := tx.NewRaw("SELECT id, unit_id FROM users WHERE id IN (?)", bun.In(owners)).Scan(ctx, &units); err != nil {
		return 0, fmt.Errorf("notify: units of owners: %w", err)
	}
	unitOf := make(map[uuid.UUID]uuid.UUID, len(units))
	for _, u := range units {
		unitOf[u.ID] = u.UnitID
	}
	rows := make([]row, 0, len(cands))
	for _, c := range cands {
		if a, ok := actors[c.UserID]; ok && a.Allows(c.RecordType, api.ActionView, c.owner, unitOf[c.owner]) {
			rows = append(rows, c.row)
		}
	}
	if len(rows) == 0 {
		return 0, nil
	}
	res, err := tx.NewInsert().Model(&rows).On("CONFLICT DO NOTHING").Returning("NULL").Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("notify: insert: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
