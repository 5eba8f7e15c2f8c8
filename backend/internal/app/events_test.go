package app_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// live bounds the wait for an event. Delivery takes milliseconds (the tests log it; make bench measures it under
// load); the bound is generous for a machine busy with other test packages.
const live = 10 * time.Second

func forRecord(id string) func(api.ChangeEvent) bool {
	return func(c api.ChangeEvent) bool { return c.RecordID == id }
}

// An event reaches the streams when its transaction commits, not before, and a rolled-back change never sends one.
func TestEventsFollowCommitsAndNeverRollbacks(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	org := admin.createOrg(api.OrganizationCreate{Name: "Feed AG"})
	s := env.OpenStream("", admin.token, "")
	s.Ready()
	s.Changes(300 * time.Millisecond) // the organisation's creation, when the stream began before it was read

	adminID := env.Demo.Users[apptest.Admin]
	ctx := db.WithUser(context.Background(), adminID)
	rename := func(name string, commit bool) {
		t.Helper()
		tx, err := env.DB.App.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = tx.Rollback() }()
		if _, err := tx.ExecContext(ctx, "SELECT set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true)",
			env.Demo.TenantID.String(), adminID.String()); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE organizations SET name = ?, version = version + 1 WHERE id = ?", name, org.ID); err != nil {
			t.Fatal(err)
		}
		if got := s.Changes(500 * time.Millisecond); len(got) != 0 {
			t.Fatalf("events before the commit: %+v", got)
		}
		if commit {
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
		}
	}

	rename("Feed AG (umbenannt)", true)
	ev, took := s.WaitChange(live, forRecord(org.ID))
	if ev.Topic != api.TopicOrganization || ev.Change != api.ChangeUpdated || ev.Version != org.Version+1 ||
		ev.ActorID != adminID.String() {
		t.Fatalf("event %+v", ev)
	}
	t.Logf("commit to stream: %s", took)

	rename("Zurückgerollt AG", false)
	// The next committed change is the next event: nothing of the rolled-back one came in between, or comes later.
	var renamed api.Organization
	admin.call("PATCH", "/api/v1/organizations/"+org.ID, api.OrganizationPatch{Name: ptr("Feed AG")}, 200, &renamed,
		"If-Match", etagOf(org.Version+1))
	ev, _ = s.WaitChange(live, func(api.ChangeEvent) bool { return true })
	if ev.RecordID != org.ID || ev.Version != renamed.Version || renamed.Version != org.Version+2 {
		t.Fatalf("after the rollback: event %+v, organisation version %d", ev, renamed.Version)
	}
	if got := s.Changes(500 * time.Millisecond); len(got) != 0 {
		t.Fatalf("late events: %+v", got)
	}
}

// Several backend instances serve one database: a change made through one reaches the streams of the other.
func TestAChangeThroughOneInstanceReachesAStreamOnAnother(t *testing.T) {
	env := apptest.Start(t)
	second := env.Instance()
	admin := signIn(t, env, apptest.Admin)
	manager := env.Token(apptest.Manager)
	onSecond := env.OpenStream(second, manager, "")
	onSecond.Ready()
	onFirst := env.OpenStream("", admin.token, "")
	onFirst.Ready()

	org := admin.createOrg(api.OrganizationCreate{Name: "Zwei Server GmbH"})
	if ev, took := onSecond.WaitChange(live, forRecord(org.ID)); ev.Change != api.ChangeCreated {
		t.Fatalf("on the other instance: %+v", ev)
	} else {
		t.Logf("first → second: %s", took)
	}
	// And back: a change through the second instance reaches a stream on the first.
	r := env.DoAt(second, apptest.Request{Method: "PATCH", Path: "/api/v1/organizations/" + org.ID, Token: manager,
		Header: map[string]string{"If-Match": etagOf(org.Version)}, Body: api.OrganizationPatch{Phone: ptr("0431 12345")}})
	if r.Status != http.StatusOK {
		t.Fatalf("patch through the second instance: %d %s", r.Status, r.Body)
	}
	if ev, _ := onFirst.WaitChange(live, func(c api.ChangeEvent) bool { return c.RecordID == org.ID && c.Change == api.ChangeUpdated }); ev.ActorID != env.Demo.Users[apptest.Manager].String() {
		t.Fatalf("on the first instance: %+v", ev)
	}
}

