import { Divider, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { RecordFormModal } from '../records/RecordFormModal';
import { useSaveRecord } from '../records/useSaveRecord';
import type { CustomField, Deal } from '../../api';

import { useFormatters } from '../../i18n/format';
import { useMe } from '../auth/session';
import { OrganizationSelect } from '../contacts/OrganizationSelect';
import { CustomFieldInputs } from '../records/CustomFieldInputs';
import { HiddenLinkField } from '../records/HiddenRecord';
import { numberSeparators } from '../records/customValues';
import { useCustomFields } from '../records/hooks';
import { DateField } from '../records/list/DateField';
import { OwnerSelect } from '../records/OwnerSelect';
import { dealCreate, dealPatch, dealValues, validateDeal, type DealDefaults, type DealValues } from './dealForm';
import { useCreateDeal, usePipelines, useUpdateDeal } from './hooks';
import { moneySeparators } from './money';
import { PersonSelect } from './PersonSelect';
import { PipelineStageFields } from './PipelineStageFields';
import { FormActions } from '../../components/FormActions';
import { EditConflictNotice } from '../live/EditConflictNotice';

interface DealFormModalProps {
  opened: boolean;
  onClose: () => void;
  deal?: Deal;
  /** Prefills of a new deal (the person or organisation it is created from). */
  defaults?: Partial<DealDefaults>;
  onSaved?: (deal: Deal) => void;
}

export function DealFormModal({ opened, onClose, deal, defaults, onSaved }: DealFormModalProps) {
  const { t } = useTranslation();
  const custom = useCustomFields('deal');
  const pipelines = usePipelines('deal');
  return (
    <RecordFormModal
      opened={opened}
      onClose={onClose}
      title={deal ? t('deals.form.editTitle') : t('deals.form.createTitle')}
      query={custom}
      also={[pipelines]}
      onSaved={onSaved}
    >
      {(onDone) => (
        <DealForm
          key={deal?.id ?? 'new'}
          deal={deal}
          fields={custom.fields}
          defaultPipeline={defaults?.pipelineId ?? pipelines.data?.[0]?.id ?? ''}
          defaultStage={
            defaults?.stageId ??
            pipelines.data?.find((p) => p.id === (defaults?.pipelineId ?? pipelines.data[0]?.id))?.stages[0]?.id ??
            ''
          }
          defaults={defaults}
          onDone={onDone}
        />
      )}
    </RecordFormModal>
  );
}

function DealForm({
  deal,
  fields,
  defaultPipeline,
  defaultStage,
  defaults,
  onDone,
}: {
  deal?: Deal;
  fields: readonly CustomField[];
  defaultPipeline: string;
  defaultStage: string;
  defaults?: Partial<DealDefaults>;
  onDone: (saved?: Deal) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const separators = numberSeparators(locale);
  const money = moneySeparators(locale);
  const me = useMe();
  const create = useCreateDeal();
  const update = useUpdateDeal();

  const valuesOf = (loaded: Deal | undefined) =>
    dealValues(
      loaded,
      fields,
      { ...defaults, ownerId: me.user.id, pipelineId: defaultPipeline, stageId: defaultStage },
      locale,
    );
  const form = useForm<DealValues>({
    mode: 'controlled',
    initialValues: valuesOf(deal),
    validate: (values) => validateDeal(values, fields, t, money, separators),
  });

  const { submit, pending, conflict } = useSaveRecord({
    recordType: 'deal',
    record: deal,
    form,
    toValues: valuesOf,
    create,
    update,
    toCreate: (values) => dealCreate(values, fields, money, separators),
    toPatch: (values, saved) => dealPatch(values, saved, fields, money, separators),
    created: (created) => t('deals.created', { name: created.title }),
    onDone,
  });
  const values = form.getValues();

  return (
    <form onSubmit={submit} noValidate data-testid="deal-form">
      <Stack gap="sm">
        <EditConflictNotice conflict={conflict} />
        <TextInput label={t('deals.form.title')} withAsterisk data-autofocus {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('deals.form.value')}
            placeholder="1.234,56"
            inputMode="decimal"
            {...form.getInputProps('value')}
          />
          <TextInput label={t('deals.form.currency')} maxLength={3} {...form.getInputProps('currency')} />
          <HiddenLinkField
            hidden={values.personHidden}
            label={t('deals.form.person')}
            onReplace={() => {
              form.setFieldValue('personHidden', false);
            }}
            error={form.errors.personId}
          >
            <PersonSelect
              label={t('deals.form.person')}
              value={values.personId}
              knownName={deal?.personName}
              onChange={(id) => {
                form.setFieldValue('personId', id);
                form.clearFieldError('organizationId');
                form.clearFieldError('personId');
              }}
              error={form.errors.personId}
            />
          </HiddenLinkField>
          <HiddenLinkField
            hidden={values.organizationHidden}
            label={t('deals.form.organization')}
            onReplace={() => {
              form.setFieldValue('organizationHidden', false);
            }}
            error={form.errors.organizationId}
          >
            <OrganizationSelect
              label={t('deals.form.organization')}
              value={values.organizationId}
              onChange={(id) => {
                form.setFieldValue('organizationId', id);
                form.clearFieldError('organizationId');
                form.clearFieldError('personId');
              }}
              error={form.errors.organizationId}
            />
          </HiddenLinkField>
          <PipelineStageFields
            recordType="deal"
            pipelineId={values.pipelineId}
            stageId={values.stageId}
            onChange={(pipelineId, stageId) => {
              form.setValues({ pipelineId, stageId });
            }}
            pipelineError={form.errors.pipelineId}
            stageError={form.errors.stageId}
          />
          <OwnerSelect label={t('records.fields.owner')} {...form.getInputProps('ownerId')} />
          <DateField
            label={t('deals.form.expectedCloseDate')}
            value={values.expectedCloseDate}
            onChange={(value) => {
              form.setFieldValue('expectedCloseDate', value);
            }}
            error={form.errors.expectedCloseDate}
          />
        </SimpleGrid>
        {fields.length > 0 && <CustomFieldInputs fields={fields} form={form} />}
        <Divider mt="sm" />
        <FormActions onCancel={onDone} pending={pending} creating={!deal} />
      </Stack>
    </form>
  );
}
