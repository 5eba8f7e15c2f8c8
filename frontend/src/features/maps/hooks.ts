import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { mapsApi, type ListQuery, type MapRecordType } from '../../api';
import { recordKeys } from '../records/keys';

export const mapKeys = {
  config: ['maps', 'config'] as const,
  /** Starts with the record type, so that a change of such a record reloads its maps too. */
  markers: (recordType: MapRecordType, query: ListQuery) => [recordType, 'map', query] as const,
};

/** The tile URL and attributions; they change only when the app starts again. */
export function useMapConfig() {
  return useQuery({ queryKey: mapKeys.config, queryFn: mapsApi.config, staleTime: Infinity });
}

/** The markers of a list's records, for its current filters (the previous ones while new ones load). */
export function useRecordMap(
  recordType: MapRecordType,
  query: ListQuery,
  { enabled = true }: { enabled?: boolean } = {},
) {
  const mapQuery = { ...query, cursor: '', limit: 0 };
  return useQuery({
    queryKey: mapKeys.markers(recordType, mapQuery),
    queryFn: () => mapsApi.recordMap(recordType, mapQuery),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useGeocode() {
  return useMutation({ mutationFn: (address: string) => mapsApi.geocode(address) });
}

/** How often a record page asks again while the server is still looking up the record's address. */
export const PENDING_POLL_MS = 3000;

/** Reloads a record's page data every few seconds while its position is pending (the server geocodes it). */
export function usePollWhilePending(recordType: MapRecordType, recordId: string, pending: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!pending || recordId === '') return undefined;
    const timer = window.setInterval(() => {
      void client.invalidateQueries({ queryKey: recordKeys.detail(recordType, recordId), exact: true });
    }, PENDING_POLL_MS);
    return () => {
      window.clearInterval(timer);
    };
  }, [client, recordType, recordId, pending]);
}
