import { useMutation, useQueryClient } from '@tanstack/react-query';
import { activityAdminApi, type ActivityTypeCreate, type ActivityTypePatch } from '../../../api';
import { activityKeys, invalidateActivities } from '../../activities/hooks';

/** A change to the types reloads them, and the activities that show their names, colours and icons. */
function useTypeInvalidation() {
  const client = useQueryClient();
  return () =>
    Promise.all([client.invalidateQueries({ queryKey: activityKeys.allTypes }), invalidateActivities(client)]);
}

export function useCreateActivityType() {
  const invalidate = useTypeInvalidation();
  return useMutation({
    mutationFn: (input: ActivityTypeCreate) => activityAdminApi.createType(input),
    onSettled: invalidate,
  });
}

export function useUpdateActivityType() {
  const invalidate = useTypeInvalidation();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: string; version: number; patch: ActivityTypePatch }) =>
      activityAdminApi.updateType(id, version, patch),
    onSettled: invalidate,
  });
}

export function useDeleteActivityType() {
  const invalidate = useTypeInvalidation();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => activityAdminApi.deleteType(id, version),
    onSettled: invalidate,
  });
}
