/**
 * Where a record lies, as its page tells it: the server geocodes addresses in the background, so a record with an
 * address has no position for a moment ("pending"), then one of some precision, or "not found" (never an error).
 */
import type { TFunction } from 'i18next';
import type { Address, GeoSource, Position, Precision } from '../../api';

export type Place =
  /** No street, postal code or city (a country alone places nothing): nothing to look for. */
  | { kind: 'none' }
  /** The address waits for the server's geocoder. */
  | { kind: 'pending' }
  /** The address could not be placed: no marker. */
  | { kind: 'not_found'; position: Position }
  | { kind: 'placed'; position: Position };

export const PRECISIONS = [
  'address',
  'street',
  'postal_code',
  'city',
  'not_found',
] as const satisfies readonly Precision[];

export const GEO_SOURCES = ['nominatim', 'gazetteer'] as const satisfies readonly GeoSource[];

function member<T extends string>(values: readonly T[]) {
  return (value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
}

export const isPrecision = member<Precision>(PRECISIONS);
export const isGeoSource = member<GeoSource>(GEO_SOURCES);

/** Whether an address names something to look for, as the server's geocoder sees it. */
export function hasAddress(address: Address | undefined): boolean {
  return address !== undefined && [address.street, address.postalCode, address.city].some((part) => part.trim() !== '');
}

/** The place of a record from its address and the position the server found for it (absent while pending). */
export function placeOf(address: Address | undefined, position: Position | null | undefined): Place {
  if (position && position.precision !== 'not_found') {
    return { kind: 'placed', position };
  }
  if (!hasAddress(address)) {
    return { kind: 'none' };
  }
  return position ? { kind: 'not_found', position } : { kind: 'pending' };
}

/** "genau (Adresse)", "Straße", "PLZ-Gebiet", "Stadt", "nicht gefunden"; a precision a newer server sends as is. */
export function precisionText(t: TFunction, precision: string): string {
  return isPrecision(precision) ? t(`maps.precision.${precision}`) : precision;
}

export function sourceText(t: TFunction, source: string): string {
  return isGeoSource(source) ? t(`maps.sources.${source}`) : source;
}

/** The zoom level that shows a position's precision: a building up close, a city as a whole. */
export function zoomFor(precision: string): number {
  switch (precision) {
    case 'address':
      return 16;
    case 'street':
      return 15;
    case 'postal_code':
      return 13;
    case 'city':
      return 11;
    default:
      return 6;
  }
}

/** The middle of Germany at a zoom that shows the whole country: where a map without markers looks. */
export const GERMANY_VIEW = { center: [51.16, 10.45] as [number, number], zoom: 6 };

/** "12,3 km" in the UI's locale. */
export function formatKm(t: TFunction, locale: string, km: number): string {
  const value = new Intl.NumberFormat(locale, { maximumFractionDigits: km < 10 ? 1 : 0 }).format(km);
  return t('maps.km', { value });
}
