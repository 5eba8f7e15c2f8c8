import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ssoApi, type SSOSettingsInput } from '../../../api';

const ssoSettingsKey = ['ssoSettings'] as const;

/** The company's single sign-on (admins). */
export function useSSOSettings() {
  return useQuery({ queryKey: ssoSettingsKey, queryFn: () => ssoApi.settings() });
}

export function useSetSSOSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SSOSettingsInput) => ssoApi.setSettings(input),
    onSuccess: (saved) => {
      client.setQueryData(ssoSettingsKey, saved);
    },
  });
}
