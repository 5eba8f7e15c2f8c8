import type { TFunction } from 'i18next';
import type { Notification } from '../../api';
import type { Formatters } from '../../i18n/format';
import { activityListPath } from '../activities/activityQuery';
import { recordTypeEntry } from '../records/registry';

/** A notification's title as the operating system shows it: what happened ("Lead zugewiesen"). */
export function notificationTitle(t: TFunction, n: Notification): string {
  return t(`notifications.kinds.${n.kind}`);
}

/** What a notification says, in the reader's language: "Jonas Weber hat Ihnen den Lead „Wärmepumpe“ zugewiesen". */
export function notificationText(t: TFunction, f: Formatters, n: Notification, now: Date = new Date()): string {
  const name = n.recordName;
  const actor = n.actorName === '' ? t('notifications.text.someone') : n.actorName;
  switch (n.kind) {
    case 'lead_assigned':
      return t('notifications.text.leadAssigned', { actor, name });
    case 'lead_delivered':
      return t('notifications.text.leadDelivered', { actor, name });
    case 'deal_assigned':
      return t('notifications.text.dealAssigned', { actor, name });
    case 'deal_won':
      return t('notifications.text.dealWon', { actor, name });
    case 'deal_lost':
      return t('notifications.text.dealLost', { actor, name });
    case 'activity_assigned':
      return t('notifications.text.activityAssigned', { actor, name });
    case 'activity_due': {
      const due = n.dueAt ?? n.createdAt;
      const minutes = Math.ceil((new Date(due).getTime() - now.getTime()) / 60_000);
      if (minutes > 0) return t('notifications.text.activityDue', { name, count: minutes });
      if (minutes > -1) return t('notifications.text.activityDueNow', { name });
      return t('notifications.text.activityOverdue', { name, time: f.time(due) });
    }
    case 'document_stored':
      return t('notifications.text.documentStored', { file: n.fileName ?? '', name });
  }
}

/** The page a notification opens: its record's, or for an activity the caller's open activities. */
export function notificationPath(n: Notification): string {
  if (n.recordType === 'activity') return activityListPath({ assignee: 'me', status: 'open' });
  return recordTypeEntry(n.recordType)?.detailPath(n.recordId) ?? '/';
}
