import * as Maps from '../lib/wailsjs/go/app/Maps';
import { api } from '../lib/wailsjs/go/models';
import type { RecordType } from './access';
import { call, parseError } from './errors';
import type { GeocodeResult, ListQuery, MapConfig, RecordMap } from './types';

/** The record types that lie on maps (a deal where its organisation, else its person lies). */
export type MapRecordType = Exclude<RecordType, 'activity'>;

export const isMapRecordType = (recordType: RecordType): recordType is MapRecordType => recordType !== 'activity';

const WIRE: Record<MapRecordType, api.RecordType> = {
  person: api.RecordType.Person,
  organization: api.RecordType.Organization,
  deal: api.RecordType.Deal,
  lead: api.RecordType.Lead,
};

/**
 * Runs a list call whose query may hold a nearby condition around a typed address. The server answers such a query
 * from its geocoding cache only (near.address "not_geocoded" otherwise: a saved filter loaded after the cached
 * answer expired, say): then the address is geocoded once and the call runs again.
 */
export async function withNearAddress<T>(query: ListQuery, run: () => Promise<T>): Promise<T> {
  try {
    return await call(run);
  } catch (reason) {
    const error = parseError(reason);
    const address = query.near?.address;
    if (!address || error.fields['near.address'] !== 'not_geocoded') {
      throw error;
    }
    await call(() => Maps.Geocode(address));
    return call(run);
  }
}

/** Markers of filtered lists, geocoding of typed addresses and the map's tiles. */
export const mapsApi = {
  /** The tile URL and attributions (needs no session). */
  config: (): Promise<MapConfig> => call(() => Maps.Config()),
  /** Saves the user's tile server ("" for the default). */
  setTileUrl: (url: string): Promise<MapConfig> => call(() => Maps.SetTileURL(url)),
  /** The markers of the records a list query selects (cursor and limit ignored), at most 5,000. */
  recordMap: (recordType: MapRecordType, query: ListQuery): Promise<RecordMap> =>
    withNearAddress(query, () => Maps.RecordMap(WIRE[recordType], api.ListQuery.createFrom(query))),
  /** Where a typed address lies (precision "not_found" when nowhere), through the server's geocoder. */
  geocode: (address: string): Promise<GeocodeResult> => call(() => Maps.Geocode(address)),
};
