import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ACTIVITY_FILTER,
  EMPTY_ACTIVITY_FILTER,
  activeActivityFilterCount,
  activityListPath,
  chooseDue,
  defaultActivityFilter,
  dueChoice,
  filterOf,
  parseActivityFilter,
  serializeActivityFilter,
  toActivityQuery,
} from './activityQuery';

describe('activity filter', () => {
  it('takes a dashboard figure query as it is, without cursor and limit', () => {
    const figure = {
      assignee: 'team',
      due: 'today',
      dueFrom: '',
      dueTo: '',
      doneFrom: '',
      doneTo: '',
      typeId: '',
      status: 'open',
      recordType: '' as const,
      recordId: '',
      cursor: '',
      limit: 0,
    };
    const filter = filterOf(figure);
    expect(filter).toEqual({ ...EMPTY_ACTIVITY_FILTER, assignee: 'team', due: 'today', status: 'open' });
    expect(toActivityQuery(filter, 100)).toEqual({ ...figure, limit: 100 });
  });

  it('round-trips through the address, and opens a figure link with exactly its query', () => {
    const done = {
      ...EMPTY_ACTIVITY_FILTER,
      assignee: '0b6f6c55-7a4e-4a8e-9d0b-5f0c8e3b9a11',
      status: 'done',
      doneFrom: '2026-11-23',
      doneTo: '2026-11-29',
    };
    const path = activityListPath(done);
    expect(path.startsWith('/activities?filter=')).toBe(true);
    const text = new URLSearchParams(path.split('?')[1]).get('filter');
    expect(parseActivityFilter(text)).toEqual(done);
    // The overdue figure carries no status: the list must not add the default "open" to it.
    const overdue = { ...EMPTY_ACTIVITY_FILTER, due: 'overdue' };
    expect(parseActivityFilter(serializeActivityFilter(overdue))).toEqual(overdue);
  });

  it("opens without a filter on the open activities of the user's default scope, the dashboard's", () => {
    expect(defaultActivityFilter('team')).toEqual({ ...EMPTY_ACTIVITY_FILTER, assignee: 'team', status: 'open' });
    expect(defaultActivityFilter('me')).toEqual(DEFAULT_ACTIVITY_FILTER);
    expect(defaultActivityFilter('all')).toEqual({ ...EMPTY_ACTIVITY_FILTER, status: 'open' });
    expect(parseActivityFilter(null, defaultActivityFilter('team')).assignee).toBe('team');
    expect(parseActivityFilter('kaputt', defaultActivityFilter('team')).assignee).toBe('team');
    // A filter in the address stays as it is.
    expect(parseActivityFilter('{"assignee":"me"}', defaultActivityFilter('team')).assignee).toBe('me');
  });

  it('shows the own open activities without a filter, but everything for the empty one', () => {
    expect(parseActivityFilter(null)).toEqual(DEFAULT_ACTIVITY_FILTER);
    expect(parseActivityFilter('')).toEqual(DEFAULT_ACTIVITY_FILTER);
    expect(parseActivityFilter('{}')).toEqual(EMPTY_ACTIVITY_FILTER);
    expect(serializeActivityFilter(EMPTY_ACTIVITY_FILTER)).toBe('{}');
  });

  it('drops what the server would refuse', () => {
    expect(
      parseActivityFilter(
        JSON.stringify({
          due: 'yesterday',
          status: 'maybe',
          dueFrom: '27.11.2026',
          dueTo: '2026-02-30',
          recordType: 'invoice',
          recordId: 'x',
          typeId: 42,
          assignee: ' me ',
        }),
      ),
    ).toEqual({ ...EMPTY_ACTIVITY_FILTER, assignee: 'me' });
    expect(parseActivityFilter('not json')).toEqual(DEFAULT_ACTIVITY_FILTER);
    expect(parseActivityFilter('[1,2]')).toEqual(DEFAULT_ACTIVITY_FILTER);
    // A linked record needs both its type and its ID.
    expect(parseActivityFilter(JSON.stringify({ recordType: 'deal' })).recordType).toBe('');
    expect(parseActivityFilter(JSON.stringify({ recordType: 'deal', recordId: 'd-1' }))).toMatchObject({
      recordType: 'deal',
      recordId: 'd-1',
    });
  });

  it('switches between due presets and a date range', () => {
    const ranged = { ...EMPTY_ACTIVITY_FILTER, dueFrom: '2026-11-01', dueTo: '2026-11-30' };
    expect(dueChoice(ranged)).toBe('range');
    expect(dueChoice(EMPTY_ACTIVITY_FILTER)).toBe('any');
    const today = chooseDue(ranged, 'today');
    expect(today).toMatchObject({ due: 'today', dueFrom: '', dueTo: '' });
    expect(dueChoice(today)).toBe('today');
    expect(chooseDue(today, 'range')).toMatchObject({ due: '' });
    expect(chooseDue(ranged, 'any')).toMatchObject({ due: '', dueFrom: '', dueTo: '' });
  });

  it('counts a range and a linked record as one condition each', () => {
    expect(activeActivityFilterCount(EMPTY_ACTIVITY_FILTER)).toBe(0);
    expect(activeActivityFilterCount(DEFAULT_ACTIVITY_FILTER)).toBe(2);
    expect(
      activeActivityFilterCount({
        ...EMPTY_ACTIVITY_FILTER,
        dueFrom: '2026-11-01',
        dueTo: '2026-11-30',
        recordType: 'deal',
        recordId: 'd-1',
      }),
    ).toBe(2);
  });
});
