package app_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// handlerStatements records the statements that handlers run for a signed-in user (their context carries the
// actor), without the frame of the tenant transaction (BEGIN, the tenant setting, COMMIT) and without what
// authentication runs before the actor is known; background work (the change feed's worker) carries no actor.
type handlerStatements struct {
	mu    sync.Mutex
	stmts []string
}

func (h *handlerStatements) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}

func (h *handlerStatements) AfterQuery(ctx context.Context, e *bun.QueryEvent) {
	if _, err := access.FromContext(ctx); err != nil {
		return
	}
	s := strings.Join(strings.Fields(db.Shape(e.Query)), " ")
	switch {
	case s == "BEGIN", s == "COMMIT", s == "ROLLBACK", strings.HasPrefix(s, "SELECT set_config("):
		return
	}
	h.mu.Lock()
	h.stmts = append(h.stmts, s)
	h.mu.Unlock()
}

func (h *handlerStatements) take() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.stmts
	h.stmts = nil
	return out
}

// An update of a record of every kind, as the bench sends it (a field rep on a record of their own, with
// If-Match), runs no more statements than its design needs (the kind fixture's updateStatements): a round trip
// added to the path fails here. Before issue 19 these were 5 or 6: a locked read, its completion, the custom field
// definitions, a look-up of the owner's name (but for persons), the UPDATE and the history entry each on its own.
func TestAnUpdateOfEveryKindRunsItsFewestStatements(t *testing.T) {
	d := testdb.New(t)
	h := &handlerStatements{}
	d.App.AddQueryHook(h)
	env := apptest.StartOn(t, d, d.App, nil)
	f := fixture{env: env, t: t}
	admin := signIn(t, env, apptest.Admin)
	rep := signIn(t, env, apptest.FieldRepSued)
	for _, k := range record.Kinds() {
		t.Run(string(k.Type), func(t *testing.T) {
			kf := kindFixtureOf(t, k)
			want := kf.updateStatements
			rep.t, admin.t = t, t
			field := admin.createField(k.Type, "Messe "+string(k.Type), api.FieldKindText, false)
			id := kf.make(f, apptest.FieldRepSued)
			path := "/api/v1/" + k.Path + "/" + id.String()
			etag := f.etag(k.Table, id)
			h.take()
			rep.call("PATCH", path, map[string]any{"custom": map[string]string{field.ID: "Hannover 2026"}}, 200, nil, "If-Match", etag)
			stmts := h.take()
			if len(stmts) != want {
				t.Errorf("the update ran %d statements in its transaction, want %d:\n%s", len(stmts), want, strings.Join(stmts, "\n"))
			}
			// The same version again is stale now: 412 after the read alone.
			rep.call("PATCH", path, map[string]any{"custom": map[string]string{field.ID: "Hannover 2027"}}, 412, nil, "If-Match", etag)
			if stmts := h.take(); len(stmts) != 1 {
				t.Errorf("the stale update ran %d statements, want 1 (the read):\n%s", len(stmts), strings.Join(stmts, "\n"))
			}
		})
	}
}
