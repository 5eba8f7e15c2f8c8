import { NumberInput, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OwnerSelect } from '../../records/OwnerSelect';
import { usePipelines } from '../../sales/hooks';
import type { SourceFormState } from './sourceForm';

/** Name, active, pipeline and stage, fallback owner and rate limit of a lead source. */
export function SourceFields({
  state,
  onChange,
  errors,
}: {
  state: SourceFormState;
  onChange: (state: SourceFormState) => void;
  errors: Readonly<Record<string, string | undefined>>;
}) {
  const { t } = useTranslation();
  const pipelines = usePipelines('lead');
  const pipeline = pipelines.data?.find((candidate) => candidate.id === state.pipelineId);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput
        label={t('intake.form.name')}
        withAsterisk
        value={state.name}
        onChange={(event) => {
          onChange({ ...state, name: event.currentTarget.value });
        }}
        error={errors.name}
        data-autofocus
      />
      <Switch
        label={t('intake.form.active')}
        checked={state.active}
        onChange={(event) => {
          onChange({ ...state, active: event.currentTarget.checked });
        }}
        mt={{ base: 0, sm: 30 }}
      />
      <Select
        label={t('intake.form.pipeline')}
        withAsterisk
        data={(pipelines.data ?? []).map((candidate) => ({ value: candidate.id, label: candidate.name }))}
        value={state.pipelineId === '' ? null : state.pipelineId}
        onChange={(value) => {
          onChange({ ...state, pipelineId: value ?? '', stageId: '' });
        }}
        allowDeselect={false}
        error={errors.pipelineId}
      />
      <Select
        label={t('intake.form.stage')}
        placeholder={t('intake.form.stageDefault')}
        data={(pipeline?.stages ?? []).map((stage) => ({ value: stage.id, label: stage.name }))}
        value={state.stageId === '' ? null : state.stageId}
        onChange={(value) => {
          onChange({ ...state, stageId: value ?? '' });
        }}
        clearable
        error={errors.stageId}
      />
      <OwnerSelect
        label={t('intake.form.fallbackOwner')}
        withAsterisk
        value={state.fallbackOwnerId === '' ? null : state.fallbackOwnerId}
        onChange={(value) => {
          onChange({ ...state, fallbackOwnerId: value ?? '' });
        }}
        error={errors.fallbackOwnerId}
      />
      <NumberInput
        label={t('intake.form.rateLimit')}
        description={t('intake.form.rateLimitHint')}
        min={0}
        allowDecimal={false}
        value={state.rateLimit}
        onChange={(value) => {
          onChange({ ...state, rateLimit: typeof value === 'number' ? value : '' });
        }}
        error={errors.rateLimit}
      />
    </SimpleGrid>
  );
}
