/**
 * The filter panel's state and the api.ListQuery built from it. The state is what the panel shows (including
 * conditions still being put together); the query carries only what is complete, so that the server never sees
 * half a condition.
 */
import {
  CONDITION_OPS_BY_KIND,
  isSortKey,
  type ConditionOp,
  type CustomCondition,
  type CustomField,
  type FieldKind,
  type ListQuery,
  type SortKey,
} from '../../../api';
import { fromNear, parseNear, toNear, type NearState } from '../../maps/near';
import { canonicalNumber, customFieldKind, type CustomFormValue, parseNumberInput } from '../customValues';

/** Operators as the panel offers them: the server's, where a yes/no field gets "is yes" and "is no" for "is". */
export type PanelOp = Exclude<ConditionOp, 'is'> | 'yes' | 'no';

function panelOps(ops: readonly ConditionOp[]): readonly PanelOp[] {
  return ops.flatMap((op): PanelOp[] => (op === 'is' ? ['yes', 'no'] : [op]));
}

/** The operators of each field kind, in the order the panel offers them (api.ConditionOpsByKind). */
export const OPS_BY_KIND: Readonly<Record<FieldKind, readonly PanelOp[]>> = {
  number: panelOps(CONDITION_OPS_BY_KIND.number),
  text: panelOps(CONDITION_OPS_BY_KIND.text),
  bool: panelOps(CONDITION_OPS_BY_KIND.bool),
};

const PANEL_OPS: readonly PanelOp[] = [...new Set(Object.values(OPS_BY_KIND).flat())];

/** Operators that need no value. */
const VALUELESS: readonly PanelOp[] = ['yes', 'no', 'empty', 'set'];

export function needsValue(op: PanelOp): boolean {
  return !VALUELESS.includes(op);
}

export interface ConditionState {
  fieldId: string | null;
  op: PanelOp | null;
  /** A number (or "") for number fields, text for text fields; unused otherwise. */
  value: CustomFormValue;
}

/** A sort: one of the server's sort keys, descending with a leading "-". "distance" needs a nearby condition. */
export type Sort = SortKey | `-${SortKey}`;

export interface FilterState {
  search: string;
  /** "" any, "me", "team" or a user ID. */
  owner: string;
  organizationId: string;
  postalCode: string;
  city: string;
  country: string;
  /** Calendar days, YYYY-MM-DD. */
  createdFrom: string;
  createdTo: string;
  updatedFrom: string;
  updatedTo: string;
  /** Deals and leads: the pipeline, stage and status ("open", "won", ...) they are in; "" for any. */
  pipelineId: string;
  stageId: string;
  status: string;
  /** Deals and leads: closed (won, lost, converted) in these calendar days, YYYY-MM-DD. */
  closedFrom: string;
  closedTo: string;
  /** Deals: expected to close in these calendar days, YYYY-MM-DD. */
  closeDateFrom: string;
  closeDateTo: string;
  /** Leads: delivered by this lead source ("" any), and only those marked as possible duplicates. */
  sourceId: string;
  possibleDuplicate: boolean;
  /** Deals and leads: only those without any open activity (no next step planned). */
  noOpenActivity: boolean;
  custom: ConditionState[];
  /** The nearby condition ("Umkreis"), complete or none. */
  near: NearState | null;
  sort: Sort;
}

export const EMPTY_FILTER: FilterState = {
  search: '',
  owner: '',
  organizationId: '',
  postalCode: '',
  city: '',
  country: '',
  createdFrom: '',
  createdTo: '',
  updatedFrom: '',
  updatedTo: '',
  pipelineId: '',
  stageId: '',
  status: '',
  closedFrom: '',
  closedTo: '',
  closeDateFrom: '',
  closeDateTo: '',
  sourceId: '',
  possibleDuplicate: false,
  noOpenActivity: false,
  custom: [],
  near: null,
  sort: 'name',
};

