import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  notificationsApi,
  onLiveChanges,
  onLiveResync,
  type Notification,
  type NotificationCount,
  type NotificationPage,
} from '../../api';

/** Query keys: the list (its pages carry the unread count) and this desktop's setting. */
export const notificationKeys = {
  list: ['notifications'] as const,
  desktopSetting: ['desktopNotifications'] as const,
};

/**
 * How often the list is asked for without a change event. The live stream (issue 14.2) tells the UI of a new or
 * read notification within a second; this only catches up after a stream outage.
 */
export const POLL_MS = 30_000;

type Pages = InfiniteData<NotificationPage>;

/** The caller's notifications, newest first, a page at a time; pages[0].unreadCount is the badge. */
export function useNotifications() {
  return useInfiniteQuery({
    queryKey: notificationKeys.list,
    queryFn: ({ pageParam }) => notificationsApi.list(pageParam),
    initialPageParam: '',
    getNextPageParam: (last) => (last.nextCursor === '' ? undefined : last.nextCursor),
    refetchInterval: POLL_MS,
    // A desktop window behind others is still open: it must learn of new notifications to announce them.
    refetchIntervalInBackground: true,
  });
}

/** The unread count of the loaded list (0 until it is loaded). */
export function unreadCount(data: Pages | undefined): number {
  return data?.pages[0]?.unreadCount ?? 0;
}

/** Reloads the list when a change of the caller's notifications arrives, or when everything must be reloaded. */
export function useLiveNotifications(): void {
  const client = useQueryClient();
  useEffect(() => {
    const reload = () => void client.invalidateQueries({ queryKey: notificationKeys.list });
    const stopChanges = onLiveChanges((changes) => {
      if (changes.some((c) => c.topic === 'notification')) reload();
    });
    const stopResync = onLiveResync(reload);
    return () => {
      stopChanges();
      stopResync();
    };
  }, [client]);
}

/** Marks notifications read in the cached pages: read set, unread count lowered by those that were unread. */
function markCached(data: Pages | undefined, read: (n: Notification) => boolean): Pages | undefined {
  if (!data) return data;
  let newlyRead = 0;
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.map((n) => {
      if (n.read || !read(n)) return n;
      newlyRead++;
      return { ...n, read: true };
    }),
  }));
  return { ...data, pages: pages.map((p) => ({ ...p, unreadCount: Math.max(0, p.unreadCount - newlyRead) })) };
}

function withCount(data: Pages | undefined, count: NotificationCount): Pages | undefined {
  return data && { ...data, pages: data.pages.map((p) => ({ ...p, unreadCount: count.unreadCount })) };
}

/** Marking read shows at once and is taken back when the desktop or server refuses it. */
function useMark<V>(
  mutationFn: (vars: V) => Promise<NotificationCount>,
  read: (vars: V) => (n: Notification) => boolean,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onMutate: async (vars: V) => {
      await client.cancelQueries({ queryKey: notificationKeys.list });
      const before = client.getQueryData<Pages>(notificationKeys.list);
      client.setQueryData<Pages>(notificationKeys.list, (data) => markCached(data, read(vars)));
      return { before };
    },
    onError: (_error, _vars, context) => {
      client.setQueryData(notificationKeys.list, context?.before);
    },
    onSuccess: (count) => {
      client.setQueryData<Pages>(notificationKeys.list, (data) => withCount(data, count));
    },
  });
}

export function useMarkRead() {
  return useMark(
    (ids: string[]) => notificationsApi.markRead(ids),
    (ids) => (n) => ids.includes(n.id),
  );
}

export function useMarkAllRead() {
  return useMark(
    () => notificationsApi.markAllRead(),
    () => () => true,
  );
}

/** This desktop's setting "Desktop-Benachrichtigungen". */
export function useDesktopNotificationsSetting() {
  return useQuery({
    queryKey: notificationKeys.desktopSetting,
    queryFn: () => notificationsApi.desktopNotifications(),
  });
}

export function useSetDesktopNotifications() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => notificationsApi.setDesktopNotifications(on),
    onMutate: (on) => {
      const before = client.getQueryData<boolean>(notificationKeys.desktopSetting);
      client.setQueryData(notificationKeys.desktopSetting, on);
      return { before };
    },
    onError: (_error, _on, context) => {
      client.setQueryData(notificationKeys.desktopSetting, context?.before);
    },
  });
}
