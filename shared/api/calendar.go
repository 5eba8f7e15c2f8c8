package api

import "time"

// The span of a personal calendar feed: its activities due from this many days back to this many ahead.
const (
	CalendarFeedDaysBack  = 90
	CalendarFeedDaysAhead = 365
)

// CalendarFeedTimeZone is the time zone of the feed's events (their DTSTART/DTEND carry it as TZID).
const CalendarFeedTimeZone = "Europe/Berlin"

// CalendarFeed is the signed-in user's calendar subscription (GET /api/v1/me/calendar-feed): whether it is on,
// since when and when a calendar last fetched it. Its URL is not here: only the token's hash is stored, so the URL
// is shown once, when the feed is made or renewed (CalendarFeedToken). The feed holds the user's own activities
// (assignee = the user), from DaysBack days back to DaysAhead days ahead.
type CalendarFeed struct {
	Active     bool       `json:"active"`
	CreatedAt  *time.Time `json:"createdAt" ts_type:"string"`
	LastUsedAt *time.Time `json:"lastUsedAt" ts_type:"string"`
	DaysBack   int        `json:"daysBack"`
	DaysAhead  int        `json:"daysAhead"`
	TimeZone   string     `json:"timeZone"`
}

// CalendarFeedToken is a new feed URL (PUT /api/v1/me/calendar-feed), shown once: the token, the path of the feed
// below the server ("/ics/<token>.ics") and, when the server has a public URL configured, the whole URL (else ""
// and the desktop puts the server it is connected to in front of Path). An earlier URL of the user answers 404
// from then on.
type CalendarFeedToken struct {
	Feed  CalendarFeed `json:"feed"`
	Token string       `json:"token"`
	Path  string       `json:"path"`
	URL   string       `json:"url"`
}
