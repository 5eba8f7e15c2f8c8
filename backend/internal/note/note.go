// Package note manages notes on records. A note follows its record: whoever cannot see the record cannot see
// its notes. Its author may change and delete it; others need the edit or delete right on the record.
package note

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// MaxLength bounds a note's text.
const MaxLength = 20000

// Note is a row of notes.
type Note struct {
	bun.BaseModel `bun:"table:notes,alias:n"`

	db.Row

	RecordType api.RecordType `bun:"record_type"`
	RecordID   uuid.UUID      `bun:"record_id,type:uuid"`
	AuthorID   uuid.UUID      `bun:"author_id,type:uuid"`
	Body       string         `bun:"body"`
	AuthorName string         `bun:"author_name,scanonly"`

	canEdit, canDelete bool
}

// API converts to the wire type.
func (n *Note) API() api.Note {
	return api.Note{ID: n.ID.String(), RecordType: n.RecordType, RecordID: n.RecordID.String(), Body: n.Body,
		AuthorID: n.AuthorID.String(), AuthorName: n.AuthorName, CanEdit: n.canEdit, CanDelete: n.canDelete,
		Version: n.Version, CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt}
}

// Service manages notes.
type Service struct{ db *bun.DB }

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{db: db} }

func body(raw string) (string, error) {
	var v httpx.Validation
	b := validate.Text(&v, "body", raw, MaxLength)
	if b == "" {
		v.Field("body", api.FieldRequired)
	}
	return b, v.Err()
}

// rights fills in what the actor may do with notes on a record.
func rights(ctx context.Context, tx bun.IDB, a *access.Actor, k record.Kind, recordID uuid.UUID, notes ...*Note) error {
	canEdit, err := record.Allowed(ctx, tx, a, k, recordID, api.ActionEdit)
	if err != nil {
		return err
	}
	canDelete, err := record.Allowed(ctx, tx, a, k, recordID, api.ActionDelete)
	if err != nil {
		return err
	}
	for _, n := range notes {
		own := n.AuthorID == a.UserID
		n.canEdit, n.canDelete = own || canEdit, own || canDelete
	}
	return nil
}

func selectWith(q *bun.SelectQuery) *bun.SelectQuery {
	return q.ColumnExpr("n.*").ColumnExpr("(SELECT u.name FROM users AS u WHERE u.id = n.author_id) AS author_name")
}

// List returns the notes of a record the actor may see, newest first.
func (s *Service) List(ctx context.Context, a *access.Actor, k record.Kind, recordID uuid.UUID) ([]*Note, error) {
	var notes []*Note
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if _, err := record.Check(ctx, tx, a, k, recordID, api.ActionView); err != nil {
			return err
		}
		if err := selectWith(tx.NewSelect().Model(&notes)).Where("n.record_type = ? AND n.record_id = ?", k.Type, recordID).
			OrderExpr("n.created_at DESC, n.id DESC").Scan(ctx); err != nil {
			return fmt.Errorf("note: list: %w", err)
		}
		return rights(ctx, tx, a, k, recordID, notes...)
	})
	return notes, err
}

// Create adds a note to a record the actor may see, and records it in the record's history.
func (s *Service) Create(ctx context.Context, a *access.Actor, k record.Kind, recordID uuid.UUID, in api.NoteCreate) (*Note, error) {
	b, err := body(in.Body)
	if err != nil {
		return nil, err
	}
	n := &Note{Row: db.NewRow(a.TenantID), RecordType: k.Type, RecordID: recordID, AuthorID: a.UserID, Body: b}
	err = db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if _, err := record.Check(ctx, tx, a, k, recordID, api.ActionView); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(n).Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("note: create: %w", err)
		}
		n.AuthorName = record.UserName(ctx, tx, a.UserID)
		if err := history.Record(ctx, tx, a, k.Type, recordID, api.HistoryNoteAdded, []api.FieldChange{{Field: "note", New: excerpt(b)}}); err != nil {
			return err
		}
		return rights(ctx, tx, a, k, recordID, n)
	})
	return n, err
}

func excerpt(s string) string {
	r := []rune(s)
	if len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return s
}

// loadFor finds a note whose record the actor may see and checks that they may perform action on the note.
func loadFor(ctx context.Context, tx bun.IDB, a *access.Actor, id uuid.UUID, action api.Action) (*Note, record.Kind, error) {
	n := new(Note)
	if err := selectWith(tx.NewSelect().Model(n)).Where("n.id = ?", id).For("UPDATE OF n").Scan(ctx); err != nil {
		return nil, record.Kind{}, httpx.Missing(err, fmt.Sprintf("note: get %s", id))
	}
	k, ok := record.KindOf(n.RecordType)
	if !ok {
		return nil, k, httpx.ErrNotFound
	}
	if _, err := record.Check(ctx, tx, a, k, n.RecordID, api.ActionView); err != nil {
		return nil, k, err
	}
	if err := rights(ctx, tx, a, k, n.RecordID, n); err != nil {
		return nil, k, err
	}
	if (action == api.ActionEdit && !n.canEdit) || (action == api.ActionDelete && !n.canDelete) {
		return nil, k, httpx.ErrForbidden
	}
	return n, k, nil
}

// Update changes a note's text.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.NotePatch) (*Note, error) {
	var n *Note
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		var k record.Kind
		if n, k, err = loadFor(ctx, tx, a, id, api.ActionEdit); err != nil {
			return err
		}
		if err := httpx.CheckVersion(n.Version, version); err != nil {
			return err
		}
		if in.Body == nil {
			return nil
		}
		b, err := body(*in.Body)
		if err != nil {
			return err
		}
		if b == n.Body {
			return nil
		}
		old := n.Body
		n.Body = b
		if _, err := tx.NewUpdate().Model(n).Column("body").Set("version = version + 1").Set("updated_at = now()").
			WherePK().Returning("version, updated_at").Exec(ctx); err != nil {
			return fmt.Errorf("note: update: %w", err)
		}
		return history.Record(ctx, tx, a, k.Type, n.RecordID, api.HistoryNoteChanged,
			[]api.FieldChange{{Field: "note", Old: excerpt(old), New: excerpt(b)}})
	})
	return n, err
}

// Delete removes a note; the record's history keeps that it existed.
func (s *Service) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		n, k, err := loadFor(ctx, tx, a, id, api.ActionDelete)
		if err != nil {
			return err
		}
		if err := httpx.CheckVersion(n.Version, version); err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model(n).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("note: delete: %w", err)
		}
		return history.Record(ctx, tx, a, k.Type, n.RecordID, api.HistoryNoteDeleted, []api.FieldChange{{Field: "note", Old: excerpt(n.Body)}})
	})
}

// ListFor returns the list function of a record kind's notes, for rest.Related.
func (s *Service) ListFor(k record.Kind) func(context.Context, *access.Actor, uuid.UUID) (api.NoteList, error) {
	return func(ctx context.Context, a *access.Actor, id uuid.UUID) (api.NoteList, error) {
		notes, err := s.List(ctx, a, k, id)
		out := api.NoteList{Items: make([]api.Note, len(notes))}
		for i, n := range notes {
			out.Items[i] = n.API()
		}
		return out, err
	}
}

// CreateHandler handles POST /api/v1/<kind>/{recordID}/notes.
func (s *Service) CreateHandler(k record.Kind) httpx.HandlerFunc {
	return rest.CreateIn("recordID", func(ctx context.Context, a *access.Actor, id uuid.UUID, in api.NoteCreate) (*Note, error) {
		return s.Create(ctx, a, k, id, in)
	}).Handler
}
