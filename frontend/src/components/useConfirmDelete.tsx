import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { parseError, type ApiError } from '../api/errors';
import { useNotify } from './notify';

/** What to do when the backend refuses a delete because the record is still in use (409 resource.conflict). */
export type InUseAnswer =
  /** Say so in a notification. */
  | { message: string }
  /** Offer to archive the record instead, in a second dialog. */
  | { offerArchive: { title: string; body: string; confirm: string; archive: () => void } };

export interface ConfirmDeleteOptions {
  title: string;
  /** What will be deleted, in a sentence. */
  body: string;
  /** The confirm button's text; "Löschen" unless given. */
  confirm?: string;
  /** The confirm button's colour; red unless given. */
  color?: string;
  /** Deletes the record; the promise settles when the backend has answered. */
  remove: () => Promise<unknown>;
  /** The notification after the delete. */
  deleted: string;
  /** The answer to "still in use"; without it that error is shown like any other. */
  inUse?: InUseAnswer;
}

/** Whether the backend refused because other records still use this one. */
export function isInUse(error: ApiError): boolean {
  return error.is('resource.conflict');
}

/**
 * Asks before deleting, deletes, and answers the outcome: a success notification, the "in use" answer the page
 * chose (a message, or an offer to archive instead), or the error.
 */
export function useConfirmDelete(): (options: ConfirmDeleteOptions) => void {
  const { t } = useTranslation();
  const notify = useNotify();
  return useCallback(
    ({ title, body, confirm, color, remove, deleted, inUse }: ConfirmDeleteOptions) => {
      const answerInUse = (error: ApiError, answer: InUseAnswer) => {
        if ('message' in answer) {
          notify.error(error, answer.message);
          return;
        }
        const offer = answer.offerArchive;
        modals.openConfirmModal({
          title: offer.title,
          children: <Text size="sm">{offer.body}</Text>,
          labels: { confirm: offer.confirm, cancel: t('common.cancel') },
          onConfirm: offer.archive,
        });
      };
      modals.openConfirmModal({
        title,
        children: <Text size="sm">{body}</Text>,
        labels: { confirm: confirm ?? t('common.delete'), cancel: t('common.cancel') },
        confirmProps: { color: color ?? 'red' },
        onConfirm: () => {
          remove().then(
            () => {
              notify.success(deleted);
            },
            (reason: unknown) => {
              const error = parseError(reason);
              if (inUse !== undefined && isInUse(error)) answerInUse(error, inUse);
              else notify.error(error);
            },
          );
        },
      });
    },
    [t, notify],
  );
}
