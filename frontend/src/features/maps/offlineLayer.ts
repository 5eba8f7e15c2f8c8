/**
 * The offline base layer: country outlines (Natural Earth 1:50m through world-atlas) and the German states
 * (data/de-states.topo.json, from the BKG's VG250, see scripts/de-states.mjs), drawn as vector layers. The data
 * ships with the app as assets and is fetched from it only when a map needs it.
 */
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import statesUrl from './data/de-states.topo.json?url';
import { L } from './leaflet';

/** Below the tile pane (z-index 200): tiles that load cover the outlines, those that do not leave them visible. */
export const OFFLINE_PANE = 'onesales-offline';
const OFFLINE_PANE_Z = '150';

/** Above this zoom the outlines show little; the map zooms out to it when it falls back to them. */
export const OFFLINE_MAX_ZOOM = 7;

interface Outlines {
  countries: FeatureCollection;
  states: FeatureCollection;
}

async function collection(url: string, object: string): Promise<FeatureCollection> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`offline layer: ${url}: HTTP ${response.status}`);
  }
  const topology = (await response.json()) as Topology<Record<string, GeometryCollection>>;
  const geometries = topology.objects[object];
  if (!geometries) {
    throw new Error(`offline layer: ${url} has no object ${object}`);
  }
  return feature(topology, geometries);
}

let outlines: Promise<Outlines> | undefined;

/** The outlines, loaded once per window (the data never changes; a failed load is tried again next time). */
function loadOutlines(): Promise<Outlines> {
  outlines ??= Promise.all([collection(countriesUrl, 'countries'), collection(statesUrl, 'states')]).then(
    ([countries, states]) => ({ countries, states }),
    (error: unknown) => {
      outlines = undefined;
      throw error;
    },
  );
  return outlines;
}

/** The offline layer for a map, in its own pane (the map names the data in its attribution). */
export async function createOfflineLayer(map: L.Map): Promise<L.LayerGroup> {
  const { countries, states } = await loadOutlines();
  if (!map.getPane(OFFLINE_PANE)) {
    map.createPane(OFFLINE_PANE).style.zIndex = OFFLINE_PANE_Z;
  }
  const common = { pane: OFFLINE_PANE, interactive: false };
  return L.layerGroup([
    L.geoJSON(countries, {
      ...common,
      style: (item) => ({
        className: 'onesales-offline-country',
        color: '#8a8f98',
        weight: 1,
        fillColor: item?.id === '276' ? '#fbfaf6' : '#f1eee6',
        fillOpacity: 1,
      }),
    }),
    L.geoJSON(states, {
      ...common,
      style: () => ({
        className: 'onesales-offline-state',
        color: '#a0a6b0',
        weight: 1,
        dashArray: '4 3',
        fill: false,
      }),
    }),
  ]);
}
