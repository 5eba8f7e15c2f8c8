import { Badge, Code, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../records/list/ListParts';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { useExportList } from './hooks';

/** Settings > Exporte: who exported which list (its filter), when, how and how much; newest first. */
export function ExportsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const list = useExportList();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack maw={1400}>
      <PageHeader title={t('exports.admin.title')} />
      <Text c="dimmed">{t('exports.admin.intro')}</Text>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Loading />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" data-testid="exports-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('exports.admin.at')}</Table.Th>
                  <Table.Th>{t('exports.admin.user')}</Table.Th>
                  <Table.Th>{t('exports.admin.list')}</Table.Th>
                  <Table.Th>{t('exports.admin.format')}</Table.Th>
                  <Table.Th>{t('exports.admin.rows')}</Table.Th>
                  <Table.Th>{t('exports.admin.duration')}</Table.Th>
                  <Table.Th>{t('exports.admin.filter')}</Table.Th>
                  <Table.Th>{t('exports.admin.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={8}>
                      <Text c="dimmed" ta="center" py="md">
                        {t('exports.admin.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {items.map((item) => (
                  <Table.Tr
                    key={item.id}
                    data-testid="export-row"
                    data-rows={item.rows}
                    data-record-type={item.recordType}
                  >
                    <Table.Td>{format.dateTime(item.createdAt)}</Table.Td>
                    <Table.Td>{item.userName}</Table.Td>
                    <Table.Td>{t(`records.types.${item.recordType}`)}</Table.Td>
                    <Table.Td>{item.format.toUpperCase()}</Table.Td>
                    <Table.Td>{format.number(item.rows)}</Table.Td>
                    <Table.Td>{format.number(Math.round(item.durationMs / 100) / 10)} s</Table.Td>
                    <Table.Td>
                      {item.filter === '{}' ? (
                        <Text size="sm" c="dimmed">
                          {t('exports.admin.noFilter')}
                        </Text>
                      ) : (
                        <Code>{item.filter}</Code>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={item.completed ? 'teal' : 'orange'} variant="light">
                        {item.completed ? t('exports.admin.completed') : t('exports.admin.incomplete')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore list={list}>{t('exports.admin.loadMore')}</LoadMore>
        </Paper>
      )}
    </Stack>
  );
}
