package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/google/uuid"
	"github.com/teambition/rrule-go"

	"github.com/1sales/app/backend/internal/activity"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/listquery"
)

// The VTIMEZONE the feed carries must say what Go's zone data says: a calendar that trusts it (Outlook does) puts
// every event where the app shows it. Its two rules are expanded with an independent RRULE implementation and
// every transition of the feed's years is compared with the offsets of Europe/Berlin.
func TestBerlinZoneAgreesWithTheZoneData(t *testing.T) {
	var b bytes.Buffer
	if err := render(&b, document{owner: "Test", now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	cal, err := goical.NewDecoder(&b).Decode()
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	berlin := listquery.Berlin()
	var zones int
	for _, c := range cal.Children {
		if c.Name != goical.CompTimezone {
			continue
		}
		zones++
		if len(c.Children) != 2 {
			t.Fatalf("VTIMEZONE has %d parts, want DAYLIGHT and STANDARD", len(c.Children))
		}
		for _, part := range c.Children {
			from, to := offset(t, part.Props.Get(goical.PropTimezoneOffsetFrom).Value), offset(t, part.Props.Get(goical.PropTimezoneOffsetTo).Value)
			// DTSTART of a rule is local time in the offset before the change.
			start, err := time.ParseInLocation("20060102T150405", part.Props.Get(goical.PropDateTimeStart).Value, time.FixedZone("", from))
			if err != nil {
				t.Fatal(err)
			}
			rule, err := rrule.StrToRRule(part.Props.Get(goical.PropRecurrenceRule).Value)
			if err != nil {
				t.Fatal(err)
			}
			rule.DTStart(start)
			now := time.Now()
			changes := rule.Between(now.AddDate(-1, 0, 0), now.AddDate(2, 0, 0), true)
			if len(changes) < 3 {
				t.Fatalf("%s: %d changes in three years", part.Name, len(changes))
			}
			for _, at := range changes {
				if _, before := at.Add(-time.Minute).In(berlin).Zone(); before != from {
					t.Errorf("%s at %v: Berlin's offset before is %d, the feed says %d", part.Name, at, before, from)
				}
				if _, after := at.Add(time.Minute).In(berlin).Zone(); after != to {
					t.Errorf("%s at %v: Berlin's offset after is %d, the feed says %d", part.Name, at, after, to)
				}
			}
		}
	}
	if zones != 1 {
		t.Fatalf("%d VTIMEZONEs", zones)
	}
}

// offset reads a UTC offset such as +0200 in seconds.
func offset(t *testing.T, v string) int {
	t.Helper()
	at, err := time.Parse("-0700", v)
	if err != nil {
		t.Fatalf("offset %q: %v", v, err)
	}
	_, s := at.Zone()
	return s
}

// Texts with the characters iCalendar escapes, and a lone carriage return, come out of a parser as they went in;
// lines end with CRLF and long ones are folded at 75 octets without splitting a character.
func TestEventTextsSurviveEscapingAndFolding(t *testing.T) {
	person := "Müller; Söhne, \\ \"Nord\""
	a := &activity.Activity{Row: db.Row{ID: uuid.New(), Version: 3}, Title: "Angebot; Rabatt, 10 % \\ ok",
		Comment: "Zeile 1\r\nZeile 2\rZeile 3 " + strings.Repeat("ä", 80), TypeName: "Anruf", DueAt: time.Now(), DurationMinutes: 30,
		PersonName: &person}
	var b bytes.Buffer
	if err := render(&b, document{owner: "Jonas", activities: []*activity.Activity{a}, now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(b.String(), "\r\n") {
		if len(line) > 75 || strings.ContainsAny(line, "\r\n") {
			t.Errorf("a line of %d octets, or one not ended by CRLF: %q", len(line), line)
		}
	}
	cal, err := goical.NewDecoder(&b).Decode()
	if err != nil {
		t.Fatal(err)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events", len(events))
	}
	summary, _ := events[0].Props.Text(goical.PropSummary)
	desc, _ := events[0].Props.Text(goical.PropDescription)
	if summary != "Angebot; Rabatt, 10 % \\ ok (Anruf)" {
		t.Errorf("SUMMARY %q", summary)
	}
	if want := "Zeile 1\nZeile 2\nZeile 3 " + strings.Repeat("ä", 80) + "\n\nPerson: " + person; desc != want {
		t.Errorf("DESCRIPTION %q, want %q", desc, want)
	}
	if seq := events[0].Props.Get(goical.PropSequence).Value; seq != "2" {
		t.Errorf("SEQUENCE %s, want the version less one", seq)
	}
}
