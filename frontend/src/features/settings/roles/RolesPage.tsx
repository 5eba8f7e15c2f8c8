import { Badge, Button, Group, Stack, Table } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ListTable } from '../../../components/ListTable';
import { TipAction } from '../../../components/TipAction';
import { Loaded } from '../../../components/Loading';
import type { Role } from '../../../api';
import { useConfirmDelete } from '../../../components/useConfirmDelete';
import { PageHeader } from '../../../components/PageHeader';
import { useDialog } from '../../../components/useDialog';
import { useFormatters } from '../../../i18n/format';
import { useRoles, useUsers } from '../queries';
import { useDeleteRole } from './hooks';
import { RoleEditorModal, type RoleDialog } from './RoleEditorModal';

export function RolesPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const roles = useRoles();
  const users = useUsers();
  const remove = useDeleteRole();
  const askDelete = useConfirmDelete();
  const dialog = useDialog<RoleDialog>();

  const sorted = useMemo(() => {
    const collator = new Intl.Collator(format.locale);
    return [...(roles.data ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  }, [roles.data, format.locale]);
  const holders = useMemo(() => {
    const counts = new Map<string, number>();
    for (const user of users.data ?? []) {
      counts.set(user.roleId, (counts.get(user.roleId) ?? 0) + 1);
    }
    return counts;
  }, [users.data]);

  const confirmDelete = (role: Role) => {
    askDelete({
      title: t('roles.delete.title'),
      body: t('roles.delete.body', { name: role.name }),
      confirm: t('roles.delete.confirm'),
      remove: () => remove.mutateAsync({ id: role.id, version: role.version }),
      deleted: t('roles.delete.success', { name: role.name }),
      inUse: { message: t('roles.delete.conflict', { name: role.name }) },
    });
  };

  const failed = roles.error ?? users.error;
  const loading = roles.isPending || users.isPending;

  return (
    <Stack maw={900}>
      <PageHeader title={t('roles.title')}>
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => dialog.open({ roleId: null })}
          disabled={loading || failed !== null}
        >
          {t('roles.create')}
        </Button>
      </PageHeader>

      <Loaded query={roles} also={[users]}>
        {() => (
          <ListTable
            testId="roles-table"
            columns={[
              { label: t('roles.columns.name') },
              { label: t('roles.columns.admin') },
              { label: t('roles.columns.users'), w: 120, ta: 'right' },
              { actions: true, w: 96 },
            ]}
            isEmpty={sorted.length === 0}
            empty={t('roles.empty')}
            highlightOnHover
          >
            {sorted.map((role) => (
              <Table.Tr key={role.id} data-testid="role-row" data-name={role.name}>
                <Table.Td fw={500}>{role.name}</Table.Td>
                <Table.Td>
                  {role.isAdmin && (
                    <Badge color="grape" variant="light">
                      {t('roles.adminBadge')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">{format.number(holders.get(role.id) ?? 0)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <TipAction
                      tip={t('roles.actions.edit')}
                      label={t('roles.actions.editNamed', { name: role.name })}
                      icon={<IconPencil size={18} />}
                      onClick={() => dialog.open({ roleId: role.id })}
                    />
                    <TipAction
                      tip={t('roles.actions.delete')}
                      label={t('roles.actions.deleteNamed', { name: role.name })}
                      icon={<IconTrash size={18} />}
                      color="red"
                      onClick={() => confirmDelete(role)}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </Loaded>

      <RoleEditorModal dialog={dialog.value} opened={dialog.opened} roles={roles.data ?? []} onClose={dialog.close} />
    </Stack>
  );
}
