import { Badge, Group, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenCreatedRecord } from '../records/titleFocus';
import { salesApi, type Lead } from '../../api';
import { LeadSourceFilters } from '../intake/LeadSourceFilters';
import { PossibleDuplicateBadge } from '../intake/PossibleDuplicateBadge';
import { useLeadSourceNames } from '../intake/hooks';
import type { Column } from '../records/list/RecordList';
import { LeadFormModal } from './LeadFormModal';
import { usePipelineNames } from './hooks';
import { PipelineRecordsPage } from './PipelineRecordsPage';
import { StatusBadge } from './StatusBadge';

export function LeadsPage() {
  const { t } = useTranslation();
  const openCreated = useOpenCreatedRecord();
  const [creating, setCreating] = useState(false);
  const pipelineNames = usePipelineNames('lead');
  const sourceNames = useLeadSourceNames();

  const columns = useMemo<Column<Lead>[]>(
    () => [
      {
        key: 'title',
        header: t('leads.columns.title'),
        sortKey: 'name',
        render: (lead) =>
          lead.possibleDuplicate ? (
            <Group gap={6} wrap="nowrap">
              {lead.title}
              <PossibleDuplicateBadge show />
            </Group>
          ) : (
            lead.title
          ),
      },
      { key: 'personName', header: t('leads.columns.personName'), render: (lead) => lead.personName },
      { key: 'company', header: t('leads.columns.company'), render: (lead) => lead.company },
      {
        key: 'pipeline',
        header: t('leads.columns.pipeline'),
        render: (lead) => pipelineNames.get(lead.pipelineId) ?? '',
      },
      { key: 'stage', header: t('leads.columns.stage'), render: (lead) => lead.stageName },
      { key: 'status', header: t('leads.columns.status'), render: (lead) => <StatusBadge status={lead.status} /> },
      {
        key: 'source',
        header: t('leads.columns.source'),
        render: (lead) => lead.source || (sourceNames.get(lead.sourceId) ?? ''),
      },
      { key: 'owner', header: t('leads.columns.owner'), render: (lead) => lead.ownerName },
    ],
    [t, pipelineNames, sourceNames],
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
      extraFilters={(state, onChange) => <LeadSourceFilters state={state} onChange={onChange} />}
      cardBody={(card) =>
        'company' in card ? (
          <>
            <Text size="xs" c="dimmed" truncate>
              {[card.company, card.personName].filter(Boolean).join(' · ')}
            </Text>
            <Group gap={4}>
              <Badge size="xs" variant="outline" color="gray">
                {card.ownerName}
              </Badge>
              <PossibleDuplicateBadge show={card.possibleDuplicate} />
            </Group>
          </>
        ) : null
      }
    >
      <LeadFormModal
        opened={creating}
        onClose={() => {
          setCreating(false);
        }}
        onSaved={(lead) => {
          openCreated(`/leads/${lead.id}`);
        }}
      />
    </PipelineRecordsPage>
  );
}
