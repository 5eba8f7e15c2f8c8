package app

import (
	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// The signed-in user's calendar subscription: an ICS feed of their own activities that Outlook, Google and Apple
// calendars fetch by its URL, without signing in (the URL's token is the credential).

// CalendarFeed says whether the user has a feed, since when and when a calendar last fetched it (not its URL:
// the server keeps only the token's hash).
func (s *Session) CalendarFeed() (api.CalendarFeed, error) {
	return client.Get[api.CalendarFeed](s.c.ctx, s.c, client.Path("me", "calendar-feed"), nil)
}

// RenewCalendarFeed makes the user's feed or gives it a new URL, which the answer carries this once; an earlier
// URL stops working. Without a public URL configured on the server, the URL is the server this desktop is
// connected to with the feed's path.
func (s *Session) RenewCalendarFeed() (api.CalendarFeedToken, error) {
	out, err := client.Put[api.CalendarFeedToken](s.c.ctx, s.c, client.Path("me", "calendar-feed"), nil)
	if err != nil || out.URL != "" {
		return out, err
	}
	s.c.mu.Lock()
	server := s.c.server
	s.c.mu.Unlock()
	out.URL = server + out.Path
	return out, nil
}

// DisableCalendarFeed switches the user's feed off: its URL stops working.
func (s *Session) DisableCalendarFeed() error {
	_, err := client.Unlink[struct{}](s.c.ctx, s.c, client.Path("me", "calendar-feed"))
	return err
}
