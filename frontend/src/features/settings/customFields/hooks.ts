import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminApi, type CustomFieldCreate, type CustomFieldPatch, type CustomFieldRecordType } from '../../../api';
import { recordKeys } from '../../records/keys';

/** Field changes reload the type's fields, and its records (lists, pages and forms show the fields). */
function useFieldMutation<TVariables, TResult>(
  recordType: CustomFieldRecordType,
  mutationFn: (variables: TVariables) => Promise<TResult>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: recordKeys.customFields(recordType) }),
        client.invalidateQueries({ queryKey: recordKeys.allHistories }),
      ]),
  });
}

export function useCreateCustomField(recordType: CustomFieldRecordType) {
  return useFieldMutation(recordType, (input: CustomFieldCreate) => adminApi.createCustomField(input));
}

export function useUpdateCustomField(recordType: CustomFieldRecordType) {
  return useFieldMutation(
    recordType,
    ({ id, version, patch }: { id: string; version: number; patch: CustomFieldPatch }) =>
      adminApi.updateCustomField(id, version, patch),
  );
}

export function useArchiveCustomField(recordType: CustomFieldRecordType) {
  return useFieldMutation(recordType, ({ id, version }: { id: string; version: number }) =>
    adminApi.archiveCustomField(id, version),
  );
}
