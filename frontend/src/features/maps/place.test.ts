import { describe, expect, it } from 'vitest';
import type { Address, Position } from '../../api';
import { changeLanguage, i18n } from '../../i18n';
import { formatKm, placeOf, precisionText, sourceText, zoomFor } from './place';

const t = i18n.t.bind(i18n);
const noAddress: Address = { street: '', postalCode: '', city: '', country: '' };
const munich: Address = { street: 'Marienplatz 1', postalCode: '80331', city: 'München', country: 'DE' };
const position = (precision: Position['precision'], source: Position['source'] = 'gazetteer'): Position => ({
  lat: precision === 'not_found' ? 0 : 48.137,
  lng: precision === 'not_found' ? 0 : 11.575,
  precision,
  source,
  geocodedAt: '2026-11-27T10:00:00Z',
});

describe('placeOf', () => {
  it('has nothing to look for without street, postal code or city (the form fills in the country)', () => {
    expect(placeOf(noAddress, undefined)).toEqual({ kind: 'none' });
    expect(placeOf({ ...noAddress, city: '  ' }, null)).toEqual({ kind: 'none' });
    expect(placeOf({ ...noAddress, country: 'DE' }, position('not_found'))).toEqual({ kind: 'none' });
  });

  it('waits for the server while an address has no position yet', () => {
    expect(placeOf(munich, undefined)).toEqual({ kind: 'pending' });
    expect(placeOf({ ...noAddress, postalCode: '80331' }, null)).toEqual({ kind: 'pending' });
  });

  it('tells a placed address from one that could not be placed', () => {
    expect(placeOf(munich, position('city'))).toMatchObject({ kind: 'placed' });
    expect(placeOf(munich, position('not_found'))).toMatchObject({ kind: 'not_found' });
  });
});

describe('precisionText and sourceText', () => {
  it('say in German how exactly an address was placed', () => {
    expect(['address', 'street', 'postal_code', 'city', 'not_found'].map((p) => precisionText(t, p))).toEqual([
      'genau (Adresse)',
      'Straße',
      'PLZ-Gebiet',
      'Stadt',
      'nicht gefunden',
    ]);
    expect(sourceText(t, 'gazetteer')).toBe('Ortsverzeichnis (GeoNames)');
  });

  it('speak English too, and pass on what a newer server may send', async () => {
    await changeLanguage('en');
    try {
      expect(precisionText(t, 'postal_code')).toBe('postal code area');
    } finally {
      await changeLanguage('de');
    }
    expect(precisionText(t, 'rooftop')).toBe('rooftop');
    expect(sourceText(t, 'photon')).toBe('photon');
  });
});

describe('zoomFor', () => {
  it('comes closer the more exact the position is', () => {
    const zooms = ['address', 'street', 'postal_code', 'city'].map(zoomFor);
    expect([...zooms].sort((a, b) => b - a)).toEqual(zooms);
    expect(zoomFor('not_found')).toBeLessThan(zoomFor('city'));
  });
});

describe('formatKm', () => {
  it('formats distances in the locale, with a decimal below 10 km', () => {
    expect(formatKm(t, 'de-DE', 2.345)).toBe('2,3 km');
    expect(formatKm(t, 'de-DE', 1234.56)).toBe('1.235 km');
  });
});
