import { PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, type User } from '../../../api';
import { showFormError } from '../../../components/forms';
import { useNotify } from '../../../components/notify';
import { useUpdateUser } from './hooks';
import { FormActions } from '../../../components/FormActions';
import { FormDialog } from '../../../components/FormDialog';
import { useDirtyGuard } from '../../../components/dirtyGuard';

export function ResetPasswordModal({
  opened,
  user,
  onClose,
}: {
  opened: boolean;
  user: User | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormDialog opened={opened} onClose={onClose} title={t('users.resetPassword.title')}>
      {user && <ResetPasswordForm key={user.id} user={user} onDone={onClose} />}
    </FormDialog>
  );
}

function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const update = useUpdateUser();
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '' },
    validate: {
      password: (value: string) =>
        value.length < MIN_PASSWORD_LENGTH
          ? t('users.validation.passwordTooShort', { min: MIN_PASSWORD_LENGTH })
          : null,
    },
  });
  useDirtyGuard(form.isDirty());

  const submit = form.onSubmit(({ password }) => {
    update.mutate(
      { id: user.id, version: user.version, patch: { password } },
      {
        onSuccess: () => {
          notify.success(t('users.resetPassword.success', { name: user.name }));
          onDone();
        },
        onError: (error) => {
          showFormError(form, error, t, notify);
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate data-testid="reset-password-form">
      <Stack>
        <Text size="sm">{t('users.resetPassword.description', { name: user.name })}</Text>
        <PasswordInput
          label={t('users.resetPassword.password')}
          autoComplete="new-password"
          data-autofocus
          {...form.getInputProps('password')}
        />
        <FormActions
          onCancel={onDone}
          pending={update.isPending}
          submit={t('users.resetPassword.submit')}
          disableSubmit
        />
      </Stack>
    </form>
  );
}
