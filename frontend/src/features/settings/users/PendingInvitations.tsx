import { Badge, Table, Text, Title } from '@mantine/core';
import { IconMailForward, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ActionsMenu } from '../../../components/ActionsMenu';
import type { Invitation } from '../../../api';
import { ListTable } from '../../../components/ListTable';
import { useNotify } from '../../../components/notify';
import { useConfirmDelete } from '../../../components/useConfirmDelete';
import { useFormatters } from '../../../i18n/format';
import { useInvitations, useResendInvitation, useRevokeInvitation } from './invitations';

/** The open invitations (sent, valid until, by whom) with Resend and Withdraw; nothing while there are none. */
export function PendingInvitations({
  unitNames,
  roleNames,
}: {
  unitNames: ReadonlyMap<string, string>;
  roleNames: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const notify = useNotify();
  const askConfirm = useConfirmDelete();
  const invitations = useInvitations();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const items = invitations.data ?? [];
  if (items.length === 0) return null;

  const confirmRevoke = (invitation: Invitation) =>
    askConfirm({
      title: t('invite.revoke.title'),
      body: t('invite.revoke.body', { email: invitation.email }),
      confirm: t('invite.revoke.confirm'),
      remove: () => revoke.mutateAsync(invitation.id),
      deleted: t('invite.revoke.success', { email: invitation.email }),
    });
  const doResend = (invitation: Invitation) =>
    resend.mutate(invitation.id, {
      onSuccess: () => notify.success(t('invite.pending.resent', { email: invitation.email })),
      onError: (reason) => notify.error(reason),
    });

  return (
    <>
      <Title order={2} size="h4" mt="md">
        {t('invite.pending.title')}
      </Title>
      <ListTable
        testId="invitations-table"
        columns={[
          { label: t('invite.pending.columns.email') },
          { label: t('invite.pending.columns.name') },
          { label: t('invite.pending.columns.role') },
          { label: t('invite.pending.columns.invitedBy') },
          { label: t('invite.pending.columns.sent') },
          { label: t('invite.pending.columns.expires') },
          { actions: true, w: 56 },
        ]}
        isEmpty={false}
        empty=""
        minWidth={820}
      >
        {items.map((invitation) => (
          <Table.Tr key={invitation.id} data-testid="invitation-row" data-email={invitation.email}>
            <Table.Td fw={500}>{invitation.email}</Table.Td>
            <Table.Td>{invitation.name}</Table.Td>
            <Table.Td>
              {unitNames.get(invitation.unitId) ?? t('common.unknown')} /{' '}
              {roleNames.get(invitation.roleId) ?? t('common.unknown')}
            </Table.Td>
            <Table.Td>{invitation.invitedBy === '' ? t('invite.pending.operator') : invitation.invitedByName}</Table.Td>
            <Table.Td>{dateTime(invitation.sentAt)}</Table.Td>
            <Table.Td>
              {invitation.expired ? (
                <Badge color="orange" variant="light">
                  {t('invite.pending.expired')}
                </Badge>
              ) : (
                <Text size="sm">{dateTime(invitation.expiresAt)}</Text>
              )}
            </Table.Td>
            <Table.Td>
              <ActionsMenu
                label={t('common.actionsFor', { name: invitation.email })}
                iconSize={18}
                actions={[
                  { icon: IconMailForward, label: t('invite.pending.resend'), onClick: () => doResend(invitation) },
                  {
                    icon: IconX,
                    label: t('invite.pending.revoke'),
                    onClick: () => confirmRevoke(invitation),
                    color: 'red',
                  },
                ]}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </>
  );
}
