import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { documentsApi, type DocumentRecordType } from '../../api';
import { recordKeys } from '../records/keys';

/** Query keys of documents: a record's list (and its trash) and the user's storage. */
export const documentKeys = {
  all: ['documents'] as const,
  record: (recordType: DocumentRecordType, recordId: string) => ['documents', recordType, recordId] as const,
  list: (recordType: DocumentRecordType, recordId: string) => ['documents', recordType, recordId, 'list'] as const,
  trashed: (recordType: DocumentRecordType, recordId: string) =>
    ['documents', recordType, recordId, 'trashed'] as const,
  storage: ['storage'] as const,
};

/** After documents of a record changed: its lists (and trash), its history and the user's storage reload. */
export function invalidateDocuments(
  client: QueryClient,
  recordType: DocumentRecordType,
  recordId: string,
): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: documentKeys.record(recordType, recordId) }),
    client.invalidateQueries({ queryKey: recordKeys.history(recordType, recordId) }),
    client.invalidateQueries({ queryKey: documentKeys.storage }),
  ]);
}

export function useDocuments(recordType: DocumentRecordType, recordId: string) {
  return useQuery({
    queryKey: documentKeys.list(recordType, recordId),
    queryFn: () => documentsApi.list(recordType, recordId),
  });
}

export function useTrashedDocuments(recordType: DocumentRecordType, recordId: string, enabled: boolean) {
  return useQuery({
    queryKey: documentKeys.trashed(recordType, recordId),
    queryFn: () => documentsApi.listTrashed(recordType, recordId),
    enabled,
  });
}

/** The signed-in user's storage: used, reserved and the plan's limit. */
export function useStorage() {
  return useQuery({ queryKey: documentKeys.storage, queryFn: documentsApi.storage, staleTime: 30_000 });
}

/** Moves a document to the trash; the record's documents, history and the storage reload either way. */
export function useDeleteDocument(recordType: DocumentRecordType, recordId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => documentsApi.delete(id, version),
    onSettled: () => invalidateDocuments(client, recordType, recordId),
  });
}

/** Brings a document back from the trash. */
export function useRestoreDocument(recordType: DocumentRecordType, recordId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => documentsApi.restore(id),
    onSettled: () => invalidateDocuments(client, recordType, recordId),
  });
}

/** The native file dialog, then the upload of what was chosen. */
export function usePickAndUpload(recordType: DocumentRecordType, recordId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => documentsApi.pickAndUpload(recordType, recordId),
    onSettled: () => invalidateDocuments(client, recordType, recordId),
  });
}
