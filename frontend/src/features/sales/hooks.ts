import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  parseError,
  salesApi,
  type Board,
  type BoardQuery,
  type DealCreate,
  type DealPatch,
  type LeadConvert,
  type LeadCreate,
  type LeadPatch,
  type ListQuery,
  type PipelineType,
} from '../../api';
import { useNotify } from '../../components/notify';
import { invalidateRecord, recordKeys } from '../records/keys';
import { moveCard, type Card } from './boardModel';

export const salesKeys = {
  pipelines: (recordType: PipelineType) => ['pipelines', recordType] as const,
  allPipelines: ['pipelines'] as const,
  lostReasons: (recordType: PipelineType, archived: boolean) => ['lostReasons', recordType, archived] as const,
  lostReasonsOf: (recordType: PipelineType) => ['lostReasons', recordType] as const,
  allLostReasons: ['lostReasons'] as const,
  board: (recordType: PipelineType, pipelineId: string, filter: ListQuery, stageLimits: StageLimits = NO_LIMITS) =>
    [recordType, 'board', pipelineId, filter, stageLimits] as const,
  mapping: ['leadMapping'] as const,
};

export function usePipelines(recordType: PipelineType) {
  return useQuery({
    queryKey: salesKeys.pipelines(recordType),
    queryFn: () => salesApi.listPipelines(recordType),
    staleTime: 60_000,
  });
}

/** The names of the record type's pipelines by ID (for lists, whose records carry only the pipeline's ID). */
export function usePipelineNames(recordType: PipelineType): ReadonlyMap<string, string> {
  const pipelines = usePipelines(recordType);
  return useMemo(
    () => new Map((pipelines.data ?? []).map((pipeline) => [pipeline.id, pipeline.name])),
    [pipelines.data],
  );
}

export function useLostReasons(recordType: PipelineType, includeArchived = false) {
  return useQuery({
    queryKey: salesKeys.lostReasons(recordType, includeArchived),
    queryFn: () => salesApi.listLostReasons(recordType, includeArchived),
    staleTime: 60_000,
  });
}

/**
 * The cards a board column shows at first (about what fits on a screen), how many more each "Weitere laden" adds,
 * and the most a column shows (the server's limit; beyond it the list is the place).
 */
export const BOARD_CARDS = { first: 15, more: 30, max: 200 } as const;

/** More cards for some columns: stage ID to cards, as the board query takes them. */
export type StageLimits = Record<string, number>;

const NO_LIMITS: StageLimits = {};

/**
 * The columns' "Weitere laden": the cards asked for per stage, and more(stageId, shown) to ask for the next ones.
 * Forgotten when the pipeline or the filter changes (the columns then start over).
 */
export function useStageLimits(pipelineId: string, filter: ListQuery) {
  const key = JSON.stringify([pipelineId, filter]);
  const [asked, setAsked] = useState<{ key: string; limits: StageLimits }>({ key, limits: NO_LIMITS });
  const limits = asked.key === key ? asked.limits : NO_LIMITS;
  const more = (stageId: string, shown: number) => {
    setAsked({ key, limits: { ...limits, [stageId]: Math.min(shown + BOARD_CARDS.more, BOARD_CARDS.max) } });
  };
  return { limits, more };
}

export function useBoard(
  recordType: PipelineType,
  pipelineId: string,
  filter: ListQuery,
  enabled: boolean,
  stageLimits: StageLimits = NO_LIMITS,
) {
  return useQuery({
    queryKey: salesKeys.board(recordType, pipelineId, filter, stageLimits),
    queryFn: () => {
      const query: BoardQuery = { pipelineId, filter, cardsPerStage: BOARD_CARDS.first, stageLimits };
      return recordType === 'deal' ? salesApi.dealBoard(query) : salesApi.leadBoard(query);
    },
    enabled: enabled && pipelineId !== '',
    // "Weitere laden" asks again with a larger limit: the board stays while the longer one comes.
    placeholderData: keepPreviousData,
  });
}

