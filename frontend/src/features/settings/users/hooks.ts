import { adminApi, type UserCreate, type UserPatch } from '../../../api';
import { useAdminMutation } from '../queries';

export interface UserUpdate {
  id: string;
  version: number;
  patch: UserPatch;
}

export function useCreateUser() {
  return useAdminMutation((input: UserCreate) => adminApi.createUser(input), ['users']);
}

export function useUpdateUser() {
  return useAdminMutation(({ id, version, patch }: UserUpdate) => adminApi.updateUser(id, version, patch), ['users']);
}