// A stream that reconnects with Last-Event-ID gets exactly what it missed, in order, then goes on live; a position
// the feed no longer keeps (pruned, or never had) asks the client to load everything again.
func TestResumingWithLastEventIDLosesNothing(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	s := env.OpenStream("", admin.token, "")
	s.Ready()
	first := admin.createOrg(api.OrganizationCreate{Name: "Vorher AG"})
	ev, ok := s.Next(live)
	if !ok || ev.Name != api.StreamEventChange || ev.Change(t).RecordID != first.ID {
		t.Fatalf("first event %+v", ev)
	}
	s.Close()

	// Away: three changes.
	var missed []string
	for _, name := range []string{"Weg 1 AG", "Weg 2 AG", "Weg 3 AG"} {
		missed = append(missed, admin.createOrg(api.OrganizationCreate{Name: name}).ID)
	}
	back := env.OpenStream("", admin.token, ev.ID)
	before, ready := back.Ready()
	after := admin.createOrg(api.OrganizationCreate{Name: "Danach AG"})
	// What was missed comes first (before ready, or just after it when the instance had not read it yet), then what
	// happens live; each once, in order.
	var got []string
	for _, b := range before {
		if b.Name != api.StreamEventChange {
			t.Fatalf("resume sent %+v", b)
		}
		got = append(got, b.Change(t).RecordID)
	}
	for len(got) == 0 || got[len(got)-1] != after.ID {
		ev, _ := back.WaitChange(live, func(api.ChangeEvent) bool { return true })
		got = append(got, ev.RecordID)
	}
	if want := append(missed, after.ID); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("resumed with %v, want %v", got, want)
	}

	// A position from the future (another installation's, or made up) is unknown: resync.
	future := env.OpenStream("", admin.token, "99999999999-1")
	if ev, ok := future.Next(5 * time.Second); !ok || ev.Name != api.StreamEventResync {
		t.Fatalf("unknown position: %+v", ev)
	}
	// Pruned: the events before the retention are gone, so a client that was away that long reloads.
	if _, err := env.DB.Owner.ExecContext(context.Background(), "UPDATE change_events SET at = now() - interval '2 days'"); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.Owner.ExecContext(context.Background(), "SELECT change_events_prune(interval '1 day')"); err != nil {
		t.Fatal(err)
	}
	old := env.OpenStream("", admin.token, ev.ID)
	if ev, ok := old.Next(5 * time.Second); !ok || ev.Name != api.StreamEventResync {
		t.Fatalf("pruned position: %+v", ev)
	}
	if _, r := old.Ready(); r.ID != ready.ID && r.ID == "" {
		t.Fatalf("ready after resync: %+v", r)
	}
}

