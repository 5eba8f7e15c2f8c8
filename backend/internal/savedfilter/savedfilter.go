// Package savedfilter keeps named list filters. A filter is its owner's; a shared one is offered to everyone in
// the tenant. Applying a filter always goes through the list query, so it shows each user only what they may see.
package savedfilter

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/setting"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Filter is a row of saved_filters.
type Filter struct {
	bun.BaseModel `bun:"table:saved_filters,alias:sf"`
	db.Row

	OwnerID    uuid.UUID      `bun:"owner_id,type:uuid"`
	RecordType api.RecordType `bun:"record_type"`
	Name       string         `bun:"name"`
	Query      api.ListQuery  `bun:"query,type:jsonb"`
	Shared     bool           `bun:"shared"`
	OwnerName  string         `bun:"owner_name,scanonly"`
}

// API converts to the wire type.
func (f *Filter) API() api.SavedFilter {
	return api.SavedFilter{ID: f.ID.String(), RecordType: f.RecordType, Name: f.Name, Query: f.Query, Shared: f.Shared,
		OwnerID: f.OwnerID.String(), OwnerName: f.OwnerName, Version: f.Version, CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt}
}

// Service manages saved filters of the record types whose list specs it has.
type Service struct {
	db      *bun.DB
	specs   map[api.RecordType]listquery.Spec
	filters setting.Table[*Filter]
}

// NewService builds the service; a saved query is checked exactly as its list would compile it.
func NewService(db *bun.DB, specs ...listquery.Spec) *Service {
	s := &Service{db: db, specs: map[api.RecordType]listquery.Spec{}, filters: setting.ForOwners(db, own)}
	for _, sp := range specs {
		s.specs[sp.Type] = sp
	}
	return s
}

func selectWith(q *bun.SelectQuery) *bun.SelectQuery {
	return q.ColumnExpr("sf.*").ColumnExpr("(SELECT u.name FROM users AS u WHERE u.id = sf.owner_id) AS owner_name")
}

// List returns the actor's own and the shared filters of a record type.
func (s *Service) List(ctx context.Context, a *access.Actor, rt api.RecordType) ([]*Filter, error) {
	return setting.List[Filter](ctx, s.db, a, func(q *bun.SelectQuery) *bun.SelectQuery {
		return selectWith(q).Where("sf.record_type = ?", rt).Where("(sf.owner_id = ? OR sf.shared)", a.UserID).
			OrderExpr(`sf.name COLLATE "de-x-icu", sf.id`)
	})
}

// ListHandler handles GET /api/v1/saved-filters?recordType=….
func (s *Service) ListHandler(w http.ResponseWriter, r *http.Request) error {
	return rest.List(func(ctx context.Context, a *access.Actor) ([]*Filter, error) {
		rt, err := record.RecordTypeParam(r, recordTypes())
		if err != nil {
			return nil, err
		}
		return s.List(ctx, a, rt)
	}, func(items []api.SavedFilter) api.SavedFilterList { return api.SavedFilterList{Items: items} }).Handler(w, r)
}

func recordTypes() []api.RecordType {
	var out []api.RecordType
	for _, k := range record.Kinds() {
		out = append(out, k.Type)
	}
	return out
}

// check validates name and query; the query must compile for the record type (known custom fields and ops).
func (s *Service) check(ctx context.Context, tx bun.IDB, a *access.Actor, v *httpx.Validation, rt api.RecordType, name string, q api.ListQuery) (string, api.ListQuery) {
	name = validate.Name(v, "name", name, 100)
	q.Cursor = ""
	spec, ok := s.specs[rt]
	if !ok {
		v.Field("recordType", api.FieldInvalid)
		return name, q
	}
	fields, err := customfield.Load(ctx, tx, rt)
	if err == nil {
		if _, err := listquery.Compile(spec, a, q, fields); err != nil {
			if e, ok := httpx.AsError(err); ok {
				for f, code := range e.Fields {
					v.Field("query."+f, code)
				}
			}
		}
	}
	if raw, _ := json.Marshal(q); len(raw) > 16<<10 {
		v.Field("query", api.FieldTooLong)
	}
	return name, q
}

// Create saves a filter for the actor.
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.SavedFilterCreate) (*Filter, error) {
	f := &Filter{Row: db.NewRow(a.TenantID), OwnerID: a.UserID, RecordType: in.RecordType, Shared: in.Shared}
	return f, s.filters.Insert(ctx, a, f, func(ctx context.Context, tx bun.Tx) error {
		var v httpx.Validation
		if _, ok := record.KindOf(in.RecordType); !ok {
			v.Field("recordType", api.FieldInvalid)
			return v.Err()
		}
		f.Name, f.Query = s.check(ctx, tx, a, &v, in.RecordType, in.Name, in.Query)
		if err := v.Err(); err != nil {
			return err
		}
		f.OwnerName = record.UserName(ctx, tx, a.UserID)
		return nil
	})
}

// own loads a filter the actor may see; changing it needs to be its owner (a shared filter of someone else is
// visible, so that is a 403, not a 404).
func own(ctx context.Context, tx bun.Tx, a *access.Actor, id uuid.UUID) (*Filter, error) {
	f := new(Filter)
	if err := selectWith(tx.NewSelect().Model(f)).Where("sf.id = ?", id).Where("(sf.owner_id = ? OR sf.shared)", a.UserID).
		For("UPDATE OF sf").Scan(ctx); err != nil {
		return nil, httpx.Missing(err, fmt.Sprintf("savedfilter: get %s", id))
	}
	if f.OwnerID != a.UserID {
		return nil, httpx.ErrForbidden
	}
	return f, nil
}

// Update changes the actor's own filter.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.SavedFilterPatch) (*Filter, error) {
	return s.filters.Change(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, f *Filter) error {
		name, q := f.Name, f.Query
		if in.Name != nil {
			name = *in.Name
		}
		if in.Query != nil {
			q = *in.Query
		}
		if in.Shared != nil {
			f.Shared = *in.Shared
		}
		var v httpx.Validation
		f.Name, f.Query = s.check(ctx, tx, a, &v, f.RecordType, name, q)
		if err := v.Err(); err != nil {
			return err
		}
		return setting.Write(ctx, tx, f, "name", "query", "shared")
	})
}

// Delete removes the actor's own filter.
func (s *Service) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	return s.filters.Delete(ctx, a, id, version, nil)
}
