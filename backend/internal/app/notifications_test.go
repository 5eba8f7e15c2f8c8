package app_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/notify"
	"github.com/1sales/app/shared/api"
)

// notifications reads all the caller's notifications, newest first, through the pages of the list.
func (c *client) notifications() api.NotificationPage {
	c.t.Helper()
	var all api.NotificationPage
	cursor := ""
	for {
		var page api.NotificationPage
		c.call("GET", "/api/v1/notifications?limit=3&cursor="+cursor, nil, 200, &page)
		all.Items = append(all.Items, page.Items...)
		all.UnreadCount = page.UnreadCount
		if page.NextCursor == "" {
			return all
		}
		cursor = page.NextCursor
	}
}

// said is what a notification says, for comparing: kind, record name and who did it.
func said(items []api.Notification) []string {
	out := make([]string, len(items))
	for i, n := range items {
		out[i] = fmt.Sprintf("%s %s by %q", n.Kind, n.RecordName, n.ActorName)
		if n.FileName != "" {
			out[i] += " file " + n.FileName
		}
	}
	slices.Sort(out)
	return out
}

// derived runs the notification worker until every change committed before it was looked at.
func derived(t *testing.T, env *apptest.Env) {
	t.Helper()
	ctx := context.Background()
	var head struct {
		Xid string `bun:"xid"`
		ID  int64  `bun:"id"`
	}
	if err := env.DB.Owner.NewRaw("SELECT xid::text AS xid, id FROM change_events ORDER BY xid DESC, id DESC LIMIT 1").
		Scan(ctx, &head); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the notification worker", func() bool {
		if _, err := env.App.NotificationWorker().Work(ctx); err != nil {
			t.Fatal(err)
		}
		var done bool
		if err := env.DB.Owner.NewRaw("SELECT (xid, id) >= (?::xid8, ?) FROM notify_cursor", head.Xid, head.ID).Scan(ctx, &done); err != nil {
			t.Fatal(err)
		}
		return done
	})
}

