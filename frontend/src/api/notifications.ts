import * as Notifications from '../lib/wailsjs/go/app/Notifications';
import { call } from './errors';
import type { NotificationCount, NotificationPage } from './notificationTypes';

/** The notification centre: the signed-in user's notifications (kept by the server) and the system's notifications. */
export const notificationsApi = {
  /** A page of notifications, newest first: cursor "" for the newest, else the page before's nextCursor. */
  list: (cursor = ''): Promise<NotificationPage> => call(() => Notifications.List(cursor)),
  markRead: (ids: string[]): Promise<NotificationCount> => call(() => Notifications.MarkRead(ids)),
  markAllRead: (): Promise<NotificationCount> => call(() => Notifications.MarkAllRead()),
  /** Shows an operating-system notification if the user wants them; never fails (the desktop logs what it cannot show). */
  showSystem: (title: string, body: string): Promise<void> => call(() => Notifications.ShowSystem(title, body)),
  /** This desktop's setting "Desktop-Benachrichtigungen" (on until turned off). */
  desktopNotifications: (): Promise<boolean> => call(() => Notifications.DesktopNotifications()),
  setDesktopNotifications: (on: boolean): Promise<void> => call(() => Notifications.SetDesktopNotifications(on)),
};
