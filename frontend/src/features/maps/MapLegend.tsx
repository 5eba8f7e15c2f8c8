import { Group, Text } from '@mantine/core';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import { useTranslation } from 'react-i18next';
import type { MarkerKind } from './markerLook';

/** The legend of a list's map: which marker means the record's own address and which its organisation's. */
export function MapLegend({ kinds }: { kinds: ReadonlySet<MarkerKind> }) {
  const { t } = useTranslation();
  if (!kinds.has('via')) return null;
  return (
    <Group gap="md" px="md" pb="xs" data-testid="map-legend" role="group" aria-label={t('maps.map.legend')}>
      <Group gap={6} wrap="nowrap" data-testid="map-legend-own">
        <img src={iconUrl} alt="" width={10} height={16} />
        <Text size="xs">{t('maps.map.legendOwn')}</Text>
      </Group>
      <Group gap={6} wrap="nowrap" data-testid="map-legend-via">
        <span className="onesales-marker-via onesales-marker-via-legend" aria-hidden="true" />
        <Text size="xs">{t('maps.map.legendVia')}</Text>
      </Group>
    </Group>
  );
}
