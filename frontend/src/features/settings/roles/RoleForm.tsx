import { Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Grant } from '../../../api';
import { grantsFromMatrix, matrixFromGrants, type GrantCell, type GrantMatrix } from '../../access/grants';
import { showFormError } from '../../../components/forms';
import { useNotify } from '../../../components/notify';
import { GrantMatrixEditor } from './GrantMatrixEditor';
import { FormActions } from '../../../components/FormActions';

export interface RoleFormValues {
  name: string;
  isAdmin: boolean;
  grants: GrantCell[];
}

interface FormState {
  name: string;
  isAdmin: boolean;
  matrix: GrantMatrix;
}

export function RoleForm({
  initial,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
}: {
  initial?: { name: string; isAdmin: boolean; grants: readonly Grant[] };
  submitLabel: string;
  pending: boolean;
  /** Saves the role; a rejection's field errors are shown next to the fields, the input stays. */
  onSubmit: (values: RoleFormValues) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const form = useForm<FormState>({
    mode: 'controlled',
    initialValues: {
      name: initial?.name ?? '',
      isAdmin: initial?.isAdmin ?? false,
      matrix: matrixFromGrants(initial?.grants ?? []),
    },
    validate: {
      name: (value) => (value.trim() === '' ? t('roles.validation.nameRequired') : null),
    },
  });

  const submit = form.onSubmit((values) => {
    onSubmit({ name: values.name.trim(), isAdmin: values.isAdmin, grants: grantsFromMatrix(values.matrix) }).catch(
      (error: unknown) => {
        showFormError(form, error, t, notify);
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate data-testid="role-form">
      <Stack>
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
