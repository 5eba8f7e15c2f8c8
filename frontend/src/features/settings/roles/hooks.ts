import { adminApi, type RoleCreate, type RolePatch } from '../../../api';
import { useAdminMutation } from '../queries';

export function useCreateRole() {
  return useAdminMutation((input: RoleCreate) => adminApi.createRole(input), ['roles']);
}

export function useUpdateRole() {
  return useAdminMutation(
    ({ id, version, patch }: { id: string; version: number; patch: RolePatch }) =>
      adminApi.updateRole(id, version, patch),
    ['roles'],
  );
}

export function useDeleteRole() {
  return useAdminMutation(
    ({ id, version }: { id: string; version: number }) => adminApi.deleteRole(id, version),
    ['roles', 'users'],
  );
}
