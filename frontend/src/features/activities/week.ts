/**
 * Calendar days and weeks of the agenda, in the desktop's local time: a week runs Monday to Sunday (as the server's
 * "week" filter does in Europe/Berlin, where a German sales team's desktops are).
 */
import type { Activity } from '../../api';

/** YYYY-MM-DD of a local date. */
export function dayKey(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${month}-${day}`;
}

/** The local day (YYYY-MM-DD) an instant (an ISO timestamp from the server) falls on. */
export function dayOf(iso: string): string {
  return dayKey(new Date(iso));
}

/** Local midnight of a YYYY-MM-DD day. */
export function parseDay(key: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

/** The day n days after key (before, for negative n). */
export function addDays(key: string, n: number): string {
  const date = parseDay(key);
  if (!date) return key;
  return dayKey(new Date(date.getFullYear(), date.getMonth(), date.getDate() + n));
}

/** The Monday (YYYY-MM-DD) of the week a local date falls in. */
export function mondayOf(date: Date): string {
  const offset = (date.getDay() + 6) % 7; // Sunday is 0, Monday 1
  return dayKey(new Date(date.getFullYear(), date.getMonth(), date.getDate() - offset));
}

/** The seven days of the week starting on monday. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/** The week's first and last day, as the activity query's dueFrom/dueTo (inclusive). */
export function weekRange(monday: string): { dueFrom: string; dueTo: string } {
  return { dueFrom: monday, dueTo: addDays(monday, 6) };
}

/** The Monday of the week an address names (any day of it, YYYY-MM-DD); this week's for anything else. */
export function weekFromParam(param: string | null, today: Date): string {
  const date = param ? parseDay(param) : null;
  return mondayOf(date ?? today);
}

export interface AgendaDay {
  /** YYYY-MM-DD */
  day: string;
  items: Activity[];
}

function byTime(a: Activity, b: Activity): number {
  return a.dueAt === b.dueAt
    ? a.title.localeCompare(b.title)
    : new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime();
}

/**
 * The week's activities by day, Monday to Sunday (days without any included), each day's in order of time.
 * Activities outside the week are left out.
 */
export function groupByDay(activities: readonly Activity[], monday: string): AgendaDay[] {
  const days = weekDays(monday).map((day): AgendaDay => ({ day, items: [] }));
  const index = new Map(days.map((entry) => [entry.day, entry]));
  for (const activity of activities) {
    index.get(dayOf(activity.dueAt))?.items.push(activity);
  }
  for (const entry of days) {
    entry.items.sort(byTime);
  }
  return days;
}

/** The local end of an activity (its start plus its duration). */
export function endOf(activity: Pick<Activity, 'dueAt' | 'durationMinutes'>): Date {
  return new Date(new Date(activity.dueAt).getTime() + activity.durationMinutes * 60_000);
}
