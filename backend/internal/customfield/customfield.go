// Package customfield manages the fields admins add to persons, organisations, deals and leads, and validates
// and stores their values on records. Removing a field archives it: values stay and return with it.
package customfield

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/setting"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// MaxTextLength bounds a text value.
const MaxTextLength = 1000

// Field is a row of custom_fields.
type Field struct {
	bun.BaseModel `bun:"table:custom_fields,alias:cf"`
	db.Row

	RecordType api.RecordType `bun:"record_type"`
	Label      string         `bun:"label"`
	Kind       api.FieldKind  `bun:"kind"`
	Required   bool           `bun:"required"`
	Position   int            `bun:"position"`
	ArchivedAt *time.Time     `bun:"archived_at"`
}

// API converts to the wire type.
func (f *Field) API() api.CustomField {
	return api.CustomField{ID: f.ID.String(), RecordType: f.RecordType, Label: f.Label, Kind: f.Kind, Required: f.Required,
		Position: f.Position, Archived: f.ArchivedAt != nil, Version: f.Version, CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt}
}

// Fields are the fields of one record type, in order.
type Fields []*Field

// Load reads the fields of a record type (archived ones too, which keep their values) in the caller's tenant
// transaction. A signed-in request gets this instance's copy when the fields have not changed since it was read
// (db.TenantCache): the Fields are shared and must not be changed.
func Load(ctx context.Context, tx bun.IDB, rt api.RecordType) (Fields, error) {
	return loaded.Get(ctx, rt, func() (Fields, error) {
		var raw string
		if err := tx.NewRaw("SELECT ?", record.FieldDefinitions(rt)).Scan(ctx, &raw); err != nil {
			return nil, fmt.Errorf("customfield: load %s: %w", rt, err)
		}
		return decode([]byte(raw))
	})
}

// Of gives the fields of the kind of a record that record.Store.Update loaded with them (in the statement of the
// record's row, one round trip less than Load).
func Of(r *record.Row) (Fields, error) {
	if r.FieldDefs == nil {
		return nil, errors.New("customfield: the record was loaded without its fields' definitions")
	}
	return decode(r.FieldDefs)
}

// decode reads the fields as record.FieldDefinitions gives them: rows of custom_fields as JSON.
func decode(raw json.RawMessage) (Fields, error) {
	var rows []struct {
		ID         uuid.UUID      `json:"id"`
		TenantID   uuid.UUID      `json:"tenant_id"`
		Version    int64          `json:"version"`
		CreatedAt  time.Time      `json:"created_at"`
		UpdatedAt  time.Time      `json:"updated_at"`
		RecordType api.RecordType `json:"record_type"`
		Label      string         `json:"label"`
		Kind       api.FieldKind  `json:"kind"`
		Required   bool           `json:"required"`
		Position   int            `json:"position"`
		ArchivedAt *time.Time     `json:"archived_at"`
	}
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, fmt.Errorf("customfield: definitions: %w", err)
	}
	fs := make(Fields, len(rows))
	for i, r := range rows {
		fs[i] = &Field{Row: db.Row{ID: r.ID, TenantID: r.TenantID, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt},
			RecordType: r.RecordType, Label: r.Label, Kind: r.Kind, Required: r.Required, Position: r.Position, ArchivedAt: r.ArchivedAt}
	}
	return fs, nil
}

// loaded are the fields of the record types of the tenants this instance served (see Load).
var loaded = db.NewTenantCache[api.RecordType, Fields](4096)

// ByID finds a field.
func (fs Fields) ByID(id string) *Field {
	for _, f := range fs {
		if f.ID.String() == id {
			return f
		}
	}
	return nil
}

// Labels names every field for the history, in order.
func (fs Fields) Labels() []history.CustomLabel {
	out := make([]history.CustomLabel, len(fs))
	for i, f := range fs {
		out[i] = history.CustomLabel{ID: f.ID.String(), Label: f.Label}
	}
	return out
}

// Canonical checks a value against the field's kind and returns its canonical text, or a field code.
func (f *Field) Canonical(raw string) (string, api.FieldCode) {
	switch f.Kind {
	case api.FieldKindNumber:
		n, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return "", api.FieldType
		}
		return strconv.FormatFloat(n, 'f', -1, 64), ""
	case api.FieldKindBool:
		switch strings.TrimSpace(raw) {
		case "true":
			return "true", ""
		case "false":
			return "false", ""
		}
		return "", api.FieldType
	default:
		v := strings.TrimSpace(raw)
		if utf8.RuneCountInString(v) > MaxTextLength {
			return "", api.FieldTooLong
		}
		return v, ""
	}
}

