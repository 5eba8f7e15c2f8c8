import { describe, expect, it } from 'vitest';
import { FAILURES_IN_A_ROW, initialFallback, nextFallback, type FallbackState, type TileEvent } from './tileFallback';

const run = (events: TileEvent[], start: FallbackState = initialFallback(true)) => events.reduce(nextFallback, start);

describe('tile fallback', () => {
  it('starts on tiles when online and on the outlines when the system says it is offline', () => {
    expect(initialFallback(true).layer).toBe('tiles');
    expect(initialFallback(false).layer).toBe('offline');
  });

  it('falls back to the outlines when the first tile fails (an unreachable tile server)', () => {
    expect(run(['tileerror']).layer).toBe('offline');
  });

  it('keeps the tiles when a working server misses a few, and gives up after several failures in a row', () => {
    const few = Array<TileEvent>(FAILURES_IN_A_ROW - 1).fill('tileerror');
    expect(run(['tileload', ...few]).layer).toBe('tiles');
    expect(run(['tileload', ...few, 'tileload', ...few]).layer).toBe('tiles');
    expect(run(['tileload', ...few, 'tileerror']).layer).toBe('offline');
  });

  it('returns to the tiles as soon as one loads again', () => {
    expect(run(['tileerror', 'tileerror', 'tileload']).layer).toBe('tiles');
  });

  it('switches on the system going offline and tries afresh when it is back', () => {
    const offline = run(['tileload', 'offline']);
    expect(offline.layer).toBe('offline');
    const back = nextFallback(offline, 'online');
    expect(back).toEqual({ layer: 'offline', loaded: 0, failed: 0 });
    expect(nextFallback(back, 'tileload').layer).toBe('tiles');
    expect(nextFallback(back, 'tileerror').layer).toBe('offline');
  });
});
