import { Center, Divider, Loader, Modal, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { CustomField, Organization } from '../../api';
import { focusFirstError, showFormError } from '../../components/forms';
import { useNotify } from '../../components/notify';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { useMe } from '../auth/session';
import { CustomFieldInputs } from '../records/CustomFieldInputs';
import { numberSeparators } from '../records/customValues';
import { useCustomFields } from '../records/hooks';
import { OwnerSelect } from '../records/OwnerSelect';
import { AddressFields } from './AddressFields';
import { useCreateOrganization, useUpdateOrganization } from './hooks';
import {
  organizationCreate,
  organizationPatch,
  organizationValues,
  validateOrganization,
  type OrganizationValues,
} from './organizationForm';
import { FormActions } from '../../components/FormActions';

interface OrganizationFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The organisation to edit, as currently loaded; absent to create one. */
  organization?: Organization;
  onSaved?: (organization: Organization) => void;
}

export function OrganizationFormModal({ opened, onClose, organization, onSaved }: OrganizationFormModalProps) {
  const { t } = useTranslation();
  const custom = useCustomFields('organization');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={organization ? t('organizations.form.editTitle') : t('organizations.form.createTitle')}
      size="xl"
    >
      {custom.isError ? (
        <QueryError error={custom.error} onRetry={() => void custom.refetch()} />
      ) : custom.isPending ? (
        <Center p="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : (
        <OrganizationForm
          key={organization?.id ?? 'new'}
          organization={organization}
          fields={custom.fields}
          onDone={(saved) => {
            onClose();
            if (saved) onSaved?.(saved);
          }}
        />
      )}
    </Modal>
  );
}

function Section({ title }: { title: string }) {
  return (
    <Title order={4} size="h6" c="dimmed" tt="uppercase" mt="xs">
      {title}
    </Title>
  );
}

function OrganizationForm({
  organization,
  fields,
  onDone,
}: {
  organization?: Organization;
  fields: readonly CustomField[];
  onDone: (saved?: Organization) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const separators = numberSeparators(locale);
  const notify = useNotify();
  const me = useMe();
  const create = useCreateOrganization();
  const update = useUpdateOrganization();

  const form = useForm<OrganizationValues>({
    mode: 'controlled',
    initialValues: organizationValues(organization, fields, { ownerId: me.user.id }),
    validate: (values) => validateOrganization(values, fields, t, { separators }),
  });

  const onError = (reason: unknown) => {
    showFormError(form, reason, t, notify);
  };

  const submit = form.onSubmit((values) => {
    if (!organization) {
      create.mutate(organizationCreate(values, fields, separators), {
        onSuccess: (created) => {
          notify.success(t('organizations.created', { name: created.name }));
          onDone(created);
        },
        onError,
      });
      return;
    }
    const patch = organizationPatch(values, organization, fields, separators);
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { id: organization.id, version: organization.version, patch },
      {
        onSuccess: (saved) => {
          notify.success(t('common.saved'));
          onDone(saved);
        },
        onError,
      },
    );
  }, focusFirstError);

  const pending = create.isPending || update.isPending;

  return (
    <form onSubmit={submit} noValidate data-testid="organization-form">
      <Stack gap="sm">
        <Section title={t('organizations.form.sections.company')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('organizations.form.name')}
            withAsterisk
            data-autofocus
            {...form.getInputProps('name')}
            style={{ gridColumn: '1 / -1' }}
          />
          <TextInput label={t('organizations.form.industry')} {...form.getInputProps('industry')} />
          <TextInput
            label={t('organizations.form.website')}
            placeholder="https://"
            {...form.getInputProps('website')}
          />
          <TextInput label={t('organizations.form.phone')} type="tel" {...form.getInputProps('phone')} />
          <TextInput label={t('organizations.form.email')} type="email" {...form.getInputProps('email')} />
        </SimpleGrid>

        <Section title={t('organizations.form.sections.address')} />
        <AddressFields form={form} />

        <Section title={t('organizations.form.sections.assignment')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <OwnerSelect label={t('records.fields.owner')} {...form.getInputProps('ownerId')} />
        </SimpleGrid>

        {fields.length > 0 && (
          <>
            <Section title={t('records.custom.title')} />
            <CustomFieldInputs fields={fields} form={form} />
          </>
        )}

        <Divider mt="sm" />
        <FormActions onCancel={onDone} pending={pending} creating={!organization} />
      </Stack>
    </form>
  );
}
