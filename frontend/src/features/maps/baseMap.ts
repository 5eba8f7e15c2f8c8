/**
 * A Leaflet map on an element: the configured tiles with their attribution, and the offline outlines whenever
 * the tiles cannot be loaded (tileFallback decides). The views put their markers on handle.map.
 */
import type { MapConfig } from '../../api';
import { escapeHtml, L } from './leaflet';
import { createOfflineLayer, OFFLINE_MAX_ZOOM } from './offlineLayer';
import { initialFallback, nextFallback, type BaseLayer, type FallbackState, type TileEvent } from './tileFallback';

/** The zoom range of every map: the whole world down to single houses (OpenStreetMap's tiles). */
const MIN_ZOOM = 2;
const MAX_ZOOM = 19;

/** How often a map on the offline outlines tries its tiles again. */
const TILE_RETRY_MS = 60_000;

export interface BaseMapOptions {
  center: L.LatLngExpression;
  zoom: number;
  /** Attribution of the offline outlines (translated). */
  offlineAttribution: string;
  /** Whether the mouse wheel zooms (off on record pages, where it would catch the page's scrolling). */
  scrollWheelZoom?: boolean;
  onBaseLayer?: (layer: BaseLayer) => void;
}

export interface BaseMap {
  map: L.Map;
  /** Adds an attribution (such as the gazetteer's) for as long as the map lives. */
  addAttribution: (text: string) => void;
  /** The zoom a view should come no closer than: on the outlines, one that still shows borders. */
  maxViewZoom: (wanted: number) => number;
  destroy: () => void;
}

/** A marker as the end-to-end tests read it from the map. */
export interface ProbeMarker {
  id: string;
  name: string;
  lat: number;
  lng: number;
  /** 'via' for a person at its organisation's position (markerLook). */
  kind?: 'own' | 'via';
}

/** What a map element offers the end-to-end tests (element.onesalesMap): the Leaflet map and its markers. */
export interface MapProbe {
  map: L.Map;
  markers: () => ProbeMarker[];
  /** Shows a marker's popup, zooming into or spreading out its cluster (a list map; others ignore it). */
  open?: (id: string) => void;
}

export function exposeProbe(element: HTMLElement, probe: MapProbe | undefined): void {
  (element as HTMLElement & { onesalesMap?: MapProbe }).onesalesMap = probe;
}

export function createBaseMap(element: HTMLElement, config: MapConfig, options: BaseMapOptions): BaseMap {
  const map = L.map(element, {
    center: options.center,
    zoom: options.zoom,
    // The map's own zoom range: without it the range comes from the layers, and with the tiles taken off (offline)
    // it is unbounded, which the marker clusters (one grid per zoom level) and a view fitted to one point cannot take.
    minZoom: MIN_ZOOM,
    maxZoom: MAX_ZOOM,
    scrollWheelZoom: options.scrollWheelZoom ?? true,
    // Links would leave the desktop app's window; the attributions are plain text.
    attributionControl: true,
  });
  map.attributionControl.setPrefix('Leaflet');
  const tiles = L.tileLayer(config.tileUrl, { maxZoom: MAX_ZOOM });

  const attributions = new Set<string>();
  const attribute = (text: string, on: boolean) => {
    const html = escapeHtml(text.trim());
    if (html === '' || attributions.has(html) === on) return;
    if (on) {
      attributions.add(html);
      map.attributionControl.addAttribution(html);
    } else {
      attributions.delete(html);
      map.attributionControl.removeAttribution(html);
    }
  };

  let state: FallbackState = initialFallback(navigator.onLine);
  let offline: L.LayerGroup | undefined;
  let loadingOffline = false;
  let destroyed = false;
  if (state.layer === 'tiles') tiles.addTo(map);

  const apply = () => {
    element.dataset.baseLayer = state.layer;
    const useOffline = state.layer === 'offline';
    // While the tiles cannot load, the map stops asking for them (retry() asks again from time to time).
    if (useOffline && map.hasLayer(tiles)) {
      window.setTimeout(() => {
        if (!destroyed && state.layer === 'offline') tiles.remove();
      }, 0);
    }
    attribute(config.tileAttribution, !useOffline);
    attribute(options.offlineAttribution, useOffline);
    if (useOffline && offline === undefined && !loadingOffline) {
      loadingOffline = true;
      createOfflineLayer(map)
        .then((layer) => {
          offline = layer;
          if (!destroyed) apply();
        })
        .catch((error: unknown) => {
          console.error('maps: the offline base layer could not be loaded', error);
        })
        .finally(() => {
          loadingOffline = false;
        });
    }
    if (offline !== undefined) {
      if (useOffline && !map.hasLayer(offline)) {
        offline.addTo(map);
        // Without animation: an animated zoom that outlives the map (the page changes) breaks Leaflet.
        if (map.getZoom() > OFFLINE_MAX_ZOOM) map.setZoom(OFFLINE_MAX_ZOOM, { animate: false });
      } else if (!useOffline && map.hasLayer(offline)) {
        offline.remove();
      }
      element.dataset.offlineLayer = map.hasLayer(offline) ? 'shown' : '';
    }
    options.onBaseLayer?.(state.layer);
  };

  const step = (event: TileEvent) => {
    const next = nextFallback(state, event);
    const changed = next.layer !== state.layer;
    state = next;
    if (changed) apply();
  };
  tiles.on('tileload', () => {
    step('tileload');
  });
  tiles.on('tileerror', () => {
    step('tileerror');
    if (state.layer === 'offline') apply();
  });
  const goneOffline = () => {
    step('offline');
  };
  /** Tries the tiles again: the first tile that loads brings them back, the first that fails keeps the outlines. */
  const retry = () => {
    step('online');
    if (map.hasLayer(tiles)) tiles.redraw();
    else tiles.addTo(map);
  };
  const retryTimer = window.setInterval(() => {
    if (state.layer === 'offline') retry();
  }, TILE_RETRY_MS);
  window.addEventListener('offline', goneOffline);
  window.addEventListener('online', retry);
  // Leaflet measures its element once; cards and tabs change size after that.
  const resize = new ResizeObserver(() => {
    map.invalidateSize();
  });
  resize.observe(element);
  apply();

  return {
    map,
    addAttribution: (text) => {
      attribute(text, true);
    },
    maxViewZoom: (wanted) => (state.layer === 'offline' ? Math.min(wanted, OFFLINE_MAX_ZOOM) : wanted),
    destroy: () => {
      destroyed = true;
      window.clearInterval(retryTimer);
      resize.disconnect();
      window.removeEventListener('offline', goneOffline);
      window.removeEventListener('online', retry);
      exposeProbe(element, undefined);
      map.remove();
    },
  };
}
