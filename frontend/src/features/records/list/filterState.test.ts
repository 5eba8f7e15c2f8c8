import { describe, expect, it } from 'vitest';
import { customerNo, customField, newsletter, revenue } from '../../../test/customFields';
import {
  activeFilterCount,
  EMPTY_FILTER,
  fromListQuery,
  isSort,
  nextSort,
  OPS_BY_KIND,
  parseFilter,
  serializeFilter,
  sortOf,
  toCondition,
  toListQuery,
  type FilterState,
} from './filterState';

const fields = [revenue, newsletter, customerNo];

describe('the operators and sorts of the server', () => {
  it("offers each field kind's operators in the server's order, with yes and no for a yes/no field's is", () => {
    expect(OPS_BY_KIND).toEqual({
      number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'set'],
      text: ['contains', 'eq', 'empty', 'set'],
      bool: ['yes', 'no', 'empty', 'set'],
    });
  });

  it('knows the sort keys, each also descending', () => {
    for (const sort of ['name', '-name', 'city', '-createdAt', 'updatedAt', 'distance', '-distance']) {
      expect(isSort(sort), sort).toBe(true);
    }
    for (const sort of ['', '-', '--name', 'name-', 'Name', 'weird']) {
      expect(isSort(sort), sort).toBe(false);
    }
  });
});

describe('toListQuery', () => {
  it('sends an empty filter as an empty query sorted by name', () => {
    expect(toListQuery(EMPTY_FILTER, fields)).toEqual({
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
      limit: 50,
    });
  });

  it('keeps "without a next activity" through the query, a saved filter and the address, and counts it', () => {
    const query = toListQuery({ ...EMPTY_FILTER, owner: 'me', status: 'open', noOpenActivity: true }, fields);
    expect(query).toMatchObject({ owner: 'me', status: 'open', noOpenActivity: true });
    expect(activeFilterCount(query)).toBe(3);
    const state = fromListQuery({ owner: 'me', status: 'open', noOpenActivity: true });
    expect(state.noOpenActivity).toBe(true);
    expect(JSON.parse(serializeFilter(state))).toEqual({ owner: 'me', status: 'open', noOpenActivity: true });
    expect(parseFilter(serializeFilter(state)).noOpenActivity).toBe(true);
    expect(fromListQuery({}).noOpenActivity).toBe(false);
    expect(parseFilter('{"noOpenActivity":"yes"}').noOpenActivity).toBe(false);
  });

  it('sends the lead source and the possible-duplicate condition, and counts them', () => {
    const query = toListQuery({ ...EMPTY_FILTER, sourceId: ' src-1 ', possibleDuplicate: true }, fields);
    expect(query).toMatchObject({ sourceId: 'src-1', possibleDuplicate: true });
    expect(activeFilterCount(query)).toBe(2);
  });

  it('reads the lead conditions back from a saved filter and from the address', () => {
    const state = fromListQuery({ sourceId: 'src-1', possibleDuplicate: true });
    expect(state).toMatchObject({ sourceId: 'src-1', possibleDuplicate: true });
    expect(parseFilter(serializeFilter(state))).toMatchObject({ sourceId: 'src-1', possibleDuplicate: true });
    expect(fromListQuery({}).possibleDuplicate).toBe(false);
  });

  it('trims the texts and passes owner, place and dates through', () => {
    const state: FilterState = {
      ...EMPTY_FILTER,
      search: '  Mueller ',
      owner: 'team',
      organizationId: 'org-1',
      postalCode: ' 80',
      city: 'München ',
      country: 'DE',
      createdFrom: '2026-01-01',
      updatedTo: '2026-11-27',
      sort: '-updatedAt',
    };
    expect(toListQuery(state, fields)).toMatchObject({
      search: 'Mueller',
      owner: 'team',
      organizationId: 'org-1',
      postalCode: '80',
      city: 'München',
      country: 'DE',
      createdFrom: '2026-01-01',
      createdTo: '',
      updatedTo: '2026-11-27',
      sort: '-updatedAt',
    });
  });

  it('turns the conditions into wire conditions, which all combine', () => {
    const state: FilterState = {
      ...EMPTY_FILTER,
      custom: [
        { fieldId: 'f-revenue', op: 'gte', value: 1234.5 },
        { fieldId: 'f-revenue', op: 'lt', value: '2.000.000' },
        { fieldId: 'f-newsletter', op: 'yes', value: '' },
        { fieldId: 'f-customer', op: 'contains', value: ' K-10 ' },
        { fieldId: 'f-customer', op: 'empty', value: 'ignored' },
      ],
    };
    expect(toListQuery(state, fields).custom).toEqual([
      { fieldId: 'f-revenue', op: 'gte', value: '1234.5' },
      { fieldId: 'f-revenue', op: 'lt', value: '2000000' },
      { fieldId: 'f-newsletter', op: 'is', value: 'true' },
      { fieldId: 'f-customer', op: 'contains', value: 'K-10' },
      { fieldId: 'f-customer', op: 'empty', value: '' },
    ]);
  });

  it('leaves out conditions still being put together, so the server never sees half a condition', () => {
    const archived = customField({ id: 'f-old', label: 'Alt', kind: 'text', archived: true });
    const incomplete: FilterState['custom'] = [
      { fieldId: null, op: null, value: '' },
      { fieldId: 'f-revenue', op: null, value: 5 },
      { fieldId: 'f-revenue', op: 'gt', value: '' },
      { fieldId: 'f-revenue', op: 'gt', value: 'viel' },
      { fieldId: 'f-customer', op: 'eq', value: '   ' },
      { fieldId: 'f-newsletter', op: 'gt', value: 1 },
      { fieldId: 'f-gone', op: 'set', value: '' },
      { fieldId: 'f-old', op: 'set', value: '' },
    ];
    expect(toListQuery({ ...EMPTY_FILTER, custom: incomplete }, [...fields, archived]).custom).toEqual([]);
  });

  it('maps yes/no to the "is" operator', () => {
    expect(toCondition({ fieldId: 'f-newsletter', op: 'no', value: '' }, fields)).toEqual({
      fieldId: 'f-newsletter',
      op: 'is',
      value: 'false',
    });
  });
});

