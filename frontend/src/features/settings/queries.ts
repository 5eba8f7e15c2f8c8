import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi } from '../../api';
import { meKey } from '../auth/session';

export const adminKeys = {
  users: ['admin', 'users'],
  units: ['admin', 'units'],
  roles: ['admin', 'roles'],
} as const;

export function useUsers() {
  return useQuery({ queryKey: adminKeys.users, queryFn: adminApi.listUsers });
}

export function useUnits() {
  return useQuery({ queryKey: adminKeys.units, queryFn: adminApi.listUnits });
}

export function useRoles() {
  return useQuery({ queryKey: adminKeys.roles, queryFn: adminApi.listRoles });
}

type ListKey = keyof typeof adminKeys;

/**
 * A change to users, units or roles. Afterwards (success or not) the affected lists reload: after a success to show
 * the server's record, after a conflict (412, 404, 409) to show what changed meanwhile. The signed-in user's own
 * record reloads too, as an admin may have changed their own name, unit or role.
 */
export function useAdminMutation<TVariables, TResult>(
  mutationFn: (variables: TVariables) => Promise<TResult>,
  lists: readonly ListKey[],
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        ...lists.map((list) => client.invalidateQueries({ queryKey: adminKeys[list] })),
        client.invalidateQueries({ queryKey: meKey }),
      ]),
  });
}