// Each event goes only to users who may see its subject at the time of the change: a rep never gets an event (nor
// an id) of another rep's deal, its notes or activities; one who loses a deal to a reassignment is told it left.
func TestStreamsAreScopedByWhatTheUserMaySee(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	jonas := env.OpenStream("", env.Token(apptest.FieldRepNord), "")
	lena := env.OpenStream("", env.Token(apptest.FieldRepSued), "")
	manager := env.OpenStream("", env.Token(apptest.Manager), "")
	for _, s := range []*apptest.Stream{jonas, lena, manager} {
		s.Ready()
	}
	lenaID, jonasID := env.Demo.Users[apptest.FieldRepSued].String(), env.Demo.Users[apptest.FieldRepNord].String()

	p := makePipeline(admin, api.RecordDeal, "Süd", 20, 60)
	org := admin.createOrg(api.OrganizationCreate{Name: "Südkunde GmbH", OwnerID: lenaID})
	var deal api.Deal
	admin.call("POST", "/api/v1/deals", api.DealCreate{Title: "Süddeal", Value: "5000", OwnerID: lenaID,
		OrganizationID: org.ID, PipelineID: p.ID}, 201, &deal)
	var note api.Note
	admin.call("POST", "/api/v1/deals/"+deal.ID+"/notes", api.NoteCreate{Body: "Nur für den Süden"}, 201, &note)
	var types api.ActivityTypeList
	admin.call("GET", "/api/v1/activity-types", nil, 200, &types)
	var act api.Activity
	admin.call("POST", "/api/v1/activities", api.ActivityCreate{Title: "Anruf Süd", TypeID: types.Items[0].ID,
		DueAt: time.Now().Add(time.Hour).UTC(), AssigneeID: lenaID, DealID: deal.ID}, 201, &act)
	for _, s := range []*apptest.Stream{lena, manager} {
		s.WaitChange(live, forRecord(deal.ID))
		if ev, _ := s.WaitChange(live, forRecord(note.ID)); ev.ParentID != deal.ID || ev.Topic != api.TopicNote {
			t.Fatalf("note event %+v", ev)
		}
		s.WaitChange(live, forRecord(act.ID))
	}

	// Given to Jonas, the deal reaches him; given back, he is told it left his scope.
	admin.call("PATCH", "/api/v1/deals/"+deal.ID, api.DealPatch{OwnerID: &jonasID}, 200, &deal, "If-Match", etagOf(deal.Version))
	if ev, _ := jonas.WaitChange(live, forRecord(deal.ID)); ev.Change != api.ChangeUpdated {
		t.Fatalf("reassigned to jonas: %+v", ev)
	}
	if ev, _ := lena.WaitChange(live, forRecord(deal.ID)); ev.Change != api.ChangeRemoved || ev.Version != 0 {
		t.Fatalf("lena after the reassignment: %+v", ev)
	}
	admin.call("PATCH", "/api/v1/deals/"+deal.ID, api.DealPatch{OwnerID: &lenaID}, 200, &deal, "If-Match", etagOf(deal.Version))
	if ev, _ := jonas.WaitChange(live, forRecord(deal.ID)); ev.Change != api.ChangeRemoved {
		t.Fatalf("jonas after the deal went back: %+v", ev)
	}
	// Lena's further work on it reaches her and the manager, never Jonas.
	admin.call("PATCH", "/api/v1/deals/"+deal.ID, api.DealPatch{Title: ptr("Süddeal groß")}, 200, &deal, "If-Match", etagOf(deal.Version))
	admin.call("PATCH", "/api/v1/notes/"+note.ID, api.NotePatch{Body: ptr("Nur für den Süden!")}, 200, &note, "If-Match", etagOf(note.Version))
	lena.WaitChange(live, forRecord(note.ID))
	// Settings reach everyone.
	var reason api.LostReason
	admin.call("POST", "/api/v1/lost-reasons", api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Kein Bedarf"}, 201, &reason)
	for _, s := range []*apptest.Stream{jonas, lena, manager} {
		s.WaitChange(live, forRecord(reason.ID))
	}

	// Nothing of the deal, its note or its activity reached Jonas while it was not his, not even as an id.
	jonas.Close()
	hidden := []string{note.ID, act.ID, org.ID}
	for _, ev := range unread(jonas) {
		for _, id := range hidden {
			if strings.Contains(ev.Data, id) {
				t.Errorf("jonas received %s: %+v", id, ev)
			}
		}
	}
}

// unread returns what a closed stream had received and not yet been read.
func unread(s *apptest.Stream) []apptest.SSE {
	var out []apptest.SSE
	for {
		ev, ok := s.Next(10 * time.Millisecond)
		if !ok {
			return out
		}
		out = append(out, ev)
	}
}

// Bad requests get a clear answer before any stream begins; a stream whose user loses access ends.
func TestTheEventStreamRefusesBadRequests(t *testing.T) {
	env := apptest.Start(t)
	for name, s := range map[string]*apptest.Stream{
		"no token":      env.OpenStream("", "", ""),
		"invalid token": env.OpenStream("", "not-a-token", ""),
	} {
		if s.Status != http.StatusUnauthorized || s.Error.Code != api.CodeUnauthenticated {
			t.Errorf("%s: %d %+v", name, s.Status, s.Error)
		}
	}
	token := env.Token(apptest.InsideSales)
	for _, id := range []string{"abc", "1", "-1-1", "1-x", "1--1", strings.Repeat("9", 60) + "-1", "18446744073709551616-1"} {
		s := env.OpenStream("", token, id)
		if s.Status != http.StatusUnprocessableEntity || s.Error.Fields["lastEventId"] != api.FieldInvalid {
			t.Errorf("Last-Event-ID %q: %d %+v", id, s.Status, s.Error)
		}
	}

	// A deactivated user's stream ends at once (the change of users makes every stream check its user again).
	s := env.OpenStream("", token, "")
	s.Ready()
	admin := signIn(t, env, apptest.Admin)
	sabine := env.Demo.Users[apptest.InsideSales].String()
	var u api.User
	admin.call("GET", "/api/v1/users/"+sabine, nil, 200, &u)
	admin.call("PATCH", "/api/v1/users/"+sabine, api.UserPatch{Active: ptr(false)}, 200, &u, "If-Match", etagOf(u.Version))
	if !s.Ended(5 * time.Second) {
		t.Fatal("the deactivated user's stream goes on")
	}
}

// An idle stream sends heartbeats.
func TestAnIdleStreamSendsHeartbeats(t *testing.T) {
	env := apptest.Start(t, func(c *config.Config) { c.Events.Heartbeat = 200 * time.Millisecond })
	s := env.OpenStream("", env.Token(apptest.Admin), "")
	s.Ready()
	if !s.Heartbeat(2 * time.Second) {
		t.Fatal("no heartbeat")
	}
}

// A client that never reads is dropped: the server does not hold its events without bound.
func TestAClientThatNeverReadsIsDropped(t *testing.T) {
	env := apptest.Start(t)
	token := env.Token(apptest.Admin)
	u, err := url.Parse(env.Server.URL)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// A small receive buffer, so that the server's writes block soon.
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetReadBuffer(4096)
	}
	fmt.Fprintf(conn, "GET /api/v1/events HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n\r\n", u.Host, token)
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.Contains(line, "200") {
		t.Fatalf("status line %q: %v", line, err)
	}
	waitFor(t, "the subscription", func() bool { return env.App.Feed().Subscriptions() == 1 })

	// A flood of settings events, which every user receives, far beyond what the subscription may buffer.
	if _, err := env.DB.Owner.ExecContext(context.Background(), `INSERT INTO change_events (tenant_id, topic, record_id, change)
		SELECT ?, 'pipeline', gen_random_uuid(), 'updated' FROM generate_series(1, 60000)`, env.Demo.TenantID); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the reader to be dropped", func() bool { return env.App.Feed().Subscriptions() == 0 })
}

