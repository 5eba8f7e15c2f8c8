import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  recordsApi,
  type NoteCreate,
  type NotePatch,
  type RecordType,
  type SavedFilterCreate,
  type SavedFilterPatch,
} from '../../api';
import { activeFields } from './customValues';
import { recordKeys } from './keys';

/** Every custom field of a record type, archived ones included (they name old values in the history). */
export function useCustomFieldsQuery(recordType: RecordType) {
  return useQuery({
    queryKey: recordKeys.customFields(recordType),
    queryFn: () => recordsApi.listCustomFields(recordType, true),
    staleTime: 60_000,
  });
}

/** The active custom fields of a record type, in order; [] while loading. */
export function useCustomFields(recordType: RecordType) {
  const query = useCustomFieldsQuery(recordType);
  const fields = useMemo(() => activeFields(query.data ?? []), [query.data]);
  return { ...query, fields, all: query.data ?? [] };
}

export function useNotes(recordType: RecordType, recordId: string) {
  return useQuery({
    queryKey: recordKeys.notes(recordType, recordId),
    queryFn: () => recordsApi.listNotes(recordType, recordId),
  });
}

/** Note changes reload the notes and the record's history (which lists them). */
function useNoteMutation<TVariables, TResult>(
  recordType: RecordType,
  recordId: string,
  mutationFn: (variables: TVariables) => Promise<TResult>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: recordKeys.notes(recordType, recordId) }),
        client.invalidateQueries({ queryKey: recordKeys.history(recordType, recordId) }),
      ]),
  });
}

export function useAddNote(recordType: RecordType, recordId: string) {
  return useNoteMutation(recordType, recordId, (input: NoteCreate) => recordsApi.addNote(recordType, recordId, input));
}

export function useUpdateNote(recordType: RecordType, recordId: string) {
  return useNoteMutation(
    recordType,
    recordId,
    ({ id, version, patch }: { id: string; version: number; patch: NotePatch }) =>
      recordsApi.updateNote(id, version, patch),
  );
}

export function useDeleteNote(recordType: RecordType, recordId: string) {
  return useNoteMutation(recordType, recordId, ({ id, version }: { id: string; version: number }) =>
    recordsApi.deleteNote(id, version),
  );
}

export function useHistory(recordType: RecordType, recordId: string) {
  return useQuery({
    queryKey: recordKeys.history(recordType, recordId),
    queryFn: () => recordsApi.history(recordType, recordId),
  });
}

export function useSavedFilters(recordType: RecordType) {
  return useQuery({
    queryKey: recordKeys.savedFilters(recordType),
    queryFn: () => recordsApi.listSavedFilters(recordType),
  });
}

function useSavedFilterMutation<TVariables, TResult>(
  recordType: RecordType,
  mutationFn: (variables: TVariables) => Promise<TResult>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => client.invalidateQueries({ queryKey: recordKeys.savedFilters(recordType) }),
  });
}

export function useCreateSavedFilter(recordType: RecordType) {
  return useSavedFilterMutation(recordType, (input: SavedFilterCreate) => recordsApi.createSavedFilter(input));
}

export function useUpdateSavedFilter(recordType: RecordType) {
  return useSavedFilterMutation(
    recordType,
    ({ id, version, patch }: { id: string; version: number; patch: SavedFilterPatch }) =>
      recordsApi.updateSavedFilter(id, version, patch),
  );
}

export function useDeleteSavedFilter(recordType: RecordType) {
  return useSavedFilterMutation(recordType, ({ id, version }: { id: string; version: number }) =>
    recordsApi.deleteSavedFilter(id, version),
  );
}

export function useTrash() {
  return useQuery({ queryKey: recordKeys.trash, queryFn: () => recordsApi.trash() });
}