// Apply validates changes to a record's custom values and returns the new values: unknown or archived fields,
// values of the wrong type and too long texts get field codes ("custom.<id>"), "" removes a value, and every
// active required field must have a value afterwards (on create and on update). Values of archived fields stay
// untouched.
func (fs Fields) Apply(v *httpx.Validation, stored, changes api.CustomValues) api.CustomValues {
	out := api.CustomValues{}
	for k, val := range stored {
		out[k] = val
	}
	for id, raw := range changes {
		key := "custom." + id
		f := fs.ByID(id)
		if f == nil || f.ArchivedAt != nil {
			v.Field(key, api.FieldUnknown)
			continue
		}
		if strings.TrimSpace(raw) == "" {
			delete(out, id)
			continue
		}
		val, code := f.Canonical(raw)
		if code != "" {
			v.Field(key, code)
			continue
		}
		out[id] = val
	}
	for _, f := range fs {
		if f.Required && f.ArchivedAt == nil && out[f.ID.String()] == "" {
			v.Field("custom."+f.ID.String(), api.FieldRequired)
		}
	}
	return out
}

// Service manages the field definitions.
type Service struct {
	db     *bun.DB
	fields setting.Table[*Field]
}

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{db: db, fields: setting.ForAdmins[Field](db)} }

// List returns a record type's fields in order; archived ones only when asked.
func (s *Service) List(ctx context.Context, a *access.Actor, rt api.RecordType, archived bool) ([]*Field, error) {
	if !slices.Contains(record.Types(nil), rt) {
		return nil, httpx.FieldError("recordType", api.FieldInvalid)
	}
	var out []*Field
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		fs, err := Load(ctx, tx, rt)
		for _, f := range fs {
			if archived || f.ArchivedAt == nil {
				out = append(out, f)
			}
		}
		return err
	})
	return out, err
}

// labelTaken answers a second row with the same label as a conflict.
var labelTaken = setting.Taken("custom_fields_label_idx", "a field with this label exists", "label")

// Create adds a field (admins).
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.CustomFieldCreate) (*Field, error) {
	f := &Field{Row: db.NewRow(a.TenantID), RecordType: in.RecordType, Kind: in.Kind, Required: in.Required}
	return f, labelTaken(s.fields.Insert(ctx, a, f, func(ctx context.Context, tx bun.Tx) error {
		var v httpx.Validation
		if !slices.Contains(record.Types(nil), in.RecordType) {
			v.Field("recordType", api.FieldInvalid)
		}
		if !slices.Contains(api.AllFieldKinds, in.Kind) {
			v.Field("kind", api.FieldInvalid)
		}
		f.Label = validate.Name(&v, "label", in.Label, 100)
		if in.Position < 0 {
			v.Field("position", api.FieldInvalid)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if in.Position > 0 {
			f.Position = in.Position
			return nil
		}
		return tx.NewRaw("SELECT coalesce(max(position), 0) + 1 FROM custom_fields WHERE record_type = ?", in.RecordType).Scan(ctx, &f.Position)
	}))
}

// Update relabels, reorders, makes required or not, archives or restores a field (admins).
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.CustomFieldPatch) (*Field, error) {
	return s.fields.Change(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, f *Field) error {
		var v httpx.Validation
		if in.Label != nil {
			f.Label = validate.Name(&v, "label", *in.Label, 100)
		}
		if in.Required != nil {
			f.Required = *in.Required
		}
		if in.Position != nil {
			if *in.Position < 0 {
				v.Field("position", api.FieldInvalid)
			}
			f.Position = *in.Position
		}
		setting.Archive(&f.ArchivedAt, in.Archived)
		if err := v.Err(); err != nil {
			return err
		}
		return labelTaken(setting.Write(ctx, tx, f, "label", "required", "position", "archived_at"))
	})
}

// Archive removes a field from forms and lists; its values stay stored (admins).
func (s *Service) Archive(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	archived := true
	_, err := s.Update(ctx, a, id, version, api.CustomFieldPatch{Archived: &archived})
	return err
}

// ListHandler handles GET /api/v1/custom-fields?recordType=…&archived=true.
func (s *Service) ListHandler(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	return rest.List(func(ctx context.Context, a *access.Actor) ([]*Field, error) {
		return s.List(ctx, a, api.RecordType(q.Get("recordType")), q.Get("archived") == "true")
	}, func(items []api.CustomField) api.CustomFieldList { return api.CustomFieldList{Items: items} }).Handler(w, r)
}
