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
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/setting"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Type is a row of activity_types.
type Type struct {
	bun.BaseModel `bun:"table:activity_types,alias:at"`
	db.Row

	Name       string     `bun:"name"`
	Color      string     `bun:"color"`
	Icon       string     `bun:"icon"`
	Position   int        `bun:"position"`
	ArchivedAt *time.Time `bun:"archived_at"`
}

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
		t := &Type{Row: db.NewRow(tenantID), Name: d.Name, Color: d.Color, Icon: d.Icon, Position: i + 1}
		if _, err := tx.NewInsert().Model(t).Exec(ctx); err != nil {
			return fmt.Errorf("activity: default type %q: %w", d.Name, err)
		}
	}
	return nil
}

// TypeService manages activity types; everyone reads them, admins change them.
type TypeService struct {
	db    *bun.DB
	types setting.Table[*Type]
}

// NewTypeService builds the service.
func NewTypeService(db *bun.DB) *TypeService {
	return &TypeService{db: db, types: setting.ForAdmins[Type](db)}
}

// List returns the types in order; archived ones only when asked.
func (s *TypeService) List(ctx context.Context, a *access.Actor, archived bool) ([]*Type, error) {
	return setting.List[Type](ctx, s.db, a, func(q *bun.SelectQuery) *bun.SelectQuery {
		return setting.Unarchived(q.OrderExpr(`at.position, at.name COLLATE "de-x-icu", at.id`), archived)
	})
}

var colorRE = regexp.MustCompile(`^#[0-9a-f]{6}$`)

func checkType(v *httpx.Validation, t *Type, name, color, icon *string) {
	if name != nil {
		t.Name = validate.Name(v, "name", *name, 60)
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

// typeNameTaken answers a second row with the same name as a conflict.
var typeNameTaken = setting.Taken("activity_types_name_idx", "a type with this name exists", "name")

// Create adds a type at the end (admins).
func (s *TypeService) Create(ctx context.Context, a *access.Actor, in api.ActivityTypeCreate) (*Type, error) {
	t := &Type{Row: db.NewRow(a.TenantID)}
	return t, typeNameTaken(s.types.Insert(ctx, a, t, func(ctx context.Context, tx bun.Tx) error {
		var v httpx.Validation
		checkType(&v, t, &in.Name, &in.Color, &in.Icon)
		if err := v.Err(); err != nil {
			return err
		}
		return tx.NewRaw("SELECT coalesce(max(position), 0) + 1 FROM activity_types").Scan(ctx, &t.Position)
	}))
}

// Update changes, reorders, archives or restores a type (admins).
func (s *TypeService) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.ActivityTypePatch) (*Type, error) {
	return s.types.Change(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, t *Type) error {
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
		setting.Archive(&t.ArchivedAt, in.Archived)
		return typeNameTaken(setting.Write(ctx, tx, t, "name", "color", "icon", "position", "archived_at"))
	})
}

// Delete removes a type no activity uses (admins); one in use must be archived instead (409).
func (s *TypeService) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	return s.types.Delete(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, _ *Type) error {
		used, err := tx.NewSelect().Table("activities").Where("type_id = ?", id).Exists(ctx)
		if err != nil {
			return fmt.Errorf("activity: type in use: %w", err)
		}
		if used {
			return httpx.Conflict("the type is in use; archive it instead", "id", api.FieldInUse)
		}
		return nil
	})
}

// ListHandler handles GET /api/v1/activity-types?archived=true.
func (s *TypeService) ListHandler(w http.ResponseWriter, r *http.Request) error {
	archived := r.URL.Query().Get("archived") == "true"
	return rest.List(func(ctx context.Context, a *access.Actor) ([]*Type, error) { return s.List(ctx, a, archived) },
		func(items []api.ActivityType) api.ActivityTypeList {
			return api.ActivityTypeList{Items: items, Icons: api.AllActivityIcons}
		}).Handler(w, r)
}
