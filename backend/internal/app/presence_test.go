package app_test

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// The demo users by name, as presence lists them.
const (
	claudia = "Claudia Becker" // admin: sees everything
	markus  = "Markus Weber"   // manager of the sales lead unit: sees every rep's records
	lenaF   = "Lena Fischer"   // rep Süd: her own records
	jonas   = "Jonas Schmidt"  // rep Nord: his own records
	sabine  = "Sabine Wagner"  // inside sales: every lead, her own other records
)

// desk is one signed-in desktop session.
type desk struct {
	*client
	session api.Session
}

func openDesk(t *testing.T, env *apptest.Env, email string) desk {
	t.Helper()
	s := env.Login(email)
	return desk{client: &client{t: t, env: env, token: s.AccessToken}, session: s}
}

func recordPath(k record.Kind, id uuid.UUID) string { return "/api/v1/" + k.Path + "/" + id.String() }

// open says the desk shows the record now and expects status.
func (d desk) open(k record.Kind, id uuid.UUID, status int) {
	d.t.Helper()
	d.call("PUT", "/api/v1/presence", api.PresenceOpen{RecordType: k.Type, RecordID: id.String()}, status, nil)
}

func (d desk) leave() {
	d.t.Helper()
	d.call("DELETE", "/api/v1/presence", nil, http.StatusNoContent, nil)
}

// others are the names the record's presence lists to the desk.
func (d desk) others(k record.Kind, id uuid.UUID) []string {
	d.t.Helper()
	var list api.PresenceList
	d.call("GET", recordPath(k, id)+"/presence", nil, http.StatusOK, &list)
	names := []string{}
	for _, u := range list.Items {
		names = append(names, u.Name)
	}
	return names
}

func (d desk) wantOthers(k record.Kind, id uuid.UUID, want ...string) {
	d.t.Helper()
	if want == nil {
		want = []string{}
	}
	if got := d.others(k, id); !slices.Equal(got, want) {
		d.t.Fatalf("%s %s shows %v open, want %v", k.Type, id, got, want)
	}
}

// The users who have a record open see each other, by name, on every record kind; a rep who may not see the
// record can neither open it nor ask who has it open, and is never listed; nobody is shown themselves.
func TestPresenceShowsTheOthersWhoHaveARecordOpen(t *testing.T) {
	env := apptest.Start(t)
	f := fixture{env: env, t: t}
	lenaD, markusD, claudiaD := openDesk(t, env, lena), openDesk(t, env, apptest.Manager), openDesk(t, env, apptest.Admin)
	jonasD, sabineD := openDesk(t, env, apptest.FieldRepNord), openDesk(t, env, apptest.InsideSales)
	// (One desk per user serves every kind: a desk has one record open, the next replaces it.)
	for _, k := range record.Kinds() {
		id := kindFixtureOf(t, k).make(f, lena)
		lenaD.open(k, id, http.StatusNoContent)
		markusD.open(k, id, http.StatusNoContent)
		lenaD.wantOthers(k, id, markus)
		jonasD.open(k, id, http.StatusNotFound)
		jonasD.call("GET", recordPath(k, id)+"/presence", nil, http.StatusNotFound, nil)
		claudiaD.open(k, id, http.StatusNoContent)
		// Inside sales sees every lead, and of the other kinds only its own records.
		if k.Type == api.RecordLead {
			sabineD.open(k, id, http.StatusNoContent)
			lenaD.wantOthers(k, id, claudia, markus, sabine)
			markusD.wantOthers(k, id, claudia, lenaF, sabine)
			sabineD.wantOthers(k, id, claudia, lenaF, markus)
		} else {
			sabineD.open(k, id, http.StatusNotFound)
			lenaD.wantOthers(k, id, claudia, markus)
			markusD.wantOthers(k, id, claudia, lenaF)
		}
		// Asking does not open: the admin's other desk asks and is not listed as a second Claudia.
		openDesk(t, env, apptest.Admin).others(k, id)
		lenaD.leave()
		claudiaD.leave()
		sabineD.leave()
		markusD.wantOthers(k, id)
	}

	// A record of the manager's own, which the reps may not see: the rep cannot open it nor see who has it open,
	// and a refused open leaves the rep with no record open (not the one before).
	mine := f.org(apptest.Manager)
	orgs := record.MustKind(api.RecordOrganization)
	lenas := f.org(lena)
	markusD.open(orgs, mine, http.StatusNoContent)
	lenaD.open(orgs, lenas, http.StatusNoContent)
	markusD.open(orgs, lenas, http.StatusNoContent)
	lenaD.wantOthers(orgs, lenas, markus)
	lenaD.open(orgs, mine, http.StatusNotFound)
	lenaD.call("GET", recordPath(orgs, mine)+"/presence", nil, http.StatusNotFound, nil)
	markusD.wantOthers(orgs, lenas)
	markusD.open(orgs, mine, http.StatusNoContent)
	markusD.wantOthers(orgs, mine)

	// The answer for a record that does not exist, is in the trash or belongs to another tenant is the same 404.
	persons := record.MustKind(api.RecordPerson)
	trashed := f.trashed("persons", f.person(lena))
	for _, id := range []uuid.UUID{uuid.New(), trashed} {
		lenaD.open(persons, id, http.StatusNotFound)
		lenaD.call("GET", recordPath(persons, id)+"/presence", nil, http.StatusNotFound, nil)
	}
	other := signIn(t, env, apptest.OtherAdmin)
	other.call("PUT", "/api/v1/presence", api.PresenceOpen{RecordType: api.RecordOrganization, RecordID: lenas.String()}, http.StatusNotFound, nil)
	other.call("GET", recordPath(orgs, lenas)+"/presence", nil, http.StatusNotFound, nil)
}

