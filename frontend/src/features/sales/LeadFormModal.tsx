import { Divider, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { RecordFormModal } from '../records/RecordFormModal';
import { useSaveRecord } from '../records/useSaveRecord';
import type { CustomField, Lead } from '../../api';

import { useFormatters } from '../../i18n/format';
import { useMe } from '../auth/session';
import { AddressFields } from '../contacts/AddressFields';
import { CustomFieldInputs } from '../records/CustomFieldInputs';
import { numberSeparators } from '../records/customValues';
import { useCustomFields } from '../records/hooks';
import { OwnerSelect } from '../records/OwnerSelect';
import { useCreateLead, usePipelines, useUpdateLead } from './hooks';
import { leadCreate, leadPatch, leadValues, validateLead, type LeadValues } from './leadForm';
import { PipelineStageFields } from './PipelineStageFields';
import { FormActions } from '../../components/FormActions';
import { EditConflictNotice } from '../live/EditConflictNotice';

export function LeadFormModal({
  opened,
  onClose,
  lead,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  lead?: Lead;
  onSaved?: (lead: Lead) => void;
}) {
  const { t } = useTranslation();
  const custom = useCustomFields('lead');
  const pipelines = usePipelines('lead');
  const first = pipelines.data?.[0];
  return (
    <RecordFormModal
      opened={opened}
      onClose={onClose}
      title={lead ? t('leads.form.editTitle') : t('leads.form.createTitle')}
      query={custom}
      also={[pipelines]}
      onSaved={onSaved}
    >
      {(onDone) => (
        <LeadForm
          key={lead?.id ?? 'new'}
          lead={lead}
          fields={custom.fields}
          defaultPipeline={first?.id ?? ''}
          defaultStage={first?.stages[0]?.id ?? ''}
          onDone={onDone}
        />
      )}
    </RecordFormModal>
  );
}

function LeadForm({
  lead,
  fields,
  defaultPipeline,
  defaultStage,
  onDone,
}: {
  lead?: Lead;
  fields: readonly CustomField[];
  defaultPipeline: string;
  defaultStage: string;
  onDone: (saved?: Lead) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const separators = numberSeparators(locale);
  const me = useMe();
  const create = useCreateLead();
  const update = useUpdateLead();

  const valuesOf = (loaded: Lead | undefined) =>
    leadValues(loaded, fields, { ownerId: me.user.id, pipelineId: defaultPipeline, stageId: defaultStage });
  const form = useForm<LeadValues>({
    mode: 'controlled',
    initialValues: valuesOf(lead),
    validate: (values) => validateLead(values, fields, t, separators),
  });

  const { submit, pending, conflict } = useSaveRecord({
    recordType: 'lead',
    record: lead,
    form,
    toValues: valuesOf,
    create,
    update,
    toCreate: (values) => leadCreate(values, fields, separators),
    toPatch: (values, saved) => leadPatch(values, saved, fields, separators),
    created: (created) => t('leads.created', { name: created.title }),
    onDone,
  });
  const values = form.getValues();

  return (
    <form onSubmit={submit} noValidate data-testid="lead-form">
      <Stack gap="sm">
        <EditConflictNotice conflict={conflict} />
        <TextInput label={t('leads.form.title')} withAsterisk data-autofocus {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('leads.form.personName')} {...form.getInputProps('personName')} />
          <TextInput label={t('leads.form.company')} {...form.getInputProps('company')} />
          <TextInput label={t('leads.form.email')} type="email" {...form.getInputProps('email')} />
          <TextInput label={t('leads.form.phone')} type="tel" {...form.getInputProps('phone')} />
        </SimpleGrid>
        <AddressFields form={form} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('leads.form.source')} {...form.getInputProps('source')} />
          <OwnerSelect label={t('records.fields.owner')} {...form.getInputProps('ownerId')} />
          <PipelineStageFields
            recordType="lead"
            pipelineId={values.pipelineId}
            stageId={values.stageId}
            onChange={(pipelineId, stageId) => {
              form.setValues({ pipelineId, stageId });
            }}
            pipelineError={form.errors.pipelineId}
            stageError={form.errors.stageId}
          />
        </SimpleGrid>
        {fields.length > 0 && <CustomFieldInputs fields={fields} form={form} />}
        <Divider mt="sm" />
        <FormActions onCancel={onDone} pending={pending} creating={!lead} />
      </Stack>
    </form>
  );
}
