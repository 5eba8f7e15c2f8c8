import type { StorageUsage } from '../../api';

/** What counts against the limit: stored documents (trashed ones too) and what uploads in flight have reserved. */
export function occupiedBytes(usage: StorageUsage): number {
  return usage.usedBytes + usage.reservedBytes;
}

/** Share of the limit in percent, 0 to 100 (a limit of 0 counts as full). */
export function usagePercent(usage: StorageUsage, bytes: number): number {
  if (usage.limitBytes <= 0) return 100;
  return Math.min(100, Math.max(0, (bytes / usage.limitBytes) * 100));
}

/** Colour of the bar: calm, then a warning from 80 %, red from 95 %. */
export function usageColor(percent: number): string {
  if (percent >= 95) return 'red';
  if (percent >= 80) return 'orange';
  return 'indigo';
}
