import { Badge, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { salesApi, type Lead } from '../../api';
import type { Column } from '../records/list/RecordList';
import { LeadFormModal } from './LeadFormModal';
import { usePipelineNames } from './hooks';
import { PipelineRecordsPage } from './PipelineRecordsPage';
import { StatusBadge } from './StatusBadge';

export function LeadsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const pipelineNames = usePipelineNames('lead');

  const columns = useMemo<Column<Lead>[]>(
    () => [
      { key: 'title', header: t('leads.columns.title'), sortKey: 'name', render: (lead) => lead.title },
      { key: 'personName', header: t('leads.columns.personName'), render: (lead) => lead.personName },
      { key: 'company', header: t('leads.columns.company'), render: (lead) => lead.company },
      {
        key: 'pipeline',
        header: t('leads.columns.pipeline'),
        render: (lead) => pipelineNames.get(lead.pipelineId) ?? '',
      },
      { key: 'stage', header: t('leads.columns.stage'), render: (lead) => lead.stageName },
      { key: 'status', header: t('leads.columns.status'), render: (lead) => <StatusBadge status={lead.status} /> },
      { key: 'source', header: t('leads.columns.source'), render: (lead) => lead.source },
      { key: 'owner', header: t('leads.columns.owner'), render: (lead) => lead.ownerName },
    ],
    [t, pipelineNames],
  );

  return (
    <PipelineRecordsPage
      recordType="lead"
      title={t('leads.title')}
      createLabel={t('leads.create')}
      onCreate={() => {
        setCreating(true);
      }}
      columns={columns}
      fetchPage={salesApi.queryLeads}
      itemName={(lead) => lead.title}
      emptyText={t('leads.empty')}
      cardBody={(card) =>
        'company' in card ? (
          <>
            <Text size="xs" c="dimmed" truncate>
              {[card.company, card.personName].filter(Boolean).join(' · ')}
            </Text>
            <Badge size="xs" variant="outline" color="gray">
              {card.ownerName}
            </Badge>
          </>
        ) : null
      }
    >
      <LeadFormModal
        opened={creating}
        onClose={() => {
          setCreating(false);
        }}
        onSaved={(lead) => void navigate(`/leads/${lead.id}`)}
      />
    </PipelineRecordsPage>
  );
}
