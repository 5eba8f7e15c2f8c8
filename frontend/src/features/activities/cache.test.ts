import type { InfiniteData } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { ActivityPage } from '../../api';
import { doneChange, patchActivity } from './cache';
import { activity } from './testData';

const page = (ids: string[]): ActivityPage => ({ items: ids.map((id) => activity({ id })), nextCursor: '' });

describe('activity cache changes', () => {
  it('changes the activity in a single page and leaves the others alone', () => {
    const data = page(['a', 'b']);
    const next = patchActivity(data, 'b', { done: true });
    expect(next.items.map((item) => item.done)).toEqual([false, true]);
    expect(next.items[0]).toBe(data.items[0]);
    expect(data.items[1]?.done).toBe(false);
  });

  it('changes the activity in whichever page of a paged list holds it', () => {
    const data: InfiniteData<ActivityPage> = { pages: [page(['a']), page(['b', 'c'])], pageParams: ['', 'x'] };
    const next = patchActivity(data, 'c', { title: 'Neu' });
    expect(next.pages[0]).toBe(data.pages[0]);
    expect(next.pages[1]?.items.map((item) => item.title)).toEqual(['Angebot nachfassen', 'Neu']);
    expect(next.pageParams).toEqual(['', 'x']);
  });

  it('returns the same data when the activity is not in it, so that nothing re-renders', () => {
    const single = page(['a']);
    const paged: InfiniteData<ActivityPage> = { pages: [single], pageParams: [''] };
    expect(patchActivity(single, 'z', { done: true })).toBe(single);
    expect(patchActivity(paged, 'z', { done: true })).toBe(paged);
    const nothing: ActivityPage | undefined = undefined;
    expect(patchActivity(nothing, 'z', { done: true })).toBeUndefined();
  });

  it('marks done (no longer overdue) and open again (overdue again when its time has passed)', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    const late = activity({ dueAt: '2026-11-27T09:00:00Z', overdue: true });
    expect(doneChange(late, true, now)).toEqual({ done: true, doneAt: now.toISOString(), overdue: false });
    expect(doneChange(late, false, now)).toEqual({ done: false, doneAt: undefined, overdue: true });
    expect(doneChange(activity({ dueAt: '2026-11-28T09:00:00Z' }), false, now).overdue).toBe(false);
  });

  it("keeps the agenda's own fields while changing an activity in it", () => {
    const agenda = { items: [activity({ id: 'a' })], nextCursor: '', complete: false };
    const next = patchActivity(agenda, 'a', { done: true });
    expect(next.complete).toBe(false);
    expect(next.items[0]?.done).toBe(true);
  });
});
