import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  salesAdminApi,
  type FieldMapping,
  type LostReasonCreate,
  type LostReasonPatch,
  type PipelineCreate,
  type PipelinePatch,
  type PipelineType,
} from '../../../api';
import { recordKeys } from '../../records/keys';
import { salesKeys } from '../../sales/hooks';

/** Pipeline changes reload the pipelines and everything of the type (boards, records in moved stages). */
function usePipelineInvalidation(recordType: PipelineType) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: salesKeys.pipelines(recordType) }),
      client.invalidateQueries({ queryKey: recordKeys.all(recordType) }),
    ]);
}

export function useCreatePipeline(recordType: PipelineType) {
  const invalidate = usePipelineInvalidation(recordType);
  return useMutation({
    mutationFn: (input: PipelineCreate) => salesAdminApi.createPipeline(input),
    onSettled: invalidate,
  });
}

export function useUpdatePipeline(recordType: PipelineType) {
  const invalidate = usePipelineInvalidation(recordType);
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: string; version: number; patch: PipelinePatch }) =>
      salesAdminApi.updatePipeline(id, version, patch),
    onSettled: invalidate,
  });
}

export function useDeletePipeline(recordType: PipelineType) {
  const invalidate = usePipelineInvalidation(recordType);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => salesAdminApi.deletePipeline(id, version),
    onSettled: invalidate,
  });
}

function useReasonInvalidation(recordType: PipelineType) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: salesKeys.lostReasonsOf(recordType) });
}

export function useCreateLostReason(recordType: PipelineType) {
  const invalidate = useReasonInvalidation(recordType);
  return useMutation({
    mutationFn: (input: LostReasonCreate) => salesAdminApi.createLostReason(input),
    onSettled: invalidate,
  });
}

export function useUpdateLostReason(recordType: PipelineType) {
  const invalidate = useReasonInvalidation(recordType);
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: string; version: number; patch: LostReasonPatch }) =>
      salesAdminApi.updateLostReason(id, version, patch),
    onSettled: invalidate,
  });
}

export function useDeleteLostReason(recordType: PipelineType) {
  const invalidate = useReasonInvalidation(recordType);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => salesAdminApi.deleteLostReason(id, version),
    onSettled: invalidate,
  });
}

export function useSetLeadMapping() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (items: FieldMapping[]) => salesAdminApi.setLeadMapping(items),
    onSuccess: (items) => {
      client.setQueryData(salesKeys.mapping, items);
    },
  });
}
