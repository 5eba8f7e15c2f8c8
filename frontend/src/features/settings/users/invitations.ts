import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi, type InvitationCreate } from '../../../api';
import { checklistKey } from '../../start/checklist';

export const invitationsKey = ['admin', 'invitations'] as const;

export function useInvitations() {
  return useQuery({ queryKey: invitationsKey, queryFn: adminApi.listInvitations });
}

/** A change to the invitations: the list reloads afterwards (success or not), and so does the first-run checklist. */
function useInvitationMutation<TVariables, TResult>(mutationFn: (variables: TVariables) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: invitationsKey }),
        client.invalidateQueries({ queryKey: checklistKey }),
      ]),
  });
}

export function useInvite() {
  return useInvitationMutation((input: InvitationCreate) => adminApi.invite(input));
}

export function useResendInvitation() {
  return useInvitationMutation((id: string) => adminApi.resendInvitation(id));
}

export function useRevokeInvitation() {
  return useInvitationMutation((id: string) => adminApi.revokeInvitation(id));
}
