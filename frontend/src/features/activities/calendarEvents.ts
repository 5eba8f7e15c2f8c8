/**
 * The calendar grid's side of activities: an activity as a calendar event, a drop or resize in the grid as the
 * change the server takes, and a click on an empty slot as the start of a new activity. Times are the desktop's
 * local times, as everywhere in the app (FullCalendar runs in the local time zone).
 */
import type { Activity, ActivityPatch } from '../../api';
import { MAX_DURATION_MINUTES } from './activityForm';
import { addDays, dayKey, endOf, mondayOf, parseDay } from './week';

/** What the grid needs of an event (a subset of FullCalendar's EventInput, so that this module is plain data). */
export interface CalendarEvent {
  id: string;
  title: string;
  start: Date;
  /** Absent for an activity without a duration (a point in time): the grid draws it with its default length. */
  end?: Date;
  backgroundColor: string;
  borderColor: string;
  textColor: string;
  classNames: string[];
  /** Whether it may be dragged and resized (the user's role may edit activities, and it is still open). */
  editable: boolean;
  extendedProps: { activity: Activity };
}

/** Marks of the event's state, as CSS classes of its element (calendar.css draws them). */
export const EVENT_CLASS = {
  done: 'onesales-event-done',
  overdue: 'onesales-event-overdue',
  others: 'onesales-event-others',
} as const;

/** The colours of a done activity: Mantine's gray.1 and gray.8 (contrast about 9:1). */
export const DONE_BACKGROUND = '#f1f3f5';
export const DONE_TEXT = '#343a40';

/**
 * An activity as an event: at its due time, as long as its duration, in its type's colour; done ones faded and
 * struck through, overdue ones marked, someone else's (a manager's view of the team) set apart.
 */
export function toEvent(activity: Activity, options: { canEdit: boolean; meId: string }): CalendarEvent {
  const start = new Date(activity.dueAt);
  const classNames: string[] = [];
  if (activity.done) classNames.push(EVENT_CLASS.done);
  if (activity.overdue && !activity.done) classNames.push(EVENT_CLASS.overdue);
  if (activity.assigneeId !== options.meId) classNames.push(EVENT_CLASS.others);
  return {
    id: activity.id,
    title: activity.title,
    start,
    end: activity.durationMinutes > 0 ? endOf(activity) : undefined,
    // Done: faded to a pale ground with dark grey text (still readable), the type's colour as the border.
    backgroundColor: activity.done ? DONE_BACKGROUND : activity.typeColor,
    borderColor: activity.typeColor,
    textColor: activity.done ? DONE_TEXT : readableOn(activity.typeColor),
    classNames,
    editable: options.canEdit && !activity.done,
    extendedProps: { activity },
  };
}

/**
 * Black or white, whichever reads better on a "#rrggbb" background (WCAG's relative luminance: white text needs
 * a background darker than about 0.18).
 */
export function readableOn(color: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) return '#000000';
  const [r, g, b] = match.slice(1).map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

/** A change the grid made to an event: moved (a new start, same length) or resized (a new end). */
export interface GridChange {
  kind: 'move' | 'resize';
  start: Date;
  /** The new end of a resized event; null when the grid gave none. */
  end: Date | null;
}

/**
 * The patch a drop or a resize sends (with the activity's version as If-Match): a move sends the new due time
 * and keeps the duration; a resize sends the new duration in whole minutes, within what the server takes.
 * Null when nothing changed.
 */
export function gridPatch(activity: Activity, change: GridChange): ActivityPatch | null {
  if (change.kind === 'move') {
    const dueAt = change.start.toISOString();
    return new Date(activity.dueAt).getTime() === change.start.getTime() ? null : { dueAt };
  }
  if (change.end === null) return null;
  const minutes = Math.round((change.end.getTime() - change.start.getTime()) / 60_000);
  const durationMinutes = Math.min(MAX_DURATION_MINUTES, Math.max(0, minutes));
  return durationMinutes === activity.durationMinutes ? null : { durationMinutes };
}

/** The hour a new activity starts at when it is planned on a whole day (a day of the month grid). */
export const DAY_CLICK_HOUR = 9;

/**
 * When a new activity planned by a click on the grid starts: the clicked slot's time in the week grid, the day at
 * 09:00 when a whole day was clicked (the month grid).
 */
export function plannedStart(clicked: Date, allDay: boolean): Date {
  if (!allDay) return clicked;
  return new Date(clicked.getFullYear(), clicked.getMonth(), clicked.getDate(), DAY_CLICK_HOUR, 0, 0);
}

/**
 * The days (YYYY-MM-DD, inclusive) whose activities a visible range needs: FullCalendar's end is exclusive, so
 * the last day is the one before it.
 */
export function visibleDays(start: Date, endExclusive: Date): { from: string; to: string } {
  const last = new Date(endExclusive.getFullYear(), endExclusive.getMonth(), endExclusive.getDate() - 1);
  return { from: dayKey(start), to: dayKey(last) };
}

/** The calendar grid's views: a week of time slots, a month of days. */
export type GridView = 'week' | 'month';

/**
 * The days a grid shows around anchor (YYYY-MM-DD), as FullCalendar lays them out with Monday first: the week's
 * seven days, or the six weeks from the Monday on or before the month's first day.
 */
export function gridRange(view: GridView, anchor: string): { from: string; to: string } {
  const day = parseDay(anchor) ?? new Date();
  if (view === 'week') {
    const monday = mondayOf(day);
    return { from: monday, to: addDays(monday, 6) };
  }
  const first = mondayOf(new Date(day.getFullYear(), day.getMonth(), 1));
  return { from: first, to: addDays(first, 6 * 7 - 1) };
}

/** The anchor of the previous (step -1) or next (step 1) week or month. */
export function stepAnchor(view: GridView, anchor: string, step: -1 | 1): string {
  const day = parseDay(anchor) ?? new Date();
  if (view === 'week') return addDays(dayKey(day), 7 * step);
  return dayKey(new Date(day.getFullYear(), day.getMonth() + step, 1));
}
