import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api';
import { ApiError } from '../../../api/errors';
import { useNotify } from '../../../components/notify';
import { useCreateRole, useUpdateRole } from './hooks';
import { RoleForm, type RoleSave } from './RoleForm';
import { FormDialog } from '../../../components/FormDialog';

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
  // The role as the list has it now: the form tells from it when someone else changed the role meanwhile.
  const role = roleId === null ? undefined : roles.find((candidate) => candidate.id === roleId);

  const save = async (input: RoleSave): Promise<void> => {
    if (roleId !== null && (!role || 'create' in input)) {
      // Deleted by someone else meanwhile; the list has reloaded and no longer shows it.
      throw new ApiError({ status: 404, code: 'resource.not_found' });
    }
    if ('create' in input) {
      const created = await create.mutateAsync(input.create);
      notify.success(t('roles.created', { name: created.name }));
    } else {
      await update.mutateAsync(input);
      notify.success(t('common.saved'));
    }
    onClose();
  };

  return (
    <FormDialog
      opened={opened && dialog !== null}
      onClose={onClose}
      title={roleId === null ? t('roles.form.createTitle') : t('roles.form.editTitle')}
      size={880}
    >
      {dialog && (
        <RoleForm
          key={roleId ?? 'new'}
          role={role}
          submitLabel={roleId === null ? t('common.create') : t('common.save')}
          pending={create.isPending || update.isPending}
          onSubmit={save}
          onCancel={onClose}
        />
      )}
    </FormDialog>
  );
}
