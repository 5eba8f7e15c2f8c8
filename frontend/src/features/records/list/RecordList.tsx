import { Anchor, Button, Collapse, Group, Paper, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp, IconFilterOff, IconSearch, IconSelector } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterToggle, ListStatus, LoadMore } from './ListParts';
import { Loading } from '../../../components/Loading';
import { Link, useNavigate } from 'react-router';
import {
  exportsApi,
  isMapRecordType,
  recordsApi,
  type ListQuery,
  type Page,
  type RecordType,
  type SortKey,
} from '../../../api';
import { QueryError } from '../../../components/QueryError';
import { useFormatters } from '../../../i18n/format';
import { ExportButton } from '../../exports/ExportButton';
import { formatKm } from '../../maps/place';
import { RecordMapView } from '../../maps/RecordMapView';
import { useCustomFields } from '../hooks';
import { recordKeys } from '../keys';
import { FilterPanel } from './FilterPanel';
import {
  activeFilterCount,
  fromListQuery,
  isSort,
  nextSort,
  sortOf,
  toListQuery,
  type FilterState,
} from './filterState';
import { SavedFilters } from './SavedFilters';
import { useListState } from './useListState';

export interface Column<T> {
  key: string;
  header: string;
  /** Columns the server can sort by. */
  sortKey?: SortKey;
  render: (item: T) => ReactNode;
  width?: number;
}

export interface RecordListProps<T extends { id: string }> {
  recordType: RecordType;
  columns: readonly Column<T>[];
  fetchPage: (query: ListQuery) => Promise<Page<T>>;
  detailPath: (item: T) => string;
  /** The text of the first column's link, and the row's name for tests. */
  itemName: (item: T) => string;
  emptyText: string;
  /** The organisation filter, for record types that belong to organisations. */
  organizationFilter?: (value: string, onChange: (value: string) => void) => ReactNode;
  /** Conditions only this record type has (see FilterPanel), given the filter and how to change it. */
  recordFilters?: (state: FilterState, onChange: (state: FilterState) => void) => ReactNode;
  testId: string;
  /** The table, or the map of the same filtered records. */
  view?: 'list' | 'map';
}

/** The distance to a nearby condition's reference, which rows carry while the list has one. */
function distanceOf(item: object): number | undefined {
  return 'distanceKm' in item && typeof item.distanceKm === 'number' ? item.distanceKm : undefined;
}

/**
 * A record list for any record type: search, filter panel and saved filters, sortable columns, keyset pages ("Weitere
 * laden"), the total, and rows that open the record.
 */
