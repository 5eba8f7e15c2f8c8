// Package notify is the notification centre (issue 14): the notifications of each user, derived from the change
// feed by the worker (worker.go, derive.go), and the routes that list them and mark them read. A notification is
// shown to its user only while they may see its record, named as they may see it now.
package notify

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/shared/api"
)

// Service lists a user's notifications and marks them read.
type Service struct{ db *bun.DB }

// NewService builds the service.
func NewService(bdb *bun.DB) *Service { return &Service{db: bdb} }

// DefaultLimit is the page size of a list that asks for none.
const DefaultLimit = 50

// MaxUnread is where the unread count stops counting (a badge shows "99+" long before).
const MaxUnread = 1000

// cursor is where a page of the list continues: after the notification created at At with ID.
type cursor struct {
	At time.Time `json:"at"`
	ID uuid.UUID `json:"id"`
}

func (c cursor) RowID() uuid.UUID { return c.ID }

// shown is a notification as the list reads it.
type shown struct {
	ID         uuid.UUID            `bun:"id"`
	Kind       api.NotificationKind `bun:"kind"`
	RecordType api.RecordType       `bun:"record_type"`
	RecordID   uuid.UUID            `bun:"record_id"`
	RecordName string               `bun:"record_name"`
	FileName   *string              `bun:"file_name"`
	DueAt      *time.Time           `bun:"due_at"`
	ActorName  string               `bun:"actor_name"`
	CreatedAt  time.Time            `bun:"created_at"`
	ReadAt     *time.Time           `bun:"read_at"`
}

func (n shown) API() api.Notification {
	out := api.Notification{ID: n.ID.String(), Kind: n.Kind, RecordType: n.RecordType, RecordID: n.RecordID.String(),
		RecordName: n.RecordName, DueAt: n.DueAt, ActorName: n.ActorName, CreatedAt: n.CreatedAt, Read: n.ReadAt != nil}
	if n.FileName != nil {
		out.FileName = *n.FileName
	}
	return out
}

// visible selects the actor's notifications (alias x) whose record they may see now, live, with its name as they
// may see it: the record's name through the one visibility rule of names (record.LinkedName; an activity's by
// the activity scope of its assignee); an upload's only while the document is stored and not in the trash.
func visible(tx bun.IDB, a *access.Actor) *bun.SelectQuery {
	name, args := "CASE n.record_type", []any{}
	for _, k := range record.Kinds() {
		name += " WHEN ? THEN (?)"
		args = append(args, k.Type, record.LinkedName(tx, a, k.Type, "n.record_id"))
	}
	activity := tx.NewSelect().TableExpr("activities AS ac").ColumnExpr("ac.title").Where("ac.id = n.record_id")
	a.Restrict(activity.QueryBuilder(), api.RecordActivity, api.ActionView, "ac.assignee_id")
	name += " WHEN ? THEN (?) END"
	args = append(args, api.RecordActivity, activity)

	inner := tx.NewSelect().TableExpr("notifications AS n").
		ColumnExpr("n.id, n.kind, n.record_type, n.record_id, n.document_id, n.due_at, n.created_at, n.read_at").
		ColumnExpr("? AS record_name", bun.SafeQuery(name, args...)).
		ColumnExpr(`(SELECT doc.file_name FROM documents AS doc
			WHERE doc.id = n.document_id AND doc.deleted_at IS NULL AND doc.state = 'stored') AS file_name`).
		// A delivered lead's "actor" is its source.
		ColumnExpr(`coalesce((SELECT u.name FROM users AS u WHERE u.id = n.actor_id),
			CASE WHEN n.kind = ? THEN (SELECT s.name FROM leads AS sl JOIN lead_sources AS s ON s.id = sl.source_id
				WHERE sl.id = n.record_id) END, '') AS actor_name`, api.NotificationLeadDelivered).
		Where("n.user_id = ?", a.UserID)
	return tx.NewSelect().TableExpr("(?) AS x", inner).
		Where("x.record_name IS NOT NULL").
		Where("x.document_id IS NULL OR x.file_name IS NOT NULL")
}

