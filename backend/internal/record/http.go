package record

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/shared/api"
)

// TrashDays is how long a deleted record can be restored. The owner-run database functions that empty the trash
// (maintenance_purge, document_cleanup_claim and document_cleanup_delete) hold the same 30 days as a constant.
const TrashDays = 30

// Service serves the mechanisms all record types share: history and trash.
type Service struct{ db *bun.DB }

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{db: db} }

// History handles GET /api/v1/<kind>/{recordID}/history.
func (s *Service) History(k Kind) httpx.HandlerFunc {
	return rest.Related("recordID", func(ctx context.Context, a *access.Actor, id uuid.UUID) (api.HistoryList, error) {
		out := api.HistoryList{}
		err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
			if _, err := Check(ctx, tx, a, k, id, api.ActionView); err != nil {
				return err
			}
			var err error
			out.Items, err = history.List(ctx, tx, k.Type, id, history.Reader{
				Names: func(ctx context.Context, tx bun.IDB, rt api.RecordType, ids []uuid.UUID) (map[uuid.UUID]string, error) {
					return Names(ctx, tx, a, rt, ids)
				},
				Activities: history.ActivityTitles(a),
			})
			return err
		})
		return out, err
	}).Handler
}

// Trash handles GET /api/v1/trash?recordType=…: the deleted records of the last 30 days the actor may restore.
func (s *Service) Trash(w http.ResponseWriter, r *http.Request) error {
	return rest.Answer(func(ctx context.Context, a *access.Actor) (api.TrashList, error) { return s.trash(ctx, a, r) }).Handler(w, r)
}

func (s *Service) trash(ctx context.Context, a *access.Actor, r *http.Request) (api.TrashList, error) {
	kinds := Kinds()
	if rt := r.URL.Query().Get("recordType"); rt != "" {
		k, ok := KindOf(api.RecordType(rt))
		if !ok {
			return api.TrashList{}, httpx.FieldError("recordType", api.FieldInvalid)
		}
		kinds = []Kind{k}
	}
	out := api.TrashList{Items: []api.TrashItem{}}
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		for _, k := range kinds {
			var rows []struct {
				ID        uuid.UUID `bun:"id"`
				Name      string    `bun:"name"`
				DeletedAt time.Time `bun:"deleted_at"`
				By        string    `bun:"by"`
			}
			q := tx.NewSelect().TableExpr("? AS ?", bun.Ident(k.Table), bun.Ident(k.Alias)).
				ColumnExpr("?.id", bun.Ident(k.Alias)).ColumnExpr(k.NameSQL+" AS name").ColumnExpr("?.deleted_at", bun.Ident(k.Alias)).
				ColumnExpr("coalesce((SELECT u.name FROM users AS u WHERE u.id = ?.deleted_by), '') AS by", bun.Ident(k.Alias)).
				Where("?.deleted_at > now() - make_interval(days => ?)", bun.Ident(k.Alias), TrashDays).
				OrderExpr("?.deleted_at DESC", bun.Ident(k.Alias)).Limit(500)
			a.Restrict(q.QueryBuilder(), k.Type, api.ActionDelete, k.OwnerColumn())
			if err := q.Scan(ctx, &rows); err != nil {
				return fmt.Errorf("record: trash %s: %w", k.Type, err)
			}
			for _, row := range rows {
				out.Items = append(out.Items, api.TrashItem{RecordType: k.Type, ID: row.ID.String(), Name: row.Name,
					DeletedAt: row.DeletedAt, DeletedByName: row.By, PurgeAt: row.DeletedAt.AddDate(0, 0, TrashDays)})
			}
		}
		return nil
	})
	if err != nil {
		return api.TrashList{}, err
	}
	sort.SliceStable(out.Items, func(i, j int) bool { return out.Items[i].DeletedAt.After(out.Items[j].DeletedAt) })
	return out, nil
}

// RecordTypeParam reads ?recordType= and checks it against allowed.
func RecordTypeParam(r *http.Request, allowed []api.RecordType) (api.RecordType, error) {
	rt := api.RecordType(r.URL.Query().Get("recordType"))
	if !slices.Contains(allowed, rt) {
		return "", httpx.FieldError("recordType", api.FieldInvalid)
	}
	return rt, nil
}
