import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PipelineType } from '../../api';
import { usePipelines } from './hooks';

/** Pipeline and stage selects; changing the pipeline picks its first stage. */
export function PipelineStageFields({
  recordType,
  pipelineId,
  stageId,
  onChange,
  pipelineError,
  stageError,
}: {
  recordType: PipelineType;
  pipelineId: string;
  stageId: string;
  onChange: (pipelineId: string, stageId: string) => void;
  pipelineError?: React.ReactNode;
  stageError?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const pipelines = usePipelines(recordType);
  const pipeline = pipelines.data?.find((candidate) => candidate.id === pipelineId);
  return (
    <>
      <Select
        label={t('sales.fields.pipeline')}
        withAsterisk
        data={(pipelines.data ?? []).map((candidate) => ({ value: candidate.id, label: candidate.name }))}
        value={pipelineId === '' ? null : pipelineId}
        onChange={(value) => {
          const next = pipelines.data?.find((candidate) => candidate.id === value);
          onChange(value ?? '', next?.stages[0]?.id ?? '');
        }}
        allowDeselect={false}
        error={pipelineError}
      />
      <Select
        label={t('sales.fields.stage')}
        data={(pipeline?.stages ?? []).map((stage) => ({ value: stage.id, label: stage.name }))}
        value={stageId === '' ? null : stageId}
        onChange={(value) => {
          onChange(pipelineId, value ?? '');
        }}
        allowDeselect={false}
        error={stageError}
      />
    </>
  );
}
