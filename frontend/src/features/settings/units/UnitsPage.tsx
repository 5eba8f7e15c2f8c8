import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconArrowsMove, IconChevronRight, IconPencil, IconPlus, IconSubtask, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionsMenu } from '../../../components/ActionsMenu';
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
                  <ActionsMenu
                    label={t('common.actionsFor', { name: unit.name })}
                    iconSize={18}
                    actions={[
                      {
                        icon: IconSubtask,
                        label: t('units.actions.addChild'),
                        onClick: () => dialog.open({ kind: 'create', parentId: unit.id }),
                      },
                      {
                        icon: IconPencil,
                        label: t('units.actions.rename'),
                        onClick: () => dialog.open({ kind: 'rename', unitId: unit.id }),
                      },
                      {
                        icon: IconArrowsMove,
                        label: t('units.actions.move'),
                        onClick: () => dialog.open({ kind: 'move', unitId: unit.id }),
                        hidden: depth === 0,
                      },
                      {
                        icon: IconTrash,
                        label: t('units.actions.delete'),
                        onClick: () => confirmDelete(unit),
                        color: 'red.9',
                      },
                    ]}
                  />
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
