import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sessionApi, type PasswordChange } from '../../api';

export function useChangePassword() {
  return useMutation({ mutationFn: (input: PasswordChange) => sessionApi.changePassword(input) });
}

const calendarFeedKey = ['calendarFeed'] as const;

/** Whether the user has a calendar feed (its URL is known only right after it was made). */
export function useCalendarFeed() {
  return useQuery({ queryKey: calendarFeedKey, queryFn: () => sessionApi.calendarFeed() });
}

/** Makes the feed or renews its URL; the answer carries the URL this once. */
export function useRenewCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => sessionApi.renewCalendarFeed(),
    onSuccess: (created) => {
      client.setQueryData(calendarFeedKey, created.feed);
    },
  });
}

export function useDisableCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => sessionApi.disableCalendarFeed(),
    onSettled: () => client.invalidateQueries({ queryKey: calendarFeedKey }),
  });
}
