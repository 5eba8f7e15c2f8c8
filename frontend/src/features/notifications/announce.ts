import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationsApi, type Notification } from '../../api';
import { useFormatters } from '../../i18n/format';
import { showReminder } from './Reminder';
import { notificationText, notificationTitle } from './texts';

/** How many texts one operating-system notification for several new ones lists. */
const SUMMARY_TEXTS = 3;

/**
 * The unread notifications among items that seen does not know yet; every item of items becomes known. The first
 * list (seen null) announces nothing: what was there when the app started is no news.
 */
export function freshUnread(items: Notification[], seen: Set<string>): Notification[] {
  const fresh = items.filter((n) => !n.read && !seen.has(n.id));
  for (const n of items) seen.add(n.id);
  return fresh;
}

/**
 * Announces new unread notifications as an operating-system notification while the window is not focused (the
 * desktop shows it only if the user has desktop notifications on); one for several at once. In the focused window
 * a reminder of an activity due soon is shown as an in-app notification (showReminder).
 */
export function useAnnounceNew(items: Notification[] | undefined): void {
  const { t } = useTranslation();
  const f = useFormatters();
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!items) return;
    if (seen.current === null) {
      seen.current = new Set(items.map((n) => n.id));
      // What was there when the app started is no news, except a reminder of an activity still to come.
      const now = Date.now();
      for (const n of items) {
        if (!n.read && n.kind === 'activity_due' && new Date(n.dueAt ?? n.createdAt).getTime() > now - 60_000) {
          showReminder(t, f, n);
        }
      }
      return;
    }
    const fresh = freshUnread(items, seen.current);
    const [first] = fresh;
    if (first === undefined) return;
    if (document.hasFocus()) {
      // In the focused window the bell counts what is new; only a reminder of an activity due soon is shown.
      for (const n of fresh) if (n.kind === 'activity_due') showReminder(t, f, n);
      return;
    }
    const title =
      fresh.length === 1 ? notificationTitle(t, first) : t('notifications.summary', { count: fresh.length });
    const body = fresh
      .slice(0, SUMMARY_TEXTS)
      .map((n) => notificationText(t, f, n))
      .join('\n');
    // The desktop never fails this (it logs what the system cannot show); nothing to tell the user.
    notificationsApi.showSystem(title, body).catch(() => undefined);
  }, [items, t, f]);
}
