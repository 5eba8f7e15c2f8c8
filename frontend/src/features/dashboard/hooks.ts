import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { activitiesApi, type DashboardQuery } from '../../api';
import { activityKeys } from '../activities/hooks';

/** The dashboard for a scope and pipeline; it reloads with activity changes and every few minutes while open. */
export function useDashboard(query: DashboardQuery) {
  return useQuery({
    queryKey: [...activityKeys.dashboard, query] as const,
    queryFn: () => activitiesApi.dashboard(query),
    placeholderData: keepPreviousData,
    refetchInterval: 5 * 60_000,
  });
}
