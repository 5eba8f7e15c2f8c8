import { describe, expect, it } from 'vitest';
import type { Activity } from '../../api';
import { activity } from './testData';
import { addDays, dayKey, dayOf, groupByDay, mondayOf, parseDay, weekDays, weekFromParam, weekRange } from './week';

/** An ISO instant for a local wall time. */
const at = (year: number, month: number, day: number, hour = 9, minute = 0) =>
  new Date(year, month - 1, day, hour, minute).toISOString();

describe('agenda weeks', () => {
  it('starts a week on Monday, also when the day is a Sunday', () => {
    expect(mondayOf(new Date(2026, 10, 27))).toBe('2026-11-23'); // Friday
    expect(mondayOf(new Date(2026, 10, 23))).toBe('2026-11-23'); // Monday
    expect(mondayOf(new Date(2026, 10, 29, 23, 59))).toBe('2026-11-23'); // Sunday night
    expect(mondayOf(new Date(2026, 10, 30, 0, 0))).toBe('2026-11-30');
  });

  it('lists the seven days across a month and a year end', () => {
    expect(weekDays('2026-12-28')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(weekRange('2026-12-28')).toEqual({ dueFrom: '2026-12-28', dueTo: '2027-01-03' });
  });

  it('moves by whole weeks over the change to winter time', () => {
    // 25 October 2026: clocks go back in Germany; the day is 25 hours long there.
    expect(addDays('2026-10-19', 7)).toBe('2026-10-26');
    expect(addDays('2026-10-26', -7)).toBe('2026-10-19');
    expect(weekDays('2026-10-19')[6]).toBe('2026-10-25');
  });

  it('reads the week from the address, and falls back to this week', () => {
    const today = new Date(2026, 10, 27, 15, 0);
    expect(weekFromParam('2026-12-02', today)).toBe('2026-11-30');
    expect(weekFromParam(null, today)).toBe('2026-11-23');
    expect(weekFromParam('2026-02-30', today)).toBe('2026-11-23');
    expect(weekFromParam('next week', today)).toBe('2026-11-23');
  });

  it('parses only real days', () => {
    expect(parseDay('2028-02-29')).toEqual(new Date(2028, 1, 29));
    expect(parseDay('2027-02-29')).toBeNull();
    expect(dayKey(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('groups a week by day, Monday to Sunday, in order of time, and leaves out other weeks', () => {
    const items: Activity[] = [
      activity({ id: 'fri-late', title: 'Angebot', dueAt: at(2026, 11, 27, 16) }),
      activity({ id: 'mon', title: 'Anruf', dueAt: at(2026, 11, 23, 8, 30) }),
      activity({ id: 'fri-early', title: 'Zeta', dueAt: at(2026, 11, 27, 9) }),
      activity({ id: 'fri-early-b', title: 'Alpha', dueAt: at(2026, 11, 27, 9) }),
      activity({ id: 'sun-night', title: 'Spät', dueAt: at(2026, 11, 29, 23, 45) }),
      activity({ id: 'next-mon', title: 'Nächste Woche', dueAt: at(2026, 11, 30, 0, 0) }),
      activity({ id: 'last-sun', title: 'Letzte Woche', dueAt: at(2026, 11, 22, 23, 59) }),
    ];
    const days = groupByDay(items, '2026-11-23');

    expect(days.map((entry) => entry.day)).toEqual(weekDays('2026-11-23'));
    expect(days.map((entry) => entry.items.map((item) => item.id))).toEqual([
      ['mon'],
      [],
      [],
      [],
      ['fri-early-b', 'fri-early', 'fri-late'],
      [],
      ['sun-night'],
    ]);
  });

  it('puts an instant on the local day it falls on', () => {
    expect(dayOf(at(2026, 11, 27, 0, 5))).toBe('2026-11-27');
    expect(dayOf(at(2026, 11, 27, 23, 55))).toBe('2026-11-27');
  });
});
