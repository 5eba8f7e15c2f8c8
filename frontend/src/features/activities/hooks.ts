import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  activitiesApi,
  contactsApi,
  salesApi,
  type Activity,
  type ActivityCreate,
  type ActivityLinkType,
  type ActivityPage,
  type ActivityPatch,
  type ActivityQuery,
} from '../../api';
import { useNotify } from '../../components/notify';
import { personName } from '../contacts/names';
import { recordKeys } from '../records/keys';
import { doneChange, patchActivity, type CachedActivities } from './cache';
import { toActivityQuery, type ActivityFilter } from './activityQuery';

/**
 * Query keys. Everything about activities starts with "activities", so that one invalidation reloads lists, record
 * cards and the agenda; the dashboard counts activities too and reloads with them.
 */
export const activityKeys = {
  all: ['activities'] as const,
  types: (includeArchived: boolean) => ['activityTypes', includeArchived] as const,
  allTypes: ['activityTypes'] as const,
  list: (filter: ActivityFilter) => ['activities', 'list', filter] as const,
  range: (filter: ActivityFilter, from: string, to: string) => ['activities', 'range', from, to, filter] as const,
  record: (recordType: ActivityLinkType, id: string) => ['activities', 'record', recordType, id] as const,
  one: (id: string) => ['activities', 'one', id] as const,
  dashboard: ['dashboard'] as const,
};

/** What a change of an activity reloads: activities, the dashboard, and the histories of records (which list it). */
export function invalidateActivities(client: QueryClient): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: activityKeys.all }),
    client.invalidateQueries({ queryKey: activityKeys.dashboard }),
    client.invalidateQueries({ queryKey: recordKeys.allHistories }),
  ]);
}

/** The activity types in their order (archived ones too when asked), and the icons a type can have. */
export function useActivityTypes(includeArchived = false) {
  return useQuery({
    queryKey: activityKeys.types(includeArchived),
    queryFn: () => activitiesApi.listTypes(includeArchived),
    staleTime: 60_000,
  });
}

export const LIST_PAGE_SIZE = 100;

/** The activity list: pages of 100, open first, then by due time. */
export function useActivityList(filter: ActivityFilter) {
  return useInfiniteQuery({
    queryKey: activityKeys.list(filter),
    queryFn: ({ pageParam }) => activitiesApi.query(toActivityQuery(filter, LIST_PAGE_SIZE, pageParam)),
    initialPageParam: '',
    getNextPageParam: (last: ActivityPage) => (last.nextCursor === '' ? undefined : last.nextCursor),
    placeholderData: keepPreviousData,
  });
}

/** At most this many activities of one range (a week, a month) are fetched (five pages of the largest size). */
export const RANGE_LIMIT = 2500;

/**
 * Every activity due on the days from to to (YYYY-MM-DD, inclusive) that matches the filter: the agenda's week and
 * the calendar grid's week or month, in as few pages as the server allows.
 */
export function useActivityRange(filter: ActivityFilter, from: string, to: string) {
  return useQuery({
    queryKey: activityKeys.range(filter, from, to),
    queryFn: async (): Promise<{ items: Activity[]; complete: boolean }> => {
      const items: Activity[] = [];
      let cursor = '';
      do {
        const query: ActivityQuery = {
          ...toActivityQuery(filter, 500, cursor),
          due: '',
          dueFrom: from,
          dueTo: to,
        };
        const page = await activitiesApi.query(query);
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== '' && items.length < RANGE_LIMIT);
      return { items, complete: cursor === '' };
    },
    placeholderData: keepPreviousData,
  });
}

/**
 * One activity as it is now, starting from the copy a list showed (an edit form follows it: someone else's change
 * reloads it, as every activity query does).
 */
export function useActivity(shown: Activity | undefined) {
  return useQuery({
    queryKey: activityKeys.one(shown?.id ?? ''),
    queryFn: () => activitiesApi.get(shown?.id ?? ''),
    enabled: shown !== undefined,
    initialData: shown,
    // The list's copy is as old as the list: the form asks for the activity once it opens.
    initialDataUpdatedAt: 0,
  });
}

/** A record's activities (its page's card): open first, then done. */
export function useRecordActivities(recordType: ActivityLinkType, id: string) {
  return useQuery({
    queryKey: activityKeys.record(recordType, id),
    queryFn: () => activitiesApi.ofRecord(recordType, id),
    enabled: id !== '',
  });
}

export function useCreateActivity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ActivityCreate) => activitiesApi.create(input),
    onSettled: () => invalidateActivities(client),
  });
}

export function useUpdateActivity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: string; version: number; patch: ActivityPatch }) =>
      activitiesApi.update(id, version, patch),
    onSettled: () => invalidateActivities(client),
  });
}

export function useDeleteActivity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => activitiesApi.delete(id, version),
    onSettled: () => invalidateActivities(client),
  });
}

/**
 * Marks an activity done or open again: at once in every list and card that shows it, undone when the server
 * refuses (a stale version, say); afterwards lists, cards and the dashboard reload.
 */
export function useToggleDone() {
  const client = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: ({ activity, done }: { activity: Activity; done: boolean }) =>
      activitiesApi.update(activity.id, activity.version, { done }),
    onMutate: async ({ activity, done }) => {
      await client.cancelQueries({ queryKey: activityKeys.all });
      const before = client.getQueriesData({ queryKey: activityKeys.all });
      const change = doneChange(activity, done, new Date());
      // Pages, paged lists and the agenda's {items, complete} all keep their items in "items" (see cache.ts).
      client.setQueriesData<CachedActivities>({ queryKey: activityKeys.all }, (data) =>
        patchActivity(data, activity.id, change),
      );
      return { before };
    },
    onError: (error, _variables, context) => {
      for (const [key, data] of context?.before ?? []) {
        client.setQueryData(key, data);
      }
      notify.error(error);
    },
    onSettled: () => invalidateActivities(client),
  });
}

/** The name of a record an activity filter is limited to (for its chip); undefined while unknown. */
export function useLinkedRecordName(recordType: ActivityLinkType | '', id: string): string | undefined {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['activityLinkedName', recordType, id] as const,
    queryFn: async (): Promise<string> => {
      switch (recordType) {
        case 'person':
          return personName(t, await contactsApi.getPerson(id));
        case 'organization':
          return (await contactsApi.getOrganization(id)).name;
        case 'deal':
          return (await salesApi.getDeal(id)).title;
        case 'lead':
          return (await salesApi.getLead(id)).title;
        default:
          return '';
      }
    },
    enabled: recordType !== '' && id !== '',
    retry: false,
    staleTime: 60_000,
  });
  return query.data;
}
