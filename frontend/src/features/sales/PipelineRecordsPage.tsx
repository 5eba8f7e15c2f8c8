import { Alert, Collapse, Group, SegmentedControl, Select, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordsPageHeader } from '../records/list/RecordsPageHeader';
import { FilterToggle } from '../records/list/ListParts';
import { Loaded, Loading } from '../../components/Loading';
import { useSearchParams } from 'react-router';
import type { ListQuery, Page, PipelineType } from '../../api';
import { QueryError } from '../../components/QueryError';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { OrganizationSelect } from '../contacts/OrganizationSelect';
import { useCustomFields } from '../records/hooks';
import { FilterPanel } from '../records/list/FilterPanel';
import { activeFilterCount, toListQuery, type FilterState } from '../records/list/filterState';
import { RecordList, type Column } from '../records/list/RecordList';
import { useListState } from '../records/list/useListState';
import type { Card } from './boardModel';
import { BoardView } from './BoardView';
import { CloseDateFilters } from './CloseDateFilters';
import { NextActivityFilter } from './NextActivityFilter';
import { salesKeys, useBoard, useMoveCard, usePipelines, useStageLimits } from './hooks';
import { boardFilter } from './pipelineFilter';
import { PipelineFilters } from './PipelineFilters';

interface PipelineRecordsPageProps<T extends { id: string }> {
  recordType: PipelineType;
  title: string;
  createLabel: string;
  onCreate: () => void;
  columns: readonly Column<T>[];
  fetchPage: (query: ListQuery) => Promise<Page<T>>;
  itemName: (item: T) => string;
  emptyText: string;
  cardBody: (card: Card) => ReactNode;
  /** Conditions only this record type has beyond pipeline and dates (the lead source), on the list and the board. */
  extraFilters?: (state: FilterState, onChange: (state: FilterState) => void) => ReactNode;
  /** The create form (a modal), rendered with the page. */
  children?: ReactNode;
}

const VIEW_PARAM = 'view';
const PIPELINE_PARAM = 'pipeline';

/** Deals or leads: a board per pipeline with the list filters, and the generic list beside it. */
export function PipelineRecordsPage<T extends { id: string }>({
  recordType,
  title,
  createLabel,
  onCreate,
  columns,
  fetchPage,
  itemName,
  emptyText,
  cardBody,
  extraFilters,
  children,
}: PipelineRecordsPageProps<T>) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const viewParam = params.get(VIEW_PARAM);
  const view = viewParam === 'list' || viewParam === 'map' ? viewParam : 'board';
  const pipelines = usePipelines(recordType);
  const pipelineId = params.get(PIPELINE_PARAM) ?? pipelines.data?.[0]?.id ?? '';
  const basePath = recordType === 'deal' ? '/deals' : '/leads';

  const setParam = (key: string, value: string) => {
    setParams(
      (previous) => {
        const out = new URLSearchParams(previous);
        out.set(key, value);
        return out;
      },
      { replace: true },
    );
  };

  return (
    <Stack maw={view === 'board' ? undefined : 1400}>
      <RecordsPageHeader recordType={recordType} title={title} createLabel={createLabel} onCreate={onCreate} />
      <Group gap="sm">
        <SegmentedControl
          value={view}
          onChange={(value) => {
            setParam(VIEW_PARAM, value);
          }}
          data={[
            { value: 'board', label: t('sales.views.board') },
            { value: 'list', label: t('sales.views.list') },
            { value: 'map', label: t('maps.views.map') },
          ]}
          data-testid="view-switch"
        />
        {view === 'board' && (
          <Select
            aria-label={t('sales.fields.pipeline')}
            data={(pipelines.data ?? []).map((pipeline) => ({ value: pipeline.id, label: pipeline.name }))}
            value={pipelineId === '' ? null : pipelineId}
            onChange={(value) => {
              if (value !== null) setParam(PIPELINE_PARAM, value);
            }}
            allowDeselect={false}
            searchable
            w={280}
            data-testid="pipeline-select"
          />
        )}
      </Group>
      {view !== 'board' ? (
        <RecordList
          view={view}
          recordType={recordType}
          columns={columns}
          fetchPage={fetchPage}
          detailPath={(item) => `${basePath}/${item.id}`}
          itemName={itemName}
          emptyText={emptyText}
          organizationFilter={(value, onChange) => (
            <OrganizationSelect label={t('records.filter.organization')} value={value} onChange={onChange} />
          )}
          recordFilters={(state, onChange) => (
            <>
              <PipelineFilters recordType={recordType} state={state} onChange={onChange} />
              <CloseDateFilters recordType={recordType} state={state} onChange={onChange} />
              <NextActivityFilter state={state} onChange={onChange} />
              {extraFilters?.(state, onChange)}
            </>
          )}
          testId={`${recordType}s-list`}
        />
      ) : pipelines.isError ? (
        <QueryError error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      ) : pipelines.isPending ? (
        <Loading />
      ) : pipelineId === '' ? (
        <Alert color="gray">{t('sales.board.noPipeline')}</Alert>
      ) : (
        <BoardSection
          recordType={recordType}
          pipelineId={pipelineId}
          basePath={basePath}
          cardBody={cardBody}
          extraFilters={extraFilters}
        />
      )}
      {children}
    </Stack>
  );
}

function BoardSection({
  recordType,
  pipelineId,
  basePath,
  cardBody,
  extraFilters,
}: {
  recordType: PipelineType;
  pipelineId: string;
  basePath: string;
  cardBody: (card: Card) => ReactNode;
  extraFilters?: (state: FilterState, onChange: (state: FilterState) => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const { state, update } = useListState();
  const custom = useCustomFields(recordType);
  // The list's pipeline, stage and status conditions stay in the address for the list but do not apply here.
  const query = useMemo(() => boardFilter(toListQuery(state, custom.fields)), [state, custom.fields]);
  const [filter] = useDebouncedValue(query, 300);
  const stageLimits = useStageLimits(pipelineId, filter);
  const board = useBoard(recordType, pipelineId, filter, !custom.isPending, stageLimits.limits);
  const boardKey = useMemo(
    () => salesKeys.board(recordType, pipelineId, filter, stageLimits.limits),
    [recordType, pipelineId, filter, stageLimits.limits],
  );
  const move = useMoveCard(recordType, boardKey);
  const filterCount = activeFilterCount(query);
  const [panelOpen, setPanelOpen] = useState(filterCount > 0);

  return (
    <Stack gap="md" data-testid={`${recordType}-board`}>
      <Group>
        <FilterToggle
          open={panelOpen}
          count={filterCount}
          onToggle={() => {
            setPanelOpen((open) => !open);
          }}
        />
      </Group>
      <Collapse expanded={panelOpen}>
        <FilterPanel
          state={state}
          onChange={(next) => {
            update(next);
          }}
          fields={custom.fields}
          recordFilters={
            <>
              <NextActivityFilter state={state} onChange={update} />
              {extraFilters?.(state, update)}
            </>
          }
          organizationFilter={
            <OrganizationSelect
              label={t('records.filter.organization')}
              value={state.organizationId}
              onChange={(organizationId) => {
                update({ ...state, organizationId });
              }}
            />
          }
        />
      </Collapse>
      <Loaded query={board}>
        {(data) => (
          <BoardView
            recordType={recordType}
            board={data}
            canMove={grants(me.role, recordType, 'edit')}
            onMove={(card, toStageId) => {
              move.mutate({ card, toStageId });
            }}
            detailPath={(id) => `${basePath}/${id}`}
            cardBody={cardBody}
            onMore={stageLimits.more}
          />
        )}
      </Loaded>
    </Stack>
  );
}