// A user is listed only while they may see the record: given to another rep, it no longer shows the rep who had
// it, although her desk still has it open; her own other desk never shows her.
func TestPresenceListsOnlyThoseWhoMaySeeTheRecordNow(t *testing.T) {
	env := apptest.Start(t)
	f := fixture{env: env, t: t}
	persons := record.MustKind(api.RecordPerson)
	id := f.person(lena)
	lenaD, lenaAgain, markusD := openDesk(t, env, lena), openDesk(t, env, lena), openDesk(t, env, apptest.Manager)
	lenaD.open(persons, id, http.StatusNoContent)
	lenaAgain.open(persons, id, http.StatusNoContent)
	markusD.open(persons, id, http.StatusNoContent)
	lenaD.wantOthers(persons, id, markus)
	markusD.wantOthers(persons, id, lenaF) // once, though she has it open twice

	jonasID := env.Demo.Users[apptest.FieldRepNord].String()
	admin := signIn(t, env, apptest.Admin)
	admin.call("PATCH", "/api/v1/persons/"+id.String(), api.PersonPatch{OwnerID: &jonasID}, http.StatusOK, nil,
		"If-Match", f.etag("persons", id))
	markusD.wantOthers(persons, id)
	lenaD.call("GET", recordPath(persons, id)+"/presence", nil, http.StatusNotFound, nil)
	jonasD := openDesk(t, env, apptest.FieldRepNord)
	jonasD.open(persons, id, http.StatusNoContent)
	markusD.wantOthers(persons, id, jonas)
	jonasD.wantOthers(persons, id, markus)
}