func TestEveryKindOfNotificationReachesTheRightUsersOnce(t *testing.T) {
	env := apptest.Start(t)
	admin, manager := signIn(t, env, apptest.Admin), signIn(t, env, apptest.Manager)
	jonas, lena, sabine := signIn(t, env, apptest.FieldRepNord), signIn(t, env, apptest.FieldRepSued), signIn(t, env, apptest.InsideSales)
	jonasID, lenaID := env.Demo.Users[apptest.FieldRepNord].String(), env.Demo.Users[apptest.FieldRepSued].String()
	dealPipeline := makePipeline(admin, api.RecordDeal, "Vertrieb", 10, 50)
	leadPipeline := makePipeline(admin, api.RecordLead, "Anfragen", 10, 50)
	var reason api.LostReason
	admin.call("POST", "/api/v1/lost-reasons", api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Zu teuer"}, 201, &reason)
	types := jonas.activityTypes()
	// A second rep in Jonas's unit: his team, but a rep sees only her own records.
	var nordZwei api.User
	admin.call("POST", "/api/v1/users", api.UserCreate{Email: "nord.zwei@nordlicht.example", Name: "Nora Nord", Password: apptest.Password,
		UnitID: env.Demo.Units["Außendienst Nord"].String(), RoleID: env.Demo.Roles["Außendienst"].String()}, 201, &nordZwei)
	nora := signIn(t, env, "nord.zwei@nordlicht.example")
	derived(t, env) // the set-up above concerns nobody
	for _, c := range []*client{admin, manager, jonas, lena, sabine} {
		if n := c.notifications(); len(n.Items) != 0 {
			t.Fatalf("before: %v", said(n.Items))
		}
	}

	// The manager gives Jonas a lead and a deal; Jonas makes a lead and a deal of his own (nobody is told).
	var lead, ownLead api.Lead
	manager.call("POST", "/api/v1/leads", api.LeadCreate{Title: "Wärmepumpe Hamburg", OwnerID: jonasID, PipelineID: leadPipeline.ID}, 201, &lead)
	jonas.call("POST", "/api/v1/leads", api.LeadCreate{Title: "Eigener Lead", PipelineID: leadPipeline.ID}, 201, &ownLead)
	nord, sued := jonas.createOrg(api.OrganizationCreate{Name: "Nord GmbH"}), lena.createOrg(api.OrganizationCreate{Name: "Süd GmbH"})
	var deal, ownDeal, lenasDeal api.Deal
	manager.call("POST", "/api/v1/deals", api.DealCreate{Title: "Kopierer Nord", OwnerID: jonasID, OrganizationID: nord.ID,
		PipelineID: dealPipeline.ID}, 201, &deal)
	jonas.call("POST", "/api/v1/deals", api.DealCreate{Title: "Drucker Nord", OrganizationID: nord.ID, PipelineID: dealPipeline.ID}, 201, &ownDeal)
	lena.call("POST", "/api/v1/deals", api.DealCreate{Title: "Scanner Süd", OrganizationID: sued.ID, PipelineID: dealPipeline.ID}, 201, &lenasDeal)
	// Jonas wins his own deal: his team above him is told (the admin and the manager of the sales management), not
	// Jonas, nor Lena of another unit, nor Sabine. The manager loses Lena's deal: Lena and the admin are told.
	jonas.call("PATCH", "/api/v1/deals/"+ownDeal.ID, api.DealPatch{Status: ptr(api.DealWon)}, 200, &ownDeal, "If-Match", etagOf(ownDeal.Version))
	manager.call("PATCH", "/api/v1/deals/"+lenasDeal.ID, api.DealPatch{Status: ptr(api.DealLost), LostReasonID: &reason.ID}, 200, &lenasDeal,
		"If-Match", etagOf(lenasDeal.Version))
	// A deal closed by the system (an import, say), not by a user: no news for anyone.
	var imported api.Deal
	lena.call("POST", "/api/v1/deals", api.DealCreate{Title: "Plotter Süd", OrganizationID: sued.ID, PipelineID: dealPipeline.ID}, 201, &imported)
	if _, err := env.DB.Owner.NewRaw("UPDATE deals SET status = 'won', closed_at = now(), version = version + 1 WHERE id = ?",
		imported.ID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The manager gives Jonas an activity; Jonas makes one of his own due in ten minutes.
	var given, soon api.Activity
	manager.call("POST", "/api/v1/activities", api.ActivityCreate{Title: "Rückruf Müller", TypeID: types.Items[0].ID,
		DueAt: time.Now().Add(48 * time.Hour), AssigneeID: jonasID}, 201, &given)
	jonas.call("POST", "/api/v1/activities", api.ActivityCreate{Title: "Angebot besprechen", TypeID: types.Items[0].ID,
		DueAt: time.Now().Add(10 * time.Minute)}, 201, &soon)
	// Jonas uploads to his deal.
	uploadOK(t, env, jonas.token, "/api/v1/deals/"+deal.ID, "Angebot.pdf", "application/pdf", []byte("%PDF-1.4 Angebot"))
	// A lead source delivers a lead that its rule gives to Jonas.
	src := newIntakeSource(t, env, []api.AssignmentRule{{PostalFrom: "20000", PostalTo: "29999", Countries: []string{"DE"}, UserID: jonasID}}, 0)
	intakeResult(t, src.deliver(t, env, oneLead("1L-77", map[string]any{"Firma": "Hansa Heizung GmbH", "PLZ": "20095", "Land": "DE"})))

	derived(t, env)
	if n, err := env.App.NotificationWorker().AnnounceDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("activities due: %d %v, want 1", n, err)
	}

	want := []struct {
		who  string
		c    *client
		told []string
	}{
		{"Jonas", jonas, []string{
			`activity_assigned Rückruf Müller by "Markus Weber"`,
			`activity_due Angebot besprechen by ""`,
			`deal_assigned Kopierer Nord by "Markus Weber"`,
			`document_stored Kopierer Nord by "Jonas Schmidt" file Angebot.pdf`,
			`lead_assigned Wärmepumpe Hamburg by "Markus Weber"`,
			`lead_delivered Hansa Heizung GmbH by "` + src.source.Name + `"`,
		}},
		{"Lena", lena, []string{`deal_lost Scanner Süd by "Markus Weber"`}},
		{"the admin", admin, []string{`deal_lost Scanner Süd by "Markus Weber"`, `deal_won Drucker Nord by "Jonas Schmidt"`}},
		{"the manager", manager, []string{`deal_won Drucker Nord by "Jonas Schmidt"`}},
		{"Sabine", sabine, []string{}},
		{"Nora", nora, []string{}},
	}
	check := func(when string) {
		t.Helper()
		for _, w := range want {
			got := w.c.notifications()
			if s := said(got.Items); !slices.Equal(s, w.told) {
				t.Errorf("%s: %s is told %q, want %q", when, w.who, s, w.told)
			}
			if got.UnreadCount != len(w.told) {
				t.Errorf("%s: %s's unread count is %d, want %d", when, w.who, got.UnreadCount, len(w.told))
			}
		}
	}
	check("first")
	// Not even kept for later: no row tells a rep of another rep's record.
	var foreign int
	if err := env.DB.Owner.NewRaw(`SELECT count(*) FROM notifications WHERE user_id IN (?, ?, ?)`,
		nordZwei.ID, env.Demo.Users[apptest.FieldRepSued], env.Demo.Users[apptest.InsideSales]).Scan(context.Background(), &foreign); err != nil || foreign != 1 {
		t.Fatalf("rows of Nora, Lena and Sabine: %d %v, want only Lena's lost deal", foreign, err)
	}

	// Once: deriving again and looking for due activities again add nothing.
	derived(t, env)
	if n, err := env.App.NotificationWorker().AnnounceDue(context.Background()); err != nil || n != 0 {
		t.Fatalf("activities due again: %d %v, want 0", n, err)
	}
	check("again")

	// Moved to another time, the activity is announced again.
	jonas.call("PATCH", "/api/v1/activities/"+soon.ID, api.ActivityPatch{DueAt: ptr(time.Now().Add(5 * time.Minute))}, 200, &soon,
		"If-Match", etagOf(soon.Version))
	derived(t, env)
	if n, err := env.App.NotificationWorker().AnnounceDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("activity moved: %d %v, want 1", n, err)
	}

	// Reassigned to Lena: Lena is told; Jonas no longer sees the deal, so its notifications leave his list.
	manager.call("PATCH", "/api/v1/deals/"+deal.ID, api.DealPatch{OwnerID: &lenaID}, 200, &deal, "If-Match", etagOf(deal.Version))
	derived(t, env)
	if s := said(lena.notifications().Items); !slices.Contains(s, `deal_assigned Kopierer Nord by "Markus Weber"`) {
		t.Errorf("Lena after the reassignment: %q", s)
	}
	for _, s := range said(jonas.notifications().Items) {
		if strings.Contains(s, "Kopierer Nord") {
			t.Errorf("Jonas still sees %q", s)
		}
	}
	var rows int
	if err := env.DB.Owner.NewRaw(`SELECT count(*) FROM notifications WHERE user_id = ? AND record_id = ?`,
		env.Demo.Users[apptest.FieldRepNord], deal.ID).Scan(context.Background(), &rows); err != nil || rows != 2 {
		t.Fatalf("Jonas's notifications of the deal: %d %v (kept, only not shown)", rows, err)
	}
}

