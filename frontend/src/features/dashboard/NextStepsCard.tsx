import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Activity, Deal, NextSteps } from '../../api';
import { useFormatters } from '../../i18n/format';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { ActivityFormModal } from '../activities/ActivityFormModal';
import { ActivityItem } from '../activities/ActivityItem';
import { useActivityDates } from '../activities/dates';
import { activityListProps } from '../activities/doneFocus';
import { useToggleDone } from '../activities/hooks';
import { LinkedRecord } from '../records/HiddenRecord';
import { formatMoney } from '../sales/money';
import { activityFigurePath, recordListPath } from './figures';
import { FigureLink } from './FigureLink';

/** The next activities: overdue first, then by due time; each can be ticked off or opened. */
function NextActivities({ steps }: { steps: NextSteps }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const dates = useActivityDates();
  const me = useMe();
  const toggle = useToggleDone();
  const [dialog, setDialog] = useState<{ opened: boolean; activity?: Activity }>({ opened: false });
  const { open, activities } = steps;
  return (
    <Stack gap={4} data-testid="next-activities">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm">
          {t('dashboard.nextSteps.activities')}
        </Text>
        <Badge variant="light" size="sm" data-testid="next-activities-count" data-count={open.count}>
          {t('dashboard.nextSteps.openCount', { count: open.count, shown: format.number(open.count) })}
        </Badge>
      </Group>
      {activities.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="next-activities-empty">
          {t('dashboard.nextSteps.noActivities')}
        </Text>
      ) : (
        <div {...activityListProps(t('dashboard.nextSteps.activities'))}>
          {activities.map((activity) => (
            <ActivityItem
              key={activity.id}
              activity={activity}
              canEdit={grants(me.role, 'activity', 'edit')}
              when={dates.due(activity.dueAt)}
              onToggle={(done) => {
                toggle.mutate({ activity, done });
              }}
              onOpen={() => {
                setDialog({ opened: true, activity });
              }}
            />
          ))}
        </div>
      )}
      {open.count > 0 && (
        <Anchor
          component={Link}
          to={activityFigurePath(open.query)}
          size="sm"
          data-testid="next-activities-all"
          data-count={open.count}
        >
          {t('dashboard.nextSteps.showAll', { shown: format.number(open.count) })}
        </Anchor>
      )}
      <ActivityFormModal
        opened={dialog.opened}
        activity={dialog.activity}
        links={{}}
        onClose={() => {
          setDialog((previous) => ({ ...previous, opened: false }));
        }}
      />
    </Stack>
  );
}

/** One deal without a next step: its title (opens it), organisation, value and expected close date. */
function DealLine({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      py={6}
      data-testid="deal-without-activity"
      data-title={deal.title}
    >
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Anchor component={Link} to={`/deals/${deal.id}`} size="sm" fw={500} truncate>
          {deal.title}
        </Anchor>
        <Text size="xs" c="dimmed" truncate>
          <LinkedRecord
            recordType="organization"
            id={deal.organizationId}
            name={deal.organizationName}
            hidden={deal.organizationHidden}
            size="xs"
          />
          {deal.organizationName !== '' || deal.organizationHidden ? ' · ' : ''}
          {deal.stageName}
        </Text>
      </Stack>
      <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
        <Text size="sm" fw={600}>
          {formatMoney(deal.value, deal.currency, format.locale)}
        </Text>
        {deal.expectedCloseDate !== '' && (
          <Text size="xs" c="dimmed">
            {t('dashboard.nextSteps.closes', { date: format.date(deal.expectedCloseDate) })}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

/** The open deals without any open activity: their number and value (opens the list), and the most valuable. */
function DealsWithoutActivity({ steps }: { steps: NextSteps }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const figure = steps.dealsWithoutActivity;
  const to = recordListPath('deal', figure.query);
  return (
    <Stack gap={4} data-testid="deals-without-activity">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={600} size="sm">
            {t('dashboard.nextSteps.dealsWithout')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('dashboard.nextSteps.dealsWithoutHint')}
          </Text>
        </div>
        <FigureLink
          to={to}
          count={figure.count}
          testId="figure-deals-without-activity"
          label={t('dashboard.openDeals', { label: t('dashboard.nextSteps.dealsWithout') })}
        >
          <Text fz={24} fw={700} c={figure.count > 0 ? 'orange' : undefined} ta="right" lh={1.2}>
            {format.number(figure.count)}
          </Text>
          <Text size="xs" c="dimmed" ta="right">
            {formatMoney(figure.value, 'EUR', format.locale)}
          </Text>
        </FigureLink>
      </Group>
      {steps.deals.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="deals-without-activity-empty">
          {t('dashboard.nextSteps.noDeals')}
        </Text>
      ) : (
        <div>
          {steps.deals.map((deal) => (
            <DealLine key={deal.id} deal={deal} />
          ))}
        </div>
      )}
      {figure.count > steps.deals.length && (
        <Anchor component={Link} to={to} size="sm" data-testid="deals-without-activity-all">
          {t('dashboard.nextSteps.showAll', { shown: format.number(figure.count) })}
        </Anchor>
      )}
    </Stack>
  );
}

/**
 * "Meine nächsten Schritte": the signed-in user's own next activities and their open deals without a next activity,
 * whichever scope the dashboard shows; each part only when the role may list what it shows.
 */
export function NextStepsCard({ steps, activities, deals }: { steps: NextSteps; activities: boolean; deals: boolean }) {
  const { t } = useTranslation();
  if (!activities && !deals) return null;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="dashboard-next-steps">
      <Title order={3} size="h5" mb="sm">
        {t('dashboard.nextSteps.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: activities && deals ? 2 : 1 }} spacing="xl">
        {activities && <NextActivities steps={steps} />}
        {deals && <DealsWithoutActivity steps={steps} />}
      </SimpleGrid>
    </Card>
  );
}
