import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import {
  activityCreate,
  activityFieldError,
  activityPatch,
  activityValues,
  defaultDue,
  durationOf,
  instantOf,
  localDateTime,
  validateActivity,
  type ActivityValues,
} from './activityForm';
import { activity } from './testData';

const now = new Date(2026, 10, 27, 9, 20);
const fresh = (change: Partial<ActivityValues> = {}): ActivityValues => ({
  ...activityValues(undefined, { typeId: 'type-call', assigneeId: 'user-jonas', now, links: { dealId: 'd-1' } }),
  title: 'Angebot nachfassen',
  ...change,
});

describe('activity form', () => {
  it('plans a new activity for the next full hour, half an hour long, linked to the page it comes from', () => {
    const values = fresh();
    expect(values.dueAt).toBe('2026-11-27 10:00:00');
    expect(values).toMatchObject({ durationMinutes: 30, dealId: 'd-1', personId: '', assigneeId: 'user-jonas' });
    expect(defaultDue(new Date(2026, 10, 27, 23, 30))).toBe('2026-11-28 00:00:00');
  });

  it('sends the local time as an instant', () => {
    const body = activityCreate(fresh({ dueAt: '2026-11-27 14:30:00', durationMinutes: '' }));
    expect(body.dueAt).toBe(new Date(2026, 10, 27, 14, 30).toISOString());
    expect(body).toMatchObject({ title: 'Angebot nachfassen', durationMinutes: 0, dealId: 'd-1', done: false });
    expect(instantOf('27.11.2026 14:30')).toBe('');
    expect(localDateTime(new Date(2026, 0, 2, 3, 4, 5))).toBe('2026-01-02 03:04:05');
  });

  it('checks title, type, time and duration before sending', () => {
    expect(validateActivity(fresh(), i18n.t)).toEqual({});
    const errors = validateActivity(fresh({ title: ' ', typeId: '', dueAt: '', durationMinutes: -15 }), i18n.t);
    expect(Object.keys(errors).sort()).toEqual(['dueAt', 'durationMinutes', 'title', 'typeId']);
    expect(errors.durationMinutes).toMatch(/Minuten/);
    expect(durationOf('90')).toBe(90);
    expect(durationOf(10081)).toBeNull();
    expect(durationOf(7.5)).toBeNull();
  });

  it('patches only what changed, and "" removes a link', () => {
    const stored = activity({ dueAt: new Date(2026, 10, 27, 9, 0).toISOString(), dealId: 'd-1', durationMinutes: 15 });
    const values = activityValues(stored, { typeId: '', assigneeId: '', now });
    expect(activityPatch(values, stored)).toEqual({});
    expect(activityPatch({ ...values, done: true, dealId: '', dueAt: '2026-11-28 09:00:00' }, stored)).toEqual({
      done: true,
      dealId: '',
      dueAt: new Date(2026, 10, 28, 9, 0).toISOString(),
    });
  });

  it('keeps a link the user may not see unless they replace it, and then sends the choice, "" too', () => {
    const stored = activity({
      dueAt: new Date(2026, 10, 27, 9, 0).toISOString(),
      dealHidden: true,
      personHidden: true,
    });
    const values = activityValues(stored, { typeId: '', assigneeId: '', now });
    expect(values).toMatchObject({ dealId: '', dealHidden: true, personId: '', personHidden: true });
    // Kept: nothing is sent for them, whatever else changes.
    expect(activityPatch({ ...values, title: 'Neu' }, stored)).toEqual({ title: 'Neu' });
    // Replaced: the deal by another, the person by nothing (removed on purpose).
    expect(activityPatch({ ...values, dealHidden: false, dealId: 'd-2', personHidden: false }, stored)).toEqual({
      dealId: 'd-2',
      personId: '',
    });
  });

  it("explains the server's field codes in the activity's own words where it has some", () => {
    expect(activityFieldError(i18n.t, 'dealId', 'not_found')).toMatch(/Deal/);
    expect(activityFieldError(i18n.t, 'durationMinutes', 'range')).toMatch(/Minuten/);
    expect(activityFieldError(i18n.t, 'comment', 'too_long')).toBe(i18n.t('fields.too_long'));
  });
});
