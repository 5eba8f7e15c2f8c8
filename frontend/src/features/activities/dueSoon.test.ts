import { describe, expect, it } from 'vitest';
import { activity } from './testData';
import { dueSoonQuery, minutesUntil, noticeKey, selectDueSoon } from './dueSoon';

const now = new Date(2026, 10, 27, 9, 50);
const inMinutes = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

describe('due-soon notices', () => {
  const items = [
    activity({ id: 'in-20', dueAt: inMinutes(20) }),
    activity({ id: 'in-10', dueAt: inMinutes(10) }),
    activity({ id: 'in-15', dueAt: inMinutes(15) }),
    activity({ id: 'now', dueAt: inMinutes(0) }),
    activity({ id: 'past', dueAt: inMinutes(-1) }),
    activity({ id: 'done', dueAt: inMinutes(5), done: true }),
  ];

  it('announces the open activities starting within 15 minutes, soonest first', () => {
    expect(selectDueSoon(items, now, new Set()).map((item) => item.id)).toEqual(['now', 'in-10', 'in-15']);
  });

  it('announces each activity once, and again when it was moved to another time', () => {
    const first = selectDueSoon(items, now, new Set());
    const announced = new Set(first.map(noticeKey));
    expect(selectDueSoon(items, now, announced)).toEqual([]);

    const moved = items.map((item) => (item.id === 'in-10' ? { ...item, dueAt: inMinutes(12) } : item));
    expect(selectDueSoon(moved, now, announced).map((item) => item.id)).toEqual(['in-10']);
  });

  it('picks up an activity once it comes within the window', () => {
    const later = new Date(now.getTime() + 5 * 60_000);
    expect(selectDueSoon(items, later, new Set(['now@' + inMinutes(0)])).map((item) => item.id)).toEqual([
      'in-10',
      'in-15',
      'in-20',
    ]);
  });

  it("asks for the caller's open activities of today, and of tomorrow shortly before midnight", () => {
    expect(dueSoonQuery(now)).toMatchObject({
      assignee: 'me',
      status: 'open',
      dueFrom: '2026-11-27',
      dueTo: '2026-11-27',
    });
    const lateEvening = new Date(2026, 10, 27, 23, 50);
    expect(dueSoonQuery(lateEvening)).toMatchObject({ dueFrom: '2026-11-27', dueTo: '2026-11-28' });
  });

  it('tells the minutes left', () => {
    expect(minutesUntil(activity({ dueAt: inMinutes(10) }), now)).toBe(10);
    expect(minutesUntil(activity({ dueAt: inMinutes(-3) }), now)).toBe(0);
  });
});
