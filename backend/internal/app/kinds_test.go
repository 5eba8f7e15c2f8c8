package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// Every kind of the registry has the record mechanisms, through the real server: a custom field of the kind is
// set and filtered by, its list finds the record by a word of its name (walking the list and through the trigram
// candidates), its notes, documents and history record what happened, and after 30 days in the trash the purge
// takes it with its notes and history and marks its documents for the cleanup. A kind added to the registry is
// tested here without a line more than its fixture (kindFixtures).
func TestEveryRecordKindHasTheRecordMechanisms(t *testing.T) {
	env := apptest.Start(t)
	f := fixture{env: env, t: t}
	token := env.Token(apptest.Admin)
	for _, k := range record.Kinds() {
		t.Run(string(k.Type), func(t *testing.T) {
			kf := kindFixtureOf(t, k)
			c := &client{t: t, env: env, token: token}
			id := kf.make(f, apptest.Admin)
			one := "/api/v1/" + k.Path + "/" + id.String() // the record; its mechanisms below it

			// Custom fields: a field of the kind takes a value through the kind's PATCH (which derives the
			// record's search text anew) and the list filters by it.
			var field api.CustomField
			c.call("POST", "/api/v1/custom-fields", api.CustomFieldCreate{RecordType: k.Type, Label: "Messe " + string(k.Type),
				Kind: api.FieldKindText}, 201, &field)
			c.call("PATCH", one, map[string]any{"custom": map[string]string{field.ID: "Hannover 2026"}}, 200, nil,
				"If-Match", f.etag(k.Table, id))
			var listed struct {
				Items []struct {
					ID     string            `json:"id"`
					Custom map[string]string `json:"custom"`
				} `json:"items"`
			}
			c.call("POST", "/api/v1/"+k.Path+"/query", api.ListQuery{Custom: []api.CustomCondition{{FieldID: field.ID, Op: "eq",
				Value: "hannover 2026"}}}, 200, &listed)
			if len(listed.Items) != 1 || listed.Items[0].ID != id.String() || listed.Items[0].Custom[field.ID] != "Hannover 2026" {
				t.Fatalf("the list filtered by the custom field: %+v", listed.Items)
			}

			// Search: a word of the record's name (the fixture makes it unique) finds it, in lists that also look
			// the term up in the trigram index (search_candidates, which takes the tables of record_kinds).
			var name string
			if err := env.DB.Owner.NewRaw("SELECT "+k.NameSQL+" FROM ? AS ? WHERE ?.id = ?", bunIdent(k.Table), bunIdent(k.Alias),
				bunIdent(k.Alias), id).Scan(context.Background(), &name); err != nil {
				t.Fatal(err)
			}
			word := name[strings.LastIndex(name, " ")+1:]
			for _, limit := range []int{1, 50} {
				c.call("POST", "/api/v1/"+k.Path+"/query", api.ListQuery{Search: word, Limit: limit}, 200, &listed)
				if len(listed.Items) != 1 || listed.Items[0].ID != id.String() {
					t.Fatalf("search for %q (limit %d) finds %+v", word, limit, listed.Items)
				}
			}
			var candidates []uuid.UUID
			if err := db.InTenant(context.Background(), env.DB.App, env.Demo.TenantID, func(ctx context.Context, tx bun.Tx) error {
				return tx.NewRaw("SELECT unnest(search_candidates(?, ?, 10))", k.Table, "%"+strings.ToLower(word)+"%").Scan(ctx, &candidates)
			}); err != nil || !slices.Equal(candidates, []uuid.UUID{id}) {
				t.Fatalf("search_candidates(%s, %s): %v %v", k.Table, word, candidates, err)
			}

			// Notes, documents and history.
			c.call("POST", one+"/notes", api.NoteCreate{Body: "Rückruf vereinbart"}, 201, nil)
			var notes api.NoteList
			c.call("GET", one+"/notes", nil, 200, &notes)
			if len(notes.Items) != 1 || notes.Items[0].Body != "Rückruf vereinbart" {
				t.Fatalf("notes %+v", notes.Items)
			}
			resp := env.Do(apptest.Request{Method: "POST", Path: one + "/documents", Token: token, Header: uploadHeader,
				Body: "Angebot über 12 Kopierer.\n"})
			if resp.Status != 201 {
				t.Fatalf("upload: %d %s", resp.Status, resp.Body)
			}
			var docs api.DocumentList
			c.call("GET", one+"/documents", nil, 200, &docs)
			if len(docs.Items) != 1 {
				t.Fatalf("documents %+v", docs.Items)
			}
			var hist api.HistoryList
			c.call("GET", one+"/history", nil, 200, &hist)
			var actions []api.HistoryAction
			for _, h := range hist.Items {
				actions = append(actions, h.Action)
			}
			for _, want := range []api.HistoryAction{api.HistoryUpdated, api.HistoryNoteAdded, api.HistoryDocumentAdded} {
				if !slices.Contains(actions, want) {
					t.Errorf("history %v lacks %s", actions, want)
				}
			}

			// The trash: deleted, listed in the trash of the kind, restored, deleted again; after 30 days purged.
			c.call("DELETE", one, nil, 204, nil, "If-Match", f.etag(k.Table, id))
			var trash api.TrashList
			c.call("GET", "/api/v1/trash?recordType="+string(k.Type), nil, 200, &trash)
			if len(trash.Items) != 1 || trash.Items[0].ID != id.String() || trash.Items[0].RecordType != k.Type || trash.Items[0].Name != name {
				t.Fatalf("trash %+v", trash.Items)
			}
			c.call("POST", one+"/restore", nil, 200, nil)
			c.call("GET", one, nil, 200, nil)
			c.call("DELETE", one, nil, 204, nil, "If-Match", f.etag(k.Table, id))
			if _, err := env.DB.Owner.ExecContext(context.Background(), "UPDATE ? SET deleted_at = now() - interval '31 days' WHERE id = ?",
				bunIdent(k.Table), id); err != nil {
				t.Fatal(err)
			}
			if _, err := env.DB.App.ExecContext(context.Background(), "SELECT maintenance_purge()"); err != nil {
				t.Fatal(err)
			}
			if n := countRows(t, env, `SELECT (SELECT count(*) FROM ? WHERE id = ?) + (SELECT count(*) FROM notes WHERE record_id = ?)
				+ (SELECT count(*) FROM history WHERE record_id = ?)`, bunIdent(k.Table), id, id, id); n != 0 {
				t.Fatalf("%d rows of the record, its notes and its history left after the purge", n)
			}
			if n := countRows(t, env, "SELECT count(*) FROM documents WHERE record_id = ? AND state <> 'purge'", id); n != 0 {
				t.Fatalf("%d documents of the purged record are not marked for the cleanup", n)
			}
			c.call("POST", one+"/restore", nil, 404, nil)
		})
	}
}

