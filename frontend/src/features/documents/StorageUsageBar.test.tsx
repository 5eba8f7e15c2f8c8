import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { documentsApi } from '../../api';
import { renderWithProviders } from '../../test/render';
import { StorageUsageBar } from './StorageUsageBar';
import { usageColor, usagePercent } from './storageUsage';

const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

describe('usagePercent and usageColor', () => {
  it('caps the share at the limit and warns as it fills', () => {
    const usage = { usedBytes: 0, reservedBytes: 0, limitBytes: 1000 };
    expect(usagePercent(usage, 250)).toBe(25);
    expect(usagePercent(usage, 5000)).toBe(100);
    expect(usagePercent({ ...usage, limitBytes: 0 }, 1)).toBe(100);
    expect(usageColor(50)).toBe('indigo');
    expect(usageColor(85)).toBe('orange');
    expect(usageColor(96)).toBe('red');
  });
});

describe('StorageUsageBar', () => {
  it('shows the usage of stored and reserved bytes against the plan in German units', async () => {
    vi.spyOn(documentsApi, 'storage').mockResolvedValue({
      usedBytes: 1_288_490_189,
      reservedBytes: 0,
      limitBytes: 53_687_091_200,
    });
    renderWithProviders(<StorageUsageBar />);
    expect(plain((await screen.findByTestId('storage-usage-text')).textContent)).toBe('1,2 GB von 50 GB belegt');
  });

  it('says so when the usage cannot be fetched', async () => {
    vi.spyOn(documentsApi, 'storage').mockRejectedValue(new Error('{"status":0,"code":"network.unreachable"}'));
    renderWithProviders(<StorageUsageBar compact />);
    expect(await screen.findByText('Der Speicherplatz konnte nicht abgefragt werden.')).toBeInTheDocument();
  });
});
