import { describe, expect, it } from 'vitest';
import type { FunnelStage, ListQuery } from '../../api';
import { parseActivityFilter } from '../activities/activityQuery';
import { emptyListQuery, parseFilter, toListQuery } from '../records/list/filterState';
import {
  activityFigurePath,
  euros,
  formatRate,
  funnelQuery,
  funnelTotals,
  recordListPath,
  scopeChoices,
  scopeParam,
  stageBars,
} from './figures';

const params = (path: string) => new URLSearchParams(path.split('?')[1]);

const stage = (id: string, count: number, value: string, weighted: string): FunnelStage => ({
  stageId: id,
  name: `Phase ${id}`,
  probability: 50,
  count,
  value,
  weighted,
  query: { ...emptyListQuery(), status: 'open', stageId: id },
});

describe('dashboard figures', () => {
  it('opens the deal list with exactly the query of "won this month"', () => {
    const won: ListQuery = {
      ...emptyListQuery(),
      owner: 'team',
      status: 'won',
      closedFrom: '2026-11-01',
      closedTo: '2026-11-30',
    };
    const path = recordListPath('deal', won);
    expect(path.startsWith('/deals?')).toBe(true);
    expect(params(path).get('view')).toBe('list');
    // What the list builds from the address is the figure's query (the list's own page size aside).
    const listQuery = toListQuery(parseFilter(params(path).get('filter')), [], 0);
    expect(listQuery).toEqual(won);
  });

  it('opens the lead list and the closing-soon deals with their date ranges', () => {
    const soon: ListQuery = {
      ...emptyListQuery(),
      status: 'open',
      closeDateFrom: '2026-11-27',
      closeDateTo: '2026-12-27',
    };
    expect(toListQuery(parseFilter(params(recordListPath('deal', soon)).get('filter')), [], 0)).toEqual(soon);
    const converted: ListQuery = {
      ...emptyListQuery(),
      status: 'converted',
      closedFrom: '2026-11-01',
      closedTo: '2026-11-30',
    };
    const leadPath = recordListPath('lead', converted);
    expect(leadPath.startsWith('/leads?')).toBe(true);
    expect(toListQuery(parseFilter(params(leadPath).get('filter')), [], 0)).toEqual(converted);
  });

  it('opens the activity list with exactly the figure query', () => {
    const query = {
      assignee: 'me',
      due: 'overdue',
      dueFrom: '',
      dueTo: '',
      doneFrom: '',
      doneTo: '',
      typeId: '',
      status: '',
      recordType: '' as const,
      recordId: '',
      cursor: '',
      limit: 0,
    };
    const path = activityFigurePath(query);
    expect(path.startsWith('/activities?')).toBe(true);
    expect({ ...parseActivityFilter(params(path).get('filter')), cursor: '', limit: 0 }).toEqual(query);
  });

  it('writes rates the German way, and a dash without any', () => {
    expect(formatRate(66.7, 'de-DE')).toBe('66,7\u00a0%');
    expect(formatRate(100, 'de-DE')).toBe('100\u00a0%');
    expect(formatRate(null, 'de-DE')).toBe('–');
    expect(formatRate(12.5, 'en-GB')).toBe('12.5%');
  });

  it('turns the stages into bars, an empty stage too, and totals without rounding drift', () => {
    const stages = [stage('a', 3, '1000.10', '100.01'), stage('b', 0, '0.00', '0.00'), stage('c', 2, '0.20', '0.19')];
    const bars = stageBars(stages);
    // Every stage keeps its place in the pipeline's order, the empty one with its zeros (a funnel would drop it).
    expect(bars.map((bar) => bar.stage)).toEqual(['Phase a', 'Phase b', 'Phase c']);
    expect(bars.map((bar) => bar.count)).toEqual([3, 0, 2]);
    expect(bars.map((bar) => bar.value)).toEqual([1000.1, 0, 0.2]);
    expect(bars[0]).toEqual({ key: 'a', stage: 'Phase a', count: 3, value: 1000.1, weighted: 100.01 });
    expect(stageBars([])).toEqual([]);
    expect(funnelTotals(stages)).toEqual({ count: 5, value: '1000.30', weighted: '100.20' });
    expect(euros('1234.56')).toBe(1234.56);
  });

  it("opens all the funnel's open deals from its total: the stages' query without the stage", () => {
    const stages = [stage('a', 3, '1000.10', '100.01'), stage('b', 0, '0.00', '0.00')];
    expect(funnelQuery(stages)).toEqual({ ...emptyListQuery(), status: 'open', stageId: '' });
    expect(funnelQuery([])).toBeNull();
  });

  it('offers the scopes the role allows, in a fixed order', () => {
    expect(scopeChoices({ scopes: ['all', 'me', 'team'] })).toEqual(['me', 'team', 'all']);
    expect(scopeChoices({ scopes: ['me'] })).toEqual(['me']);
    expect(scopeParam('team')).toBe('team');
    expect(scopeParam('everyone')).toBe('');
    expect(scopeParam(null)).toBe('');
  });
});
