import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';

import {
  IconKey,
  IconMail,
  IconPencil,
  IconPlus,
  IconShieldLock,
  IconUserCheck,
  IconUserOff,
} from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionsMenu } from '../../../components/ActionsMenu';
import { useConfirmDelete } from '../../../components/useConfirmDelete';
import { ListTable } from '../../../components/ListTable';
import { Loaded } from '../../../components/Loading';
import type { User } from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { useDialog } from '../../../components/useDialog';
import { useFormatters } from '../../../i18n/format';
import { useMe } from '../../auth/session';
import { useRoles, useUnits, useUsers } from '../queries';
import { useUpdateUser } from './hooks';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { InviteModal } from './InviteModal';
import { PendingInvitations } from './PendingInvitations';
import { UserSecurityModal } from './UserSecurityModal';

type Dialog =
  | { kind: 'create' }
  | { kind: 'invite' }
  | { kind: 'edit'; id: string }
  | { kind: 'password'; id: string }
  | { kind: 'security'; id: string };

export function UsersPage() {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const askConfirm = useConfirmDelete();
  const me = useMe();
  const users = useUsers();
  const units = useUnits();
  const roles = useRoles();
  const update = useUpdateUser();
  const dialog = useDialog<Dialog>();

  const unitNames = useMemo(() => new Map((units.data ?? []).map((unit) => [unit.id, unit.name])), [units.data]);
  const roleNames = useMemo(() => new Map((roles.data ?? []).map((role) => [role.id, role.name])), [roles.data]);
  const sorted = useMemo(() => {
    const collator = new Intl.Collator(locale);
    return [...(users.data ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  }, [users.data, locale]);

  // Dialogs hold an ID and look the record up in the current list (it reloads on every change): the form tells from it
  // when someone else changed the user meanwhile, and keeps what was typed.
  const byId = (id: string) => users.data?.find((user) => user.id === id);
  const current = dialog.value;
  const editing = current?.kind === 'edit' ? byId(current.id) : undefined;
  const resetting = current?.kind === 'password' ? byId(current.id) : undefined;
  const securing = current?.kind === 'security' ? byId(current.id) : undefined;

  const confirmActive = (user: User, active: boolean) => {
    const texts = active ? 'reactivate' : 'deactivate';
    askConfirm({
      title: t(`users.${texts}.title`),
      body: t(`users.${texts}.body`, { name: user.name }),
      confirm: t(`users.${texts}.confirm`),
      color: active ? 'indigo' : 'red',
      remove: () => update.mutateAsync({ id: user.id, version: user.version, patch: { active } }),
      deleted: t(`users.${texts}.success`, { name: user.name }),
    });
  };

  const failed = users.error ?? units.error ?? roles.error;
  const loading = users.isPending || units.isPending || roles.isPending;

  return (
    <Stack maw={1100}>
      <PageHeader title={t('users.title')}>
        <Group gap="xs">
          <Button
            leftSection={<IconMail size={16} />}
            onClick={() => dialog.open({ kind: 'invite' })}
            disabled={loading || failed !== null}
            data-testid="invite-button"
          >
            {t('invite.button')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => dialog.open({ kind: 'create' })}
            disabled={loading || failed !== null}
          >
            {t('users.create')}
          </Button>
        </Group>
      </PageHeader>

      <Loaded query={users} also={[units, roles]}>
        {() => (
          <ListTable
            testId="users-table"
            columns={[
              { label: t('users.columns.name') },
              { label: t('users.columns.email') },
              { label: t('users.columns.unit') },
              { label: t('users.columns.role') },
              { label: t('users.columns.status') },
              { actions: true, w: 56 },
            ]}
            isEmpty={sorted.length === 0}
            empty={t('users.empty')}
            minWidth={720}
            highlightOnHover
          >
            {sorted.map((user) => (
              <Table.Tr key={user.id} data-testid="user-row" data-email={user.email}>
                <Table.Td fw={500}>
                  {user.name}{' '}
                  {user.id === me.user.id && (
                    <Text span c="dimmed" size="sm">
                      {t('users.you')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{user.email}</Table.Td>
                <Table.Td>{unitNames.get(user.unitId) ?? t('common.unknown')}</Table.Td>
                <Table.Td>{roleNames.get(user.roleId) ?? t('common.unknown')}</Table.Td>
                <Table.Td>
                  <Badge color={user.active ? 'teal' : 'gray'} variant="light">
                    {user.active ? t('users.status.active') : t('users.status.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <ActionsMenu
                    label={t('common.actionsFor', { name: user.name })}
                    iconSize={18}
                    actions={[
                      {
                        icon: IconPencil,
                        label: t('users.actions.edit'),
                        onClick: () => dialog.open({ kind: 'edit', id: user.id }),
                      },
                      {
                        icon: IconKey,
                        label: t('users.actions.resetPassword'),
                        onClick: () => dialog.open({ kind: 'password', id: user.id }),
                      },
                      {
                        icon: IconShieldLock,
                        label: t('twoFactor.admin.title'),
                        onClick: () => dialog.open({ kind: 'security', id: user.id }),
                      },
                      user.active
                        ? {
                            icon: IconUserOff,
                            label: t('users.actions.deactivate'),
                            onClick: () => confirmActive(user, false),
                            color: 'red.9',
                            disabled: user.id === me.user.id,
                          }
                        : {
                            icon: IconUserCheck,
                            label: t('users.actions.reactivate'),
                            onClick: () => confirmActive(user, true),
                          },
                    ]}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </Loaded>

      <PendingInvitations unitNames={unitNames} roleNames={roleNames} />

      <UserFormModal
        opened={dialog.opened && (current?.kind === 'create' || editing !== undefined)}
        user={editing}
        onClose={dialog.close}
        units={units.data ?? []}
        roles={roles.data ?? []}
      />
      <InviteModal
        opened={dialog.opened && current?.kind === 'invite'}
        onClose={dialog.close}
        units={units.data ?? []}
        roles={roles.data ?? []}
      />
      <ResetPasswordModal opened={dialog.opened && resetting !== undefined} user={resetting} onClose={dialog.close} />
      <UserSecurityModal opened={dialog.opened && securing !== undefined} user={securing} onClose={dialog.close} />
    </Stack>
  );
}
