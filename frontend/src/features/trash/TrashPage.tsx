import { Badge, Button, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListTable } from '../../components/ListTable';
import { Loaded } from '../../components/Loading';
import { useNavigate } from 'react-router';
import { isRecordType, type TrashItem } from '../../api';
import { useNotify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../i18n/format';
import { useTrash } from '../records/hooks';
import { RECORD_TYPE_ENTRIES, recordTypeEntry } from '../records/registry';
import { useRestoreRecord } from '../records/useRestore';

const ALL = 'all';

/** Deleted records the user may restore, until they are purged. */
export function TrashPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const notify = useNotify();
  const navigate = useNavigate();
  const trash = useTrash();
  const restore = useRestoreRecord();
  const [type, setType] = useState<string>(ALL);

  const typeLabel = (item: TrashItem) =>
    isRecordType(item.recordType) ? t(`records.types.${item.recordType}`) : item.recordType;
  const items = useMemo(
    () => (trash.data ?? []).filter((item) => type === ALL || item.recordType === type),
    [trash.data, type],
  );
  const types = Object.keys(RECORD_TYPE_ENTRIES).filter(isRecordType);

  const restoreItem = (item: TrashItem) => {
    if (!isRecordType(item.recordType)) return;
    const entry = recordTypeEntry(item.recordType);
    restore.mutate(
      { recordType: item.recordType, id: item.id },
      {
        onSuccess: () => {
          notify.success(t('trash.restored', { name: item.name }));
          if (entry) void navigate(entry.detailPath(item.id));
        },
        onError: (error) => {
          notify.error(error);
        },
      },
    );
  };

  return (
    <Stack maw={1100}>
      <PageHeader title={t('trash.title')} />
      <Text c="dimmed" size="sm" mt={-8}>
        {t('trash.intro')}
      </Text>
      <SegmentedControl
        value={type}
        onChange={setType}
        data={[
          { value: ALL, label: t('trash.allTypes') },
          ...types.map((recordType) => ({ value: recordType, label: t(`access.recordTypes.${recordType}`) })),
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <Loaded query={trash}>
        {() => (
          <ListTable
            testId="trash-table"
            columns={[
              { label: t('trash.columns.type') },
              { label: t('trash.columns.name') },
              { label: t('trash.columns.deleted') },
              { label: t('trash.columns.purgeAt') },
              { w: 180 },
            ]}
            isEmpty={items.length === 0}
            empty={t('trash.empty')}
            minWidth={760}
          >
            {items.map((item) => (
              <Table.Tr key={`${item.recordType}-${item.id}`} data-testid="trash-row" data-name={item.name}>
                <Table.Td>
                  <Badge variant="light" color="gray" tt="none" style={{ overflow: 'visible' }}>
                    {typeLabel(item)}
                  </Badge>
                </Table.Td>
                <Table.Td fw={500}>{item.name || t('persons.noName')}</Table.Td>
                <Table.Td>
                  {t('trash.deletedByAt', {
                    date: format.dateTime(item.deletedAt),
                    name: item.deletedByName || t('common.unknown'),
                  })}
                </Table.Td>
                <Table.Td>{t('trash.purgeOn', { date: format.date(item.purgeAt) })}</Table.Td>
                <Table.Td>
                  <Button
                    variant="light"
                    size="xs"
                    leftSection={<IconArrowBackUp size={14} />}
                    onClick={() => {
                      restoreItem(item);
                    }}
                    loading={restore.isPending && restore.variables.id === item.id}
                    aria-label={t('trash.restoreNamed', { name: item.name })}
                  >
                    {t('common.restore')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </Loaded>
    </Stack>
  );
}