// The purge keeps a record in the trash while a row references it through a foreign key that would refuse its
// deletion (a deal its organisation), and takes it in the same run as the deal that held it.
func TestThePurgeKeepsARecordWhileADealHoldsIt(t *testing.T) {
	env := apptest.Start(t)
	f := fixture{env: env, t: t}
	deal := f.deal(apptest.Admin)
	var org uuid.UUID
	if err := env.DB.Owner.NewRaw("SELECT organization_id FROM deals WHERE id = ?", deal).Scan(context.Background(), &org); err != nil {
		t.Fatal(err)
	}
	purge := func() {
		t.Helper()
		if _, err := env.DB.App.ExecContext(context.Background(), "SELECT maintenance_purge()"); err != nil {
			t.Fatal(err)
		}
	}
	old := "UPDATE ? SET deleted_at = now() - interval '31 days' WHERE id = ?"
	if _, err := env.DB.Owner.ExecContext(context.Background(), old, bunIdent("organizations"), org); err != nil {
		t.Fatal(err)
	}
	purge()
	if n := countRows(t, env, "SELECT count(*) FROM organizations WHERE id = ?", org); n != 1 {
		t.Fatal("the purge took an organisation a live deal holds")
	}
	if _, err := env.DB.Owner.ExecContext(context.Background(), old, bunIdent("deals"), deal); err != nil {
		t.Fatal(err)
	}
	purge()
	if n := countRows(t, env, "SELECT (SELECT count(*) FROM organizations WHERE id = ?) + (SELECT count(*) FROM deals WHERE id = ?)", org, deal); n != 0 {
		t.Fatalf("%d of the deal and its organisation left after the purge", n)
	}
}