// The database goes away while streams are open: they stay open, and what was committed meanwhile (through another
// instance) arrives once the database is back.
func TestStreamsResumeAfterTheDatabaseWasAway(t *testing.T) {
	d := testdb.New(t)
	proxy := apptest.NewProxy(t, dbHost(t, d.AppURL))
	pool, err := db.Open(context.Background(), dbURLVia(t, d.AppURL, proxy.Addr), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Close() })
	env := apptest.StartOn(t, d, pool, nil)
	other := env.Instance() // its own connections, not through the proxy
	admin := signIn(t, env, apptest.Admin)
	s := env.OpenStream("", admin.token, "")
	s.Ready()

	proxy.Cut()
	var ids []string
	for _, name := range []string{"Während 1 AG", "Während 2 AG"} {
		var org api.Organization
		r := env.DoAt(other, apptest.Request{Method: "POST", Path: "/api/v1/organizations", Token: admin.token,
			Header: map[string]string{"Idempotency-Key": uuid.NewString()}, Body: api.OrganizationCreate{Name: name}})
		if r.Status != http.StatusCreated {
			t.Fatalf("create through the other instance: %d %s", r.Status, r.Body)
		}
		r.Decode(t, &org)
		ids = append(ids, org.ID)
	}
	time.Sleep(time.Second)
	proxy.Restore()
	for _, id := range ids {
		s.WaitChange(15*time.Second, forRecord(id))
	}
}

