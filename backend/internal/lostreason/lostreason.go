// Package lostreason manages why deals and leads are lost. A reason in use is archived, never deleted, so that
// lost records keep their reason.
package lostreason

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// RecordTypes are the record types that can be lost: those that move through pipelines (record.Kind.Pipelines).
var RecordTypes = record.Types(func(k record.Kind) bool { return k.Pipelines })

// Reason is a row of lost_reasons.
type Reason struct {
	bun.BaseModel `bun:"table:lost_reasons,alias:lr"`

	ID          uuid.UUID      `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	TenantID    uuid.UUID      `bun:"tenant_id,type:uuid"`
	RecordType  api.RecordType `bun:"record_type"`
	Name        string         `bun:"name"`
	Description string         `bun:"description"`
	ArchivedAt  *time.Time     `bun:"archived_at"`
	Version     int64          `bun:"version"`
	CreatedAt   time.Time      `bun:"created_at,nullzero,default:now()"`
	UpdatedAt   time.Time      `bun:"updated_at,nullzero,default:now()"`
}

// ETag is the version clients must send back with a change.
func (r *Reason) ETag() int64 { return r.Version }

// API converts to the wire type.
func (r *Reason) API() api.LostReason {
	return api.LostReason{ID: r.ID.String(), RecordType: r.RecordType, Name: r.Name, Description: r.Description,
		Archived: r.ArchivedAt != nil, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// Service manages lost reasons; the records of the kinds in RecordTypes reference them (lost_reason_id).
type Service struct{ db *bun.DB }

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{db: db} }

// List returns the reasons of a record type by name; archived ones only when asked.
func (s *Service) List(ctx context.Context, a *access.Actor, rt api.RecordType, archived bool) ([]*Reason, error) {
	if !slices.Contains(RecordTypes, rt) {
		return nil, httpx.FieldError("recordType", api.FieldInvalid)
	}
	var rs []*Reason
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		q := tx.NewSelect().Model(&rs).Where("lr.record_type = ?", rt).OrderExpr(`lr.name COLLATE "de-x-icu", lr.id`)
		if !archived {
			q = q.Where("lr.archived_at IS NULL")
		}
		return q.Scan(ctx)
	})
	return rs, err
}

func check(v *httpx.Validation, r *Reason, name, description *string) {
	if name != nil {
		r.Name = strings.TrimSpace(*name)
		switch {
		case r.Name == "":
			v.Field("name", api.FieldRequired)
		case utf8.RuneCountInString(r.Name) > 100:
			v.Field("name", api.FieldTooLong)
		}
	}
	if description != nil {
		r.Description = validate.Text(v, "description", *description, 1000)
	}
}

func nameTaken(err error) error {
	if db.IsUniqueViolation(err, "lost_reasons_name_idx") {
		return httpx.Conflict("a reason with this name exists", "name", api.FieldTaken)
	}
	return err
}

// Create adds a reason (admins).
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.LostReasonCreate) (*Reason, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	var v httpx.Validation
	r := &Reason{TenantID: a.TenantID, RecordType: in.RecordType, Version: 1}
	if !slices.Contains(RecordTypes, in.RecordType) {
		v.Field("recordType", api.FieldInvalid)
	}
	check(&v, r, &in.Name, &in.Description)
	if err := v.Err(); err != nil {
		return nil, err
	}
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(r).Returning("*").Exec(ctx)
		return nameTaken(err)
	})
	return r, err
}

func load(ctx context.Context, tx bun.IDB, id uuid.UUID) (*Reason, error) {
	r := new(Reason)
	if err := tx.NewSelect().Model(r).Where("lr.id = ?", id).For("UPDATE").Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return nil, httpx.ErrNotFound
		}
		return nil, fmt.Errorf("lostreason: get %s: %w", id, err)
	}
	return r, nil
}

// Update changes, archives or restores a reason (admins); the changed time is kept by the database.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.LostReasonPatch) (*Reason, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	var r *Reason
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if r, err = load(ctx, tx, id); err != nil {
			return err
		}
		if err := httpx.CheckVersion(r.Version, version); err != nil {
			return err
		}
		var v httpx.Validation
		check(&v, r, in.Name, in.Description)
		if err := v.Err(); err != nil {
			return err
		}
		if in.Archived != nil {
			switch {
			case *in.Archived && r.ArchivedAt == nil:
				now := time.Now()
				r.ArchivedAt = &now
			case !*in.Archived:
				r.ArchivedAt = nil
			}
		}
		_, err = tx.NewUpdate().Model(r).Column("name", "description", "archived_at").Set("version = version + 1").
			Set("updated_at = now()").WherePK().Returning("*").Exec(ctx)
		return nameTaken(err)
	})
	return r, err
}

// Delete removes a reason no record uses (admins); one in use must be archived instead (409).
func (s *Service) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	if err := a.RequireAdmin(); err != nil {
		return err
	}
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		r, err := load(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := httpx.CheckVersion(r.Version, version); err != nil {
			return err
		}
		for _, rt := range RecordTypes {
			n, err := tx.NewSelect().Table(record.MustKind(rt).Table).Where("lost_reason_id = ?", id).Count(ctx)
			if err != nil {
				return fmt.Errorf("lostreason: in use: %w", err)
			}
			if n > 0 {
				return httpx.Conflict("the reason is in use; archive it instead", "id", api.FieldInUse)
			}
		}
		_, err = tx.NewDelete().Model(r).WherePK().Exec(ctx)
		return err
	})
}

// ListHandler handles GET /api/v1/lost-reasons?recordType=…&archived=true.
func (s *Service) ListHandler(w http.ResponseWriter, r *http.Request) error {
	a, err := access.FromRequest(r)
	if err != nil {
		return err
	}
	rs, err := s.List(r.Context(), a, api.RecordType(r.URL.Query().Get("recordType")), r.URL.Query().Get("archived") == "true")
	if err != nil {
		return err
	}
	out := api.LostReasonList{Items: make([]api.LostReason, len(rs))}
	for i, x := range rs {
		out.Items[i] = x.API()
	}
	return httpx.JSON(w, http.StatusOK, out)
}
