import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import { useLiveState } from './hooks';

/** A small sign in the header: whether changes by others appear at once (the change stream is live). */
export function LiveStatusIndicator() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { status, lastChange } = useLiveState();
  const connected = status === 'connected';
  return (
    <Tooltip
      withArrow
      multiline
      maw={300}
      label={
        <Stack gap={2}>
          <Text size="xs">{connected ? t('live.status.connectedHint') : t('live.status.reconnectingHint')}</Text>
          {lastChange && (
            <Text size="xs" c="gray.4">
              {t('live.status.lastChange', { time: format.dateTime(lastChange.at) })}
            </Text>
          )}
        </Stack>
      }
    >
      <Badge
        variant="dot"
        color={connected ? 'teal' : 'orange'}
        size="sm"
        data-testid="live-status"
        data-status={status}
        style={{ flexShrink: 0 }}
      >
        {connected ? t('live.status.connected') : t('live.status.reconnecting')}
      </Badge>
    </Tooltip>
  );
}