export function RecordList<T extends { id: string }>({
  recordType,
  columns,
  fetchPage,
  detailPath,
  itemName,
  emptyText,
  organizationFilter,
  recordFilters,
  testId,
  view = 'list',
}: RecordListProps<T>) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const { state, savedId, update, reset } = useListState();
  const custom = useCustomFields(recordType);
  const query = useMemo(() => toListQuery(state, custom.fields), [state, custom.fields]);
  const [debounced] = useDebouncedValue(query, 300);
  const filterCount = activeFilterCount(query);
  const [panelOpen, setPanelOpen] = useState(filterCount > 0);

  const list = useInfiniteQuery({
    queryKey: recordKeys.list(recordType, debounced),
    // The page does not wait for its count: that is asked for once the page is shown (below).
    queryFn: ({ pageParam }) => fetchPage({ ...debounced, cursor: pageParam, deferTotal: true }),
    initialPageParam: '',
    getNextPageParam: (last) => (last.nextCursor === '' ? undefined : last.nextCursor),
    placeholderData: keepPreviousData,
    // Custom conditions are only valid once the fields are known.
    enabled: !custom.isPending && (view === 'list' || !isMapRecordType(recordType)),
  });

  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const first = list.data?.pages[0];
  // A first page with more after it knows only its own length; the count comes after it, for the same query.
  const counting = first !== undefined && first.nextCursor !== '' && !list.isPlaceholderData;
  const counted = useQuery({
    queryKey: [...recordKeys.list(recordType, debounced), 'total'],
    queryFn: () => recordsApi.countRecords(recordType, debounced),
    enabled: counting,
  });
  const shownTotal = first === undefined ? undefined : counting ? counted.data : first;
  const total =
    shownTotal === undefined
      ? `${format.number(first?.items.length ?? 0)}+`
      : shownTotal.totalCapped
        ? t('records.list.moreThan', { total: format.number(shownTotal.total) })
        : format.number(shownTotal.total);
  const filtered = query.search !== '' || filterCount > 0;
  const sort = sortOf(isSort(query.sort) ? query.sort : 'name');
  // Within a radius, the distance follows the first column.
  const shownColumns = useMemo<readonly Column<T>[]>(() => {
    if (!query.near) return columns;
    const distance: Column<T> = {
      key: 'distance',
      header: t('maps.columns.distance'),
      sortKey: 'distance',
      render: (item) => {
        const km = distanceOf(item);
        return km === undefined ? '' : formatKm(t, format.locale, km);
      },
      width: 120,
    };
    return [...columns.slice(0, 1), distance, ...columns.slice(1)];
  }, [columns, query.near, t, format.locale]);

  const change = (next: FilterState) => {
    update(next);
  };

  return (
    <Stack gap="md" data-testid={testId}>
      <Group justify="space-between" gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ flex: 1 }}>
          <TextInput
            aria-label={t('records.filter.search')}
            placeholder={t('records.filter.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={state.search}
            onChange={(event) => {
              change({ ...state, search: event.currentTarget.value });
            }}
            style={{ flex: 1, minWidth: 220, maxWidth: 420 }}
            data-testid="list-search"
          />
          <FilterToggle
            open={panelOpen}
            count={filterCount}
            onToggle={() => {
              setPanelOpen((open) => !open);
            }}
          />
          {(filtered || savedId !== null) && (
            <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={reset}>
              {t('records.filter.reset')}
            </Button>
          )}
        </Group>
        <Group gap="sm" wrap="nowrap">
          <SavedFilters
            recordType={recordType}
            savedId={savedId}
            query={query}
            onLoad={(filter) => {
              update(fromListQuery(filter.query), filter.id);
              setPanelOpen(true);
            }}
            onClear={reset}
          />
          <ExportButton
            recordType={recordType}
            listColumns={shownColumns.map((column) => column.key)}
            run={(options) => exportsApi.exportList(recordType, query, options)}
          />
        </Group>
      </Group>

      <Collapse expanded={panelOpen}>
        <FilterPanel
          state={state}
          onChange={change}
          fields={custom.fields}
          organizationFilter={organizationFilter?.(state.organizationId, (organizationId) => {
            change({ ...state, organizationId });
          })}
          recordFilters={recordFilters?.(state, change)}
          error={list.error}
        />
      </Collapse>

      {view === 'map' && isMapRecordType(recordType) ? (
        custom.isPending ? (
          <Loading />
        ) : (
          <RecordMapView recordType={recordType} query={debounced} />
        )
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Loading />
      ) : (
        <Paper withBorder radius="md">
          <ListStatus fetching={list.isFetching}>
            <Text
              size="sm"
              c="dimmed"
              data-testid="list-total"
              data-total={shownTotal?.total}
              data-capped={shownTotal?.totalCapped}
              aria-live="polite"
            >
              {t('records.list.total', { total })}
            </Text>
          </ListStatus>
          <Table.ScrollContainer minWidth={720}>
            <Table
              verticalSpacing="sm"
              highlightOnHover
              data-testid={`${testId}-table`}
              style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
              aria-busy={list.isPlaceholderData}
            >
              <Table.Thead>
                <Table.Tr>
                  {shownColumns.map((column) => {
                    const sortKey = column.sortKey;
                    const active = sortKey !== undefined && sort.key === sortKey;
                    const SortIcon = active ? (sort.descending ? IconChevronDown : IconChevronUp) : IconSelector;
                    return (
                      <Table.Th
                        key={column.key}
                        w={column.width}
                        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
                      >
                        {sortKey ? (
                          <UnstyledButton
                            onClick={() => {
                              change({ ...state, sort: nextSort(state.sort, sortKey) });
                            }}
                            aria-label={t('records.list.sortBy', { column: column.header })}
                            fw={700}
                            fz="sm"
                          >
                            <Group gap={4} wrap="nowrap">
                              {column.header}
                              <SortIcon size={14} />
                            </Group>
                          </UnstyledButton>
                        ) : (
                          column.header
                        )}
                      </Table.Th>
                    );
                  })}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={shownColumns.length}>
                      <Stack align="center" gap="xs" py="lg">
                        <Text c="dimmed" data-testid="list-empty">
                          {filtered ? t('records.list.noMatches') : emptyText}
                        </Text>
                        {filtered && (
                          <Button variant="subtle" size="xs" onClick={reset}>
                            {t('records.filter.reset')}
                          </Button>
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                )}
                {items.map((item) => (
                  <Table.Tr
                    key={item.id}
                    onClick={() => void navigate(detailPath(item))}
                    style={{ cursor: 'pointer' }}
                    data-testid="record-row"
                    data-name={itemName(item)}
                    data-id={item.id}
                  >
                    {shownColumns.map((column, index) => (
                      <Table.Td key={column.key}>
                        {index === 0 ? (
                          <Anchor
                            component={Link}
                            to={detailPath(item)}
                            fw={500}
                            c="inherit"
                            onClick={(event) => {
                              event.stopPropagation();
                            }}
                          >
                            {column.render(item)}
                          </Anchor>
                        ) : (
                          column.render(item)
                        )}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore list={list} testId="load-more">
            {t('records.list.loadMore', { shown: format.number(items.length), total })}
          </LoadMore>
        </Paper>
      )}
    </Stack>
  );
}
