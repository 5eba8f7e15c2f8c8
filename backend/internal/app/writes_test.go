package app_test

import (
	"strings"
	"testing"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// An update of a record of every kind, as the bench sends it (a field rep on a record of their own, with
// If-Match), runs no more statements than its design needs (the kind fixture's updateStatements): a round trip
// added to the path fails here. Before issue 19 these were 5 or 6: a locked read, its completion, the custom field
// definitions, a look-up of the owner's name (but for persons), the UPDATE and the history entry each on its own.
func TestAnUpdateOfEveryKindRunsItsFewestStatements(t *testing.T) {
	d := testdb.New(t)
	h := &requestStatements{}
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
			stmts := h.work(func() {
				rep.call("PATCH", path, map[string]any{"custom": map[string]string{field.ID: "Hannover 2026"}}, 200, nil, "If-Match", etag)
			})
			if len(stmts) != want {
				t.Errorf("the update ran %d statements in its transaction, want %d:\n%s", len(stmts), want, strings.Join(stmts, "\n"))
			}
			// The same version again is stale now: 412 after the read alone.
			if stmts := h.work(func() {
				rep.call("PATCH", path, map[string]any{"custom": map[string]string{field.ID: "Hannover 2027"}}, 412, nil, "If-Match", etag)
			}); len(stmts) != 1 {
				t.Errorf("the stale update ran %d statements, want 1 (the read):\n%s", len(stmts), strings.Join(stmts, "\n"))
			}
		})
	}
}