func TestNotificationsArePagedMarkedReadAndKeptToTheirUser(t *testing.T) {
	env := apptest.Start(t)
	admin, manager := signIn(t, env, apptest.Admin), signIn(t, env, apptest.Manager)
	jonas, lena := signIn(t, env, apptest.FieldRepNord), signIn(t, env, apptest.FieldRepSued)
	jonasID := env.Demo.Users[apptest.FieldRepNord].String()
	leadPipeline := makePipeline(admin, api.RecordLead, "Anfragen", 10, 50)
	var titles []string
	for i := range 5 {
		titles = append(titles, fmt.Sprintf("Lead %d", i))
		manager.call("POST", "/api/v1/leads", api.LeadCreate{Title: titles[i], OwnerID: jonasID, PipelineID: leadPipeline.ID}, 201, nil)
	}
	derived(t, env)

	// Newest first, in pages of two.
	var page api.NotificationPage
	jonas.call("GET", "/api/v1/notifications?limit=2", nil, 200, &page)
	if len(page.Items) != 2 || page.NextCursor == "" || page.UnreadCount != 5 {
		t.Fatalf("first page: %+v", page)
	}
	all := jonas.notifications()
	var names []string
	for _, n := range all.Items {
		names = append(names, n.RecordName)
		if n.Kind != api.NotificationLeadAssigned || n.RecordType != api.RecordLead || n.Read || n.ActorName != "Markus Weber" {
			t.Errorf("notification %+v", n)
		}
	}
	if want := []string{"Lead 4", "Lead 3", "Lead 2", "Lead 1", "Lead 0"}; !slices.Equal(names, want) {
		t.Fatalf("order %q, want %q", names, want)
	}

	// Jonas marks two read; Lena "marks" a third, which is not hers: nothing changes for either, and her answer is
	// the one of an unknown ID.
	var count api.NotificationCount
	jonas.call("POST", "/api/v1/notifications/read", api.NotificationRead{IDs: []string{all.Items[0].ID, all.Items[1].ID}}, 200, &count)
	if count.UnreadCount != 3 {
		t.Fatalf("after reading two: %d", count.UnreadCount)
	}
	foreign := lena.call("POST", "/api/v1/notifications/read", api.NotificationRead{IDs: []string{all.Items[2].ID}}, 200, &count)
	unknown := lena.call("POST", "/api/v1/notifications/read", api.NotificationRead{IDs: []string{uuid.NewString()}}, 200, nil)
	if count.UnreadCount != 0 || string(foreign.Body) != string(unknown.Body) {
		t.Fatalf("Lena marking Jonas's notification: %s, an unknown one: %s", foreign.Body, unknown.Body)
	}
	all = jonas.notifications()
	if all.UnreadCount != 3 || !all.Items[0].Read || !all.Items[1].Read || all.Items[2].Read {
		t.Fatalf("after Lena: %+v", all)
	}
	// Reading again is no change.
	jonas.call("POST", "/api/v1/notifications/read", api.NotificationRead{IDs: []string{all.Items[0].ID}}, 200, &count)
	if count.UnreadCount != 3 {
		t.Fatalf("read again: %d", count.UnreadCount)
	}
	jonas.call("POST", "/api/v1/notifications/read-all", nil, 200, &count)
	if all = jonas.notifications(); count.UnreadCount != 0 || all.UnreadCount != 0 || len(all.Items) != 5 {
		t.Fatalf("after reading all: %d %+v", count.UnreadCount, all)
	}

	// Bad input: a clear 422 with the field.
	ids := make([]string, api.MaxNotificationPage+1)
	for i := range ids {
		ids[i] = uuid.NewString()
	}
	for _, c := range []struct {
		method, path string
		body         any
		field        string
		code         api.FieldCode
	}{
		{"GET", "/api/v1/notifications?limit=101", nil, "limit", api.FieldInvalid},
		{"GET", "/api/v1/notifications?limit=-1", nil, "limit", api.FieldInvalid},
		{"GET", "/api/v1/notifications?limit=zehn", nil, "limit", api.FieldInvalid},
		{"GET", "/api/v1/notifications?cursor=kein-cursor", nil, "cursor", api.FieldInvalid},
		{"POST", "/api/v1/notifications/read", api.NotificationRead{}, "ids", api.FieldRequired},
		{"POST", "/api/v1/notifications/read", api.NotificationRead{IDs: []string{"42"}}, "ids", api.FieldInvalid},
		{"POST", "/api/v1/notifications/read", api.NotificationRead{IDs: ids}, "ids", api.FieldLimit},
	} {
		resp := jonas.call(c.method, c.path, c.body, http.StatusUnprocessableEntity, nil)
		if e := resp.Error(t); e.Fields[c.field] != c.code {
			t.Errorf("%s %s: %+v, want %s %s", c.method, c.path, e, c.field, c.code)
		}
	}
}

