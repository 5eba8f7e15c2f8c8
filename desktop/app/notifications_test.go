package app_test

import (
	"bytes"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

// notificationRoutes are the notification centre's routes (issue 14) and the requests they must produce.
func notificationRoutes() []route {
	at := time.Date(2026, 12, 8, 9, 30, 0, 0, time.UTC)
	page := api.NotificationPage{Items: []api.Notification{{ID: "n1", Kind: api.NotificationLeadAssigned,
		RecordType: api.RecordLead, RecordID: "l1", RecordName: "Wärmepumpe Hamburg", ActorName: "Jonas Weber",
		CreatedAt: at}}, NextCursor: "c2", UnreadCount: 1}
	return []route{
		{name: "newest notifications", method: "GET", path: "/api/v1/notifications", status: 200, answer: page,
			call: func(d *app.App) (any, error) { return d.Notifications.List("") }},
		{name: "older notifications", method: "GET", path: "/api/v1/notifications", query: "cursor=c2", status: 200,
			answer: api.NotificationPage{Items: []api.Notification{}},
			call:   func(d *app.App) (any, error) { return d.Notifications.List("c2") }},
		{name: "mark notifications read", method: "POST", path: "/api/v1/notifications/read", body: `{"ids":["n1","n2"]}`,
			status: 200, answer: api.NotificationCount{UnreadCount: 3},
			call: func(d *app.App) (any, error) { return d.Notifications.MarkRead([]string{"n1", "n2"}) }},
		{name: "mark all notifications read", method: "POST", path: "/api/v1/notifications/read-all", status: 200,
			answer: api.NotificationCount{},
			call:   func(d *app.App) (any, error) { return d.Notifications.MarkAllRead() }},
	}
}

// systemDesk is an App whose operating-system notifications go to show, logging to log.
func systemDesk(t *testing.T, show func(title, body string) error, log *syncBuffer) (*app.App, *settings.File) {
	t.Helper()
	prefs := settings.New(filepath.Join(t.TempDir(), "settings.json"))
	d := app.New(app.Config{Settings: prefs, ShowNotification: show, CacheDir: t.TempDir(),
		Logger: slog.New(slog.NewTextHandler(log, nil))})
	d.OnStartup(t.Context())
	t.Cleanup(func() { d.OnShutdown(t.Context()) })
	return d, prefs
}

// syncBuffer is a log safe for the app's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestShowSystemShowsOnlyWhatTheUserWantsAndNeverFails(t *testing.T) {
	shown := make(chan string, 10)
	failing := false
	var mu sync.Mutex
	var log syncBuffer
	d, prefs := systemDesk(t, func(title, body string) error {
		mu.Lock()
		defer mu.Unlock()
		if failing {
			return errors.New("org.freedesktop.Notifications: no such service")
		}
		shown <- title + ": " + body
		return nil
	}, &log)

	// On by default.
	if on, err := d.Notifications.DesktopNotifications(); err != nil || !on {
		t.Fatalf("default: %v %v, want on", on, err)
	}
	if err := d.Notifications.ShowSystem("Neuer Lead", "Neuer Lead von 1leads: Hansa Heizung"); err != nil {
		t.Fatal(err)
	}
	select {
	case got := <-shown:
		if got != "Neuer Lead: Neuer Lead von 1leads: Hansa Heizung" {
			t.Errorf("shown %q", got)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("nothing shown")
	}

	// Off: kept in the settings, nothing shown.
	if err := d.Notifications.SetDesktopNotifications(false); err != nil {
		t.Fatal(err)
	}
	if p, err := prefs.Load(); err != nil || p.DesktopNotifications {
		t.Fatalf("saved %+v %v", p, err)
	}
	if on, _ := d.Notifications.DesktopNotifications(); on {
		t.Fatal("still on")
	}
	if err := d.Notifications.ShowSystem("Deal gewonnen", "Kopierer Nord"); err != nil {
		t.Fatal(err)
	}

	// On again, and the system cannot show it: no error, a log line without the text.
	if err := d.Notifications.SetDesktopNotifications(true); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	failing = true
	mu.Unlock()
	if err := d.Notifications.ShowSystem("Upload fertig", "Angebot Müller.pdf"); err != nil {
		t.Fatalf("a failure is no error: %v", err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(log.String(), "showing an operating-system notification failed") {
		if time.Now().After(deadline) {
			t.Fatalf("no log line: %s", log.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if text := log.String(); strings.Contains(text, "Müller") || strings.Contains(text, "Upload fertig") {
		t.Errorf("the log names the notification's text: %s", text)
	}
	select {
	case got := <-shown:
		t.Errorf("shown while off: %q", got)
	default:
	}
}

func TestShowSystemReturnsAtOnceWhileTheSystemIsSlow(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	var log syncBuffer
	d, _ := systemDesk(t, func(string, string) error { <-release; return nil }, &log)
	start := time.Now()
	for range 20 { // more than wait: the rest are dropped, not queued without end
		if err := d.Notifications.ShowSystem("Aktivität fällig", "Rückruf"); err != nil {
			t.Fatal(err)
		}
	}
	if took := time.Since(start); took > time.Second {
		t.Fatalf("ShowSystem took %v while the system hung", took)
	}
}
