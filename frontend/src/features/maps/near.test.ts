import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import {
  EMPTY_FILTER,
  activeFilterCount,
  fromListQuery,
  parseFilter,
  serializeFilter,
  toListQuery,
  withNear,
} from '../records/list/filterState';
import { fromNear, isValidRadius, parseNear, toNear, type NearState } from './near';
import { nearErrorTexts } from './nearErrors';

const aroundOrg: NearState = {
  kind: 'record',
  recordType: 'organization',
  recordId: 'org-1',
  label: 'Schröder & Söhne KG',
  radiusKm: 25,
};
const aroundAddress: NearState = {
  kind: 'address',
  address: ' Marienplatz 1, München ',
  label: 'München',
  radiusKm: 10,
};

describe('near condition', () => {
  it('accepts a radius above 0 up to 500 km', () => {
    expect([0, -1, 0.5, 500, 500.1, Number.NaN, '25'].map(isValidRadius)).toEqual([
      false,
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('sends exactly one reference and the radius, never a label or half a condition', () => {
    expect(toNear(aroundOrg)).toEqual({ recordType: 'organization', recordId: 'org-1', radiusKm: 25 });
    expect(toNear(aroundAddress)).toEqual({ address: 'Marienplatz 1, München', radiusKm: 10 });
    expect(toNear({ kind: 'point', lat: 48.1, lng: 11.5, label: '', radiusKm: 5 })).toEqual({
      lat: 48.1,
      lng: 11.5,
      radiusKm: 5,
    });
    expect(toNear(null)).toBeUndefined();
    expect(toNear({ ...aroundOrg, radiusKm: 0 })).toBeUndefined();
    expect(toNear({ ...aroundOrg, recordId: '' })).toBeUndefined();
    expect(toNear({ ...aroundAddress, address: '   ' })).toBeUndefined();
    expect(toNear({ ...aroundAddress, address: 'x'.repeat(301) })).toBeUndefined();
  });

  it('reads a stored condition back (a saved filter), without the label it never had', () => {
    expect(fromNear({ recordType: 'organization', recordId: 'org-1', radiusKm: 25 })).toEqual({
      ...aroundOrg,
      label: '',
    });
    expect(fromNear({ address: 'Marienplatz 1, München', radiusKm: 10 })).toMatchObject({
      kind: 'address',
      radiusKm: 10,
    });
    expect(fromNear({ lat: 1, lng: 2, radiusKm: 3 })).toMatchObject({ kind: 'point', lat: 1, lng: 2 });
    expect(fromNear({ recordType: 'activity' as never, recordId: 'a', radiusKm: 3 })).toBeNull();
    expect(fromNear(undefined)).toBeNull();
  });

  it('survives the address bar with its label; anything odd there is dropped', () => {
    expect(parseNear(JSON.parse(JSON.stringify(aroundOrg)))).toEqual(aroundOrg);
    expect(parseNear({ kind: 'record', recordType: 'planet', recordId: 'x', radiusKm: 1 })).toBeNull();
    expect(parseNear({ kind: 'address', address: '' })).toBeNull();
    expect(parseNear('near')).toBeNull();
  });
});

describe('the list filter with a radius', () => {
  it('sorts by distance once a radius is set and by name again once it is removed', () => {
    const near = withNear({ ...EMPTY_FILTER, sort: 'city' }, aroundOrg);
    expect(near.sort).toBe('distance');
    expect(withNear({ ...near, sort: 'name' }, { ...aroundOrg, radiusKm: 50 }).sort).toBe('name');
    expect(withNear(near, null)).toMatchObject({ near: null, sort: 'name' });
    expect(withNear({ ...near, sort: 'createdAt' }, null).sort).toBe('createdAt');
  });

  it('puts the condition into the query and counts it as a filter', () => {
    const query = toListQuery(withNear(EMPTY_FILTER, aroundOrg), []);
    expect(query).toMatchObject({
      sort: 'distance',
      near: { recordType: 'organization', recordId: 'org-1', radiusKm: 25 },
    });
    expect(activeFilterCount(query)).toBe(1);
    expect(toListQuery(EMPTY_FILTER, [])).not.toHaveProperty('near');
  });

  it('never asks for a distance sort without a complete condition', () => {
    const query = toListQuery({ ...EMPTY_FILTER, sort: '-distance', near: { ...aroundOrg, radiusKm: 900 } }, []);
    expect(query.sort).toBe('name');
    expect(query).not.toHaveProperty('near');
  });

  it('keeps the condition in the address bar and in saved filters', () => {
    const state = withNear(EMPTY_FILTER, aroundAddress);
    expect(parseFilter(serializeFilter(state))).toEqual(state);
    const saved = toListQuery(state, []);
    expect(fromListQuery(saved)).toEqual({
      ...state,
      near: { ...aroundAddress, address: 'Marienplatz 1, München', label: '' },
    });
  });
});

describe('nearErrorTexts', () => {
  const t = i18n.t.bind(i18n);
  const rejection = (fields: Record<string, string>) =>
    JSON.stringify({ status: 422, code: 'validation.failed', message: 'x', fields });

  it('translates the codes of the nearby condition and leaves other fields alone', () => {
    expect(
      nearErrorTexts(t, rejection({ 'near.radiusKm': 'range', 'near.recordId': 'no_position', search: 'too_long' })),
    ).toEqual([
      'Der Umkreis muss größer als 0 und höchstens 500 km sein.',
      'Der Bezugsdatensatz hat noch keine Position (die Adresse fehlt, wird noch gesucht oder wurde nicht gefunden).',
    ]);
    expect(nearErrorTexts(t, rejection({ 'near.address': 'not_geocoded' }))[0]).toContain('Adresse suchen');
    expect(nearErrorTexts(t, rejection({ near: 'invalid' }))[0]).toContain('genau einen Bezugspunkt');
    expect(nearErrorTexts(t, null)).toEqual([]);
  });
});
