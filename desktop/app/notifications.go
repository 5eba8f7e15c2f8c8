package app

import (
	"context"

	"github.com/gen2brain/beeep"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

// Notifications is the notification centre (issue 14): the signed-in user's notifications, which the server keeps
// with their read state, and the operating system's notifications the UI asks for while the window is in the
// background.
type Notifications struct{ c *core }

// List returns a page of the user's notifications, newest first: cursor "" for the newest, else the NextCursor of
// the page before.
func (n *Notifications) List(cursor string) (api.NotificationPage, error) {
	return client.Get[api.NotificationPage](n.c.ctx, n.c, client.Path("notifications"), client.Query("cursor", cursor))
}

// MarkRead marks the user's notifications among ids read and returns the unread count.
func (n *Notifications) MarkRead(ids []string) (api.NotificationCount, error) {
	return client.Post[api.NotificationCount](n.c.ctx, n.c, client.Path("notifications", "read"), api.NotificationRead{IDs: ids})
}

// MarkAllRead marks all the user's notifications read.
func (n *Notifications) MarkAllRead() (api.NotificationCount, error) {
	return client.Post[api.NotificationCount](n.c.ctx, n.c, client.Path("notifications", "read-all"), nil)
}

// DesktopNotifications reports whether the user wants operating-system notifications (this desktop's setting "Desktop-Benachrichtigungen", on
// until turned off).
func (n *Notifications) DesktopNotifications() (bool, error) {
	prefs, err := n.c.settings.Load()
	if err != nil {
		n.c.log.Warn("reading the settings failed; desktop notifications stay on", "err", err)
	}
	return prefs.DesktopNotifications, nil
}

// SetDesktopNotifications turns operating-system notifications on or off on this desktop.
func (n *Notifications) SetDesktopNotifications(on bool) error {
	if err := n.c.settings.Update(func(p *settings.Settings) { p.DesktopNotifications = on }); err != nil {
		n.c.log.Error("saving the desktop notification setting failed", "err", err)
		return localError(api.CodeSettingsUnavailable, "save the desktop notification setting: %v", err)
	}
	return nil
}

// ShowSystem shows an operating-system notification (a Windows toast, the macOS notification centre, a Linux
// notification over D-Bus) when the user has them on. It returns at once and never fails: the notification is
// shown in the background, and one the system cannot show (no notification daemon on Linux, permission denied) is
// only logged, because the notification centre in the window has it anyway.
func (n *Notifications) ShowSystem(title, body string) error {
	if title == "" {
		return nil
	}
	if on, _ := n.DesktopNotifications(); !on {
		return nil
	}
	select {
	case n.c.osNotes <- osNote{title: clip(title, 120), body: clip(body, 400)}:
	default:
		n.c.log.Info("operating-system notification dropped: too many are waiting", "waiting", cap(n.c.osNotes))
	}
	return nil
}

// osNote is an operating-system notification waiting to be shown.
type osNote struct{ title, body string }

// showNotes shows the waiting operating-system notifications one after another until ctx ends: a system without
// a notification service can take long to say so (D-Bus activation), which must hold up neither the UI nor the
// notifications after it for long.
func (c *core) showNotes(ctx context.Context, show func(title, body string) error) {
	for {
		select {
		case <-ctx.Done():
			return
		case note := <-c.osNotes:
			if err := show(note.title, note.body); err != nil {
				// The error names the mechanism that failed, never the text (which names customers).
				c.log.Warn("showing an operating-system notification failed", "err", err)
			}
		}
	}
}

// systemNotifier shows notifications through beeep with the app's name and icon (PNG bytes; nil: none).
func systemNotifier(icon []byte) func(title, body string) error {
	beeep.AppName = "1sales"
	return func(title, body string) error {
		if icon == nil {
			return beeep.Notify(title, body, "")
		}
		return beeep.Notify(title, body, icon)
	}
}

// clip shortens s to at most n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
