/**
 * The nearby condition of a list ("Umkreis") as the filter panel holds it, and the api.Near sent to the server.
 * The panel keeps a label for the reference (a record's name, the geocoder's name for an address), which the
 * server does not need; a condition loaded from a saved filter has none until the panel finds it.
 */
import type { MapRecordType, Near } from '../../api';

export const DEFAULT_RADIUS_KM = 25;
export const MAX_RADIUS_KM = 500;
/** The server's limit for a typed address. */
export const MAX_ADDRESS_LENGTH = 300;

const NEAR_RECORD_TYPES = ['organization', 'person', 'deal', 'lead'] as const satisfies readonly MapRecordType[];

export const isNearRecordType = (value: unknown): value is MapRecordType =>
  typeof value === 'string' && (NEAR_RECORD_TYPES as readonly string[]).includes(value);

export type NearReference =
  | { kind: 'record'; recordType: MapRecordType; recordId: string; label: string }
  | { kind: 'address'; address: string; label: string }
  /** A point, as a saved filter made elsewhere may hold it. */
  | { kind: 'point'; lat: number; lng: number; label: string };

export type NearState = NearReference & { radiusKm: number };

/** A radius the server takes: more than 0, at most 500 km. */
export function isValidRadius(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= MAX_RADIUS_KM;
}

/** The wire condition of a complete state; undefined for none or an incomplete one (no reference, bad radius). */
export function toNear(state: NearState | null): Near | undefined {
  if (state === null || !isValidRadius(state.radiusKm)) {
    return undefined;
  }
  switch (state.kind) {
    case 'record':
      return state.recordId === ''
        ? undefined
        : { recordType: state.recordType, recordId: state.recordId, radiusKm: state.radiusKm };
    case 'address': {
      const address = state.address.trim();
      return address === '' || address.length > MAX_ADDRESS_LENGTH ? undefined : { address, radiusKm: state.radiusKm };
    }
    case 'point':
      return { lat: state.lat, lng: state.lng, radiusKm: state.radiusKm };
  }
}

/** The state of a stored condition (a saved filter); null when it names no reference the panel knows. */
export function fromNear(near: Partial<Near> | null | undefined): NearState | null {
  if (!near || typeof near.radiusKm !== 'number') {
    return null;
  }
  const { radiusKm } = near;
  if (typeof near.recordId === 'string' && near.recordId !== '' && isNearRecordType(near.recordType)) {
    return { kind: 'record', recordType: near.recordType, recordId: near.recordId, label: '', radiusKm };
  }
  if (typeof near.address === 'string' && near.address.trim() !== '') {
    return { kind: 'address', address: near.address, label: '', radiusKm };
  }
  if (typeof near.lat === 'number' && typeof near.lng === 'number') {
    return { kind: 'point', lat: near.lat, lng: near.lng, label: '', radiusKm };
  }
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The state as the address bar held it (with its label); null for anything unreadable. */
export function parseNear(value: unknown): NearState | null {
  if (!isObject(value)) {
    return null;
  }
  const label = typeof value.label === 'string' ? value.label : '';
  const radiusKm = typeof value.radiusKm === 'number' ? value.radiusKm : DEFAULT_RADIUS_KM;
  switch (value.kind) {
    case 'record':
      return isNearRecordType(value.recordType) && typeof value.recordId === 'string' && value.recordId !== ''
        ? { kind: 'record', recordType: value.recordType, recordId: value.recordId, label, radiusKm }
        : null;
    case 'address':
      return typeof value.address === 'string' && value.address.trim() !== ''
        ? { kind: 'address', address: value.address, label, radiusKm }
        : null;
    case 'point':
      return typeof value.lat === 'number' && typeof value.lng === 'number'
        ? { kind: 'point', lat: value.lat, lng: value.lng, label, radiusKm }
        : null;
    default:
      return null;
  }
}
