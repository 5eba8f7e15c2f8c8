/**
 * How a record's marker looks on a list's map: at the record's own address (Leaflet's blue pin), or, for a person
 * without an address of its own, at its organisation's (a ring: the position is the organisation's, not the
 * person's). The legend of the map explains both.
 */
import type { TFunction } from 'i18next';
import type { MapMarker } from '../../api';

export type MarkerKind = 'own' | 'via';

export interface MarkerLook {
  kind: MarkerKind;
  /** The marker's title and alternative text: the name, and where the position comes from. */
  title: string;
}

export function markerLook(t: TFunction, marker: MapMarker): MarkerLook {
  if (marker.placedAt === 'organization' && marker.viaName) {
    return { kind: 'via', title: `${marker.name} (${t('maps.map.via', { name: marker.viaName })})` };
  }
  return { kind: 'own', title: marker.name };
}
