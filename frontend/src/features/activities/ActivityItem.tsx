import { Badge, Checkbox, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity, ActivityLinkType } from '../../api';
import { LinkedRecord } from '../records/HiddenRecord';
import { ActivityTypeIcon } from './ActivityTypeIcon';
import { keepFocusAfterToggle } from './doneFocus';

/** Each link of an activity: its ID, the linked record's name and whether the caller may not see it. */
const LINKS: readonly {
  key: ActivityLinkType;
  of: (activity: Activity) => { id: string; name: string; hidden: boolean };
}[] = [
  { key: 'deal', of: (a) => ({ id: a.dealId, name: a.dealTitle, hidden: a.dealHidden }) },
  { key: 'lead', of: (a) => ({ id: a.leadId, name: a.leadTitle, hidden: a.leadHidden }) },
  { key: 'person', of: (a) => ({ id: a.personId, name: a.personName, hidden: a.personHidden }) },
  {
    key: 'organization',
    of: (a) => ({ id: a.organizationId, name: a.organizationName, hidden: a.organizationHidden }),
  },
];

/**
 * The records an activity is linked to, as links to their pages; one the caller may not see is the placeholder
 * (named by its kind: the line has no labels).
 */
export function ActivityLinksText({ activity, except }: { activity: Activity; except?: ActivityLinkType }) {
  const links = LINKS.filter((link) => link.key !== except)
    .map((link) => ({ key: link.key, ...link.of(activity) }))
    .filter((link) => link.hidden || (link.id !== '' && link.name !== ''));
  if (links.length === 0) return null;
  return (
    <Text size="xs" c="dimmed" span data-testid="activity-links">
      {links.map((link, index) => (
        <Fragment key={link.key}>
          {index > 0 && ' · '}
          <LinkedRecord
            recordType={link.key}
            id={link.id}
            name={link.name}
            hidden={link.hidden}
            showType
            size="xs"
            onClick={(event) => {
              event.stopPropagation();
            }}
          />
        </Fragment>
      ))}
    </Text>
  );
}

/** Done or not, as a checkbox that says what it does. */
export function DoneCheckbox({
  activity,
  onToggle,
  disabled,
}: {
  activity: Activity;
  onToggle: (done: boolean) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox
      checked={activity.done}
      onChange={(event) => {
        keepFocusAfterToggle(event.currentTarget);
        onToggle(event.currentTarget.checked);
      }}
      data-activity-id={activity.id}
      disabled={disabled}
      aria-label={
        activity.done
          ? t('activities.markOpen', { title: activity.title })
          : t('activities.markDone', { title: activity.title })
      }
      data-testid="activity-done"
      radius="xl"
      color="teal"
    />
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="light" size="sm" data-testid="overdue-badge">
      {t('activities.overdue')}
    </Badge>
  );
}

/**
 * One activity in a narrow place (a record's card, a day of the agenda): done checkbox, type icon, title (opens
 * it), when, and what it is linked to. Overdue ones show their date in red with a badge.
 */
export function ActivityItem({
  activity,
  onToggle,
  onOpen,
  canEdit,
  when,
  extra,
  except,
}: {
  activity: Activity;
  onToggle: (done: boolean) => void;
  onOpen: () => void;
  canEdit: boolean;
  /** The time text (the agenda shows only the time, a card the date too). */
  when: string;
  /** More facts for the second line (the assignee, say). */
  extra?: ReactNode;
  /** The record whose page shows the activity: no link to it. */
  except?: ActivityLinkType;
}) {
  const { t } = useTranslation();
  const late = activity.overdue && !activity.done;
  return (
    <Group
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      data-testid="activity-row"
      data-title={activity.title}
      data-assignee={activity.assigneeName}
      data-done={activity.done}
      data-overdue={late}
      py={6}
    >
      <div style={{ paddingTop: 2 }}>
        <DoneCheckbox activity={activity} onToggle={onToggle} disabled={!canEdit} />
      </div>
      <ActivityTypeIcon icon={activity.typeIcon} color={activity.typeColor} size="md" label={activity.typeName} />
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <UnstyledButton onClick={onOpen} aria-label={t('activities.open', { title: activity.title })}>
          <Text
            size="sm"
            fw={500}
            td={activity.done ? 'line-through' : undefined}
            c={activity.done ? 'dimmed' : undefined}
            truncate
            data-testid="activity-title"
          >
            {activity.title}
          </Text>
        </UnstyledButton>
        <Group gap={6} wrap="wrap">
          <Text size="xs" c={late ? 'red' : 'dimmed'} fw={late ? 600 : undefined} data-testid="activity-due">
            {when}
            {activity.durationMinutes > 0 && ` · ${t('activities.duration', { minutes: activity.durationMinutes })}`}
          </Text>
          {late && <OverdueBadge />}
          {extra}
        </Group>
        <ActivityLinksText activity={activity} except={except} />
      </Stack>
    </Group>
  );
}
