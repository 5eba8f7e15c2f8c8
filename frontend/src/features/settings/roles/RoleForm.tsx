import { Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Role, RolePatch } from '../../../api';
import { grantsFromMatrix, matrixFromGrants, type GrantCell, type GrantMatrix } from '../../access/grants';
import { EditConflictNotice } from '../../live/EditConflictNotice';
import { useFormEditConflict } from '../../live/editConflict';
import { showFormError } from '../../../components/forms';
import { useNotify } from '../../../components/notify';
import { GrantMatrixEditor } from './GrantMatrixEditor';
import { FormActions } from '../../../components/FormActions';
import { useDirtyGuard } from '../../../components/dirtyGuard';

export interface RoleFormValues {
  name: string;
  isAdmin: boolean;
  grants: GrantCell[];
}

/** What the form saves: a new role, or the changes to a role at the version the user agreed to overwrite. */
export type RoleSave = { create: RoleFormValues } | { id: string; version: number; patch: RolePatch };

interface FormState {
  name: string;
  isAdmin: boolean;
  matrix: GrantMatrix;
}

const stateOf = (role: Role | undefined): FormState => ({
  name: role?.name ?? '',
  isAdmin: role?.isAdmin ?? false,
  matrix: matrixFromGrants(role?.grants ?? []),
});

/** The fields changed against the role the form was filled from (grants compared as the cells they send). */
function rolePatch(values: RoleFormValues, base: Role): RolePatch {
  const grants = JSON.stringify(values.grants) !== JSON.stringify(grantsFromMatrix(matrixFromGrants(base.grants)));
  return {
    ...(values.name !== base.name && { name: values.name }),
    ...(values.isAdmin !== base.isAdmin && { isAdmin: values.isAdmin }),
    ...(grants && { grants: values.grants }),
  };
}

export function RoleForm({
  role,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
}: {
  /** The role to edit as it is loaded now (its list reloads on every change); absent for a new role. */
  role?: Role;
  submitLabel: string;
  pending: boolean;
  /** Saves the role; a rejection's field errors are shown next to the fields, the input stays. */
  onSubmit: (save: RoleSave) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const form = useForm<FormState>({
    mode: 'controlled',
    initialValues: stateOf(role),
    validate: {
      name: (value) => (value.trim() === '' ? t('roles.validation.nameRequired') : null),
    },
  });
  useDirtyGuard(form.isDirty());
  // The role as the form was filled, the version a save goes against, and someone else's change meanwhile.
  const { base, version, conflict, saveFailed } = useFormEditConflict('role', role, form, stateOf);

  const submit = form.onSubmit((state) => {
    const values = { name: state.name.trim(), isAdmin: state.isAdmin, grants: grantsFromMatrix(state.matrix) };
    let save: RoleSave = { create: values };
    if (base) {
      const patch = rolePatch(values, base);
      if (Object.keys(patch).length === 0) {
        onCancel();
        return;
      }
      save = { id: base.id, version, patch };
    }
    onSubmit(save).catch((error: unknown) => {
      saveFailed(error);
      showFormError(form, error, t, notify);
    });
  });

  return (
    <form onSubmit={submit} noValidate data-testid="role-form">
      <Stack>
        <EditConflictNotice conflict={conflict} />
        <TextInput label={t('roles.form.name')} data-autofocus {...form.getInputProps('name')} />
        <Switch
          label={t('roles.form.isAdmin')}
          description={t('roles.form.isAdminHint')}
          {...form.getInputProps('isAdmin', { type: 'checkbox' })}
        />
        <div>
          <Text fw={500} size="sm">
            {t('roles.form.matrix')}
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            {t('roles.form.matrixHint')}
          </Text>
          <GrantMatrixEditor
            value={form.values.matrix}
            onChange={(matrix) => form.setFieldValue('matrix', matrix)}
            disabled={pending}
          />
        </div>
        <FormActions onCancel={onCancel} pending={pending} submit={submitLabel} disableSubmit mt="sm" />
      </Stack>
    </form>
  );
}
