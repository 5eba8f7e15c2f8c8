import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  importsApi,
  isImportActive,
  isImportRecordType,
  type ImportFileFormat,
  type ImportJob,
  type ImportRecordType,
  type ImportSettings,
} from '../../api';
import { invalidate } from '../../queryClient';
import { recordInvalidations } from '../records/keys';

/** Query keys of imports: the list and each job. The change feed's topic "import" reloads all of them. */
export const importKeys = {
  all: ['imports'] as const,
  list: ['imports', 'list'] as const,
  job: (id: string) => ['imports', 'job', id] as const,
};

/** How often a running job is asked for its progress when no live event came (the change feed is the fast path). */
export const POLL_MS = 2000;

const pollWhileActive = (job: ImportJob | undefined) => (job && isImportActive(job.status) ? POLL_MS : false);

/** The user's imports (admins: everyone's), newest first; polled while one of them runs. */
export function useImportJobs() {
  return useQuery({
    queryKey: importKeys.list,
    queryFn: importsApi.list,
    refetchInterval: (query) => (query.state.data?.some((job) => isImportActive(job.status)) ? POLL_MS : false),
  });
}

/** One import's status, progress and counts; polled while it runs. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: importKeys.job(id ?? ''),
    queryFn: () => importsApi.get(id ?? ''),
    enabled: id !== null,
    refetchInterval: (query) => pollWhileActive(query.state.data),
  });
}

/** The records an import wrote: a person file creates organisations too. */
export function invalidateImported(client: QueryClient, recordType: ImportRecordType): Promise<unknown> {
  return invalidate(
    client,
    recordInvalidations(recordType, undefined, recordType === 'person' ? ['organization'] : []),
  );
}

export function useStartImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, settings }: { id: string; settings: ImportSettings }) => importsApi.start(id, settings),
    onSuccess: (job) => {
      client.setQueryData(importKeys.job(job.id), job);
      void client.invalidateQueries({ queryKey: importKeys.list });
    },
  });
}

export function useUndoImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => importsApi.undo(id),
    onSuccess: (result) => {
      client.setQueryData(importKeys.job(result.job.id), result.job);
      const recordType = result.job.recordType;
      if (isImportRecordType(recordType)) void invalidateImported(client, recordType);
    },
    onSettled: () => client.invalidateQueries({ queryKey: importKeys.all }),
  });
}

export function useSaveFailedRows() {
  return useMutation({
    mutationFn: ({ id, format }: { id: string; format: ImportFileFormat }) => importsApi.saveFailedRows(id, format),
  });
}
