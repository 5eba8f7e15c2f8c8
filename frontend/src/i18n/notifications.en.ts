import type { notificationsDe } from './notifications.de';

/** English texts of the notification centre (issue 14; assembled in index.ts). */
export const notificationsEn: typeof notificationsDe = {
  notifications: {
    bell: 'Notifications',
    bellUnread_one: 'Notifications, {{count}} unread',
    bellUnread_other: 'Notifications, {{count}} unread',
    title: 'Notifications',
    empty: 'No notifications.',
    markAllRead: 'Mark all as read',
    more: 'Load older',
    unread: 'unread',
    kinds: {
      lead_assigned: 'Lead assigned',
      lead_delivered: 'New lead',
      deal_assigned: 'Deal assigned',
      deal_won: 'Deal won',
      deal_lost: 'Deal lost',
      activity_assigned: 'Activity assigned',
      activity_due: 'Activity due',
      document_stored: 'Upload finished',
    },
    text: {
      leadAssigned: '{{actor}} assigned the lead “{{name}}” to you',
      leadDelivered: 'New lead from {{actor}}: {{name}}',
      dealAssigned: '{{actor}} assigned the deal “{{name}}” to you',
      dealWon: '{{actor}} won the deal “{{name}}”',
      dealLost: '{{actor}} lost the deal “{{name}}”',
      activityAssigned: '{{actor}} assigned the activity “{{name}}” to you',
      activityDue_one: 'Activity “{{name}}” is due in {{count}} minute',
      activityDue_other: 'Activity “{{name}}” is due in {{count}} minutes',
      activityDueNow: 'Activity “{{name}}” is due now',
      activityOverdue: 'Activity “{{name}}” was due at {{time}}',
      documentStored: 'Upload finished: {{file}} on “{{name}}”',
      someone: 'Someone',
    },
    /** The link of an in-app reminder of an activity due soon. */
    openActivities: 'Open activities',
    summary_one: '{{count}} new notification',
    summary_other: '{{count}} new notifications',
    setting: {
      title: 'Notifications',
      desktop: 'Desktop notifications',
      hint: 'Also show new notifications as messages of the operating system while 1sales is in the background (on this computer only).',
      saveFailed: 'The setting could not be saved.',
    },
  },
};
