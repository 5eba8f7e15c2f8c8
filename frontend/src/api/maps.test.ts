import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as Maps from '../lib/wailsjs/go/app/Maps';
import { api } from '../lib/wailsjs/go/models';
import { ApiError } from './errors';
import { withNearAddress } from './maps';
import type { ListQuery } from './types';

vi.mock('../lib/wailsjs/go/app/Maps', () => ({ Geocode: vi.fn() }));

const notGeocoded = JSON.stringify({
  status: 422,
  code: 'validation.failed',
  message: 'x',
  fields: { 'near.address': 'not_geocoded' },
});
const query = (near?: ListQuery['near']) => ({ near }) as ListQuery;

beforeEach(() => {
  vi.mocked(Maps.Geocode)
    .mockReset()
    .mockResolvedValue(api.GeocodeResult.createFrom({ query: 'x', label: 'x' }));
});

describe('withNearAddress', () => {
  it('looks up an address the server has not geocoded yet and asks once more', async () => {
    const run = vi.fn<() => Promise<string>>().mockRejectedValueOnce(notGeocoded).mockResolvedValueOnce('page');

    await expect(withNearAddress(query({ address: 'Marienplatz 1, München', radiusKm: 5 }), run)).resolves.toBe('page');
    expect(Maps.Geocode).toHaveBeenCalledWith('Marienplatz 1, München');
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('passes every other rejection on as an ApiError without retrying', async () => {
    const run = vi.fn<() => Promise<string>>().mockRejectedValue(notGeocoded);

    await expect(withNearAddress(query(), run)).rejects.toBeInstanceOf(ApiError);
    const other = vi
      .fn<() => Promise<string>>()
      .mockRejectedValue(
        JSON.stringify({ status: 422, code: 'validation.failed', fields: { 'near.radiusKm': 'range' } }),
      );
    await expect(withNearAddress(query({ address: 'Köln', radiusKm: 900 }), other)).rejects.toMatchObject({
      fields: { 'near.radiusKm': 'range' },
    });
    expect(Maps.Geocode).not.toHaveBeenCalled();
    expect(run).toHaveBeenCalledTimes(1);
  });
});
