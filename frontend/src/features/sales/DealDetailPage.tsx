import { Button, Card, Title } from '@mantine/core';
import { IconArrowBackUp, IconTrophy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivitiesCard } from '../activities/ActivitiesCard';
import { salesApi, type Deal, type DealPatch } from '../../api';
import { useNotify } from '../../components/notify';
import { useFormatters } from '../../i18n/format';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { DocumentsCard } from '../documents/DocumentsCard';
import { DealPlaceCard } from '../maps/PlaceCard';
import { FieldList } from '../records/FieldList';
import { LinkedRecord } from '../records/HiddenRecord';
import { HistoryTimeline } from '../records/HistoryTimeline';
import { NotesPanel } from '../records/NotesPanel';
import { RecordActions, RecordDetailPage, RecordDetailLayout } from '../records/RecordDetail';
import { CustomFieldsCard } from '../records/CustomFieldsCard';
import { useDeleteWithUndo } from '../records/useDeleteWithUndo';
import { DealFormModal } from './DealFormModal';
import { useDeal, useUpdateDeal } from './hooks';
import { LostAction } from './LostDialog';
import { formatMoney } from './money';
import { StatusBadge } from './StatusBadge';

export function DealDetailPage() {
  return (
    <RecordDetailPage param="dealId" useRecord={useDeal} list="deals">
      {(deal) => <DealDetail deal={deal} />}
    </RecordDetailPage>
  );
}

function DealDetail({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const me = useMe();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const update = useUpdateDeal();
  const { confirmDelete, pending } = useDeleteWithUndo('deal', salesApi.deleteDeal);
  const canEdit = grants(me.role, 'deal', 'edit');

  const change = (patch: DealPatch, done: string) =>
    update.mutateAsync({ id: deal.id, version: deal.version, patch }).then(() => {
      notify.success(done);
    });

  const statusActions = canEdit && (
    <>
      {deal.status === 'open' ? (
        <>
          <Button
            color="teal"
            variant="light"
            leftSection={<IconTrophy size={16} />}
            loading={update.isPending}
            onClick={() => {
              change({ status: 'won' }, t('deals.wonDone')).catch((error: unknown) => {
                notify.error(error);
              });
            }}
          >
            {t('deals.actions.won')}
          </Button>
          <LostAction
            recordType="deal"
            label={t('deals.actions.lost')}
            pending={update.isPending}
            onSubmit={(lostReasonId, lostComment) =>
              change({ status: 'lost', lostReasonId, lostComment }, t('deals.lostDone'))
            }
          />
        </>
      ) : (
        <Button
          variant="light"
          leftSection={<IconArrowBackUp size={16} />}
          loading={update.isPending}
          onClick={() => {
            change({ status: 'open' }, t('deals.reopened')).catch((error: unknown) => {
              notify.error(error);
            });
          }}
        >
          {t('deals.actions.reopen')}
        </Button>
      )}
    </>
  );

  return (
    <>
      <RecordDetailLayout
        testId="deal-detail"
        backTo="/deals"
        backLabel={t('deals.backToList')}
        title={deal.title}
        subtitle={<StatusBadge status={deal.status} />}
        actions={
          <>
            {statusActions}
            <RecordActions
              canEdit={canEdit}
              canDelete={grants(me.role, 'deal', 'delete')}
              onEdit={() => {
                setEditing(true);
              }}
              onDelete={() => {
                confirmDelete({ id: deal.id, version: deal.version, name: deal.title });
              }}
              busy={pending}
            />
          </>
        }
        main={
          <>
            <Card withBorder radius="md" padding="lg" data-testid="deal-fields">
              <Title order={3} size="h4" mb="md">
                {t('deals.detail.details')}
              </Title>
              <FieldList
                items={[
                  {
                    label: t('deals.form.value'),
                    value: formatMoney(deal.value, deal.currency, format.locale),
                    testId: 'deal-value',
                  },
                  { label: t('sales.fields.status'), value: t(`sales.statuses.${deal.status}`), testId: 'deal-status' },
                  { label: t('sales.fields.stage'), value: deal.stageName, testId: 'deal-stage' },
                  { label: t('sales.fields.probability'), value: `${deal.probability} %` },
                  {
                    label: t('deals.form.organization'),
                    value:
                      deal.organizationId || deal.organizationHidden ? (
                        <LinkedRecord
                          recordType="organization"
                          id={deal.organizationId}
                          name={deal.organizationName}
                          hidden={deal.organizationHidden}
                        />
                      ) : (
                        ''
                      ),
                    testId: 'deal-organization',
                  },
                  {
                    label: t('deals.form.person'),
                    value:
                      deal.personId || deal.personHidden ? (
                        <LinkedRecord
                          recordType="person"
                          id={deal.personId}
                          name={deal.personName}
                          hidden={deal.personHidden}
                        />
                      ) : (
                        ''
                      ),
                    testId: 'deal-person',
                  },
                  { label: t('records.fields.owner'), value: deal.ownerName },
                  {
                    label: t('deals.form.expectedCloseDate'),
                    value: deal.expectedCloseDate ? format.date(deal.expectedCloseDate) : '',
                  },
                  ...(deal.status === 'lost'
                    ? [
                        { label: t('sales.fields.lostReason'), value: deal.lostReasonName, testId: 'deal-lost-reason' },
                        { label: t('sales.fields.lostComment'), value: deal.lostComment },
                      ]
                    : []),
                  { label: t('records.fields.createdAt'), value: format.dateTime(deal.createdAt) },
                  { label: t('records.fields.updatedAt'), value: format.dateTime(deal.updatedAt) },
                ]}
              />
            </Card>
            <CustomFieldsCard recordType="deal" custom={deal.custom} />
            <DocumentsCard recordType="deal" recordId={deal.id} />
          </>
        }
        side={
          <>
            <ActivitiesCard
              recordType="deal"
              recordId={deal.id}
              links={{ dealId: deal.id, personId: deal.personId, organizationId: deal.organizationId }}
              linkNames={{ dealTitle: deal.title, personName: deal.personName }}
            />
            <DealPlaceCard deal={deal} />
            <NotesPanel recordType="deal" recordId={deal.id} />
            <HistoryTimeline recordType="deal" recordId={deal.id} />
          </>
        }
      />
      <DealFormModal
        opened={editing}
        deal={deal}
        onClose={() => {
          setEditing(false);
        }}
      />
    </>
  );
}