// poison makes the notifications of a record fail to be made, as a bug would: a trigger refuses them, a real
// database condition (nothing of the worker is replaced).
func poison(t *testing.T, env *apptest.Env, recordID string) {
	t.Helper()
	if _, err := env.DB.Owner.ExecContext(context.Background(), fmt.Sprintf(`
		CREATE OR REPLACE FUNCTION test_refuse_notification() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'refused for the test'; END $$;
		CREATE TRIGGER test_refuse_notification BEFORE INSERT ON notifications
			FOR EACH ROW WHEN (NEW.record_id = '%s') EXECUTE FUNCTION test_refuse_notification();`, recordID)); err != nil {
		t.Fatal(err)
	}
}

// notified reports whether c has a notification of the record.
func (c *client) notified(recordID string) bool {
	for _, n := range c.notifications().Items {
		if n.RecordID == recordID {
			return true
		}
	}
	return false
}

// leadScene is a server on which the manager gives Jonas leads of a pipeline of their own, derived up to now.
type leadScene struct {
	env            *apptest.Env
	manager, jonas *client
	pipeline       string
}

func newLeadScene(t *testing.T) *leadScene {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	s := &leadScene{env: env, manager: signIn(t, env, apptest.Manager), jonas: signIn(t, env, apptest.FieldRepNord),
		pipeline: makePipeline(admin, api.RecordLead, "Anfragen", 10, 50).ID}
	derived(t, env)
	return s
}

