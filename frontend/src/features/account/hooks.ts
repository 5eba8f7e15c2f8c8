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

const twoFactorKey = ['twoFactor'] as const;
const devicesKey = ['devices'] as const;

/** The user's second factor: on or off, the recovery codes left, whether the company requires it. */
export function useTwoFactor() {
  return useQuery({ queryKey: twoFactorKey, queryFn: () => sessionApi.twoFactor() });
}

/** A new TOTP secret to scan (pending until confirmed). */
export function useEnrolTotp() {
  return useMutation({ mutationFn: () => sessionApi.enrolTotp() });
}

/** Switches TOTP on with the app's first code; the answer carries the recovery codes, once. */
export function useConfirmTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => sessionApi.confirmTotp(code),
    onSuccess: () => client.invalidateQueries({ queryKey: twoFactorKey }),
  });
}

/** Ten new recovery codes for a current code; the answer carries them, once. */
export function useRenewRecoveryCodes() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => sessionApi.renewRecoveryCodes(code),
    onSuccess: () => client.invalidateQueries({ queryKey: twoFactorKey }),
  });
}

export function useDisableTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => sessionApi.disableTotp(code),
    onSuccess: () => client.invalidateQueries({ queryKey: twoFactorKey }),
  });
}

/** The user's signed-in devices, this one marked. */
export function useDevices() {
  return useQuery({ queryKey: devicesKey, queryFn: () => sessionApi.devices() });
}

/** Signs one device out (id) or every other one (no id). */
export function useEndDevices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id?: string) => (id === undefined ? sessionApi.endOtherDevices() : sessionApi.endDevice(id)),
    onSettled: () => client.invalidateQueries({ queryKey: devicesKey }),
  });
}
