import type { Notification, NotificationPage } from '../../api';

/** A notification for tests: Jonas Weber gave the reader the lead „Wärmepumpe Hamburg“. */
export const notification = (over: Partial<Notification> = {}): Notification => ({
  id: 'n1',
  kind: 'lead_assigned',
  recordType: 'lead',
  recordId: 'l1',
  recordName: 'Wärmepumpe Hamburg',
  actorName: 'Jonas Weber',
  createdAt: '2026-12-08T08:55:00Z',
  read: false,
  ...over,
});

/** One page of notifications with the unread count they have. */
export const page = (items: Notification[], nextCursor = ''): NotificationPage => ({
  items,
  nextCursor,
  unreadCount: items.filter((n) => !n.read).length,
});
