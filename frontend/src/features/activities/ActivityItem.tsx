import { Anchor, Badge, Checkbox, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Activity, ActivityLinkType } from '../../api';
import { ActivityTypeIcon } from './ActivityTypeIcon';

/** The records an activity is linked to, as links to their pages (only those the caller may see have names). */
export function ActivityLinksText({ activity, except }: { activity: Activity; except?: ActivityLinkType }) {
  const all: { to: string; name: string; key: ActivityLinkType }[] = [];
  if (activity.dealId && activity.dealTitle) {
    all.push({ key: 'deal', to: `/deals/${activity.dealId}`, name: activity.dealTitle });
  }
  if (activity.leadId && activity.leadTitle) {
    all.push({ key: 'lead', to: `/leads/${activity.leadId}`, name: activity.leadTitle });
  }
  if (activity.personId && activity.personName) {
    all.push({ key: 'person', to: `/persons/${activity.personId}`, name: activity.personName });
  }
  if (activity.organizationId && activity.organizationName) {
    all.push({ key: 'organization', to: `/organizations/${activity.organizationId}`, name: activity.organizationName });
  }
  const links = all.filter((link) => link.key !== except);
  if (links.length === 0) return null;
  return (
    <Text size="xs" c="dimmed" span>
      {links.map((link, index) => (
        <Fragment key={link.key}>
          {index > 0 && ' · '}
          <Anchor
            component={Link}
            to={link.to}
            size="xs"
            onClick={(event) => {
              event.stopPropagation();
            }}
          >
            {link.name}
          </Anchor>
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
        onToggle(event.currentTarget.checked);
      }}
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
          <Text size="xs" c={late ? 'red.7' : 'dimmed'} fw={late ? 600 : undefined} data-testid="activity-due">
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
