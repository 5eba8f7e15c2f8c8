package export

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
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/shared/api"
)

// The page size of the admins' list of exports.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// listed is a row of the admins' list.
type listed struct {
	ID         uuid.UUID      `bun:"id"`
	UserID     uuid.UUID      `bun:"user_id"`
	UserName   string         `bun:"user_name"`
	RecordType api.RecordType `bun:"record_type"`
	Format     string         `bun:"format"`
	Filter     string         `bun:"filter"`
	Columns    []string       `bun:"columns,array"`
	Rows       int            `bun:"rows"`
	DurationMs int64          `bun:"duration_ms"`
	Completed  bool           `bun:"completed"`
	CreatedAt  time.Time      `bun:"created_at"`
}

// cursor continues the list after an export.
type cursor struct {
	At time.Time `json:"t"`
	ID uuid.UUID `json:"id"`
}

// RowID is the ID of the row the list continues after.
func (c cursor) RowID() uuid.UUID { return c.ID }

// List returns a page of the tenant's exports, newest first (admins only: the route's guard): limit 1 to
// MaxLimit (0: the default), after the cursor of the page before.
func (s *Service) List(ctx context.Context, a *access.Actor, limit int, after string) (*api.ExportPage, error) {
	var v httpx.Validation
	limit = listquery.PageLimit(&v, limit, DefaultLimit, MaxLimit)
	c := listquery.DecodeCursor[cursor](&v, after)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.ExportPage, error) {
		q := tx.NewSelect().TableExpr("exports AS e").Join("JOIN users AS u ON u.id = e.user_id").
			ColumnExpr("e.id, e.user_id, u.name AS user_name, e.record_type, e.format, e.filter::text AS filter, e.columns").
			ColumnExpr("e.rows, e.duration_ms, e.completed, e.created_at").
			OrderExpr("e.created_at DESC, e.id DESC").Limit(limit + 1)
		if c != nil {
			q = q.Where("(e.created_at, e.id) < (?, ?)", c.At, c.ID)
		}
		var rows []listed
		if err := q.Scan(ctx, &rows); err != nil {
			return nil, fmt.Errorf("export: list: %w", err)
		}
		rows, next := listquery.NextPage(rows, limit, func(e listed) string {
			return listquery.EncodeCursor(cursor{At: e.CreatedAt, ID: e.ID})
		})
		out := &api.ExportPage{Items: make([]api.Export, len(rows)), NextCursor: next}
		for i, e := range rows {
			cols := e.Columns
			if cols == nil {
				cols = []string{}
			}
			out.Items[i] = api.Export{ID: e.ID.String(), UserID: e.UserID.String(), UserName: e.UserName,
				RecordType: e.RecordType, Format: api.ExportFormat(e.Format), Filter: e.Filter, Columns: cols, Rows: e.Rows,
				DurationMs: e.DurationMs, Completed: e.Completed, CreatedAt: e.CreatedAt}
		}
		return out, nil
	})
}

// ListHandler handles GET /api/v1/exports?limit=&cursor=.
func (s *Service) ListHandler() rest.Endpoint {
	return rest.Typed[rest.None, api.ExportPage](http.StatusOK, func(w http.ResponseWriter, r *http.Request) error {
		a, _, err := rest.Target(r, "")
		if err != nil {
			return err
		}
		out, err := s.List(r.Context(), a, httpx.LimitParam(r), r.URL.Query().Get("cursor"))
		if err != nil {
			return err
		}
		return httpx.JSON(w, http.StatusOK, out)
	}, "limit", "cursor")
}
