import { adminApi, type UnitCreate, type UnitPatch } from '../../../api';
import { useAdminMutation } from '../queries';

export function useCreateUnit() {
  return useAdminMutation((input: UnitCreate) => adminApi.createUnit(input), ['units']);
}

export function useUpdateUnit() {
  return useAdminMutation(
    ({ id, version, patch }: { id: string; version: number; patch: UnitPatch }) =>
      adminApi.updateUnit(id, version, patch),
    ['units'],
  );
}

export function useDeleteUnit() {
  return useAdminMutation(
    ({ id, version }: { id: string; version: number }) => adminApi.deleteUnit(id, version),
    ['units', 'users'],
  );
}
