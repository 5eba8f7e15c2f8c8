import { Alert, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ListQuery, MapMarker, MapRecordType } from '../../api';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { recordTypeEntry } from '../records/registry';
import { createBaseMap, exposeProbe, type BaseMap } from './baseMap';
import { useMapConfig, useRecordMap } from './hooks';
import { L, markerIcon, viaMarkerIcon } from './leaflet';
import { MapLegend } from './MapLegend';
import { markerLook, type MarkerKind } from './markerLook';
import { nearErrorTexts } from './nearErrors';
import { formatKm, GERMANY_VIEW, precisionText } from './place';
import type { BaseLayer } from './tileFallback';

const MAP_HEIGHT = 580;

/** A marker's popup: the record's name, how exactly it is placed (and how far away), and a link that opens it. */
function popupContent(
  marker: MapMarker,
  texts: { t: TFunction; locale: string },
  path: string,
  open: (path: string) => void,
): HTMLElement {
  const { t, locale } = texts;
  const root = document.createElement('div');
  root.dataset.testid = 'map-popup';
  const name = document.createElement('div');
  name.className = 'onesales-map-popup-name';
  name.textContent = marker.name;
  const meta = document.createElement('div');
  meta.className = 'onesales-map-popup-meta';
  const parts = [`${t('maps.card.precision')}: ${precisionText(t, marker.precision)}`];
  if (marker.placedAt === 'organization' && marker.viaName) {
    parts.unshift(t('maps.map.via', { name: marker.viaName }));
  }
  if (marker.distanceKm !== undefined) {
    parts.push(t('maps.map.distance', { distance: formatKm(t, locale, marker.distanceKm) }));
  }
  meta.textContent = parts.join(' · ');
  const link = document.createElement('a');
  link.href = `#${path}`;
  link.textContent = t('maps.map.open');
  link.dataset.testid = 'map-popup-open';
  link.addEventListener('click', (event) => {
    event.preventDefault();
    open(path);
  });
  root.append(name, meta, link);
  return root;
}

/**
 * The map view of a list: the records its filters select that have a position, as clustered markers with a popup
 * each. The element offers the markers to the end-to-end tests (element.onesalesMap.markers()).
 */
