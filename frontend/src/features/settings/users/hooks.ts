import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

/** A user's second factor and recorded security events (admins). */
export function useUserTwoFactor(id: string) {
  return useQuery({ queryKey: ['users', id, 'twoFactor'], queryFn: () => adminApi.userTwoFactor(id) });
}

/** Resets a user's second factor, or signs them out everywhere; both are recorded. */
export function useUserSecurityAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: 'reset' | 'signOut') =>
      action === 'reset' ? adminApi.resetTwoFactor(id) : adminApi.endUserSessions(id),
    onSettled: () => client.invalidateQueries({ queryKey: ['users', id, 'twoFactor'] }),
  });
}
