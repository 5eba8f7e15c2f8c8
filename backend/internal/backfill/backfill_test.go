package backfill

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// The migration to names by visibility, run on data written before it: history entries that named linked records
// get their IDs (or nothing, where a name is ambiguous), search texts lose the linked names, and a reader who may
// not see the linked record gets a placeholder.
func TestNamesByVisibilityMigratesEarlierData(t *testing.T) {
	env := apptest.Start(t)
	ctx := context.Background()
	owner := env.DB.Owner
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := owner.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	tenant := env.Demo.TenantID
	lena := env.Demo.Users[apptest.FieldRepSued]
	jonas := env.Demo.Users[apptest.FieldRepNord]
	var org, twin1, twin2, person, deal, pipe, stage string
	scan := func(dst *string, q string, args ...any) {
		t.Helper()
		if err := owner.NewRaw(q, args...).Scan(ctx, dst); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	scan(&org, "INSERT INTO organizations (tenant_id, owner_id, name, search_text) VALUES (?, ?, 'Altfirma GmbH', 'altfirma gmbh') RETURNING id", tenant, lena)
	scan(&twin1, "INSERT INTO organizations (tenant_id, owner_id, name, search_text) VALUES (?, ?, 'Zwilling AG', 'zwilling ag') RETURNING id", tenant, lena)
	scan(&twin2, "INSERT INTO organizations (tenant_id, owner_id, name, search_text) VALUES (?, ?, 'Zwilling AG', 'zwilling ag') RETURNING id", tenant, lena)
	scan(&person, `INSERT INTO persons (tenant_id, owner_id, first_name, last_name, sort_name, search_text)
		VALUES (?, ?, 'Anna', 'Alt', 'Alt Anna', 'anna alt altfirma gmbh') RETURNING id`, tenant, jonas)
	scan(&pipe, "INSERT INTO pipelines (tenant_id, record_type, name) VALUES (?, 'deal', 'Alt') RETURNING id", tenant)
	scan(&stage, "INSERT INTO stages (tenant_id, pipeline_id, name, probability, position) VALUES (?, ?, 'Start', 10, 0) RETURNING id", tenant, pipe)
	scan(&deal, `INSERT INTO deals (tenant_id, owner_id, title, person_id, organization_id, pipeline_id, stage_id, search_text)
		VALUES (?, ?, 'Kopierer', ?, ?, ?, ?, 'kopierer anna alt altfirma gmbh') RETURNING id`, tenant, jonas, person, org, pipe, stage)
	exec(`INSERT INTO history (tenant_id, record_type, record_id, action, changes) VALUES
		(?, 'person', ?, 'linked', '[{"field": "organization", "label": "", "old": "", "new": "Altfirma GmbH (Einkauf)"}]'),
		(?, 'person', ?, 'unlinked', '[{"field": "organization", "label": "", "old": "Zwilling AG", "new": ""}]'),
		(?, 'deal', ?, 'created', '[{"field": "title", "label": "", "old": "", "new": "Kopierer"}, {"field": "person", "label": "", "old": "", "new": "Anna Alt"}, {"field": "organization", "label": "", "old": "", "new": "Altfirma GmbH"}]')`,
		tenant, person, tenant, person, tenant, deal)
	// Back to before the migration: it and its table go, and migrate runs it again.
	exec("DELETE FROM bun_migrations WHERE name LIKE '20261206130000%'")
	exec("DROP TABLE pending_backfills")
	log := slog.New(slog.DiscardHandler)
	if err := db.Migrate(ctx, owner, testdb.AppRole, log); err != nil {
		t.Fatal(err)
	}
	if err := Run(ctx, owner, log); err != nil {
		t.Fatal(err)
	}
	var pending int
	scan2 := func(q string, args ...any) string {
		t.Helper()
		var s string
		scan(&s, q, args...)
		return s
	}
	if err := owner.NewRaw("SELECT count(*) FROM pending_backfills").Scan(ctx, &pending); err != nil || pending != 0 {
		t.Fatalf("pending backfills: %d %v", pending, err)
	}
	if got := scan2("SELECT search_text FROM persons WHERE id = ?", person); got != "anna alt" {
		t.Errorf("person search text %q", got)
	}
	if got := scan2("SELECT search_text FROM deals WHERE id = ?", deal); got != "kopierer" {
		t.Errorf("deal search text %q", got)
	}
	if got := scan2("SELECT changes::text FROM history WHERE record_id = ? AND action = 'linked'", person); !strings.Contains(got, `"new": "`+org+`"`) ||
		!strings.Contains(got, `"recordType": "organization"`) || strings.Contains(got, "Altfirma") {
		t.Errorf("linked entry: %s", got)
	}
	if got := scan2("SELECT changes::text FROM history WHERE record_id = ? AND action = 'unlinked'", person); strings.Contains(got, "Zwilling") ||
		strings.Contains(got, twin1) || strings.Contains(got, twin2) {
		t.Errorf("an ambiguous name must become nothing: %s", got)
	}

	// Read back: the admin sees the names, Jonas (who may not see Lena's organisation) a placeholder.
	admin, rep := env.Token(apptest.Admin), env.Token(apptest.FieldRepNord)
	for _, c := range []struct {
		token      string
		wantName   string
		wantHidden bool
	}{{admin, "Altfirma GmbH", false}, {rep, "", true}} {
		var h api.HistoryList
		resp := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/deals/" + deal + "/history", Token: c.token})
		if resp.Status != 200 {
			t.Fatalf("history: %d %s", resp.Status, resp.Body)
		}
		resp.Decode(t, &h)
		var orgChange *api.FieldChange
		for i, ch := range h.Items[len(h.Items)-1].Changes {
			if ch.Field == "organization" {
				orgChange = &h.Items[len(h.Items)-1].Changes[i]
			}
		}
		if orgChange == nil || orgChange.New != c.wantName || orgChange.NewHidden != c.wantHidden {
			t.Errorf("deal history as read: %+v", h.Items)
		}
	}
}
