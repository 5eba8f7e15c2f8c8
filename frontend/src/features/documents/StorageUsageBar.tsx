import { Loader, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import { occupiedBytes, usageColor, usagePercent } from './storageUsage';
import { useStorage } from './hooks';

/** The user's storage: "1,2 GB von 50 GB belegt" over a bar (stored documents, then what uploads have reserved). */
export function StorageUsageBar({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const storage = useStorage();

  if (storage.isPending) return <Loader size="xs" role="status" aria-label={t('common.loading')} />;
  if (storage.isError) {
    return (
      <Text size="xs" c="dimmed" data-testid="storage-usage-error">
        {t('storage.unavailable')}
      </Text>
    );
  }
  const usage = storage.data;
  const occupied = occupiedBytes(usage);
  const usedPercent = usagePercent(usage, usage.usedBytes);
  const reservedPercent = usagePercent(usage, occupied) - usedPercent;
  const color = usageColor(usedPercent + reservedPercent);
  const label = t('storage.usage', { used: format.bytes(occupied), limit: format.bytes(usage.limitBytes) });
  return (
    <Stack gap={compact ? 4 : 6} data-testid="storage-usage" data-used={usage.usedBytes} data-limit={usage.limitBytes}>
      <Text size={compact ? 'xs' : 'sm'} fw={compact ? 500 : 600} data-testid="storage-usage-text">
        {label}
      </Text>
      <Progress.Root size={compact ? 'sm' : 'lg'}>
        <Progress.Section value={Math.max(usedPercent, occupied > 0 ? 1 : 0)} color={color} aria-label={label} />
        {reservedPercent > 0 && (
          <Tooltip label={t('storage.reserved', { reserved: format.bytes(usage.reservedBytes) })}>
            <Progress.Section
              value={reservedPercent}
              color={color}
              striped
              animated
              aria-label={t('storage.reserved', { reserved: format.bytes(usage.reservedBytes) })}
            />
          </Tooltip>
        )}
      </Progress.Root>
      {!compact && usage.reservedBytes > 0 && (
        <Text size="xs" c="dimmed">
          {t('storage.reserved', { reserved: format.bytes(usage.reservedBytes) })}
        </Text>
      )}
    </Stack>
  );
}