const TEXT_KEYS = [
  'search',
  'owner',
  'organizationId',
  'postalCode',
  'city',
  'country',
  'createdFrom',
  'createdTo',
  'updatedFrom',
  'updatedTo',
  'pipelineId',
  'stageId',
  'status',
  'closedFrom',
  'closedTo',
  'closeDateFrom',
  'closeDateTo',
  'sourceId',
] as const satisfies readonly (keyof FilterState & keyof ListQuery)[];

/** The yes/no conditions: set or not (false is "any"). */
const FLAG_KEYS = ['possibleDuplicate', 'noOpenActivity'] as const satisfies readonly (keyof FilterState &
  keyof ListQuery)[];

export function isSort(value: unknown): value is Sort {
  return typeof value === 'string' && isSortKey(value.startsWith('-') ? value.slice(1) : value);
}

function isPanelOp(value: unknown): value is PanelOp {
  return typeof value === 'string' && (PANEL_OPS as readonly string[]).includes(value);
}

/** The wire condition of a complete condition on a known, active field; null for anything incomplete. */
export function toCondition(condition: ConditionState, fields: readonly CustomField[]): CustomCondition | null {
  const field = fields.find((candidate) => candidate.id === condition.fieldId && !candidate.archived);
  const { op } = condition;
  if (!field || op === null) {
    return null;
  }
  const kind = customFieldKind(field);
  if (!OPS_BY_KIND[kind].includes(op)) {
    return null;
  }
  switch (op) {
    case 'yes':
      return { fieldId: field.id, op: 'is', value: 'true' };
    case 'no':
      return { fieldId: field.id, op: 'is', value: 'false' };
    case 'empty':
    case 'set':
      return { fieldId: field.id, op, value: '' };
    default:
      break;
  }
  if (kind === 'number') {
    const number = typeof condition.value === 'number' ? condition.value : parseNumberInput(condition.value);
    return number === null || !Number.isFinite(number)
      ? null
      : { fieldId: field.id, op, value: canonicalNumber(number) };
  }
  const text = String(condition.value).trim();
  return text === '' ? null : { fieldId: field.id, op, value: text };
}

/** A query without any condition: every record the caller may see, by name, the first page of the default size. */
export function emptyListQuery(): ListQuery {
  return {
    search: '',
    owner: '',
    organizationId: '',
    postalCode: '',
    city: '',
    country: '',
    createdFrom: '',
    createdTo: '',
    updatedFrom: '',
    updatedTo: '',
    pipelineId: '',
    stageId: '',
    status: '',
    closedFrom: '',
    closedTo: '',
    closeDateFrom: '',
    closeDateTo: '',
    sourceId: '',
    possibleDuplicate: false,
    noOpenActivity: false,
    custom: [],
    sort: 'name',
    cursor: '',
    limit: 0,
  };
}

const isDistanceSort = (sort: Sort) => sort === 'distance' || sort === '-distance';

/**
 * The state with another nearby condition: a new one sorts by distance (nearest first), and without one a
 * distance sort goes back to the name.
 */
export function withNear(state: FilterState, near: NearState | null): FilterState {
  let sort = state.sort;
  if (near === null && isDistanceSort(sort)) sort = 'name';
  if (near !== null && state.near === null) sort = 'distance';
  return { ...state, near, sort };
}

/** The query for the panel's state: trimmed texts, complete conditions only, no cursor. */
export function toListQuery(state: FilterState, fields: readonly CustomField[], limit = 50): ListQuery {
  const near = toNear(state.near);
  const sort = near === undefined && isDistanceSort(state.sort) ? 'name' : state.sort;
  const query: ListQuery = { ...emptyListQuery(), sort, limit };
  for (const key of TEXT_KEYS) {
    query[key] = state[key].trim();
  }
  for (const key of FLAG_KEYS) {
    query[key] = state[key];
  }
  query.custom = state.custom.flatMap((condition) => {
    const wire = toCondition(condition, fields);
    return wire ? [wire] : [];
  });
  if (near !== undefined) {
    query.near = near;
  }
  return query;
}

