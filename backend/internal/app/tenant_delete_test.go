package app_test

import (
	"context"
	"testing"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

// Deleting a company (DELETE FROM tenants, as the operator and the benchmarks do) takes its change events, notifications and presence with
// it, in the same transaction (the events its own deletion would add included), and leaves the other companies'
// alone; the notification worker goes on without stumbling over the company that is gone.
func TestDeletingATenantRemovesItsChangeEventsNotificationsAndPresence(t *testing.T) {
	env := apptest.Start(t)
	ctx := context.Background()
	admin, manager := signIn(t, env, apptest.Admin), signIn(t, env, apptest.Manager)
	jonas, olga := signIn(t, env, apptest.FieldRepNord), signIn(t, env, apptest.OtherAdmin)
	leadPipeline := makePipeline(admin, api.RecordLead, "Anfragen", 10, 50)
	var lead api.Lead
	manager.call("POST", "/api/v1/leads", api.LeadCreate{Title: "Wärmepumpe Kiel", OwnerID: env.Demo.Users[apptest.FieldRepNord].String(),
		PipelineID: leadPipeline.ID}, 201, &lead)
	jonas.call("PUT", "/api/v1/presence", api.PresenceOpen{RecordType: api.RecordLead, RecordID: lead.ID}, 204, nil)
	olga.createPerson(api.PersonCreate{FirstName: "Otto", LastName: "Anders"})
	derived(t, env)

	demo, other := env.Demo.TenantID, env.Other.TenantID
	count := func(table string, tenant any) int {
		t.Helper()
		var n int
		if err := env.DB.Owner.NewRaw("SELECT count(*) FROM ? WHERE tenant_id = ?", bunIdent(table), tenant).Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	tables := []string{"change_events", "notifications", "presence"}
	for _, table := range tables {
		if count(table, demo) == 0 {
			t.Fatalf("before: the demo company has no %s", table)
		}
	}
	otherEvents := count("change_events", other)
	if otherEvents == 0 {
		t.Fatal("before: the other company has no change events")
	}

	if _, err := env.DB.Owner.NewRaw("DELETE FROM tenants WHERE id = ?", demo).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		if n := count(table, demo); n != 0 {
			t.Errorf("after: %d rows of %s of the deleted company", n, table)
			var topics []string
			_ = env.DB.Owner.NewRaw("SELECT topic || ' ' || change FROM change_events WHERE tenant_id = ?", demo).Scan(ctx, &topics)
			t.Log(topics)
		}
	}
	if n := count("change_events", other); n != otherEvents {
		t.Errorf("the other company's change events: %d, before %d", n, otherEvents)
	}
	// The worker reads on (an event of the deleted company would fail its notifications' foreign keys).
	olga.createPerson(api.PersonCreate{FirstName: "Olaf", LastName: "Anders"})
	derived(t, env)
	if s := env.App.NotificationWorker().Skipped(); s != 0 {
		t.Errorf("the worker skipped %d events", s)
	}

	// TRUNCATE tenants CASCADE (the benchmarks' reset) fires no capture trigger; the events go with the companies.
	if _, err := env.DB.Owner.ExecContext(ctx, "TRUNCATE tenants CASCADE"); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := env.DB.Owner.NewRaw("SELECT count(*) FROM change_events").Scan(ctx, &left); err != nil || left != 0 {
		t.Errorf("after TRUNCATE tenants: %d change events (%v)", left, err)
	}
}
