import { PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, type Role, type Unit, type User } from '../../../api';
import { parseError } from '../../../api/errors';
import { showFormError } from '../../../components/forms';
import { useNotify } from '../../../components/notify';
import { UnitSelect } from '../units/UnitSelect';
import { useCreateUser, useUpdateUser } from './hooks';
import { FormActions } from '../../../components/FormActions';
import { EditConflictNotice } from '../../live/EditConflictNotice';
import { useFormEditConflict } from '../../live/editConflict';
import { FormDialog } from '../../../components/FormDialog';
import { useDirtyGuard } from '../../../components/dirtyGuard';

interface UserValues {
  name: string;
  email: string;
  password: string;
  unitId: string | null;
  roleId: string | null;
}

interface UserFormModalProps {
  /** The user to edit, as currently loaded; absent to create one. */
  user?: User;
  opened: boolean;
  onClose: () => void;
  units: readonly Unit[];
  roles: readonly Role[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const valuesOf = (user: User | undefined): UserValues => ({
  name: user?.name ?? '',
  email: user?.email ?? '',
  password: '',
  unitId: user?.unitId ?? null,
  roleId: user?.roleId ?? null,
});

export function UserFormModal({ user, opened, onClose, units, roles }: UserFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={user ? t('users.form.editTitle') : t('users.form.createTitle')}
      size="md"
    >
      <UserForm key={user?.id ?? 'new'} user={user} onDone={onClose} units={units} roles={roles} />
    </FormDialog>
  );
}

function UserForm({
  user,
  onDone,
  units,
  roles,
}: {
  user?: User;
  onDone: () => void;
  units: readonly Unit[];
  roles: readonly Role[];
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreateUser();
  const update = useUpdateUser();
  const creating = user === undefined;

  const form = useForm<UserValues>({
    mode: 'controlled',
    initialValues: valuesOf(user),
    validate: {
      name: (value) => (value.trim() === '' ? t('users.validation.nameRequired') : null),
      email: (value) => (creating && !EMAIL.test(value.trim()) ? t('users.validation.emailInvalid') : null),
      password: (value) =>
        creating && value.length < MIN_PASSWORD_LENGTH
          ? t('users.validation.passwordTooShort', { min: MIN_PASSWORD_LENGTH })
          : null,
      unitId: (value) => (value ? null : t('users.validation.unitRequired')),
      roleId: (value) => (value ? null : t('users.validation.roleRequired')),
    },
  });
  useDirtyGuard(form.isDirty());

  // The user as the form was opened (the list reloads on every change): a save sends what was changed against it, at
  // the version agreed; someone else's change meanwhile offers Reload or Keep mine (a change the stream did not
  // report fails with 412, and the next save goes against the reloaded user).
  const { base, version, conflict, saveFailed } = useFormEditConflict('user', user, form, valuesOf);
  const onError = (reason: unknown) => {
    saveFailed(reason);
    showFormError(form, parseError(reason), t, notify);
  };

  const submit = form.onSubmit((values) => {
    const name = values.name.trim();
    const unitId = values.unitId ?? '';
    const roleId = values.roleId ?? '';
    if (!base) {
      create.mutate(
        { name, email: values.email.trim(), password: values.password, unitId, roleId },
        {
          onSuccess: (created) => {
            notify.success(t('users.created', { name: created.name }));
            onDone();
          },
          onError,
        },
      );
      return;
    }
    const patch = {
      ...(name !== base.name && { name }),
      ...(unitId !== base.unitId && { unitId }),
      ...(roleId !== base.roleId && { roleId }),
    };
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { id: base.id, version, patch },
      {
        onSuccess: () => {
          notify.success(t('common.saved'));
          onDone();
        },
        onError,
      },
    );
  });

  const pending = create.isPending || update.isPending;

  return (
    <form onSubmit={submit} noValidate data-testid="user-form">
      <Stack>
        <EditConflictNotice conflict={conflict} />
        <TextInput label={t('users.form.name')} data-autofocus {...form.getInputProps('name')} />
        {creating && (
          <>
            <TextInput label={t('users.form.email')} type="email" {...form.getInputProps('email')} />
            <PasswordInput
              label={t('users.form.password')}
              description={t('users.form.passwordHint', { min: MIN_PASSWORD_LENGTH })}
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
          </>
        )}
        <UnitSelect label={t('users.form.unit')} units={units} {...form.getInputProps('unitId')} />
        <Select
          label={t('users.form.role')}
          placeholder={t('users.form.select')}
          allowDeselect={false}
          data={roles.map((role) => ({ value: role.id, label: role.name }))}
          {...form.getInputProps('roleId')}
        />
        <FormActions onCancel={onDone} pending={pending} creating={creating} disableSubmit mt="sm" />
      </Stack>
    </form>
  );
}
