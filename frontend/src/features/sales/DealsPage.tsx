import { Badge, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenCreatedRecord } from '../records/titleFocus';
import { salesApi, type Deal } from '../../api';
import { useFormatters } from '../../i18n/format';
import { HiddenRecord } from '../records/HiddenRecord';
import type { Column } from '../records/list/RecordList';
import { DealFormModal } from './DealFormModal';
import { DealParties } from './DealParties';
import { formatMoney } from './money';
import { usePipelineNames } from './hooks';
import { PipelineRecordsPage } from './PipelineRecordsPage';
import { StatusBadge } from './StatusBadge';

export function DealsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const openCreated = useOpenCreatedRecord();
  const [creating, setCreating] = useState(false);
  const pipelineNames = usePipelineNames('deal');

  const columns = useMemo<Column<Deal>[]>(
    () => [
      { key: 'title', header: t('deals.columns.title'), sortKey: 'name', render: (deal) => deal.title },
      {
        key: 'value',
        header: t('deals.columns.value'),
        render: (deal) => formatMoney(deal.value, deal.currency, format.locale),
      },
      {
        key: 'pipeline',
        header: t('deals.columns.pipeline'),
        render: (deal) => pipelineNames.get(deal.pipelineId) ?? '',
      },
      { key: 'stage', header: t('deals.columns.stage'), render: (deal) => deal.stageName },
      { key: 'status', header: t('deals.columns.status'), render: (deal) => <StatusBadge status={deal.status} /> },
      {
        key: 'organization',
        header: t('deals.columns.organization'),
        render: (deal) => (deal.organizationHidden ? <HiddenRecord size="sm" /> : deal.organizationName),
      },
      { key: 'owner', header: t('deals.columns.owner'), render: (deal) => deal.ownerName },
      {
        key: 'expectedClose',
        header: t('deals.columns.expectedClose'),
        render: (deal) => (deal.expectedCloseDate ? format.date(deal.expectedCloseDate) : ''),
        width: 140,
      },
    ],
    [t, format, pipelineNames],
  );

  return (
    <PipelineRecordsPage
      recordType="deal"
      title={t('deals.title')}
      createLabel={t('deals.create')}
      onCreate={() => {
        setCreating(true);
      }}
      columns={columns}
      fetchPage={salesApi.queryDeals}
      itemName={(deal) => deal.title}
      emptyText={t('deals.empty')}
      cardBody={(card) =>
        'value' in card ? (
          <>
            <DealParties deal={card} />
            <Text size="xs" fw={500} data-testid="card-value">
              {formatMoney(card.value, card.currency, format.locale)}
            </Text>
            <Badge size="xs" variant="outline" color="gray">
              {card.ownerName}
            </Badge>
          </>
        ) : null
      }
    >
      <DealFormModal
        opened={creating}
        onClose={() => {
          setCreating(false);
        }}
        onSaved={(deal) => {
          openCreated(`/deals/${deal.id}`);
        }}
      />
    </PipelineRecordsPage>
  );
}