describe('fromListQuery', () => {
  it('reads a saved query back into the panel', () => {
    const state: FilterState = {
      ...EMPTY_FILTER,
      owner: 'me',
      city: 'Hamburg',
      sort: '-name',
      custom: [
        { fieldId: 'f-revenue', op: 'gt', value: 1000 },
        { fieldId: 'f-newsletter', op: 'no', value: '' },
        { fieldId: 'f-customer', op: 'contains', value: '42' },
        { fieldId: 'f-customer', op: 'set', value: '' },
      ],
    };
    const saved = toListQuery(state, fields);

    expect(fromListQuery(saved)).toEqual(state);
  });

  it('tolerates queries from elsewhere: missing parts, unknown sorts and operators', () => {
    const state = fromListQuery({ sort: 'weird', custom: [{ fieldId: 'f-x', op: 'between', value: 'a' }] });
    expect(state.sort).toBe('name');
    expect(state.search).toBe('');
    expect(state.custom).toEqual([{ fieldId: 'f-x', op: null, value: 'a' }]);
  });
});

describe('the filter in the address', () => {
  it('writes nothing for the empty filter and round-trips the rest', () => {
    expect(serializeFilter(EMPTY_FILTER)).toBe('');
    const state: FilterState = {
      ...EMPTY_FILTER,
      search: 'Müller',
      sort: 'city',
      custom: [{ fieldId: 'f-revenue', op: 'gte', value: 12.5 }],
    };
    const text = serializeFilter(state);

    expect(JSON.parse(text)).toEqual({ search: 'Müller', sort: 'city', custom: state.custom });
    expect(parseFilter(text)).toEqual(state);
  });

  it('ignores what it cannot read', () => {
    expect(parseFilter(null)).toEqual(EMPTY_FILTER);
    expect(parseFilter('{kaputt')).toEqual(EMPTY_FILTER);
    expect(parseFilter('[1,2]')).toEqual(EMPTY_FILTER);
    expect(parseFilter('{"city":5,"sort":"-owner","custom":[7,{"op":"gt","value":{}}]}')).toEqual({
      ...EMPTY_FILTER,
      custom: [{ fieldId: null, op: 'gt', value: '' }],
    });
  });
});

describe('sorting and counting', () => {
  it('sorts ascending by a new column and flips on the same one', () => {
    expect(nextSort('name', 'name')).toBe('-name');
    expect(nextSort('-name', 'name')).toBe('name');
    expect(nextSort('-name', 'createdAt')).toBe('createdAt');
    expect(sortOf('-updatedAt')).toEqual({ key: 'updatedAt', descending: true });
    expect(sortOf('city')).toEqual({ key: 'city', descending: false });
  });

  it('counts the filters beyond the search text', () => {
    const query = toListQuery(
      {
        ...EMPTY_FILTER,
        search: 'x',
        owner: 'me',
        city: 'Kiel',
        custom: [
          { fieldId: 'f-newsletter', op: 'yes', value: '' },
          { fieldId: null, op: null, value: '' },
        ],
      },
      fields,
    );
    expect(activeFilterCount(query)).toBe(3);
  });
});