export function RecordMapView({ recordType, query }: { recordType: MapRecordType; query: ListQuery }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const config = useMapConfig();
  const markers = useRecordMap(recordType, query);
  const ref = useRef<HTMLDivElement>(null);
  const baseRef = useRef<{ base: BaseMap; cluster: L.MarkerClusterGroup } | null>(null);
  const [layer, setLayer] = useState<BaseLayer>('tiles');
  const offlineAttribution = t('maps.map.offlineAttribution');

  // The map itself, once the tile configuration is known.
  useEffect(() => {
    const element = ref.current;
    const settings = config.data;
    if (!element || !settings) return undefined;
    const base = createBaseMap(element, settings, { ...GERMANY_VIEW, offlineAttribution, onBaseLayer: setLayer });
    base.addAttribution(settings.gazetteerAttribution);
    const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 }).addTo(base.map);
    baseRef.current = { base, cluster };
    return () => {
      baseRef.current = null;
      base.destroy();
    };
  }, [config.data, offlineAttribution]);

  // The markers of the current answer; the view fits them.
  const items = markers.data?.items;
  const { locale } = format;
  useEffect(() => {
    const current = baseRef.current;
    const element = ref.current;
    if (!current || !element || !items) return;
    const { base, cluster } = current;
    const entry = recordTypeEntry(recordType);
    const byLayer = new Map<L.Layer, MapMarker>();
    const byId = new Map<string, L.Marker>();
    const layers = items.map((item) => {
      const look = markerLook(t, item);
      const marker = L.marker([item.lat, item.lng], {
        icon: look.kind === 'via' ? viaMarkerIcon : markerIcon,
        title: look.title,
        alt: look.title,
      });
      const path = entry?.detailPath(item.id) ?? '/';
      marker.bindPopup(() => popupContent(item, { t, locale }, path, (to) => void navigate(to)));
      byLayer.set(marker, item);
      byId.set(item.id, marker);
      return marker;
    });
    cluster.clearLayers();
    cluster.addLayers(layers);
    if (layers.length > 0) {
      const bounds = L.latLngBounds(items.map((item): [number, number] => [item.lat, item.lng]));
      const maxZoom = base.maxViewZoom(12);
      // Leaflet measures its element once: a map drawn before its element had its size (a list that just switched
      // to the map) would fit the markers into no space at all, which gives no finite zoom.
      base.map.invalidateSize({ pan: false });
      const size = base.map.getSize();
      if (size.x > 80 && size.y > 80) {
        base.map.fitBounds(bounds, { padding: [40, 40], maxZoom, animate: false });
      } else {
        base.map.setView(bounds.getCenter(), Math.min(maxZoom, GERMANY_VIEW.zoom), { animate: false });
      }
    } else {
      base.map.setView(GERMANY_VIEW.center, GERMANY_VIEW.zoom, { animate: false });
    }
    element.dataset.markerCount = String(layers.length);
    exposeProbe(element, {
      map: base.map,
      markers: () =>
        cluster.getLayers().flatMap((layer) => {
          const item = byLayer.get(layer);
          if (!item || !(layer instanceof L.Marker)) return [];
          const { lat, lng } = layer.getLatLng();
          return [{ id: item.id, name: item.name, lat, lng, kind: markerLook(t, item).kind }];
        }),
      open: (id) => {
        const marker = byId.get(id);
        if (marker) cluster.zoomToShowLayer(marker, () => marker.openPopup());
      },
    });
  }, [items, config.data, recordType, t, locale, navigate]);

  const kinds = useMemo(() => new Set<MarkerKind>((items ?? []).map((item) => markerLook(t, item).kind)), [items, t]);

  if (config.isError || markers.isError) {
    const error = config.isError ? config.error : markers.error;
    return (
      <Stack gap="xs">
        <QueryError
          error={error}
          onRetry={() => {
            void config.refetch();
            void markers.refetch();
          }}
        />
        {nearErrorTexts(t, error).map((text) => (
          <Text key={text} size="sm" c="red" data-testid="near-error">
            {text}
          </Text>
        ))}
      </Stack>
    );
  }

  const count = items?.length ?? 0;
  return (
    <Paper withBorder radius="md" data-testid="records-map-view">
      <Stack gap={0}>
        <Group justify="space-between" px="md" py="xs">
          <Text size="sm" c="dimmed" data-testid="map-count" data-count={items ? count : undefined} aria-live="polite">
            {items ? t('maps.map.count', { count }) : t('common.loading')}
          </Text>
          {markers.isFetching && <Loader size="xs" role="status" aria-label={t('common.loading')} />}
        </Group>
        <MapLegend kinds={kinds} />
        {markers.data?.truncated && (
          <Alert color="yellow" variant="light" mx="md" mb="xs" data-testid="map-truncated">
            {t('maps.map.truncated', { count: format.number(count) })}
          </Alert>
        )}
        {items && count === 0 && !markers.isFetching && (
          <Text size="sm" c="dimmed" px="md" pb="xs" data-testid="map-empty">
            {t('maps.map.empty')}
          </Text>
        )}
        {layer === 'offline' && (
          <Text size="xs" c="dimmed" px="md" pb="xs" data-testid="map-offline-note">
            {t('maps.map.offline')}
          </Text>
        )}
        <div style={{ position: 'relative' }}>
          <div
            ref={ref}
            className="onesales-map"
            style={{ height: MAP_HEIGHT, borderRadius: 0 }}
            data-testid="records-map"
            aria-label={t('maps.map.label')}
          />
          {!config.data && (
            <Center pos="absolute" inset={0}>
              <Loader role="status" aria-label={t('common.loading')} />
            </Center>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
