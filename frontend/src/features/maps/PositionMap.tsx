import { Alert, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Position } from '../../api';
import { QueryError } from '../../components/QueryError';
import { createBaseMap, exposeProbe } from './baseMap';
import { useMapConfig } from './hooks';
import { L, markerIcon } from './leaflet';
import { zoomFor } from './place';
import type { BaseLayer } from './tileFallback';

/**
 * A small map with one record's marker. The element carries the marker's position (data-lat, data-lng) and the
 * base layer in use (data-base-layer "tiles" or "offline").
 */
export function PositionMap({ position, name, height = 260 }: { position: Position; name: string; height?: number }) {
  const { t } = useTranslation();
  const config = useMapConfig();
  const ref = useRef<HTMLDivElement>(null);
  const [layer, setLayer] = useState<BaseLayer>('tiles');
  const offlineAttribution = t('maps.map.offlineAttribution');
  const { lat, lng, precision, source } = position;

  useEffect(() => {
    const element = ref.current;
    const settings = config.data;
    if (!element || !settings) return undefined;
    const center: [number, number] = [lat, lng];
    const base = createBaseMap(element, settings, {
      center,
      zoom: zoomFor(precision),
      offlineAttribution,
      scrollWheelZoom: false,
      onBaseLayer: setLayer,
    });
    const marker = L.marker(center, { icon: markerIcon, title: name, alt: name, keyboard: false }).addTo(base.map);
    if (source === 'gazetteer') base.addAttribution(settings.gazetteerAttribution);
    const placed = marker.getLatLng();
    element.dataset.lat = String(placed.lat);
    element.dataset.lng = String(placed.lng);
    exposeProbe(element, {
      map: base.map,
      markers: () => [{ id: '', name, lat: marker.getLatLng().lat, lng: marker.getLatLng().lng }],
    });
    return () => {
      base.destroy();
    };
  }, [config.data, lat, lng, precision, source, name, offlineAttribution]);

  if (config.isError) {
    return <QueryError error={config.error} onRetry={() => void config.refetch()} />;
  }
  return (
    <Stack gap={6}>
      <div ref={ref} className="onesales-map" style={{ height }} data-testid="position-map" />
      {layer === 'offline' && (
        <Alert color="gray" variant="light" p="xs" data-testid="map-offline-note">
          <Text size="xs">{t('maps.map.offline')}</Text>
        </Alert>
      )}
    </Stack>
  );
}
