package calendar

import (
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/1sales/app/backend/internal/activity"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/shared/api"
)

// localTime is the form of a DTSTART/DTEND with a TZID: the wall-clock time in that zone (RFC 5545, 3.3.5 form 3).
const localTime = "20060102T150405"

// uidDomain makes an activity's UID globally unique and stable: the activity's ID never changes.
const uidDomain = "@1sales"

// document is what one feed shows: whose it is and their activities.
type document struct {
	owner      string
	activities []*activity.Activity
	now        time.Time
}

// render writes the feed as an iCalendar document (RFC 5545): one VEVENT per activity, at its due time in
// Europe/Berlin (DTSTART/DTEND with TZID and the zone's VTIMEZONE), SUMMARY its title and type, DESCRIPTION its
// comment and the names of the linked records the owner may see, and SEQUENCE its version, so that a calendar
// takes a moved activity as a change of the same event.
func render(w io.Writer, d document) error {
	cal := ics.NewCalendarFor("1sales")
	cal.SetProductId("-//1sales//Kalender//DE")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetName("1sales: " + d.owner)
	cal.SetXWRCalName("1sales: " + d.owner)
	cal.SetXWRTimezone(api.CalendarFeedTimeZone)
	// Ask subscribers to fetch again within the hour (Apple and Outlook honour one of the two).
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	cal.AddVTimezone(berlinZone())
	zone := listquery.Berlin()
	tzid := ics.WithTZID(api.CalendarFeedTimeZone)
	for _, a := range d.activities {
		e := cal.AddEvent(a.ID.String() + uidDomain)
		e.SetDtStampTime(d.now)
		e.SetCreatedTime(a.CreatedAt)
		e.SetLastModifiedAt(a.UpdatedAt)
		e.SetSequence(int(max(0, a.Version-1)))
		e.SetProperty(ics.ComponentPropertyDtStart, a.DueAt.In(zone).Format(localTime), tzid)
		if a.DurationMinutes > 0 {
			end := a.DueAt.Add(time.Duration(a.DurationMinutes) * time.Minute)
			e.SetProperty(ics.ComponentPropertyDtEnd, end.In(zone).Format(localTime), tzid)
		}
		e.SetSummary(summary(a))
		if text := description(a, zone); text != "" {
			e.SetDescription(text)
		}
		e.AddCategory(clean(a.TypeName))
		e.SetStatus(ics.ObjectStatusConfirmed)
		if a.Done {
			// A done activity no longer blocks the time of a free/busy lookup.
			e.SetTimeTransparency(ics.TransparencyTransparent)
		}
	}
	// RFC 5545 ends every line with CRLF (the library's default is LF).
	return cal.SerializeTo(w, ics.WithNewLine("\r\n"))
}

// summary is the event's title: the activity's title and its type ("Angebot besprechen (Anruf)"), ticked when done.
func summary(a *activity.Activity) string {
	s := clean(a.Title) + " (" + clean(a.TypeName) + ")"
	if a.Done {
		s = "✓ " + s
	}
	return s
}

// description is the activity's comment, then the linked records the owner may see, then when it was done. The
// feed has no language of its own; it speaks German, as the CRM's users and the rest of the feed do.
func description(a *activity.Activity, zone *time.Location) string {
	var lines []string
	if c := clean(a.Comment); c != "" {
		lines = append(lines, c, "")
	}
	for _, l := range []struct {
		label string
		name  *string
	}{{"Person", a.PersonName}, {"Organisation", a.OrganizationName}, {"Deal", a.DealTitle}, {"Lead", a.LeadTitle}} {
		if l.name != nil && *l.name != "" {
			lines = append(lines, l.label+": "+clean(*l.name))
		}
	}
	if a.Done && a.DoneAt != nil {
		lines = append(lines, "Erledigt am "+a.DoneAt.In(zone).Format("02.01.2006 15:04"))
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// clean makes a text one the library writes safely: line ends as "\n" (it escapes those, but a lone carriage return
// would end the line).
func clean(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// berlinZone is the VTIMEZONE of Europe/Berlin: Central European Time, summer time from the last Sunday of March
// 02:00 to the last Sunday of October 03:00, the rule in force since 1996 (a test compares it with Go's zone data
// on every day of the feed's span).
func berlinZone() *ics.VTimezone {
	tz := ics.NewTimezone(api.CalendarFeedTimeZone)
	summer, winter := &ics.Daylight{}, &ics.Standard{}
	zoneRule(&summer.ComponentBase, "+0100", "+0200", "CEST", "19700329T020000", 3)
	zoneRule(&winter.ComponentBase, "+0200", "+0100", "CET", "19701025T030000", 10)
	tz.Components = append(tz.Components, summer, winter)
	return tz
}

// zoneRule fills a STANDARD or DAYLIGHT part: the offsets before and after, its name, its first onset and the
// month on whose last Sunday it begins every year.
func zoneRule(c *ics.ComponentBase, from, to, name, start string, month int) {
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), from)
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), to)
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzname), name)
	c.SetProperty(ics.ComponentPropertyDtStart, start)
	c.SetProperty(ics.ComponentPropertyRrule, fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=-1SU", month))
}