// unread counts the actor's unread notifications they may see, up to MaxUnread.
func unread(ctx context.Context, tx bun.IDB, a *access.Actor) (int, error) {
	var n int
	q := visible(tx, a).ColumnExpr("1").Where("x.read_at IS NULL").Limit(MaxUnread)
	if err := tx.NewSelect().TableExpr("(?) AS u", q).ColumnExpr("count(*)").Scan(ctx, &n); err != nil {
		return 0, fmt.Errorf("notify: unread count: %w", err)
	}
	return n, nil
}

// List returns a page of the actor's notifications, newest first: limit 1 to api.MaxNotificationPage (0: the
// default), after the cursor of the page before ("": from the newest).
func (s *Service) List(ctx context.Context, a *access.Actor, limit int, after string) (*api.NotificationPage, error) {
	var v httpx.Validation
	limit = listquery.PageLimit(&v, limit, DefaultLimit, api.MaxNotificationPage)
	c := listquery.DecodeCursor[cursor](&v, after)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.NotificationPage, error) {
		q := visible(tx, a).ColumnExpr("x.id, x.kind, x.record_type, x.record_id, x.record_name, x.file_name, x.due_at, x.actor_name, x.created_at, x.read_at").
			OrderExpr("x.created_at DESC, x.id DESC").Limit(limit + 1)
		if c != nil {
			q = q.Where("(x.created_at, x.id) < (?, ?)", c.At, c.ID)
		}
		var rows []shown
		if err := q.Scan(ctx, &rows); err != nil {
			return nil, fmt.Errorf("notify: list: %w", err)
		}
		rows, next := listquery.NextPage(rows, limit, func(n shown) string {
			return listquery.EncodeCursor(cursor{At: n.CreatedAt, ID: n.ID})
		})
		out := &api.NotificationPage{Items: make([]api.Notification, len(rows)), NextCursor: next}
		for i, n := range rows {
			out.Items[i] = n.API()
		}
		var err error
		out.UnreadCount, err = unread(ctx, tx, a)
		return out, err
	})
}

// MarkRead marks the actor's notifications among in.IDs read; IDs of others' notifications, or of none, change
// nothing and are not told apart. It answers the actor's unread count.
func (s *Service) MarkRead(ctx context.Context, a *access.Actor, in api.NotificationRead) (*api.NotificationCount, error) {
	var v httpx.Validation
	ids := make([]uuid.UUID, 0, len(in.IDs))
	switch {
	case len(in.IDs) == 0:
		v.Field("ids", api.FieldRequired)
	case len(in.IDs) > api.MaxNotificationPage:
		v.Field("ids", api.FieldLimit)
	}
	for _, raw := range in.IDs {
		id, err := uuid.Parse(raw)
		if err != nil {
			v.Field("ids", api.FieldInvalid)
			break
		}
		ids = append(ids, id)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.markRead(ctx, a, func(q *bun.UpdateQuery) *bun.UpdateQuery { return q.Where("id IN (?)", bun.In(ids)) })
}

// MarkAllRead marks all the actor's notifications read.
func (s *Service) MarkAllRead(ctx context.Context, a *access.Actor) (*api.NotificationCount, error) {
	return s.markRead(ctx, a, func(q *bun.UpdateQuery) *bun.UpdateQuery { return q })
}

func (s *Service) markRead(ctx context.Context, a *access.Actor, which func(*bun.UpdateQuery) *bun.UpdateQuery) (*api.NotificationCount, error) {
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.NotificationCount, error) {
		q := tx.NewUpdate().Table("notifications").Set("read_at = now()").Where("user_id = ? AND read_at IS NULL", a.UserID)
		if _, err := which(q).Exec(ctx); err != nil {
			return nil, fmt.Errorf("notify: mark read: %w", err)
		}
		n, err := unread(ctx, tx, a)
		if err != nil {
			return nil, err
		}
		return &api.NotificationCount{UnreadCount: n}, nil
	})
}

// ListHandler handles GET /api/v1/notifications?limit=&cursor=.
func (s *Service) ListHandler(w http.ResponseWriter, r *http.Request) error {
	a, _, err := rest.Target(r, "")
	if err != nil {
		return err
	}
	out, err := s.List(r.Context(), a, httpx.LimitParam(r), r.URL.Query().Get("cursor"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, out)
}
