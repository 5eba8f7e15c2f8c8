import { Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { INVITATION_DAYS, type Role, type Unit } from '../../../api';
import { parseError } from '../../../api/errors';
import { FormActions } from '../../../components/FormActions';
import { FormDialog } from '../../../components/FormDialog';
import { useDirtyGuard } from '../../../components/dirtyGuard';
import { showFormError } from '../../../components/forms';
import { useNotify } from '../../../components/notify';
import { UnitSelect } from '../units/UnitSelect';
import { useInvite } from './invitations';

interface InviteValues {
  email: string;
  name: string;
  unitId: string | null;
  roleId: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Invites a colleague by e-mail into a unit and a role; the server mails the link. */
export function InviteModal({
  opened,
  onClose,
  units,
  roles,
}: {
  opened: boolean;
  onClose: () => void;
  units: readonly Unit[];
  roles: readonly Role[];
}) {
  const { t } = useTranslation();
  return (
    <FormDialog opened={opened} onClose={onClose} title={t('invite.title')} size="md">
      <InviteForm onDone={onClose} units={units} roles={roles} />
    </FormDialog>
  );
}

function InviteForm({ onDone, units, roles }: { onDone: () => void; units: readonly Unit[]; roles: readonly Role[] }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const invite = useInvite();
  const form = useForm<InviteValues>({
    mode: 'controlled',
    initialValues: { email: '', name: '', unitId: null, roleId: null },
    validate: {
      email: (value) => (EMAIL.test(value.trim()) ? null : t('invite.validation.emailInvalid')),
      name: (value) => (value.trim() === '' ? t('invite.validation.nameRequired') : null),
      unitId: (value) => (value ? null : t('invite.validation.unitRequired')),
      roleId: (value) => (value ? null : t('invite.validation.roleRequired')),
    },
  });
  useDirtyGuard(form.isDirty());

  const submit = form.onSubmit((values) => {
    const email = values.email.trim();
    invite.mutate(
      { email, name: values.name.trim(), unitId: values.unitId ?? '', roleId: values.roleId ?? '' },
      {
        onSuccess: () => {
          notify.success(t('invite.sent', { email }));
          form.resetDirty();
          onDone();
        },
        onError: (reason) => showFormError(form, parseError(reason), t, notify),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate data-testid="invite-form">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('invite.intro', { days: INVITATION_DAYS })}
        </Text>
        <TextInput label={t('invite.form.email')} type="email" data-autofocus {...form.getInputProps('email')} />
        <TextInput label={t('invite.form.name')} {...form.getInputProps('name')} />
        <UnitSelect label={t('invite.form.unit')} units={units} {...form.getInputProps('unitId')} />
        <Select
          label={t('invite.form.role')}
          placeholder={t('invite.form.select')}
          allowDeselect={false}
          data={roles.map((role) => ({ value: role.id, label: role.name }))}
          {...form.getInputProps('roleId')}
        />
        <FormActions
          onCancel={onDone}
          pending={invite.isPending}
          submit={t('invite.form.submit')}
          disableSubmit
          mt="sm"
        />
      </Stack>
    </form>
  );
}
