import { Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PipelineType } from '../../api';
import type { FilterState } from '../records/list/filterState';
import { usePipelines } from './hooks';
import { choosePipeline, filterStatuses, pipelineOptions, stageOptions } from './pipelineFilter';

/** The status, pipeline and stage conditions of the deal and lead lists; the stages are the chosen pipeline's. */
export function PipelineFilters({
  recordType,
  state,
  onChange,
}: {
  recordType: PipelineType;
  state: FilterState;
  onChange: (state: FilterState) => void;
}) {
  const { t } = useTranslation();
  const pipelines = usePipelines(recordType);
  const all = pipelines.data ?? [];
  const noPipeline = state.pipelineId === '';

  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" data-testid="pipeline-filters">
      <Select
        label={t('sales.filter.status')}
        placeholder={t('sales.filter.anyStatus')}
        data={filterStatuses(recordType).map((status) => ({ value: status, label: t(`sales.statuses.${status}`) }))}
        value={state.status === '' ? null : state.status}
        onChange={(value) => {
          onChange({ ...state, status: value ?? '' });
        }}
        clearable
      />
      <Select
        label={t('sales.filter.pipeline')}
        placeholder={t('sales.filter.anyPipeline')}
        data={pipelineOptions(all, state.pipelineId, t('sales.filter.unknownPipeline'))}
        value={noPipeline ? null : state.pipelineId}
        onChange={(value) => {
          onChange(choosePipeline(state, value ?? '', all));
        }}
        clearable
        searchable
        nothingFoundMessage={t('sales.filter.noPipelines')}
      />
      <Select
        label={t('sales.filter.stage')}
        placeholder={noPipeline ? t('sales.filter.choosePipelineFirst') : t('sales.filter.anyStage')}
        data={stageOptions(all, state.pipelineId, state.stageId, t('sales.filter.unknownStage'))}
        value={state.stageId === '' ? null : state.stageId}
        onChange={(value) => {
          onChange({ ...state, stageId: value ?? '' });
        }}
        // A stage belongs to one pipeline; without a pipeline there is nothing to pick (but a stored stage can be
        // cleared).
        disabled={noPipeline && state.stageId === ''}
        clearable
      />
    </SimpleGrid>
  );
}
