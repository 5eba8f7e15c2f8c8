import {
  ActionIcon,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api';
import { useConfirmDelete } from '../../../components/useConfirmDelete';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
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

      {failed ? (
        <QueryError
          error={failed}
          onRetry={() => {
            void roles.refetch();
            void users.refetch();
          }}
        />
      ) : loading ? (
        <Center p="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" highlightOnHover data-testid="roles-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('roles.columns.name')}</Table.Th>
                <Table.Th>{t('roles.columns.admin')}</Table.Th>
                <Table.Th w={120} ta="right">
                  {t('roles.columns.users')}
                </Table.Th>
                <Table.Th w={96}>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed" ta="center" py="md">
                      {t('roles.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
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
                      <Tooltip label={t('roles.actions.edit')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('roles.actions.editNamed', { name: role.name })}
                          onClick={() => dialog.open({ roleId: role.id })}
                        >
                          <IconPencil size={18} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('roles.actions.delete')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('roles.actions.deleteNamed', { name: role.name })}
                          onClick={() => confirmDelete(role)}
                        >
                          <IconTrash size={18} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      <RoleEditorModal dialog={dialog.value} opened={dialog.opened} roles={roles.data ?? []} onClose={dialog.close} />
    </Stack>
  );
}
