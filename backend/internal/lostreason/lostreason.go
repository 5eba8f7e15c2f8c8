// Package lostreason manages why deals and leads are lost. A reason in use is archived, never deleted, so that
// lost records keep their reason.
package lostreason

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/pipeline"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/setting"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// RecordTypes are the record types that can be lost: those that move through pipelines.
var RecordTypes = pipeline.RecordTypes

// Reason is a row of lost_reasons.
type Reason struct {
	bun.BaseModel `bun:"table:lost_reasons,alias:lr"`
	db.Row

	RecordType  api.RecordType `bun:"record_type"`
	Name        string         `bun:"name"`
	Description string         `bun:"description"`
	ArchivedAt  *time.Time     `bun:"archived_at"`
}

// API converts to the wire type.
func (r *Reason) API() api.LostReason {
	return api.LostReason{ID: r.ID.String(), RecordType: r.RecordType, Name: r.Name, Description: r.Description,
		Archived: r.ArchivedAt != nil, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// Service manages lost reasons; the records of the kinds in RecordTypes reference them (lost_reason_id).
type Service struct {
	db      *bun.DB
	reasons setting.Table[*Reason]
}

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{db: db, reasons: setting.ForAdmins[Reason](db)} }

// List returns the reasons of a record type by name; archived ones only when asked.
func (s *Service) List(ctx context.Context, a *access.Actor, rt api.RecordType, archived bool) ([]*Reason, error) {
	if !slices.Contains(RecordTypes, rt) {
		return nil, httpx.FieldError("recordType", api.FieldInvalid)
	}
	return setting.List[Reason](ctx, s.db, a, func(q *bun.SelectQuery) *bun.SelectQuery {
		return setting.Unarchived(q.Where("lr.record_type = ?", rt).OrderExpr(`lr.name COLLATE "de-x-icu", lr.id`), archived)
	})
}

func check(v *httpx.Validation, r *Reason, name, description *string) {
	if name != nil {
		r.Name = validate.Name(v, "name", *name, 100)
	}
	if description != nil {
		r.Description = validate.Text(v, "description", *description, 1000)
	}
}

// nameTaken answers a second row with the same name as a conflict.
var nameTaken = setting.Taken("lost_reasons_name_idx", "a reason with this name exists", "name")

// Create adds a reason (admins).
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.LostReasonCreate) (*Reason, error) {
	r := &Reason{Row: db.NewRow(a.TenantID), RecordType: in.RecordType}
	return r, nameTaken(s.reasons.Insert(ctx, a, r, func(context.Context, bun.Tx) error {
		var v httpx.Validation
		if !slices.Contains(RecordTypes, in.RecordType) {
			v.Field("recordType", api.FieldInvalid)
		}
		check(&v, r, &in.Name, &in.Description)
		return v.Err()
	}))
}

// Update changes, archives or restores a reason (admins); the changed time is kept by the database.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.LostReasonPatch) (*Reason, error) {
	return s.reasons.Change(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, r *Reason) error {
		var v httpx.Validation
		check(&v, r, in.Name, in.Description)
		if err := v.Err(); err != nil {
			return err
		}
		setting.Archive(&r.ArchivedAt, in.Archived)
		return nameTaken(setting.Write(ctx, tx, r, "name", "description", "archived_at"))
	})
}

// Delete removes a reason no record uses (admins); one in use must be archived instead (409).
func (s *Service) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	return s.reasons.Delete(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, _ *Reason) error {
		for _, rt := range RecordTypes {
			n, err := tx.NewSelect().Table(record.MustKind(rt).Table).Where("lost_reason_id = ?", id).Count(ctx)
			if err != nil {
				return fmt.Errorf("lostreason: in use: %w", err)
			}
			if n > 0 {
				return httpx.Conflict("the reason is in use; archive it instead", "id", api.FieldInUse)
			}
		}
		return nil
	})
}

// ListHandler handles GET /api/v1/lost-reasons?recordType=…&archived=true.
func (s *Service) ListHandler(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	return rest.List(func(ctx context.Context, a *access.Actor) ([]*Reason, error) {
		return s.List(ctx, a, api.RecordType(q.Get("recordType")), q.Get("archived") == "true")
	}, func(items []api.LostReason) api.LostReasonList { return api.LostReasonList{Items: items} }).Handler(w, r)
}