// An entry counts for 90 seconds after its last renewal; a renewal brings it back. Housekeeping removes entries
// long stale. (The clock is the database's: the test ages entries there instead of waiting.)
func TestPresenceExpiresUnlessRenewed(t *testing.T) {
	env := apptest.Start(t)
	f := fixture{env: env, t: t}
	deals := record.MustKind(api.RecordDeal)
	id := f.deal(lena)
	lenaD, markusD := openDesk(t, env, lena), openDesk(t, env, apptest.Manager)
	lenaD.open(deals, id, http.StatusNoContent)
	markusD.open(deals, id, http.StatusNoContent)
	markusID := env.Demo.Users[apptest.Manager]
	age := func(user uuid.UUID, seconds int) {
		t.Helper()
		if _, err := env.DB.Owner.NewRaw("UPDATE presence SET seen_at = now() - make_interval(secs => ?) WHERE user_id = ?",
			seconds, user).Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	age(markusID, 80)
	lenaD.wantOthers(deals, id, markus)
	age(markusID, 91)
	lenaD.wantOthers(deals, id)
	markusD.open(deals, id, http.StatusNoContent) // the renewal
	lenaD.wantOthers(deals, id, markus)

	age(markusID, 6*60)
	var pruned int
	if err := env.DB.Owner.NewRaw("SELECT presence_prune()").Scan(context.Background(), &pruned); err != nil {
		t.Fatal(err)
	}
	if pruned != 1 || countRows(t, env, "SELECT count(*) FROM presence WHERE user_id = ?", markusID) != 0 {
		t.Fatalf("pruned %d entries, Markus' stale one is left: %d", pruned,
			countRows(t, env, "SELECT count(*) FROM presence WHERE user_id = ?", markusID))
	}
	if n := countRows(t, env, "SELECT count(*) FROM presence"); n != 1 {
		t.Fatalf("%d entries after pruning, want Lena's fresh one", n)
	}
}

// presenceEvent is a change event of topic presence as the change feed stores it.
type presenceEvent struct {
	Change     string     `bun:"change"`
	ParentType string     `bun:"parent_type"`
	ParentID   uuid.UUID  `bun:"parent_id"`
	OwnerID    *uuid.UUID `bun:"owner_id"`
	ActorID    *uuid.UUID `bun:"actor_id"`
}

// presenceEvents returns the presence events after the first skip.
func presenceEvents(t *testing.T, env *apptest.Env, skip int) []presenceEvent {
	t.Helper()
	var out []presenceEvent
	if err := env.DB.Owner.NewRaw(`SELECT change, parent_type, parent_id, owner_id, actor_id FROM change_events
		WHERE topic = 'presence' ORDER BY xid, id OFFSET ?`, skip).Scan(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// Opening and leaving a record is a change event whose parent is the record (so that its viewers, and only they,
// are told); a renewal is none. Opening another record tells the viewers of both; a refused open, a sign-out and
// a deactivation leave the record open before.
func TestPresenceChangesAreEventsOfTheRecordAndRenewalsAreNone(t *testing.T) {
	env := apptest.Start(t)
	f := fixture{env: env, t: t}
	persons, deals := record.MustKind(api.RecordPerson), record.MustKind(api.RecordDeal)
	lenaID := env.Demo.Users[lena]
	person, deal := f.person(lena), f.deal(lena)
	lenaD := openDesk(t, env, lena)
	seen := 0
	want := func(step string, events ...presenceEvent) {
		t.Helper()
		got := presenceEvents(t, env, seen)
		if len(got) != len(events) {
			t.Fatalf("%s: events %+v, want %+v", step, got, events)
		}
		for i, e := range events {
			g := got[i]
			if g.Change != e.Change || g.ParentType != e.ParentType || g.ParentID != e.ParentID || g.OwnerID == nil || *g.OwnerID != lenaID ||
				(e.ActorID == nil) != (g.ActorID == nil) || e.ActorID != nil && *g.ActorID != *e.ActorID {
				t.Fatalf("%s: event %d is %+v, want %+v (owner: Lena)", step, i, g, e)
			}
		}
		seen += len(got)
	}
	byLena := &lenaID
	on := func(change string, k record.Kind, id uuid.UUID, actor *uuid.UUID) presenceEvent {
		return presenceEvent{Change: change, ParentType: string(k.Type), ParentID: id, ActorID: actor}
	}

	lenaD.open(persons, person, http.StatusNoContent)
	want("open", on("created", persons, person, byLena))
	lenaD.open(persons, person, http.StatusNoContent)
	lenaD.open(persons, person, http.StatusNoContent)
	want("renewals")
	lenaD.open(deals, deal, http.StatusNoContent)
	want("another record", on("deleted", persons, person, byLena), on("created", deals, deal, byLena))
	lenaD.leave()
	want("leave", on("deleted", deals, deal, byLena))
	lenaD.leave()
	want("leave again")

	lenaD.open(deals, deal, http.StatusNoContent)
	lenaD.open(persons, f.person(apptest.FieldRepNord), http.StatusNotFound)
	want("refused open", on("created", deals, deal, byLena), on("deleted", deals, deal, byLena))

	// Signing out ends the session and leaves its record (the system's doing: no actor).
	lenaD.open(deals, deal, http.StatusNoContent)
	want("open again", on("created", deals, deal, byLena))
	lenaD.call("POST", "/api/v1/auth/logout", api.LogoutRequest{RefreshToken: lenaD.session.RefreshToken}, http.StatusNoContent, nil)
	want("sign-out", on("deleted", deals, deal, nil))
	if n := countRows(t, env, "SELECT count(*) FROM presence WHERE session_id = (SELECT session_id FROM refresh_tokens WHERE token_hash = sha256(?::bytea))",
		lenaD.session.RefreshToken); n != 0 {
		t.Fatalf("the ended session still has %d entries", n)
	}

	// A deactivated user's sessions end, and with them what they had open.
	other := openDesk(t, env, lena)
	other.open(deals, deal, http.StatusNoContent)
	want("open on another desk", on("created", deals, deal, byLena))
	admin := signIn(t, env, apptest.Admin)
	adminID := env.Demo.Users[apptest.Admin]
	admin.call("PATCH", "/api/v1/users/"+lenaID.String(), api.UserPatch{Active: ptr(false)}, http.StatusOK, nil,
		"If-Match", f.etag("users", lenaID))
	want("deactivation", on("deleted", deals, deal, &adminID))
	if n := countRows(t, env, "SELECT count(*) FROM presence"); n != 0 {
		t.Fatalf("%d entries left", n)
	}
}

// Through the change stream: opening and leaving a record reach those who may see it (the record as parent) and
// nobody else; a renewal sends nothing.
func TestPresenceReachesTheRecordsViewersThroughTheStream(t *testing.T) {
	env := apptest.Start(t)
	f := fixture{env: env, t: t}
	persons := record.MustKind(api.RecordPerson)
	person, other := f.person(lena), f.person(lena)
	markusS := env.OpenStream("", env.Token(apptest.Manager), "")
	jonasS := env.OpenStream("", env.Token(apptest.FieldRepNord), "")
	markusS.Ready()
	jonasS.Ready()
	onPerson := func(c api.ChangeEvent) bool { return c.Topic == api.TopicPresence && c.ParentID == person.String() }

	lenaD := openDesk(t, env, lena)
	lenaD.open(persons, person, http.StatusNoContent)
	if ev, _ := markusS.WaitChange(live, onPerson); ev.Change != api.ChangeCreated || ev.ParentType != api.RecordPerson ||
		ev.ActorID != env.Demo.Users[lena].String() {
		t.Fatalf("open: %+v", ev)
	}
	lenaD.open(persons, person, http.StatusNoContent) // a renewal
	lenaD.open(persons, other, http.StatusNoContent)  // another record: this one is left
	if ev, _ := markusS.WaitChange(live, func(c api.ChangeEvent) bool { return c.Topic == api.TopicPresence }); ev.Change != api.ChangeDeleted ||
		ev.ParentID != person.String() {
		t.Fatalf("the first presence event after the renewal is %+v, want the leaving of %s", ev, person)
	}
	if ev, _ := markusS.WaitChange(live, func(c api.ChangeEvent) bool { return c.Topic == api.TopicPresence }); ev.Change != api.ChangeCreated ||
		ev.ParentID != other.String() {
		t.Fatalf("open of the other record: %+v", ev)
	}
	lenaD.leave()
	if ev, _ := markusS.WaitChange(live, func(c api.ChangeEvent) bool { return c.Topic == api.TopicPresence }); ev.Change != api.ChangeDeleted ||
		ev.ParentID != other.String() {
		t.Fatalf("leave: %+v", ev)
	}

	jonasS.Close()
	for _, ev := range unread(jonasS) {
		if strings.Contains(ev.Data, person.String()) || strings.Contains(ev.Data, other.String()) || strings.Contains(ev.Data, `"presence"`) {
			t.Errorf("jonas received %+v", ev)
		}
	}
}

// A body that names no record kind or no ID is refused per field.
func TestPresenceOpenValidatesItsBody(t *testing.T) {
	env := apptest.Start(t)
	c := signIn(t, env, apptest.Admin)
	for _, tc := range []struct {
		body   any
		fields map[string]api.FieldCode
	}{
		{api.PresenceOpen{}, map[string]api.FieldCode{"recordType": api.FieldRequired, "recordId": api.FieldRequired}},
		{api.PresenceOpen{RecordType: api.RecordActivity, RecordID: uuid.NewString()}, map[string]api.FieldCode{"recordType": api.FieldInvalid}},
		{api.PresenceOpen{RecordType: "persons", RecordID: "nicht-eine-id"},
			map[string]api.FieldCode{"recordType": api.FieldInvalid, "recordId": api.FieldInvalid}},
	} {
		resp := c.call("PUT", "/api/v1/presence", tc.body, http.StatusUnprocessableEntity, nil)
		if e := resp.Error(t); e.Code != api.CodeValidation || !maps.Equal(e.Fields, tc.fields) {
			t.Errorf("%+v: %+v, want fields %v", tc.body, e, tc.fields)
		}
	}
	c.call("PUT", "/api/v1/presence", map[string]any{"recordType": "person", "recordId": uuid.NewString(), "x": 1}, http.StatusBadRequest, nil)
}
