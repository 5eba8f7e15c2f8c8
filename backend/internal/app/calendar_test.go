package app_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

// fetchFeed gets a calendar feed as a calendar application does: a plain GET of its URL, no token, no header.
func fetchFeed(t *testing.T, base, path string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, body
}

// parseFeed decodes a feed with an independent iCalendar parser (not the library that wrote it) and returns its
// events by UID.
func parseFeed(t *testing.T, body []byte) (*goical.Calendar, map[string]goical.Event) {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("the feed is no iCalendar document: %v\n%s", err, body)
	}
	events := map[string]goical.Event{}
	for _, e := range cal.Events() {
		uid, err := e.Props.Text(goical.PropUID)
		if err != nil || uid == "" {
			t.Fatalf("an event without UID: %v", err)
		}
		events[uid] = e
	}
	return cal, events
}

// nextOn is the next day-of-year (month, day) after from, at hour:minute on a Berlin wall clock.
func nextOn(from time.Time, month time.Month, day, hour, minute int) time.Time {
	at := time.Date(from.Year(), month, day, hour, minute, 0, 0, berlin)
	if !at.After(from.Add(24 * time.Hour)) {
		at = at.AddDate(1, 0, 0)
	}
	return at
}

// The personal calendar feed end to end: a rep makes a feed URL, a calendar client fetches it without signing in,
// and an independent parser finds the rep's own activities at the right Berlin times (TZID Europe/Berlin, also
// across summer time), with the names of linked records the rep may see and without the ones he may not, and
// without anyone else's activities. A moved activity keeps its UID with a higher SEQUENCE. Renewing makes the old
// URL answer 404, switching off the new one; wrong and malformed tokens are 404, never 500; a deactivated user's
// feed is 404; an address guessing tokens is throttled; and no token reaches the log.
func TestCalendarFeedHasTheUsersOwnActivitiesInBerlinTimeAndOnlyWhileItsTokenIsCurrent(t *testing.T) {
	var logs syncBuffer
	env := apptest.StartLogged(t, slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	admin := signIn(t, env, apptest.Admin)
	jonas := signIn(t, env, apptest.FieldRepNord)
	jonasID := env.Demo.Users[apptest.FieldRepNord].String()
	lenaID := env.Demo.Users[apptest.FieldRepSued].String()
	types := admin.activityTypes()
	call := types.Items[0] // Anruf

	if st := answer[api.CalendarFeed](jonas, "GET", "/api/v1/me/calendar-feed", nil, 200); st.Active ||
		st.DaysBack != 90 || st.DaysAhead != 365 || st.TimeZone != "Europe/Berlin" {
		t.Fatalf("feed before it was made: %+v", st)
	}

	// Lena's person (which Jonas may not see) and an organisation of Jonas's.
	hidden := admin.createPerson(api.PersonCreate{FirstName: "Verborgene", LastName: "Kalenderkundin", OwnerID: lenaID})
	org := admin.createOrg(api.OrganizationCreate{Name: "Sichtbare Kalender GmbH", OwnerID: jonasID})
	now := time.Now()
	summer := nextOn(now, time.July, 15, 10, 30)
	winter := nextOn(now, time.January, 15, 8, 0)
	plan := func(in api.ActivityCreate) api.Activity {
		t.Helper()
		in.TypeID = call.ID
		return answer[api.Activity](admin, "POST", "/api/v1/activities", in, 201)
	}
	meeting := plan(api.ActivityCreate{Title: "Angebot besprechen", Comment: "Preisliste mitbringen; Rabatt, 10 %\r\nZweite Zeile",
		DueAt: summer, DurationMinutes: 45, AssigneeID: jonasID, PersonID: hidden.ID, OrganizationID: org.ID})
	done := plan(api.ActivityCreate{Title: "Rückruf erledigt", DueAt: winter, Done: true, AssigneeID: jonasID})
	lenas := plan(api.ActivityCreate{Title: "Lenas eigener Termin", DueAt: summer, AssigneeID: lenaID})
	old := plan(api.ActivityCreate{Title: "Lange vorbei", DueAt: now.AddDate(0, 0, -120), AssigneeID: jonasID})
	far := plan(api.ActivityCreate{Title: "Weit voraus", DueAt: now.AddDate(0, 0, 400), AssigneeID: jonasID})

	created := answer[api.CalendarFeedToken](jonas, "PUT", "/api/v1/me/calendar-feed", nil, 200)
	if !strings.HasPrefix(created.Path, "/ics/1sc_") || !strings.HasSuffix(created.Path, ".ics") || created.URL != "" ||
		!strings.Contains(created.Path, created.Token) || !created.Feed.Active {
		t.Fatalf("new feed: %+v", created)
	}
	if st := answer[api.CalendarFeed](jonas, "GET", "/api/v1/me/calendar-feed", nil, 200); !st.Active || st.CreatedAt == nil {
		t.Fatalf("feed after it was made: %+v", st)
	}

	status, header, body := fetchFeed(t, env.Server.URL, created.Path)
	if status != 200 || !strings.HasPrefix(header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("feed: %d %s %s", status, header.Get("Content-Type"), body)
	}
	cal, events := parseFeed(t, body)
	var zones []string
	for _, c := range cal.Children {
		if c.Name == goical.CompTimezone {
			zones = append(zones, c.Props.Get(goical.PropTimezoneID).Value)
		}
	}
	if len(zones) != 1 || zones[0] != "Europe/Berlin" {
		t.Fatalf("the feed's VTIMEZONEs are %v, want Europe/Berlin alone", zones)
	}
	for _, unwanted := range []api.Activity{lenas, old, far} {
		if _, ok := events[unwanted.ID+"@1sales"]; ok {
			t.Errorf("the feed has %q", unwanted.Title)
		}
	}
	for _, secret := range []string{"Kalenderkundin", "Lenas eigener Termin"} {
		if bytes.Contains(body, []byte(secret)) {
			t.Errorf("the feed names %q, which Jonas may not see", secret)
		}
	}
	if len(events) != 2 {
		t.Errorf("the feed has %d events, want Jonas's 2 within the span", len(events))
	}

	ev, ok := events[meeting.ID+"@1sales"]
	if !ok {
		t.Fatalf("the meeting is missing: %s", body)
	}
	start := ev.Props.Get(goical.PropDateTimeStart)
	if start.Params.Get(goical.ParamTimezoneID) != "Europe/Berlin" || start.Value != summer.Format("20060102")+"T103000" {
		t.Errorf("DTSTART %s %v, want 10:30 in Europe/Berlin", start.Value, start.Params)
	}
	if at, err := ev.DateTimeStart(nil); err != nil || !at.Equal(summer) {
		t.Errorf("the meeting starts at %v (%v), want %v", at, err, summer)
	}
	if end, err := ev.DateTimeEnd(nil); err != nil || !end.Equal(summer.Add(45*time.Minute)) {
		t.Errorf("the meeting ends at %v (%v), want 45 minutes later", end, err)
	}
	text := func(e goical.Event, name string) string {
		t.Helper()
		v, err := e.Props.Text(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	if s := text(ev, goical.PropSummary); s != "Angebot besprechen (Anruf)" {
		t.Errorf("SUMMARY %q", s)
	}
	if d := text(ev, goical.PropDescription); !strings.HasPrefix(d, "Preisliste mitbringen; Rabatt, 10 %\nZweite Zeile") ||
		!strings.Contains(d, "Organisation: Sichtbare Kalender GmbH") || strings.Contains(d, "Person:") {
		t.Errorf("DESCRIPTION %q", d)
	}
	if s := ev.Props.Get(goical.PropSequence); s == nil || s.Value != "0" {
		t.Errorf("SEQUENCE of a new activity %v", s)
	}
	if ev.Props.Get(goical.PropLastModified) == nil || ev.Props.Get(goical.PropDateTimeStamp) == nil {
		t.Error("LAST-MODIFIED or DTSTAMP missing")
	}

	// The done one: in winter time, ticked, without an end (a point in time).
	dev := events[done.ID+"@1sales"]
	if at, err := dev.DateTimeStart(nil); err != nil || !at.Equal(winter) ||
		dev.Props.Get(goical.PropDateTimeStart).Value != winter.Format("20060102")+"T080000" {
		t.Errorf("the done one starts at %v (%v), want %v", at, err, winter)
	}
	if s := text(dev, goical.PropSummary); s != "✓ Rückruf erledigt (Anruf)" || dev.Props.Get(goical.PropDateTimeEnd) != nil {
		t.Errorf("done: SUMMARY %q, DTEND %v", s, dev.Props.Get(goical.PropDateTimeEnd))
	}
	if d := text(dev, goical.PropDescription); !strings.HasPrefix(d, "Erledigt am ") {
		t.Errorf("done: DESCRIPTION %q", d)
	}

	// Moved in the app: the same event, one day later at 14:00, with a higher SEQUENCE.
	moved := time.Date(summer.Year(), summer.Month(), summer.Day()+1, 14, 0, 0, 0, berlin)
	jonas.call("PATCH", "/api/v1/activities/"+meeting.ID, api.ActivityPatch{DueAt: &moved}, 200, nil, "If-Match", etagOf(meeting.Version))
	_, _, body = fetchFeed(t, env.Server.URL, created.Path)
	_, events = parseFeed(t, body)
	ev = events[meeting.ID+"@1sales"]
	if at, err := ev.DateTimeStart(nil); err != nil || !at.Equal(moved) || ev.Props.Get(goical.PropSequence).Value != "1" {
		t.Errorf("moved: starts %v (%v), SEQUENCE %v; want %v and 1", at, err, ev.Props.Get(goical.PropSequence), moved)
	}

	// Renewed: the old URL is gone, the new one works.
	renewed := answer[api.CalendarFeedToken](jonas, "PUT", "/api/v1/me/calendar-feed", nil, 200)
	if renewed.Token == created.Token {
		t.Fatal("renewing kept the token")
	}
	assertFeedGone(t, env, created.Path, "the old URL after renewing")
	if status, _, body := fetchFeed(t, env.Server.URL, renewed.Path); status != 200 || !bytes.Contains(body, []byte(meeting.ID)) {
		t.Fatalf("renewed feed: %d %s", status, body)
	}

	// Wrong and malformed tokens: 404 with the envelope, never 500.
	for _, p := range []string{
		"/ics/1sc_" + strings.Repeat("A", 43) + ".ics",                              // well-formed, unknown
		"/ics/" + renewed.Token,                                                     // without .ics
		"/ics/" + renewed.Token + ".ics.ics",                                        // trailing garbage
		"/ics/" + strings.ToUpper(renewed.Token[:10]) + renewed.Token[10:] + ".ics", // another token
		"/ics/1sc_short.ics", "/ics/.ics", "/ics/x", "/ics/" + url.PathEscape("1sc_\x00ü;,"+strings.Repeat("ä", 40)) + ".ics",
		"/ics/" + strings.Repeat("1", 5000) + ".ics",
	} {
		assertFeedGone(t, env, p, "a wrong or malformed token")
	}

	// Switched off: the current URL is gone too.
	jonas.call("DELETE", "/api/v1/me/calendar-feed", nil, 204, nil)
	assertFeedGone(t, env, renewed.Path, "the URL after switching off")
	if st := answer[api.CalendarFeed](jonas, "GET", "/api/v1/me/calendar-feed", nil, 200); st.Active {
		t.Fatalf("feed after switching off: %+v", st)
	}
	jonas.call("DELETE", "/api/v1/me/calendar-feed", nil, 204, nil) // again: nothing to do

	// A deactivated user's feed is gone while they are deactivated.
	user := answer[api.User](admin, "POST", "/api/v1/users", api.UserCreate{Email: "kalender@nordlicht.example", Name: "Kalender Nutzerin",
		Password: apptest.Password, UnitID: env.Demo.Units["Innendienst"].String(), RoleID: env.Demo.Roles["Innendienst"].String()}, 201)
	theirs := answer[api.CalendarFeedToken](signIn(t, env, "kalender@nordlicht.example"), "PUT", "/api/v1/me/calendar-feed", nil, 200)
	if status, _, _ := fetchFeed(t, env.Server.URL, theirs.Path); status != 200 {
		t.Fatalf("an active user's feed: %d", status)
	}
	admin.call("PATCH", "/api/v1/users/"+user.ID, map[string]any{"active": false}, 200, nil, "If-Match", etagOf(user.Version))
	assertFeedGone(t, env, theirs.Path, "a deactivated user's feed")

	// An address that guesses tokens is throttled after 30 misses in the window; a calendar elsewhere is not.
	current := answer[api.CalendarFeedToken](jonas, "PUT", "/api/v1/me/calendar-feed", nil, 200)
	guess := apptest.Request{Method: "GET", Path: "/ics/1sc_" + strings.Repeat("B", 43) + ".ics"}
	for i := range 30 {
		if r := env.DoFrom("127.0.0.7", guess); r.Status != 404 {
			t.Fatalf("guess %d: %d %s", i+1, r.Status, r.Body)
		}
	}
	r := env.DoFrom("127.0.0.7", apptest.Request{Method: "GET", Path: current.Path})
	if r.Status != 429 || r.Header.Get("Retry-After") == "" || r.Error(t).Code != api.CodeThrottled {
		t.Fatalf("the 31st request of a guessing address: %d %s (Retry-After %q)", r.Status, r.Body, r.Header.Get("Retry-After"))
	}
	if r := env.DoFrom("127.0.0.8", apptest.Request{Method: "GET", Path: current.Path}); r.Status != 200 {
		t.Fatalf("another address: %d %s", r.Status, r.Body)
	}

	// The log shows the feed's path cut and no token anywhere.
	for _, token := range []string{created.Token, renewed.Token, theirs.Token, current.Token} {
		if strings.Contains(logs.String(), token) || strings.Contains(logs.String(), token[4:20]) {
			t.Errorf("the log contains a feed token")
		}
	}
	if !strings.Contains(logs.String(), `"path":"/ics/…"`) {
		t.Error("the access log shows no feed request")
	}
}

// assertFeedGone fetches path as a calendar would and wants 404 with the error envelope.
func assertFeedGone(t *testing.T, env *apptest.Env, path, what string) {
	t.Helper()
	r := env.Do(apptest.Request{Method: "GET", Path: path})
	if r.Status != 404 || r.Error(t).Code != api.CodeNotFound {
		t.Errorf("%s (%.60s): %d %s, want 404", what, path, r.Status, r.Body)
	}
}
