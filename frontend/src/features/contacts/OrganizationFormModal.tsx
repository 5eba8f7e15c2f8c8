import { Divider, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { FormSection } from './FormSection';
import { RecordFormModal } from '../records/RecordFormModal';
import { useSaveRecord } from '../records/useSaveRecord';
import type { CustomField, Organization } from '../../api';

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
import { EditConflictNotice } from '../live/EditConflictNotice';

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
    <RecordFormModal
      opened={opened}
      onClose={onClose}
      title={organization ? t('organizations.form.editTitle') : t('organizations.form.createTitle')}
      query={custom}
      onSaved={onSaved}
    >
      {(onDone) => (
        <OrganizationForm
          key={organization?.id ?? 'new'}
          organization={organization}
          fields={custom.fields}
          onDone={onDone}
        />
      )}
    </RecordFormModal>
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
  const me = useMe();
  const create = useCreateOrganization();
  const update = useUpdateOrganization();

  const valuesOf = (loaded: Organization | undefined) => organizationValues(loaded, fields, { ownerId: me.user.id });
  const form = useForm<OrganizationValues>({
    mode: 'controlled',
    initialValues: valuesOf(organization),
    validate: (values) => validateOrganization(values, fields, t, { separators }),
  });

  const { submit, pending, conflict } = useSaveRecord({
    recordType: 'organization',
    record: organization,
    form,
    toValues: valuesOf,
    create,
    update,
    toCreate: (values) => organizationCreate(values, fields, separators),
    toPatch: (values, saved) => organizationPatch(values, saved, fields, separators),
    created: (created) => t('organizations.created', { name: created.name }),
    onDone,
  });

  return (
    <form onSubmit={submit} noValidate data-testid="organization-form">
      <Stack gap="sm">
        <EditConflictNotice conflict={conflict} />
        <FormSection title={t('organizations.form.sections.company')} />
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

        <FormSection title={t('organizations.form.sections.address')} />
        <AddressFields form={form} />

        <FormSection title={t('organizations.form.sections.assignment')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <OwnerSelect label={t('records.fields.owner')} {...form.getInputProps('ownerId')} />
        </SimpleGrid>

        {fields.length > 0 && (
          <>
            <FormSection title={t('records.custom.title')} />
            <CustomFieldInputs fields={fields} form={form} />
          </>
        )}

        <Divider mt="sm" />
        <FormActions onCancel={onDone} pending={pending} creating={!organization} />
      </Stack>
    </form>
  );
}
