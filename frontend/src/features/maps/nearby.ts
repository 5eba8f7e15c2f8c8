import type { MapRecordType } from '../../api';
import { EMPTY_FILTER, serializeFilter, withNear } from '../records/list/filterState';
import { DEFAULT_RADIUS_KM } from './near';

export interface NearbyReference {
  recordType: MapRecordType;
  recordId: string;
  label: string;
}

/** The organisations list around a record, nearest first. */
export function nearbyPath(reference: NearbyReference, radiusKm = DEFAULT_RADIUS_KM): string {
  const filter = withNear(EMPTY_FILTER, { kind: 'record', ...reference, radiusKm });
  return `/organizations?${new URLSearchParams({ filter: serializeFilter(filter) }).toString()}`;
}