// A transaction that runs long (elsewhere in the cluster, or a slow import) holds nobody's events back: a change
// committed meanwhile arrives at once, the long one's when it commits; and the id the stream gave the first is a
// position from which a reconnect still gets the second.
func TestALongTransactionHoldsNoOtherEventsBack(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	slow := admin.createOrg(api.OrganizationCreate{Name: "Langsam AG"})
	s := env.OpenStream("", admin.token, "")
	s.Ready()
	s.Changes(300 * time.Millisecond)

	adminID := env.Demo.Users[apptest.Admin]
	ctx := context.Background()
	tx, err := env.DB.App.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, "SELECT set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true)",
		env.Demo.TenantID.String(), adminID.String()); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE organizations SET name = 'Langsam AG (fertig)', version = version + 1 WHERE id = ?", slow.ID); err != nil {
		t.Fatal(err)
	}

	fast := admin.createOrg(api.OrganizationCreate{Name: "Schnell AG"})
	ev, ok := s.Next(2 * time.Second)
	if !ok || ev.Name != api.StreamEventChange || ev.Change(t).RecordID != fast.ID {
		t.Fatalf("while an older transaction runs: %+v", ev)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.WaitChange(live, forRecord(slow.ID)); got.Version != slow.Version+1 {
		t.Fatalf("the long transaction's event: %+v", got)
	}
	// Resuming from the id of the fast event: the slow one, which was not final then, comes again.
	back := env.OpenStream("", admin.token, ev.ID)
	before, _ := back.Ready()
	var ids []string
	for _, b := range before {
		ids = append(ids, b.Change(t).RecordID)
	}
	if !slices.Contains(ids, slow.ID) {
		t.Fatalf("resumed from %s with %v, without the long transaction's event", ev.ID, ids)
	}
}

// A record given to another owner by the second statement of a transaction that changed it before still tells
// the reader who loses it.
func TestAReassignmentLaterInATransactionStillRemovesTheRecord(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	lenaID, jonasID := env.Demo.Users[apptest.FieldRepSued], env.Demo.Users[apptest.FieldRepNord]
	org := admin.createOrg(api.OrganizationCreate{Name: "Zweimal AG", OwnerID: jonasID.String()})
	jonas := env.OpenStream("", env.Token(apptest.FieldRepNord), "")
	jonas.Ready()
	jonas.Changes(300 * time.Millisecond)

	err := db.InTenant(db.WithUser(context.Background(), env.Demo.Users[apptest.Admin]), env.DB.App, env.Demo.TenantID,
		func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.ExecContext(ctx, "UPDATE organizations SET phone = '040 1', version = version + 1 WHERE id = ?", org.ID); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "UPDATE organizations SET owner_id = ?, version = version + 1 WHERE id = ?", lenaID, org.ID)
			return err
		})
	if err != nil {
		t.Fatal(err)
	}
	if ev, _ := jonas.WaitChange(live, forRecord(org.ID)); ev.Change != api.ChangeRemoved {
		t.Fatalf("jonas after the reassignment: %+v", ev)
	}
}