// give has the manager give Jonas a new lead.
func (s *leadScene) give(title string) api.Lead {
	var lead api.Lead
	s.manager.call("POST", "/api/v1/leads", api.LeadCreate{Title: title, OwnerID: s.env.Demo.Users[apptest.FieldRepNord].String(),
		PipelineID: s.pipeline}, 201, &lead)
	return lead
}

// An event whose notification cannot be made is tried a few times and then skipped (counted in the metrics), and
// it holds back no later notification of anyone meanwhile: the events after it are announced at the first round.
func TestAnEventThatCannotBeDerivedHoldsNoOtherBack(t *testing.T) {
	s := newLeadScene(t)
	env, jonas, ctx := s.env, s.jonas, context.Background()
	poisoned := s.give("Vergifteter Lead")
	poison(t, env, poisoned.ID)
	healthy := s.give("Gesunder Lead")

	// The rounds in between (the worker waits 1, 2, 4 and 8 s between the attempts) do not try the event.
	worker := env.App.NotificationWorker()
	failures := 0
	deadline := time.Now().Add(40 * time.Second)
	for worker.Skipped() == 0 {
		if _, err := worker.Work(ctx); err != nil {
			if !strings.Contains(err.Error(), "refused for the test") {
				t.Fatal(err)
			}
			if !strings.Contains(err.Error(), "waiting for its next attempt") {
				failures++
			}
		}
		if failures == 1 && !jonas.notified(healthy.ID) {
			t.Fatal("the healthy lead was not announced at the round in which the poisoned one failed")
		}
		if time.Now().After(deadline) {
			t.Fatalf("the poisoned event is not skipped after %d failed attempts", failures)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if failures != 4 {
		t.Errorf("%d attempts failed before the event was skipped, want 4 (5 attempts)", failures)
	}
	if jonas.notified(poisoned.ID) {
		t.Error("the refused notification exists")
	}
	// The cursor has passed it: a later change is announced, and once (the healthy lead's was made again, a no-op).
	later := s.give("Späterer Lead")
	derived(t, env)
	if !jonas.notified(later.ID) {
		t.Error("the later lead was not announced")
	}
	var n int
	if err := env.DB.Owner.NewRaw("SELECT count(*) FROM notifications WHERE record_id = ?", healthy.ID).Scan(ctx, &n); err != nil || n != 1 {
		t.Errorf("the healthy lead has %d notifications (%v), want 1", n, err)
	}
	rec := httptest.NewRecorder()
	env.App.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if !strings.Contains(rec.Body.String(), "onesales_notification_events_skipped_total 1") {
		t.Errorf("metrics:\n%s", rec.Body.String())
	}
}

// The running worker waits between the attempts at an event that keeps failing, longer each time, instead of
// trying it at every wake-up; meanwhile it announces the changes after it. It says which event it skipped by its
// ids only.
func TestTheWorkerBacksOffFromAFailingEventAndLogsItsIDsOnly(t *testing.T) {
	s := newLeadScene(t)
	env, jonas, ctx := s.env, s.jonas, context.Background()

	pool, err := db.Open(ctx, env.DB.AppURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Close() })
	var logs syncBuffer
	worker := notify.NewWorker(pool, slog.New(slog.NewJSONHandler(&logs, nil)), notify.WorkerOptions{Poll: 20 * time.Millisecond,
		MaxAttempts: 4, Backoff: 500 * time.Millisecond, MaxBackoff: time.Second})
	poisoned := s.give("Vergifteter Lead")
	poison(t, env, poisoned.ID)
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	start := time.Now()
	go func() { defer close(done); worker.Run(runCtx) }()
	t.Cleanup(func() { cancel(); <-done })

	// While the poisoned event waits for its next attempt, a later change is announced.
	waitFor(t, "the first failed attempt", func() bool { return strings.Contains(logs.String(), "trying again later") })
	meanwhile := s.give("Zwischendurch")
	waitFor(t, "the lead given meanwhile announced", func() bool { return jonas.notified(meanwhile.ID) })
	if worker.Skipped() != 0 {
		t.Error("the lead given meanwhile was announced only after the poisoned event was skipped")
	}

	waitFor(t, "the poisoned event skipped", func() bool { return worker.Skipped() == 1 })
	// Three failed attempts with pauses of 500 ms, 1 s and 1 s (the most) after them, then the fourth skips it.
	if took := time.Since(start); took < 2500*time.Millisecond {
		t.Errorf("skipped after %v: the worker did not back off (want 2.5 s at least)", took)
	}
	later := s.give("Späterer Lead")
	waitFor(t, "the later lead announced", func() bool { return jonas.notified(later.ID) })

	out := logs.String()
	if n := strings.Count(out, "trying again later"); n != 3 {
		t.Errorf("%d retries logged, want 3:\n%s", n, out)
	}
	if n := strings.Count(out, "event skipped after repeated failures"); n != 1 {
		t.Errorf("%d skips logged, want 1:\n%s", n, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "event skipped") && (!strings.Contains(line, poisoned.ID) || !strings.Contains(line, `"code":"P0001"`) ||
			strings.Contains(line, "refused for the test") || strings.Contains(line, "Vergifteter")) {
			t.Errorf("the skip's log line is not ids and the error code only: %s", line)
		}
	}
}

// Two backends on one database, each with its own pool and worker, derive while changes arrive through both:
// every change is announced exactly once.
func TestTwoInstancesDeriveEachChangeExactlyOnce(t *testing.T) {
	env := apptest.Start(t)
	pool, err := db.Open(context.Background(), env.DB.AppURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Close() })
	second := app.New(env.Config, pool, slog.New(slog.DiscardHandler), app.WithBlobStore(env.Blobs))
	srv2 := httptest.NewServer(second.Handler())
	t.Cleanup(srv2.Close)
	ctx, cancel := context.WithCancel(context.Background())
	var running sync.WaitGroup
	for _, a := range []*app.App{env.App, second} {
		running.Go(func() { a.NotificationWorker().Run(ctx) })
	}
	t.Cleanup(func() { cancel(); running.Wait() })

	admin := signIn(t, env, apptest.Admin)
	leadPipeline := makePipeline(admin, api.RecordLead, "Anfragen", 10, 50)
	token := env.Token(apptest.Manager)
	jonas := env.Demo.Users[apptest.FieldRepNord]
	const perServer, servers = 20, 2
	var sent sync.WaitGroup
	errs := make(chan error, perServer*servers)
	for s, base := range []string{env.Server.URL, srv2.URL} {
		for i := range perServer {
			sent.Go(func() {
				resp, err := env.TryAt(base, apptest.Request{Method: "POST", Path: "/api/v1/leads", Token: token,
					Body: api.LeadCreate{Title: fmt.Sprintf("Lead %d-%d", s, i), OwnerID: jonas.String(), PipelineID: leadPipeline.ID}})
				if err == nil && resp.Status != http.StatusCreated {
					err = fmt.Errorf("%d %s", resp.Status, resp.Body)
				}
				if err != nil {
					errs <- err
				}
			})
		}
	}
	sent.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	count := func() (n, leads int) {
		if err := env.DB.Owner.NewRaw("SELECT count(*), count(DISTINCT record_id) FROM notifications WHERE user_id = ? AND kind = ?",
			jonas, api.NotificationLeadAssigned).Scan(context.Background(), &n, &leads); err != nil {
			t.Fatal(err)
		}
		return n, leads
	}
	waitFor(t, "every lead announced", func() bool { n, _ := count(); return n >= perServer*servers })
	time.Sleep(1500 * time.Millisecond) // a poll more of both workers
	if n, leads := count(); n != perServer*servers || leads != perServer*servers {
		t.Fatalf("%d notifications of %d leads, want %d of %d", n, leads, perServer*servers, perServer*servers)
	}
}