/**
 * Moves a card on the cached board before the server answers and hands back how to undo it: the board as it was.
 */
export async function applyOptimisticMove(
  client: QueryClient,
  boardKey: readonly unknown[],
  recordType: PipelineType,
  cardId: string,
  toStageId: string,
): Promise<() => void> {
  await client.cancelQueries({ queryKey: boardKey });
  const previous = client.getQueryData<Board>(boardKey);
  if (previous) {
    client.setQueryData<Board>(boardKey, moveCard(previous, recordType, cardId, toStageId));
  }
  return () => {
    client.setQueryData<Board>(boardKey, previous);
  };
}

interface MoveVariables {
  card: Card;
  toStageId: string;
}

/** Moves a card to another stage: at once on the board, undone when the server refuses. */
export function useMoveCard(recordType: PipelineType, boardKey: readonly unknown[]) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: ({ card, toStageId }: MoveVariables): Promise<Card> =>
      recordType === 'deal'
        ? salesApi.updateDeal(card.id, card.version, { stageId: toStageId })
        : salesApi.updateLead(card.id, card.version, { stageId: toStageId }),
    onMutate: async ({ card, toStageId }) => ({
      rollback: await applyOptimisticMove(client, boardKey, recordType, card.id, toStageId),
    }),
    onError: (error, _variables, context) => {
      context?.rollback();
      const parsed = parseError(error);
      notify.error(parsed, parsed.status === 412 ? t('sales.board.moveConflict') : undefined);
    },
    onSettled: (_data, _error, { card }) => invalidateRecord(client, recordType, card.id, related(recordType)),
  });
}

function related(recordType: PipelineType) {
  return recordType === 'deal' ? (['person', 'organization'] as const) : ([] as const);
}

export function useDeal(id: string) {
  return useQuery({ queryKey: recordKeys.detail('deal', id), queryFn: () => salesApi.getDeal(id) });
}

export function useLead(id: string) {
  return useQuery({ queryKey: recordKeys.detail('lead', id), queryFn: () => salesApi.getLead(id) });
}

export function usePersonDeals(personId: string) {
  return useQuery({
    queryKey: recordKeys.related('person', personId, 'deals'),
    queryFn: () => salesApi.personDeals(personId),
    enabled: personId !== '',
  });
}

export function useOrganizationDeals(organizationId: string) {
  return useQuery({
    queryKey: recordKeys.related('organization', organizationId, 'deals'),
    queryFn: () => salesApi.organizationDeals(organizationId),
    enabled: organizationId !== '',
  });
}

export function useCreateDeal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: DealCreate) => salesApi.createDeal(input),
    onSettled: (deal) => invalidateRecord(client, 'deal', deal?.id, related('deal')),
  });
}

export function useUpdateDeal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: string; version: number; patch: DealPatch }) =>
      salesApi.updateDeal(id, version, patch),
    onSettled: (_deal, _error, { id }) => invalidateRecord(client, 'deal', id, related('deal')),
  });
}

export function useCreateLead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LeadCreate) => salesApi.createLead(input),
    onSettled: (lead) => invalidateRecord(client, 'lead', lead?.id),
  });
}

export function useUpdateLead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: string; version: number; patch: LeadPatch }) =>
      salesApi.updateLead(id, version, patch),
    onSettled: (_lead, _error, { id }) => invalidateRecord(client, 'lead', id),
  });
}

export function useLeadMatches(id: string, enabled: boolean) {
  return useQuery({
    queryKey: recordKeys.related('lead', id, 'matches'),
    queryFn: () => salesApi.leadMatches(id),
    enabled,
  });
}

export function useConvertLead(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LeadConvert) => salesApi.convertLead(id, input),
    onSettled: () => invalidateRecord(client, 'lead', id, ['person', 'organization', 'deal']),
  });
}

export function useLeadMapping() {
  return useQuery({ queryKey: salesKeys.mapping, queryFn: () => salesApi.leadMapping() });
}
