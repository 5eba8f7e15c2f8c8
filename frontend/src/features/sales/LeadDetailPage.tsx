import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowsShuffle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ActivitiesCard } from '../activities/ActivitiesCard';
import { salesApi, type Lead } from '../../api';
import { useNotify } from '../../components/notify';
import { useFormatters } from '../../i18n/format';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { DocumentsCard } from '../documents/DocumentsCard';
import { useLeadSourceNames } from '../intake/hooks';
import { DuplicateAlert, LeadDetailsCard } from '../intake/LeadIntakeCards';
import { PossibleDuplicateBadge } from '../intake/PossibleDuplicateBadge';
import { PlaceCard } from '../maps/PlaceCard';
import { addressText } from '../records/countries';
import { FieldList } from '../records/FieldList';
import { HistoryTimeline } from '../records/HistoryTimeline';
import { NotesPanel } from '../records/NotesPanel';
import { RecordActions, RecordDetailPage, RecordDetailLayout } from '../records/RecordDetail';
import { CustomFieldsCard } from '../records/CustomFieldsCard';
import { useDeleteWithUndo } from '../records/useDeleteWithUndo';
import { ConvertDialog } from './ConvertDialog';
import { useLead, useUpdateLead } from './hooks';
import { LeadFormModal } from './LeadFormModal';
import { LostAction } from './LostDialog';
import { StatusBadge } from './StatusBadge';

export function LeadDetailPage() {
  return (
    <RecordDetailPage param="leadId" useRecord={useLead} list="leads">
      {(lead) => <LeadDetail lead={lead} />}
    </RecordDetailPage>
  );
}

function LeadDetail({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const me = useMe();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
  const update = useUpdateLead();
  const { confirmDelete, pending } = useDeleteWithUndo('lead', salesApi.deleteLead);
  const canEdit = grants(me.role, 'lead', 'edit');
  const open = lead.status === 'open';
  const sourceNames = useLeadSourceNames();
  const sourceName = lead.sourceId === '' ? '' : (sourceNames.get(lead.sourceId) ?? '');

  return (
    <>
      <RecordDetailLayout
        testId="lead-detail"
        backTo="/leads"
        backLabel={t('leads.backToList')}
        title={lead.title}
        subtitle={
          <Group gap="xs">
            <StatusBadge status={lead.status} />
            <PossibleDuplicateBadge show={lead.possibleDuplicate} />
          </Group>
        }
        actions={
          <>
            {canEdit && open && (
              <>
                <Button
                  leftSection={<IconArrowsShuffle size={16} />}
                  onClick={() => {
                    setConverting(true);
                  }}
                >
                  {t('leads.actions.convert')}
                </Button>
                <LostAction
                  recordType="lead"
                  label={t('leads.actions.lost')}
                  pending={update.isPending}
                  onSubmit={(lostReasonId, lostComment) =>
                    update
                      .mutateAsync({
                        id: lead.id,
                        version: lead.version,
                        patch: { status: 'lost', lostReasonId, lostComment },
                      })
                      .then(() => {
                        notify.success(t('leads.lostDone'));
                      })
                  }
                />
              </>
            )}
            <RecordActions
              canEdit={canEdit}
              canDelete={grants(me.role, 'lead', 'delete')}
              onEdit={() => {
                setEditing(true);
              }}
              onDelete={() => {
                confirmDelete({ id: lead.id, version: lead.version, name: lead.title });
              }}
              busy={pending}
            />
          </>
        }
        main={
          <>
            <DuplicateAlert lead={lead} />
            {lead.status === 'converted' && (
              <Card withBorder radius="md" padding="lg" data-testid="lead-conversion">
                <Title order={3} size="h4" mb="xs">
                  {t('leads.detail.conversionTitle')}
                </Title>
                <Stack gap={4}>
                  {lead.convertedAt && (
                    <Text size="sm" c="dimmed">
                      {t('leads.detail.converted', { date: format.dateTime(lead.convertedAt) })}
                    </Text>
                  )}
                  <Group gap="lg">
                    {lead.convertedPersonId && (
                      <Anchor component={Link} to={`/persons/${lead.convertedPersonId}`} data-testid="converted-person">
                        {t('leads.detail.becamePerson')}
                      </Anchor>
                    )}
                    {lead.convertedOrganizationId && (
                      <Anchor component={Link} to={`/organizations/${lead.convertedOrganizationId}`}>
                        {t('leads.detail.becameOrganization')}
                      </Anchor>
                    )}
                    {lead.convertedDealId && (
                      <Anchor component={Link} to={`/deals/${lead.convertedDealId}`}>
                        {t('leads.detail.becameDeal')}
                      </Anchor>
                    )}
                  </Group>
                </Stack>
              </Card>
            )}
            <Card withBorder radius="md" padding="lg" data-testid="lead-fields">
              <Title order={3} size="h4" mb="md">
                {t('leads.detail.details')}
              </Title>
              <FieldList
                items={[
                  { label: t('leads.form.personName'), value: lead.personName },
                  { label: t('leads.form.company'), value: lead.company },
                  { label: t('leads.form.email'), value: lead.email },
                  { label: t('leads.form.phone'), value: lead.phone },
                  { label: t('address.title'), value: addressText(lead.address, format.locale) },
                  { label: t('leads.form.source'), value: lead.source },
                  ...(sourceName === ''
                    ? []
                    : [{ label: t('intake.lead.source'), value: sourceName, testId: 'lead-intake-source' }]),
                  { label: t('sales.fields.status'), value: t(`sales.statuses.${lead.status}`), testId: 'lead-status' },
                  { label: t('sales.fields.stage'), value: lead.stageName, testId: 'lead-stage' },
                  { label: t('records.fields.owner'), value: lead.ownerName },
                  ...(lead.status === 'lost'
                    ? [
                        { label: t('sales.fields.lostReason'), value: lead.lostReasonName },
                        { label: t('sales.fields.lostComment'), value: lead.lostComment },
                      ]
                    : []),
                  { label: t('records.fields.createdAt'), value: format.dateTime(lead.createdAt) },
                  { label: t('records.fields.updatedAt'), value: format.dateTime(lead.updatedAt) },
                ]}
              />
            </Card>
            <LeadDetailsCard lead={lead} />
            <CustomFieldsCard recordType="lead" custom={lead.custom} />
            <DocumentsCard recordType="lead" recordId={lead.id} />
          </>
        }
        side={
          <>
            <ActivitiesCard
              recordType="lead"
              recordId={lead.id}
              links={{ leadId: lead.id }}
              linkNames={{ leadTitle: lead.title }}
            />
            <PlaceCard
              recordType="lead"
              recordId={lead.id}
              name={lead.title}
              address={lead.address}
              position={lead.position}
            />
            <NotesPanel recordType="lead" recordId={lead.id} />
            <HistoryTimeline recordType="lead" recordId={lead.id} />
          </>
        }
      />
      <LeadFormModal
        opened={editing}
        lead={lead}
        onClose={() => {
          setEditing(false);
        }}
      />
      <ConvertDialog
        lead={lead}
        opened={converting}
        onClose={() => {
          setConverting(false);
        }}
      />
    </>
  );
}
