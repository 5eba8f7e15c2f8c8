import { Button, Group, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { RecordType } from '../../api';
import { useNotify } from '../../components/notify';
import { invalidateRecord } from './keys';
import { recordTypeEntry } from './registry';

interface Deletable {
  id: string;
  version: number;
  name: string;
}

/**
 * Delete for a detail page: asks first, moves the record to the trash, goes to the list and offers "Rückgängig"
 * in the notification, which restores the record and opens it again.
 */
export function useDeleteWithUndo(recordType: RecordType, remove: (id: string, version: number) => Promise<void>) {
  const { t } = useTranslation();
  const notify = useNotify();
  const navigate = useNavigate();
  const client = useQueryClient();
  const entry = recordTypeEntry(recordType);
  const mutation = useMutation({
    mutationFn: ({ id, version }: Deletable) => remove(id, version),
    // Here rather than in mutate's callbacks, which are dropped when the page unmounts: the change stream may report
    // the deletion first, and the page then says that the record is gone; the notice and the way out still come.
    onSuccess: (_data, record) => {
      deleted(record);
    },
    onSettled: (_data, error, { id }) =>
      invalidateRecord(client, recordType, id, entry?.related ?? [], { gone: error === null }),
  });

  // The undo button lives in a notification that outlasts the page (which is left right after deleting), so it
  // restores without the page's hooks.
  const undo = async (record: Deletable, notificationId: string) => {
    notifications.hide(notificationId);
    if (!entry) return;
    try {
      await entry.restore(record.id);
      notify.success(t('records.delete.restored', { name: record.name }));
      void navigate(entry.detailPath(record.id));
    } catch (error) {
      notify.error(error);
    } finally {
      await invalidateRecord(client, recordType, record.id, entry.related);
    }
  };

  const confirmDelete = (record: Deletable) => {
    const type = t(`records.types.${recordType}`);
    modals.openConfirmModal({
      title: t('records.delete.title', { type }),
      children: <Text size="sm">{t('records.delete.body', { name: record.name })}</Text>,
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        mutation.mutate(record, {
          onError: (error) => {
            notify.error(error);
          },
        });
      },
    });
  };

  /** After a deletion: the notice with its undo button, and back to the list. */
  function deleted(record: Deletable) {
    const notificationId = `deleted-${record.id}`;
    notifications.show({
      id: notificationId,
      color: 'teal',
      autoClose: 10_000,
      message: (
        <Group justify="space-between" wrap="nowrap" gap="sm" data-testid="deleted-notification">
          <Text size="sm">{t('records.delete.done', { name: record.name })}</Text>
          <Button size="xs" variant="light" style={{ flexShrink: 0 }} onClick={() => void undo(record, notificationId)}>
            {t('common.undo')}
          </Button>
        </Group>
      ),
    });
    if (entry) void navigate(entry.listPath);
  }

  return { confirmDelete, pending: mutation.isPending };
}
