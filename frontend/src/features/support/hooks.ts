import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { recentErrors, subscribeRecentErrors, supportApi, type SupportForm, type TenantSettingsInput } from '../../api';

const supportInfoKey = ['supportInfo'] as const;
const tenantSettingsKey = ['tenantSettings'] as const;

/** Versions, server and the company's support address. */
export function useSupportInfo() {
  return useQuery({ queryKey: supportInfoKey, queryFn: () => supportApi.info() });
}

export function useSendSupportRequest() {
  return useMutation({ mutationFn: (form: SupportForm) => supportApi.send(form) });
}

/** The numbers of the last errors the server answered, newest first; updates when another one arrives. */
export function useRecentErrors() {
  return useSyncExternalStore(subscribeRecentErrors, recentErrors);
}

/** The company's settings (admins). */
export function useTenantSettings() {
  return useQuery({ queryKey: tenantSettingsKey, queryFn: () => supportApi.tenantSettings() });
}

export function useSetTenantSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TenantSettingsInput) => supportApi.setTenantSettings(input),
    onSuccess: (saved) => {
      client.setQueryData(tenantSettingsKey, saved);
      void client.invalidateQueries({ queryKey: supportInfoKey });
    },
  });
}
