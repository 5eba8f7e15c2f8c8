/**
 * The activity list's filter: an api.ActivityQuery without cursor and limit. It lives in the address
 * (?filter=<json>), so that a dashboard figure, a record page or a reload opens the list with exactly its query.
 */
import { ACTIVITY_LINK_TYPES, type ActivityLinkType, type ActivityQuery, type DashboardScope } from '../../api';
import { parseDay } from './week';

export type ActivityFilter = Omit<ActivityQuery, 'cursor' | 'limit'>;

/** A query as it comes from elsewhere (a dashboard figure's carries the generated, wider record type). */
export type ActivityQueryLike = Partial<Omit<ActivityQuery, 'recordType'>> & { recordType?: string };

export const DUE_PRESETS = ['today', 'week', 'overdue'] as const;
export type DuePreset = (typeof DUE_PRESETS)[number];
export const ACTIVITY_STATUSES = ['open', 'done'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const EMPTY_ACTIVITY_FILTER: ActivityFilter = {
  assignee: '',
  due: '',
  dueFrom: '',
  dueTo: '',
  doneFrom: '',
  doneTo: '',
  typeId: '',
  status: '',
  recordType: '',
  recordId: '',
};

/**
 * What the list shows when it is opened without a filter: the open activities of the user's default scope, the one
 * the dashboard opens with too (Me.defaultScope, decided by the server: the team when the role sees the team's
 * deals, else the user's own).
 */
export function defaultActivityFilter(scope: DashboardScope): ActivityFilter {
  return { ...EMPTY_ACTIVITY_FILTER, assignee: scope === 'all' ? '' : scope, status: 'open' };
}

/** The default of a user whose default scope is their own work. */
export const DEFAULT_ACTIVITY_FILTER: ActivityFilter = defaultActivityFilter('me');

const KEYS = Object.keys(EMPTY_ACTIVITY_FILTER) as (keyof ActivityFilter)[];

function isLinkType(value: unknown): value is ActivityLinkType {
  return typeof value === 'string' && (ACTIVITY_LINK_TYPES as readonly string[]).includes(value);
}

const isDay = (value: string) => parseDay(value) !== null;

/** Keeps what the server would accept of each field; anything else becomes "any". */
function clean(raw: Readonly<Record<string, unknown>>): ActivityFilter {
  const text = (key: string) => (typeof raw[key] === 'string' ? raw[key].trim() : '');
  const day = (key: string) => (isDay(text(key)) ? text(key) : '');
  const due = text('due');
  const status = text('status');
  const recordType = raw.recordType;
  const recordId = text('recordId');
  const linked = isLinkType(recordType) && recordId !== '';
  return {
    assignee: text('assignee'),
    due: (DUE_PRESETS as readonly string[]).includes(due) ? due : '',
    dueFrom: day('dueFrom'),
    dueTo: day('dueTo'),
    doneFrom: day('doneFrom'),
    doneTo: day('doneTo'),
    typeId: text('typeId'),
    status: (ACTIVITY_STATUSES as readonly string[]).includes(status) ? status : '',
    recordType: linked ? recordType : '',
    recordId: linked ? recordId : '',
  };
}

/** The filter of a query (a dashboard figure's, say): its conditions, without cursor and limit. */
export function filterOf(query: ActivityQueryLike): ActivityFilter {
  return clean(query);
}

/** The query for a filter and a page size. */
export function toActivityQuery(filter: ActivityFilter, limit = 100, cursor = ''): ActivityQuery {
  return { ...filter, cursor, limit };
}

/** The filter as short text for the address: only what is set ("{}" is the empty filter, not the default). */
export function serializeActivityFilter(filter: ActivityFilter): string {
  const compact: Record<string, string> = {};
  for (const key of KEYS) {
    if (filter[key] !== '') compact[key] = filter[key];
  }
  return JSON.stringify(compact);
}

/** The filter from the address; the default (fallback) without one, and anything unreadable left out. */
export function parseActivityFilter(text: string | null, fallback = DEFAULT_ACTIVITY_FILTER): ActivityFilter {
  if (text === null || text === '') return fallback;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fallback;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fallback;
  return clean(parsed as Record<string, unknown>);
}

/** The address of the activity list showing exactly the activities a query selects. */
export function activityListPath(query: ActivityQueryLike): string {
  const params = new URLSearchParams({ filter: serializeActivityFilter(filterOf(query)) });
  return `/activities?${params.toString()}`;
}

/** How the due condition shows in the panel: a preset, a date range, or any time. */
export type DueChoice = DuePreset | 'range' | 'any';

export function dueChoice(filter: ActivityFilter): DueChoice {
  if (filter.due !== '') return filter.due as DuePreset;
  return filter.dueFrom !== '' || filter.dueTo !== '' ? 'range' : 'any';
}

/** The filter after choosing how due: a preset clears the range and the other way round. */
export function chooseDue(filter: ActivityFilter, choice: DueChoice): ActivityFilter {
  switch (choice) {
    case 'any':
      return { ...filter, due: '', dueFrom: '', dueTo: '' };
    case 'range':
      return { ...filter, due: '' };
    default:
      return { ...filter, due: choice, dueFrom: '', dueTo: '' };
  }
}

/** The conditions in effect, for the count on the filter button. */
export function activeActivityFilterCount(filter: ActivityFilter): number {
  const conditions = [
    filter.assignee,
    filter.due !== '' || filter.dueFrom !== '' || filter.dueTo !== '' ? 'due' : '',
    filter.doneFrom !== '' || filter.doneTo !== '' ? 'done' : '',
    filter.typeId,
    filter.status,
    filter.recordId,
  ];
  return conditions.filter((value) => value !== '').length;
}

export function sameFilter(a: ActivityFilter, b: ActivityFilter): boolean {
  return KEYS.every((key) => a[key] === b[key]);
}
