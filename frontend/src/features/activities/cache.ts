/**
 * Changes to activities in the query cache before the server answers (marking done from a list or a record page).
 * The cache holds single pages (a record's activities, the agenda) and paged lists (the activity list).
 */
import type { InfiniteData } from '@tanstack/react-query';
import type { Activity, ActivityPage } from '../../api';

/** What the cache holds of activities: a page (a record's, the agenda's with more fields), or a paged list. */
export type CachedActivities = ActivityPage | InfiniteData<ActivityPage> | undefined;

function isInfinite(data: ActivityPage | InfiniteData<ActivityPage>): data is InfiniteData<ActivityPage> {
  return 'pages' in data;
}

function patchPage<P extends ActivityPage>(page: P, id: string, change: Partial<Activity>): P {
  if (!page.items.some((item) => item.id === id)) return page;
  return { ...page, items: page.items.map((item) => (item.id === id ? { ...item, ...change } : item)) };
}

/** The cached data with the activity changed; the same object when it does not hold the activity. */
export function patchActivity<P extends ActivityPage>(data: P, id: string, change: Partial<Activity>): P;
export function patchActivity(
  data: InfiniteData<ActivityPage>,
  id: string,
  change: Partial<Activity>,
): InfiniteData<ActivityPage>;
export function patchActivity(data: CachedActivities, id: string, change: Partial<Activity>): CachedActivities;
export function patchActivity(data: CachedActivities, id: string, change: Partial<Activity>): CachedActivities {
  if (data === undefined) return data;
  if (isInfinite(data)) {
    const pages = data.pages.map((page) => patchPage(page, id, change));
    return pages.every((page, index) => page === data.pages[index]) ? data : { ...data, pages };
  }
  return patchPage(data, id, change);
}

/** The change marking done or open again shows at once: done, no longer overdue (or overdue again when late). */
export function doneChange(activity: Activity, done: boolean, now: Date): Partial<Activity> {
  return done
    ? { done: true, doneAt: now.toISOString(), overdue: false }
    : { done: false, doneAt: undefined, overdue: new Date(activity.dueAt).getTime() < now.getTime() };
}
