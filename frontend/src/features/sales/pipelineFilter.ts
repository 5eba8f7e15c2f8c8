/**
 * The pipeline, stage and status conditions of the deal and lead lists: which options the selects offer, how
 * choosing a pipeline affects the stage, and which conditions the board ignores.
 */
import {
  DEAL_STATUSES,
  LEAD_STATUSES,
  type DealStatus,
  type LeadStatus,
  type ListQuery,
  type Pipeline,
  type PipelineType,
} from '../../api';
import type { FilterState } from '../records/list/filterState';

export interface FilterOption {
  value: string;
  label: string;
}

/** The statuses a list of the record type can be filtered by. */
export function filterStatuses(recordType: PipelineType): readonly (DealStatus | LeadStatus)[] {
  return recordType === 'deal' ? DEAL_STATUSES : LEAD_STATUSES;
}

/**
 * The pipelines to pick from. A pipeline a stored filter names that no longer exists (deleted since the filter was
 * saved) is offered under unknownLabel, so that the select shows that a condition is set and it can be cleared.
 */
export function pipelineOptions(
  pipelines: readonly Pipeline[],
  pipelineId: string,
  unknownLabel: string,
): FilterOption[] {
  const options = pipelines.map((pipeline) => ({ value: pipeline.id, label: pipeline.name }));
  if (pipelineId !== '' && !pipelines.some((pipeline) => pipeline.id === pipelineId)) {
    options.push({ value: pipelineId, label: unknownLabel });
  }
  return options;
}

/**
 * The stages of the chosen pipeline in their order; none while no pipeline is chosen. A stage the filter names
 * that is not one of them is offered too: as "Pipeline › Stage" when it belongs to another pipeline (a filter from
 * the address bar, say), under unknownLabel when it no longer exists (removed since the filter was saved).
 */
export function stageOptions(
  pipelines: readonly Pipeline[],
  pipelineId: string,
  stageId: string,
  unknownLabel: string,
): FilterOption[] {
  const pipeline = pipelines.find((candidate) => candidate.id === pipelineId);
  const options = [...(pipeline?.stages ?? [])]
    .sort((a, b) => a.position - b.position)
    .map((stage) => ({ value: stage.id, label: stage.name }));
  if (stageId !== '' && !options.some((option) => option.value === stageId)) {
    const owner = pipelines.find((candidate) => candidate.stages.some((stage) => stage.id === stageId));
    const stage = owner?.stages.find((candidate) => candidate.id === stageId);
    options.push({ value: stageId, label: owner && stage ? `${owner.name} › ${stage.name}` : unknownLabel });
  }
  return options;
}

/** The filter after choosing a pipeline ("" for any): the stage stays only when it is one of the new pipeline's. */
export function choosePipeline(state: FilterState, pipelineId: string, pipelines: readonly Pipeline[]): FilterState {
  const pipeline = pipelines.find((candidate) => candidate.id === pipelineId);
  const keepStage = pipeline?.stages.some((stage) => stage.id === state.stageId) ?? false;
  return { ...state, pipelineId, stageId: keepStage ? state.stageId : '' };
}

/**
 * The filter of a board: a board shows the open records of one pipeline by stage, so the list's pipeline, stage
 * and status conditions do not apply to it (and do not count as its filters); nor do the list's closing dates
 * (closed in, expected to close in), which the board's panel does not show.
 */
export function boardFilter(query: ListQuery): ListQuery {
  return {
    ...query,
    pipelineId: '',
    stageId: '',
    status: '',
    closedFrom: '',
    closedTo: '',
    closeDateFrom: '',
    closeDateTo: '',
  };
}
