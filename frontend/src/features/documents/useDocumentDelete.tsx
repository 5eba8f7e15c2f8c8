import { Button, Group, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { documentsApi, type Document, type DocumentRecordType } from '../../api';
import { useNotify } from '../../components/notify';
import { invalidateDocuments, useDeleteDocument } from './hooks';

/**
 * Delete for the documents of one record: asks first, moves the document to the trash and offers "Rückgängig" in
 * the notification. Used by the card, not by a row: the row is gone as soon as the list reloads, and with it any
 * callback of a mutation it started.
 */
export function useDocumentDelete(recordType: DocumentRecordType, recordId: string) {
  const { t } = useTranslation();
  const notify = useNotify();
  const client = useQueryClient();
  const remove = useDeleteDocument(recordType, recordId);

  // The undo button lives in a notification that may outlast the page, so it restores without the page's hooks.
  const undo = async (document: Document, notificationId: string) => {
    notifications.hide(notificationId);
    try {
      await documentsApi.restore(document.id);
      notify.success(t('documents.delete.restored', { name: document.fileName }));
    } catch (error) {
      notify.error(error);
    } finally {
      await invalidateDocuments(client, recordType, recordId);
    }
  };

  return (document: Document) => {
    const name = document.fileName;
    modals.openConfirmModal({
      title: t('documents.delete.title'),
      children: <Text size="sm">{t('documents.delete.body', { name })}</Text>,
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        remove.mutate(
          { id: document.id, version: document.version },
          {
            onSuccess: () => {
              const notificationId = `document-deleted-${document.id}`;
              notifications.show({
                id: notificationId,
                color: 'teal',
                autoClose: 10_000,
                message: (
                  <Group justify="space-between" wrap="nowrap" gap="sm" data-testid="document-deleted-notification">
                    <Text size="sm">{t('documents.delete.done', { name })}</Text>
                    <Button
                      size="xs"
                      variant="light"
                      style={{ flexShrink: 0 }}
                      onClick={() => void undo(document, notificationId)}
                    >
                      {t('common.undo')}
                    </Button>
                  </Group>
                ),
              });
            },
            onError: (error) => {
              notify.error(error);
            },
          },
        );
      },
    });
  };
}
