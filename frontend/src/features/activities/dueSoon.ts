/**
 * Which of the caller's open activities to announce as due soon. The notifier polls (see DueSoonNotifier) and
 * shows each activity once; one moved to a new time is announced again.
 */
import type { Activity, ActivityQuery } from '../../api';
import { dayKey } from './week';

/** How far ahead an activity counts as due soon. */
export const DUE_SOON_MINUTES = 15;

/** The caller's open activities due from today until the end of the window (tomorrow, shortly before midnight). */
export function dueSoonQuery(now: Date, minutes = DUE_SOON_MINUTES): ActivityQuery {
  const until = new Date(now.getTime() + minutes * 60_000);
  return {
    assignee: 'me',
    due: '',
    dueFrom: dayKey(now),
    dueTo: dayKey(until),
    doneFrom: '',
    doneTo: '',
    typeId: '',
    status: 'open',
    recordType: '',
    recordId: '',
    cursor: '',
    limit: 200,
  };
}

/** What identifies one announcement: the activity at its time. */
export function noticeKey(activity: Pick<Activity, 'id' | 'dueAt'>): string {
  return `${activity.id}@${activity.dueAt}`;
}

/**
 * The activities to announce now: open, starting from now to the end of the window, not announced before;
 * soonest first.
 */
export function selectDueSoon(
  activities: readonly Activity[],
  now: Date,
  announced: ReadonlySet<string>,
  minutes = DUE_SOON_MINUTES,
): Activity[] {
  const from = now.getTime();
  const until = from + minutes * 60_000;
  return activities
    .filter((activity) => {
      const due = new Date(activity.dueAt).getTime();
      return !activity.done && due >= from && due <= until && !announced.has(noticeKey(activity));
    })
    .sort((a, b) => new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime());
}

/** Whole minutes until an activity starts (0 when it starts within the minute). */
export function minutesUntil(activity: Pick<Activity, 'dueAt'>, now: Date): number {
  return Math.max(0, Math.round((new Date(activity.dueAt).getTime() - now.getTime()) / 60_000));
}
