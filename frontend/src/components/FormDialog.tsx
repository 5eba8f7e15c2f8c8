import { Modal, Text, type ModalProps } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DirtyContext, type DirtyRegistry } from './dirtyGuard';

/**
 * The modal around a form. Closing it by its close button, Escape or a click beside it asks "Änderungen verwerfen?"
 * while the form holds unsaved changes (useDirtyGuard); the form's own Cancel and a save close it without asking.
 */
export function FormDialog({ onClose, children, ...props }: ModalProps) {
  const { t } = useTranslation();
  const dirty = useRef(false);
  const registry = useMemo<DirtyRegistry>(
    () => ({
      setDirty: (value) => {
        dirty.current = value;
      },
    }),
    [],
  );
  const guardedClose = useCallback(() => {
    if (!dirty.current) {
      onClose();
      return;
    }
    modals.openConfirmModal({
      title: t('common.discard.title'),
      children: <Text size="sm">{t('common.discard.body')}</Text>,
      labels: { confirm: t('common.discard.confirm'), cancel: t('common.discard.keepEditing') },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        dirty.current = false;
        onClose();
      },
    });
  }, [onClose, t]);
  return (
    <Modal onClose={guardedClose} closeButtonProps={{ 'aria-label': t('common.close') }} {...props}>
      <DirtyContext value={registry}>{children}</DirtyContext>
    </Modal>
  );
}
