import { Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api';
import { ApiError } from '../../../api/errors';
import { useNotify } from '../../../components/notify';
import { useCreateRole, useUpdateRole } from './hooks';
import { RoleForm, type RoleFormValues } from './RoleForm';

/** { roleId: null }: a new role; { roleId }: that role as currently loaded. */
export interface RoleDialog {
  roleId: string | null;
}

export function RoleEditorModal({
  dialog,
  opened,
  roles,
  onClose,
}: {
  dialog: RoleDialog | null;
  opened: boolean;
  roles: readonly Role[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreateRole();
  const update = useUpdateRole();
  const roleId = dialog?.roleId ?? null;
  // Looked up at submit time: after a conflict the list reloads and a retry uses the new version.
  const role = roleId === null ? undefined : roles.find((candidate) => candidate.id === roleId);

  const save = async (values: RoleFormValues): Promise<void> => {
    if (roleId === null) {
      const created = await create.mutateAsync(values);
      notify.success(t('roles.created', { name: created.name }));
    } else {
      if (!role) {
        throw new ApiError({ status: 404, code: 'resource.not_found' });
      }
      await update.mutateAsync({ id: role.id, version: role.version, patch: values });
      notify.success(t('common.saved'));
    }
    onClose();
  };

  return (
    <Modal
      opened={opened && dialog !== null}
      onClose={onClose}
      title={roleId === null ? t('roles.form.createTitle') : t('roles.form.editTitle')}
      size={880}
    >
      {dialog && (
        <RoleForm
          key={roleId ?? 'new'}
          initial={role}
          submitLabel={roleId === null ? t('common.create') : t('common.save')}
          pending={create.isPending || update.isPending}
          onSubmit={save}
          onCancel={onClose}
        />
      )}
    </Modal>
  );
}
