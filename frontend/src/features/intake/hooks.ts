import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { intakeApi, type LeadSourceCreate, type LeadSourcePatch } from '../../api';

export const intakeKeys = {
  sources: ['leadSources'] as const,
  source: (id: string) => ['leadSources', id] as const,
  keys: (id: string) => ['leadSources', id, 'keys'] as const,
  deliveries: (id: string) => ['leadSources', id, 'deliveries'] as const,
};

/** The tenant's lead sources by name (every signed-in user: the lead filter and the lead page name them). */
export function useLeadSources() {
  return useQuery({ queryKey: intakeKeys.sources, queryFn: intakeApi.listSources, staleTime: 60_000 });
}

/** The names of the lead sources by ID. */
export function useLeadSourceNames(): ReadonlyMap<string, string> {
  const sources = useLeadSources();
  return useMemo(() => new Map((sources.data ?? []).map((source) => [source.id, source.name])), [sources.data]);
}

export function useLeadSource(id: string) {
  return useQuery({ queryKey: intakeKeys.source(id), queryFn: () => intakeApi.getSource(id) });
}

export function useLeadSourceKeys(id: string) {
  return useQuery({ queryKey: intakeKeys.keys(id), queryFn: () => intakeApi.listKeys(id) });
}

export function useLeadSourceDeliveries(id: string) {
  return useQuery({ queryKey: intakeKeys.deliveries(id), queryFn: () => intakeApi.deliveries(id) });
}

/** A change to a source: afterwards (success or not) the sources and everything of them reload. */
function useSourceMutation<TVariables, TResult>(mutationFn: (variables: TVariables) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => client.invalidateQueries({ queryKey: intakeKeys.sources }),
  });
}

export const useCreateLeadSource = () => useSourceMutation((input: LeadSourceCreate) => intakeApi.createSource(input));

export const useUpdateLeadSource = () =>
  useSourceMutation(({ id, version, patch }: { id: string; version: number; patch: LeadSourcePatch }) =>
    intakeApi.updateSource(id, version, patch),
  );

export const useDeleteLeadSource = () =>
  useSourceMutation(({ id, version }: { id: string; version: number }) => intakeApi.deleteSource(id, version));

export const useCreateLeadSourceKey = () => useSourceMutation((sourceId: string) => intakeApi.createKey(sourceId));

export const useRevokeLeadSourceKey = () =>
  useSourceMutation(({ sourceId, keyId }: { sourceId: string; keyId: string }) => intakeApi.revokeKey(sourceId, keyId));

export const useRotateSigningSecret = () =>
  useSourceMutation((sourceId: string) => intakeApi.rotateSigningSecret(sourceId));

export const useDisableSigning = () => useSourceMutation((sourceId: string) => intakeApi.disableSigning(sourceId));

export function usePreviewLeadSource() {
  return useMutation({
    mutationFn: ({ sourceId, payload }: { sourceId: string; payload: string }) => intakeApi.preview(sourceId, payload),
  });
}
