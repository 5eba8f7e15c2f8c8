import { Anchor, Badge, Button, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { Link } from 'react-router';
import type { Activity, ActivityLinkType } from '../../api';
import { QueryError } from '../../components/QueryError';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import type { ActivityLinks } from './activityForm';
import { activityListPath } from './activityQuery';
import { ActivityFormModal, type ActivityLinkNames } from './ActivityFormModal';
import { ActivityItem } from './ActivityItem';
import { activityListProps } from './doneFocus';
import { useActivityDates } from './dates';
import { useRecordActivities, useToggleDone } from './hooks';

/**
 * The activities of a person, organisation, deal or lead on its page: open ones first (overdue ones stand out),
 * then the done ones; each can be ticked off; new ones are planned linked to the record.
 */
export function ActivitiesCard(props: ActivitiesCardProps) {
  const me = useMe();
  return grants(me.role, 'activity', 'view') ? <RecordActivities {...props} /> : null;
}

interface ActivitiesCardProps {
  recordType: ActivityLinkType;
  recordId: string;
  /** What a new activity is linked to: the record itself, and whatever belongs to it (a deal's person, say). */
  links: ActivityLinks;
  linkNames?: ActivityLinkNames;
}

function RecordActivities({ recordType, recordId, links, linkNames }: ActivitiesCardProps) {
  const { t } = useTranslation();
  const me = useMe();
  const dates = useActivityDates();
  const activities = useRecordActivities(recordType, recordId);
  const toggle = useToggleDone();
  const [dialog, setDialog] = useState<{ opened: boolean; activity?: Activity }>({ opened: false });
  const canCreate = grants(me.role, 'activity', 'create');
  const canEdit = grants(me.role, 'activity', 'edit');

  const items = activities.data?.items ?? [];
  const open = items.filter((item) => !item.done);
  const done = items.filter((item) => item.done);
  const row = (activity: Activity) => (
    <ActivityItem
      key={activity.id}
      activity={activity}
      canEdit={canEdit}
      when={dates.due(activity.dueAt)}
      except={recordType}
      extra={
        activity.assigneeId !== me.user.id ? (
          <Text size="xs" c="dimmed">
            {activity.assigneeName}
          </Text>
        ) : undefined
      }
      onToggle={(next) => {
        toggle.mutate({ activity, done: next });
      }}
      onOpen={() => {
        setDialog({ opened: true, activity });
      }}
    />
  );

  return (
    <Card withBorder radius="md" padding="lg" data-testid="activities-card">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="xs">
          <Title order={3} size="h4">
            {t('activities.title')}
          </Title>
          {open.length > 0 && (
            <Badge variant="light" size="sm" data-testid="activities-open-count">
              {t('activities.card.openCount', { count: open.length })}
            </Badge>
          )}
        </Group>
        {canCreate && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => {
              setDialog({ opened: true });
            }}
          >
            {t('activities.create')}
          </Button>
        )}
      </Group>
      {activities.isError ? (
        <QueryError error={activities.error} onRetry={() => void activities.refetch()} />
      ) : activities.isPending ? (
        <Loading small />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="activities-empty">
          {t('activities.card.empty')}
        </Text>
      ) : (
        <Stack gap={0} {...activityListProps(t('activities.title'))}>
          <div data-testid="activities-open">{open.map(row)}</div>
          {done.length > 0 && (
            <>
              <Divider my="xs" label={t('activities.card.done', { count: done.length })} labelPosition="left" />
              <div data-testid="activities-done">{done.map(row)}</div>
            </>
          )}
          <Anchor
            component={Link}
            to={activityListPath({ recordType, recordId })}
            size="xs"
            mt="xs"
            data-testid="activities-in-list"
          >
            {t('activities.card.showInList')}
          </Anchor>
        </Stack>
      )}
      <ActivityFormModal
        opened={dialog.opened}
        activity={dialog.activity}
        links={links}
        linkNames={linkNames}
        onClose={() => {
          setDialog((previous) => ({ ...previous, opened: false }));
        }}
      />
    </Card>
  );
}
