package activity

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Type is a row of activity_types.
type Type struct {
	bun.BaseModel `bun:"table:activity_types,alias:at"`

	ID         uuid.UUID  `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	TenantID   uuid.UUID  `bun:"tenant_id,type:uuid"`
	Name       string     `bun:"name"`
	Color      string     `bun:"color"`
	Icon       string     `bun:"icon"`
	Position   int        `bun:"position"`
	ArchivedAt *time.Time `bun:"archived_at"`
	Version    int64      `bun:"version"`
	CreatedAt  time.Time  `bun:"created_at,nullzero,default:now()"`
	UpdatedAt  time.Time  `bun:"updated_at,nullzero,default:now()"`
}

// ETag is the version clients must send back with a change.
func (t *Type) ETag() int64 { return t.Version }

// API converts to the wire type.
func (t *Type) API() api.ActivityType {
	return api.ActivityType{ID: t.ID.String(), Name: t.Name, Color: t.Color, Icon: t.Icon, Position: t.Position,
		Archived: t.ArchivedAt != nil, Version: t.Version, CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt}
}

// DefaultTypes are the types every tenant starts with (the migration gave them to tenants that existed then).
var DefaultTypes = []api.ActivityTypeCreate{
	{Name: "Anruf", Color: "#228be6", Icon: "phone"},
	{Name: "E-Mail", Color: "#7950f2", Icon: "mail"},
	{Name: "Meeting", Color: "#12b886", Icon: "users"},
	{Name: "Aufgabe", Color: "#fab005", Icon: "checkbox"},
	{Name: "Termin vor Ort", Color: "#fd7e14", Icon: "map-pin"},
}

// ProvisionTypes adds the default types to a new tenant, in the provisioning transaction.
func ProvisionTypes(ctx context.Context, tx bun.IDB, tenantID uuid.UUID) error {
	for i, d := range DefaultTypes {
		t := &Type{TenantID: tenantID, Name: d.Name, Color: d.Color, Icon: d.Icon, Position: i + 1, Version: 1}
		if _, err := tx.NewInsert().Model(t).Exec(ctx); err != nil {
			return fmt.Errorf("activity: default type %q: %w", d.Name, err)
		}
	}
	return nil
}

// TypeService manages activity types; everyone reads them, admins change them.
type TypeService struct{ db *bun.DB }

// NewTypeService builds the service.
func NewTypeService(db *bun.DB) *TypeService { return &TypeService{db: db} }

// List returns the types in order; archived ones only when asked.
func (s *TypeService) List(ctx context.Context, a *access.Actor, archived bool) ([]*Type, error) {
	var ts []*Type
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		q := tx.NewSelect().Model(&ts).OrderExpr(`at.position, at.name COLLATE "de-x-icu", at.id`)
		if !archived {
			q = q.Where("at.archived_at IS NULL")
		}
		return q.Scan(ctx)
	})
	return ts, err
}

var colorRE = regexp.MustCompile(`^#[0-9a-f]{6}$`)

func checkType(v *httpx.Validation, t *Type, name, color, icon *string) {
	if name != nil {
		t.Name = validate.Text(v, "name", *name, 60)
		if t.Name == "" {
			v.Field("name", api.FieldRequired)
		}
	}
	if color != nil {
		t.Color = strings.ToLower(strings.TrimSpace(*color))
		if !colorRE.MatchString(t.Color) {
			v.Field("color", api.FieldInvalid)
		}
	}
	if icon != nil {
		t.Icon = strings.TrimSpace(*icon)
		if !slices.Contains(api.AllActivityIcons, api.ActivityIcon(t.Icon)) {
			v.Field("icon", api.FieldInvalid)
		}
	}
}

func typeNameTaken(err error) error {
	if db.IsUniqueViolation(err, "activity_types_name_idx") {
		return httpx.Conflict("a type with this name exists", "name", api.FieldTaken)
	}
	return err
}

// Create adds a type at the end (admins).
func (s *TypeService) Create(ctx context.Context, a *access.Actor, in api.ActivityTypeCreate) (*Type, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	var v httpx.Validation
	t := &Type{TenantID: a.TenantID, Version: 1}
	checkType(&v, t, &in.Name, &in.Color, &in.Icon)
	if err := v.Err(); err != nil {
		return nil, err
	}
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if err := tx.NewRaw("SELECT coalesce(max(position), 0) + 1 FROM activity_types").Scan(ctx, &t.Position); err != nil {
			return err
		}
		_, err := tx.NewInsert().Model(t).Returning("*").Exec(ctx)
		return typeNameTaken(err)
	})
	return t, err
}

func loadType(ctx context.Context, tx bun.IDB, id uuid.UUID) (*Type, error) {
	t := new(Type)
	if err := tx.NewSelect().Model(t).Where("at.id = ?", id).For("UPDATE").Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return nil, httpx.ErrNotFound
		}
		return nil, fmt.Errorf("activity: type %s: %w", id, err)
	}
	return t, nil
}

// Update changes, reorders, archives or restores a type (admins).
func (s *TypeService) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.ActivityTypePatch) (*Type, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	var t *Type
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if t, err = loadType(ctx, tx, id); err != nil {
			return err
		}
		if err := httpx.CheckVersion(t.Version, version); err != nil {
			return err
		}
		var v httpx.Validation
		checkType(&v, t, in.Name, in.Color, in.Icon)
		if in.Position != nil {
			if *in.Position < 0 || *in.Position > 10000 {
				v.Field("position", api.FieldRange)
			}
			t.Position = *in.Position
		}
		if err := v.Err(); err != nil {
			return err
		}
		if in.Archived != nil {
			switch {
			case *in.Archived && t.ArchivedAt == nil:
				now := time.Now()
				t.ArchivedAt = &now
			case !*in.Archived:
				t.ArchivedAt = nil
			}
		}
		_, err = tx.NewUpdate().Model(t).Column("name", "color", "icon", "position", "archived_at").
			Set("version = version + 1").Set("updated_at = now()").WherePK().Returning("*").Exec(ctx)
		return typeNameTaken(err)
	})
	return t, err
}

// Delete removes a type no activity uses (admins); one in use must be archived instead (409).
func (s *TypeService) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	if err := a.RequireAdmin(); err != nil {
		return err
	}
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		t, err := loadType(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := httpx.CheckVersion(t.Version, version); err != nil {
			return err
		}
		used, err := tx.NewSelect().Table("activities").Where("type_id = ?", id).Exists(ctx)
		if err != nil {
			return fmt.Errorf("activity: type in use: %w", err)
		}
		if used {
			return httpx.Conflict("the type is in use; archive it instead", "id", api.FieldInUse)
		}
		_, err = tx.NewDelete().Model(t).WherePK().Exec(ctx)
		return err
	})
}

// ListHandler handles GET /api/v1/activity-types?archived=true.
func (s *TypeService) ListHandler(w http.ResponseWriter, r *http.Request) error {
	a, err := access.FromRequest(r)
	if err != nil {
		return err
	}
	ts, err := s.List(r.Context(), a, r.URL.Query().Get("archived") == "true")
	if err != nil {
		return err
	}
	out := api.ActivityTypeList{Items: make([]api.ActivityType, len(ts)), Icons: api.AllActivityIcons}
	for i, t := range ts {
		out.Items[i] = t.API()
	}
	return httpx.JSON(w, http.StatusOK, out)
}
