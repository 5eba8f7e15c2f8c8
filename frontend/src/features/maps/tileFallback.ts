/**
 * When a map shows its tiles and when the offline base layer (country and state outlines): tiles until they
 * cannot be loaded, the outlines while they cannot, tiles again as soon as one loads.
 */
export type BaseLayer = 'tiles' | 'offline';

export interface FallbackState {
  layer: BaseLayer;
  /** Tiles loaded since the map started or came back online. */
  loaded: number;
  /** Tiles failed one after the other since the last one that loaded. */
  failed: number;
}

export type TileEvent = 'tileload' | 'tileerror' | 'offline' | 'online';

/**
 * Failures in a row that switch to the outlines once tiles have loaded before (a single missing tile of a working
 * server is no reason); before any tile loaded, the first failure does.
 */
export const FAILURES_IN_A_ROW = 4;

export function initialFallback(online: boolean): FallbackState {
  return { layer: online ? 'tiles' : 'offline', loaded: 0, failed: 0 };
}

export function nextFallback(state: FallbackState, event: TileEvent): FallbackState {
  switch (event) {
    case 'tileload':
      return { layer: 'tiles', loaded: state.loaded + 1, failed: 0 };
    case 'tileerror': {
      const failed = state.failed + 1;
      const giveUp = state.loaded === 0 || failed >= FAILURES_IN_A_ROW;
      return { ...state, failed, layer: giveUp ? 'offline' : state.layer };
    }
    case 'offline':
      return { ...state, layer: 'offline' };
    case 'online':
      // Try the tiles afresh; the layer stays offline until one loads or fails.
      return { ...state, loaded: 0, failed: 0 };
  }
}
