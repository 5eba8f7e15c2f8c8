/** German texts of the notification centre (issue 14; assembled in index.ts). */
export const notificationsDe = {
  notifications: {
    bell: 'Benachrichtigungen',
    bellUnread_one: 'Benachrichtigungen, {{count}} ungelesen',
    bellUnread_other: 'Benachrichtigungen, {{count}} ungelesen',
    title: 'Benachrichtigungen',
    empty: 'Keine Benachrichtigungen.',
    markAllRead: 'Alle als gelesen markieren',
    more: 'Ältere laden',
    unread: 'ungelesen',
    /** A notification's title, as the operating system shows it. */
    kinds: {
      lead_assigned: 'Lead zugewiesen',
      lead_delivered: 'Neuer Lead',
      deal_assigned: 'Deal zugewiesen',
      deal_won: 'Deal gewonnen',
      deal_lost: 'Deal verloren',
      activity_assigned: 'Aktivität zugewiesen',
      activity_due: 'Aktivität fällig',
      document_stored: 'Upload fertig',
    },
    text: {
      leadAssigned: '{{actor}} hat Ihnen den Lead „{{name}}“ zugewiesen',
      leadDelivered: 'Neuer Lead von {{actor}}: {{name}}',
      dealAssigned: '{{actor}} hat Ihnen den Deal „{{name}}“ zugewiesen',
      dealWon: '{{actor}} hat den Deal „{{name}}“ gewonnen',
      dealLost: '{{actor}} hat den Deal „{{name}}“ verloren',
      activityAssigned: '{{actor}} hat Ihnen die Aktivität „{{name}}“ zugewiesen',
      activityDue_one: 'Aktivität „{{name}}“ ist in {{count}} Minute fällig',
      activityDue_other: 'Aktivität „{{name}}“ ist in {{count}} Minuten fällig',
      activityDueNow: 'Aktivität „{{name}}“ ist jetzt fällig',
      activityOverdue: 'Aktivität „{{name}}“ war um {{time}} fällig',
      documentStored: 'Upload fertig: {{file}} bei „{{name}}“',
      someone: 'Jemand',
    },
    /** The link of an in-app reminder of an activity due soon. */
    openActivities: 'Offene Aktivitäten öffnen',
    /** One operating-system notification for many new ones. */
    summary_one: '{{count}} neue Benachrichtigung',
    summary_other: '{{count}} neue Benachrichtigungen',
    setting: {
      title: 'Benachrichtigungen',
      desktop: 'Desktop-Benachrichtigungen',
      hint: 'Neue Benachrichtigungen auch als Mitteilung des Betriebssystems zeigen, während 1sales im Hintergrund ist (nur auf diesem Rechner).',
      saveFailed: 'Die Einstellung konnte nicht gespeichert werden.',
    },
  },
};
