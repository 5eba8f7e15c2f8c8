import { describe, expect, it } from 'vitest';
import {
  DONE_BACKGROUND,
  DONE_TEXT,
  EVENT_CLASS,
  gridPatch,
  gridRange,
  plannedStart,
  readableOn,
  stepAnchor,
  toEvent,
  visibleDays,
} from './calendarEvents';
import { activity } from './testData';

/** A local wall time. */
const local = (year: number, month: number, day: number, hour = 9, minute = 0) =>
  new Date(year, month - 1, day, hour, minute);

const mine = { canEdit: true, meId: 'user-jonas' };

describe('activity -> calendar event', () => {
  it('starts at the due time and lasts the duration, in the type colour', () => {
    const due = local(2026, 12, 9, 10, 30);
    const event = toEvent(activity({ id: 'a-7', dueAt: due.toISOString(), durationMinutes: 45 }), mine);
    expect(event.id).toBe('a-7');
    expect(event.title).toBe('Angebot nachfassen');
    expect(event.start).toEqual(due);
    expect(event.end).toEqual(local(2026, 12, 9, 11, 15));
    expect(event.backgroundColor).toBe('#228be6');
    expect(event.borderColor).toBe('#228be6');
    expect(event.classNames).toEqual([]);
    expect(event.editable).toBe(true);
    expect(event.extendedProps.activity.id).toBe('a-7');
  });

  it('has no end without a duration (the grid draws a point in time with its default length)', () => {
    expect(toEvent(activity({ durationMinutes: 0 }), mine).end).toBeUndefined();
  });

  it('fades a done one, keeps it readable and lets it stay where it is', () => {
    const event = toEvent(activity({ done: true, doneAt: '2026-11-27T10:00:00Z', overdue: false }), mine);
    expect(event.classNames).toContain(EVENT_CLASS.done);
    expect(event.backgroundColor).toBe(DONE_BACKGROUND);
    expect(event.textColor).toBe(DONE_TEXT);
    expect(event.borderColor).toBe('#228be6');
    expect(event.editable).toBe(false);
  });

  it('marks an overdue one, and someone else’s', () => {
    const event = toEvent(activity({ overdue: true, assigneeId: 'user-lena' }), mine);
    expect(event.classNames).toEqual([EVENT_CLASS.overdue, EVENT_CLASS.others]);
  });

  it('cannot be dragged by a role that may not edit activities', () => {
    expect(toEvent(activity(), { canEdit: false, meId: 'user-jonas' }).editable).toBe(false);
  });

  it('writes white on dark type colours and black on light ones', () => {
    expect(readableOn('#1864ab')).toBe('#ffffff');
    expect(readableOn('#fab005')).toBe('#000000');
    expect(readableOn('#ffffff')).toBe('#000000');
    expect(readableOn('not a colour')).toBe('#000000');
  });
});

describe('drop and resize -> patch', () => {
  const planned = activity({ dueAt: local(2026, 12, 9, 10, 0).toISOString(), durationMinutes: 30, version: 4 });

  it('sends the new due time of a moved activity and keeps its duration', () => {
    const start = local(2026, 12, 11, 14, 15);
    expect(gridPatch(planned, { kind: 'move', start, end: local(2026, 12, 11, 14, 45) })).toEqual({
      dueAt: start.toISOString(),
    });
  });

  it('sends nothing for a drop on the same place', () => {
    expect(gridPatch(planned, { kind: 'move', start: local(2026, 12, 9, 10, 0), end: null })).toBeNull();
  });

  it('sends the new duration of a resized activity in whole minutes', () => {
    const start = local(2026, 12, 9, 10, 0);
    expect(gridPatch(planned, { kind: 'resize', start, end: local(2026, 12, 9, 11, 15) })).toEqual({
      durationMinutes: 75,
    });
    expect(gridPatch(planned, { kind: 'resize', start, end: local(2026, 12, 9, 10, 30) })).toBeNull();
    expect(gridPatch(planned, { kind: 'resize', start, end: null })).toBeNull();
  });

  it('keeps a resize within what the server takes (0 to a week)', () => {
    const start = local(2026, 12, 9, 10, 0);
    expect(gridPatch(planned, { kind: 'resize', start, end: local(2026, 12, 20, 10, 0) })).toEqual({
      durationMinutes: 7 * 24 * 60,
    });
  });
});

describe('planning on the grid', () => {
  it('starts at the clicked slot in the week, at 09:00 on a clicked day of the month', () => {
    expect(plannedStart(local(2026, 12, 9, 14, 30), false)).toEqual(local(2026, 12, 9, 14, 30));
    expect(plannedStart(local(2026, 12, 9, 0, 0), true)).toEqual(local(2026, 12, 9, 9, 0));
  });
});

describe('the grid’s days', () => {
  it('shows Monday to Sunday of the anchor’s week', () => {
    expect(gridRange('week', '2026-12-10')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(gridRange('week', '2026-12-13')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
  });

  it('shows six weeks from the Monday on or before the month’s first day', () => {
    // 1 December 2026 is a Tuesday; 1 February 2027 a Monday.
    expect(gridRange('month', '2026-12-24')).toEqual({ from: '2026-11-30', to: '2027-01-10' });
    expect(gridRange('month', '2027-02-15')).toEqual({ from: '2027-02-01', to: '2027-03-14' });
  });

  it('steps a week or a month, across the year end', () => {
    expect(stepAnchor('week', '2026-12-30', 1)).toBe('2027-01-06');
    expect(stepAnchor('week', '2026-12-30', -1)).toBe('2026-12-23');
    expect(stepAnchor('month', '2026-12-30', 1)).toBe('2027-01-01');
    expect(stepAnchor('month', '2027-01-31', -1)).toBe('2026-12-01');
  });

  it('takes FullCalendar’s exclusive end as the day before', () => {
    expect(visibleDays(local(2026, 12, 7, 0, 0), local(2026, 12, 14, 0, 0))).toEqual({
      from: '2026-12-07',
      to: '2026-12-13',
    });
  });
});
