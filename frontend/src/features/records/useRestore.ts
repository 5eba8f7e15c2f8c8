import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RecordType } from '../../api';
import { invalidateRecord } from './keys';
import { recordTypeEntry } from './registry';

/** Restores a record from the trash; its lists, pages, history and the trash reload. */
export function useRestoreRecord() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ recordType, id }: { recordType: RecordType; id: string }) => {
      const entry = recordTypeEntry(recordType);
      if (!entry) {
        throw new Error(`no restore for record type ${recordType}`);
      }
      await entry.restore(id);
    },
    onSettled: (_data, _error, { recordType, id }) =>
      invalidateRecord(client, recordType, id, recordTypeEntry(recordType)?.related ?? []),
  });
}
