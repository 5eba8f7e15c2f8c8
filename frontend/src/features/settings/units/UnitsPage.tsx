import { ActionIcon, Button, Group, Menu, Stack, Table, Text } from '@mantine/core';
import {
  IconArrowsMove,
  IconChevronRight,
  IconDots,
  IconPencil,
  IconPlus,
  IconSubtask,
  IconTrash,
} from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ListTable } from '../../../components/ListTable';
import { Loaded } from '../../../components/Loading';
import type { Unit } from '../../../api';
import { useConfirmDelete } from '../../../components/useConfirmDelete';
import { PageHeader } from '../../../components/PageHeader';
import { useDialog } from '../../../components/useDialog';
import { useFormatters } from '../../../i18n/format';
import { useUnits, useUsers } from '../queries';
import { useDeleteUnit } from './hooks';
import { unitTree } from './tree';
import { UnitFormModal, type UnitDialog } from './UnitFormModal';

const INDENT = 24;

export function UnitsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const units = useUnits();
  const users = useUsers();
  const remove = useDeleteUnit();
  const askDelete = useConfirmDelete();
  const dialog = useDialog<UnitDialog>();

  const nodes = useMemo(() => unitTree(units.data ?? [], format.locale), [units.data, format.locale]);
  const userCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const user of users.data ?? []) {
      counts.set(user.unitId, (counts.get(user.unitId) ?? 0) + 1);
    }
    return counts;
  }, [users.data]);

  const confirmDelete = (unit: Unit) => {
    askDelete({
      title: t('units.delete.title'),
      body: t('units.delete.body', { name: unit.name }),
      confirm: t('units.delete.confirm'),
      remove: () => remove.mutateAsync({ id: unit.id, version: unit.version }),
      deleted: t('units.delete.success', { name: unit.name }),
      inUse: { message: t('units.delete.conflict', { name: unit.name }) },
    });
  };

  const failed = units.error ?? users.error;
  const loading = units.isPending || users.isPending;

  return (
    <Stack maw={900}>
      <PageHeader title={t('units.title')}>
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => dialog.open({ kind: 'create', parentId: nodes[0]?.unit.id ?? null })}
          disabled={loading || failed !== null}
        >
          {t('units.create')}
        </Button>
      </PageHeader>

      <Loaded query={units} also={[users]}>
        {() => (
          <ListTable
            testId="units-table"
            columns={[
              { label: t('units.columns.name') },
              { label: t('units.columns.users'), w: 120, ta: 'right' },
              { actions: true, w: 56 },
            ]}
            isEmpty={nodes.length === 0}
            empty={t('units.empty')}
            highlightOnHover
          >
            {nodes.map(({ unit, depth }) => (
              <Table.Tr key={unit.id} data-testid="unit-row" data-name={unit.name} data-depth={depth}>
                <Table.Td>
                  <Group gap={6} pl={depth * INDENT} wrap="nowrap">
                    {depth > 0 && <IconChevronRight size={14} color="var(--mantine-color-gray-5)" aria-hidden />}
                    <Text fw={depth === 0 ? 600 : 500}>{unit.name}</Text>
                    {depth === 0 && (
                      <Text size="xs" c="dimmed">
                        {t('units.root')}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{format.number(userCounts.get(unit.id) ?? 0)}</Table.Td>
                <Table.Td>
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('common.actionsFor', { name: unit.name })}
                      >
                        <IconDots size={18} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item
                        leftSection={<IconSubtask size={16} />}
                        onClick={() => dialog.open({ kind: 'create', parentId: unit.id })}
                      >
                        {t('units.actions.addChild')}
                      </Menu.Item>
                      <Menu.Item
                        leftSection={<IconPencil size={16} />}
                        onClick={() => dialog.open({ kind: 'rename', unitId: unit.id })}
                      >
                        {t('units.actions.rename')}
                      </Menu.Item>
                      {depth > 0 && (
                        <Menu.Item
                          leftSection={<IconArrowsMove size={16} />}
                          onClick={() => dialog.open({ kind: 'move', unitId: unit.id })}
                        >
                          {t('units.actions.move')}
                        </Menu.Item>
                      )}
                      <Menu.Item
                        color="red.9"
                        leftSection={<IconTrash size={16} />}
                        onClick={() => confirmDelete(unit)}
                      >
                        {t('units.actions.delete')}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </Loaded>

      <UnitFormModal dialog={dialog.value} opened={dialog.opened} units={units.data ?? []} onClose={dialog.close} />
    </Stack>
  );
}
