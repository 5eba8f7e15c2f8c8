import { Card, Stack, Text, Timeline, Title } from '@mantine/core';
import {
  IconArrowBackUp,
  IconCalendarCheck,
  IconCalendarPlus,
  IconCalendarRepeat,
  IconCalendarX,
  IconDownload,
  IconLink,
  IconLinkOff,
  IconNote,
  IconPaperclip,
  IconPencil,
  IconPlus,
  IconTrash,
  type Icon,
} from '@tabler/icons-react';
import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import type { HistoryAction } from '../../api';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { countryName } from './countries';
import { useCustomFieldsQuery, useHistory } from './hooks';
import { HiddenRecord } from './HiddenRecord';
import type { HistoryKind } from './historyFields';
import {
  actionText,
  activityParts,
  changeParts,
  describeChange,
  entryCurrencies,
  isActivityEntry,
  type ChangePart,
  type HistoryContext,
} from './historyFormat';

const ICONS: Record<HistoryAction, Icon> = {
  created: IconPlus,
  updated: IconPencil,
  deleted: IconTrash,
  restored: IconArrowBackUp,
  linked: IconLink,
  unlinked: IconLinkOff,
  note_added: IconNote,
  note_changed: IconNote,
  note_deleted: IconNote,
  document_added: IconPaperclip,
  document_deleted: IconPaperclip,
  document_restored: IconPaperclip,
  imported: IconDownload,
  activity_planned: IconCalendarPlus,
  activity_done: IconCalendarCheck,
  activity_reopened: IconCalendarRepeat,
  activity_deleted: IconCalendarX,
};

/** A change line, with the placeholder for a linked record the reader may not see. */
function ChangeLine({ parts }: { parts: readonly ChangePart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        'text' in part ? <Fragment key={index}>{part.text}</Fragment> : <HiddenRecord key={index} size="sm" />,
      )}
    </>
  );
}

/**
 * The automatic history of a record of any kind, newest first: what happened, who did it, when, and each changed
 * field as the kind's table of fields labels and formats it (historyFields.ts); an activity's entry as a sentence.
 */
export function HistoryTimeline({ recordType, recordId }: { recordType: HistoryKind; recordId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const history = useHistory(recordType, recordId);
  const customFields = useCustomFieldsQuery(recordType);

  const context = useMemo<HistoryContext>(
    () => ({
      t,
      recordType,
      locale: format.locale,
      customFields: customFields.data ?? [],
      countryName: (code) => countryName(code, format.locale),
    }),
    [t, recordType, format.locale, customFields.data],
  );
  const currencies = useMemo(() => entryCurrencies(history.data ?? []), [history.data]);

  return (
    <Card withBorder radius="md" padding="lg" data-testid="history">
      <Title order={3} size="h4" mb="md">
        {t('history.title')}
      </Title>
      {history.isError ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : history.isPending ? (
        <Loading small />
      ) : history.data.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('history.empty')}
        </Text>
      ) : (
        <Timeline bulletSize={26} lineWidth={2}>
          {history.data.map((entry, index) => {
            const EntryIcon = entry.action in ICONS ? ICONS[entry.action] : IconPencil;
            const entryContext = { ...context, currency: currencies[index] };
            const activity = isActivityEntry(entry);
            return (
              <Timeline.Item
                key={entry.id}
                bullet={<EntryIcon size={14} />}
                title={
                  <Text fw={600} size="sm" data-testid="history-action">
                    {activity ? (
                      <ChangeLine parts={activityParts(t, entry, entryContext)} />
                    ) : (
                      actionText(t, entry.action, entry.source ?? entry.actorName)
                    )}
                  </Text>
                }
                data-testid="history-entry"
                data-action={entry.action}
              >
                <Text size="xs" c="dimmed">
                  {t('history.byline', {
                    actor: entry.actorName || t('history.system'),
                    date: format.dateTime(entry.at),
                  })}
                </Text>
                {!activity && entry.changes.length > 0 && (
                  <Stack gap={2} mt={4}>
                    {entry.changes.map((change) => (
                      <Text
                        key={change.field}
                        size="sm"
                        style={{ overflowWrap: 'anywhere' }}
                        data-testid="history-change"
                        data-field={change.field}
                      >
                        <ChangeLine parts={changeParts(t, describeChange(change, entryContext))} />
                      </Text>
                    ))}
                  </Stack>
                )}
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Card>
  );
}