/**
 * A stored query as the panel takes it: parts may be missing, and a condition may carry an operator this UI does not
 * know (from a newer server).
 */
export type StoredListQuery = Partial<Omit<ListQuery, 'custom'>> & {
  custom?: readonly (Omit<CustomCondition, 'op'> & { op: string })[];
};

/** The panel's state for a stored query (a saved filter). Conditions on unknown fields are kept as they are. */
export function fromListQuery(query: StoredListQuery): FilterState {
  const state: FilterState = { ...EMPTY_FILTER, custom: [] };
  for (const key of TEXT_KEYS) {
    const value = query[key];
    state[key] = typeof value === 'string' ? value : '';
  }
  for (const key of FLAG_KEYS) {
    state[key] = query[key] === true;
  }
  state.sort = isSort(query.sort) ? query.sort : 'name';
  state.near = fromNear(query.near);
  state.custom = (query.custom ?? []).map((condition): ConditionState => {
    if (condition.op === 'is') {
      return { fieldId: condition.fieldId, op: condition.value === 'false' ? 'no' : 'yes', value: '' };
    }
    const op = isPanelOp(condition.op) ? condition.op : null;
    const numeric = /^-?\d+(\.\d+)?$/.test(condition.value) && op !== 'contains' ? Number(condition.value) : null;
    return { fieldId: condition.fieldId, op, value: numeric ?? condition.value };
  });
  return state;
}

/** How many filters beyond the search text are in effect (for the badge on the filter button). */
export function activeFilterCount(query: ListQuery): number {
  const simple = TEXT_KEYS.filter((key) => key !== 'search' && query[key] !== '').length;
  const flags = FLAG_KEYS.filter((key) => query[key]).length;
  return simple + flags + query.custom.length + (query.near ? 1 : 0);
}

/** The state without defaults, as short text for the address bar; "" for the empty filter. */
export function serializeFilter(state: FilterState): string {
  const compact: Record<string, unknown> = {};
  for (const key of TEXT_KEYS) {
    if (state[key] !== '') {
      compact[key] = state[key];
    }
  }
  for (const key of FLAG_KEYS) {
    if (state[key]) {
      compact[key] = true;
    }
  }
  if (state.sort !== 'name') {
    compact.sort = state.sort;
  }
  if (state.custom.length > 0) {
    compact.custom = state.custom;
  }
  if (state.near !== null) {
    compact.near = state.near;
  }
  return Object.keys(compact).length === 0 ? '' : JSON.stringify(compact);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The state from the address bar; anything unreadable is left at its default. */
export function parseFilter(text: string | null): FilterState {
  const state: FilterState = { ...EMPTY_FILTER, custom: [] };
  if (!text) {
    return state;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return state;
  }
  if (!isObject(parsed)) {
    return state;
  }
  for (const key of TEXT_KEYS) {
    const value = parsed[key];
    if (typeof value === 'string') {
      state[key] = value;
    }
  }
  for (const key of FLAG_KEYS) {
    if (parsed[key] === true) {
      state[key] = true;
    }
  }
  if (isSort(parsed.sort)) {
    state.sort = parsed.sort;
  }
  if (Array.isArray(parsed.custom)) {
    state.custom = parsed.custom.filter(isObject).map((condition) => ({
      fieldId: typeof condition.fieldId === 'string' ? condition.fieldId : null,
      op: isPanelOp(condition.op) ? condition.op : null,
      value: typeof condition.value === 'number' || typeof condition.value === 'string' ? condition.value : '',
    }));
  }
  state.near = parseNear(parsed.near);
  return state;
}

/** The sort after clicking a column's header: that column ascending, or flipped when it is the current one. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current === key) {
    return `-${key}`;
  }
  return key;
}

export function sortOf(sort: Sort): { key: SortKey; descending: boolean } {
  const descending = sort.startsWith('-');
  return { key: (descending ? sort.slice(1) : sort) as SortKey, descending };
}
