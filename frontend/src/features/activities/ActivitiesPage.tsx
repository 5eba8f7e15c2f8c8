import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListStatus, LoadMore } from '../records/list/ListParts';
import { Loaded, Loading } from '../../components/Loading';
import { useSearchParams } from 'react-router';
import { exportsApi, type Activity } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { grants } from '../access/grants';
import { ExportButton } from '../exports/ExportButton';
import { useMe } from '../auth/session';
import type { ActivityLinks } from './activityForm';
import { ActivityFilters } from './ActivityFilters';
import { ActivityFormModal } from './ActivityFormModal';
import { ActivityItem, ActivityLinksText, DoneCheckbox, OverdueBadge } from './ActivityItem';
import { activityListProps } from './doneFocus';
import { useActivityDates } from './dates';
import {
  defaultActivityFilter,
  parseActivityFilter,
  serializeActivityFilter,
  toActivityQuery,
  type ActivityFilter,
} from './activityQuery';
import { useActivityList, useActivityRange, useToggleDone } from './hooks';
import { ActivityTypeIcon } from './ActivityTypeIcon';
import { addDays, dayKey, groupByDay, mondayOf, parseDay, weekFromParam, weekRange } from './week';
import type { GridView } from './calendarEvents';
import { CalendarView } from './CalendarView';

const FILTER_PARAM = 'filter';
const VIEW_PARAM = 'view';
const WEEK_PARAM = 'week';
const DATE_PARAM = 'date';

/** The page's views: the list, the agenda of a week by day, and the calendar grid of a week or a month. */
type View = 'list' | 'agenda' | GridView;
const VIEWS: readonly View[] = ['list', 'agenda', 'week', 'month'];

/** The filter, the view, the agenda's week and the grid's day live in the address, so that links and reloads keep them. */
function usePageState() {
  const [params, setParams] = useSearchParams();
  const filterText = params.get(FILTER_PARAM);
  const { defaultScope } = useMe();
  const filter = useMemo(
    () => parseActivityFilter(filterText, defaultActivityFilter(defaultScope)),
    [filterText, defaultScope],
  );
  const view = VIEWS.find((candidate) => candidate === params.get(VIEW_PARAM)) ?? 'list';
  const monday = weekFromParam(params.get(WEEK_PARAM), new Date());
  const date = params.get(DATE_PARAM);
  const anchor = date !== null && parseDay(date) ? date : dayKey(new Date());
  const set = useCallback(
    (changes: Record<string, string | null>) => {
      setParams(
        (previous) => {
          const out = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null) out.delete(key);
            else out.set(key, value);
          }
          return out;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return {
    filter,
    view,
    monday,
    anchor,
    setFilter: (next: ActivityFilter) => {
      set({ [FILTER_PARAM]: serializeActivityFilter(next) });
    },
    setView: (next: string) => {
      set({ [VIEW_PARAM]: next === 'list' ? null : next });
    },
    setWeek: (next: string) => {
      set({ [WEEK_PARAM]: next });
    },
    setAnchor: (next: string) => {
      set({ [DATE_PARAM]: next });
    },
  };
}

interface Dialog {
  opened: boolean;
  activity?: Activity;
  /** A new activity's start (planned by a click on the calendar grid). */
  start?: Date;
}

/** Aktivitäten: the list with its filters, the week's agenda by day, and the calendar grid of a week or a month. */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const state = usePageState();
  const [dialog, setDialog] = useState<Dialog>({ opened: false });
  const open = (activity?: Activity) => {
    setDialog({ opened: true, activity });
  };
  const canCreate = grants(me.role, 'activity', 'create');
  // Planned from a list limited to one record, a new activity is linked to it.
  const links: ActivityLinks =
    state.filter.recordType !== '' ? { [`${state.filter.recordType}Id`]: state.filter.recordId } : {};

  return (
    <Stack maw={1400} data-testid="activities-page">
      <PageHeader title={t('activities.title')}>
        <Group gap="sm">
          <SegmentedControl
            value={state.view}
            onChange={state.setView}
            data={VIEWS.map((value) => ({ value, label: t(`activities.views.${value}`) }))}
            data-testid="activity-view"
          />
          <ExportButton
            recordType="activity"
            listColumns={['done', 'due', 'title', 'links', 'assignee']}
            run={(options) => exportsApi.exportActivities(toActivityQuery(state.filter), options)}
          />
          {canCreate && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => {
                open();
              }}
            >
              {t('activities.create')}
            </Button>
          )}
        </Group>
      </PageHeader>
      <ActivityFilters filter={state.filter} onChange={state.setFilter} week={state.view !== 'list'} />
      {state.view === 'list' && <ListView filter={state.filter} onOpen={open} />}
      {state.view === 'agenda' && (
        <WeekView filter={state.filter} monday={state.monday} onWeek={state.setWeek} onOpen={open} />
      )}
      {(state.view === 'week' || state.view === 'month') && (
        <CalendarView
          filter={state.filter}
          view={state.view}
          anchor={state.anchor}
          onAnchor={state.setAnchor}
          onOpen={open}
          onPlan={
            canCreate
              ? (start) => {
                  setDialog({ opened: true, start });
                }
              : undefined
          }
        />
      )}
      <ActivityFormModal
        opened={dialog.opened}
        activity={dialog.activity}
        start={dialog.start}
        links={links}
        onClose={() => {
          setDialog((previous) => ({ ...previous, opened: false }));
        }}
      />
    </Stack>
  );
}

function ListView({ filter, onOpen }: { filter: ActivityFilter; onOpen: (activity: Activity) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const dates = useActivityDates();
  const me = useMe();
  const list = useActivityList(filter);
  const toggle = useToggleDone();
  const canEdit = grants(me.role, 'activity', 'edit');
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.isPending) {
    return <Loading />;
  }
  const more = list.hasNextPage;
  return (
    <Paper withBorder radius="md" {...activityListProps(t('activities.title'))}>
      <ListStatus fetching={list.isFetching}>
        <Text
          size="sm"
          c="dimmed"
          data-testid="activity-count"
          data-count={items.length}
          data-complete={!more}
          aria-live="polite"
        >
          {more
            ? t('activities.list.countMore', { count: items.length, shown: format.number(items.length) })
            : t('activities.list.count', { count: items.length, shown: format.number(items.length) })}
        </Text>
      </ListStatus>
      <Table.ScrollContainer minWidth={860}>
        <Table
          verticalSpacing="sm"
          highlightOnHover
          data-testid="activities-table"
          style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
          aria-busy={list.isPlaceholderData}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={48}>
                <VisuallyHidden>{t('activities.columns.done')}</VisuallyHidden>
              </Table.Th>
              <Table.Th w={200}>{t('activities.columns.due')}</Table.Th>
              <Table.Th>{t('activities.columns.title')}</Table.Th>
              <Table.Th>{t('activities.columns.links')}</Table.Th>
              <Table.Th w={170}>{t('activities.columns.assignee')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text c="dimmed" ta="center" py="lg" data-testid="activities-list-empty">
                    {t('activities.list.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {items.map((activity) => {
              const late = activity.overdue && !activity.done;
              return (
                <Table.Tr
                  key={activity.id}
                  data-testid="activity-row"
                  data-title={activity.title}
                  data-assignee={activity.assigneeName}
                  data-done={activity.done}
                  data-overdue={late}
                >
                  <Table.Td>
                    <DoneCheckbox
                      activity={activity}
                      disabled={!canEdit}
                      onToggle={(done) => {
                        toggle.mutate({ activity, done });
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2} align="flex-start">
                      <Text
                        size="sm"
                        c={late ? 'red' : undefined}
                        fw={late ? 600 : undefined}
                        style={{ whiteSpace: 'nowrap' }}
                        data-testid="activity-due"
                      >
                        {dates.due(activity.dueAt)}
                      </Text>
                      {late && <OverdueBadge />}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <ActivityTypeIcon
                        icon={activity.typeIcon}
                        color={activity.typeColor}
                        size="md"
                        label={activity.typeName}
                      />
                      <Stack gap={0} align="flex-start">
                        <UnstyledButton
                          onClick={() => {
                            onOpen(activity);
                          }}
                          aria-label={t('activities.open', { title: activity.title })}
                        >
                          <Text
                            size="sm"
                            fw={500}
                            td={activity.done ? 'line-through' : undefined}
                            c={activity.done ? 'dimmed' : undefined}
                            data-testid="activity-title"
                          >
                            {activity.title}
                          </Text>
                        </UnstyledButton>
                        {/* Beside the button, which is named by the title alone ("Öffnen: …"). */}
                        {activity.durationMinutes > 0 && (
                          <Text size="xs" c="dimmed">
                            {activity.typeName} · {t('activities.duration', { minutes: activity.durationMinutes })}
                          </Text>
                        )}
                      </Stack>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <ActivityLinksText activity={activity} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{activity.assigneeName}</Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMore list={list} testId="load-more">
        {t('activities.list.loadMore')}
      </LoadMore>
    </Paper>
  );
}

function WeekView({
  filter,
  monday,
  onWeek,
  onOpen,
}: {
  filter: ActivityFilter;
  monday: string;
  onWeek: (monday: string) => void;
  onOpen: (activity: Activity) => void;
}) {
  const { t } = useTranslation();
  const dates = useActivityDates();
  const me = useMe();
  const { dueFrom, dueTo } = weekRange(monday);
  const week = useActivityRange(filter, dueFrom, dueTo);
  const toggle = useToggleDone();
  const canEdit = grants(me.role, 'activity', 'edit');
  const today = dayKey(new Date());
  const thisWeek = mondayOf(new Date());
  const days = useMemo(() => groupByDay(week.data?.items ?? [], monday), [week.data, monday]);

  return (
    <Stack gap="sm" data-testid="agenda" data-week={monday}>
      <Group justify="space-between">
        <Group gap="xs">
          <Tooltip label={t('activities.week.previous')}>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('activities.week.previous')}
              onClick={() => {
                onWeek(addDays(monday, -7));
              }}
            >
              <IconChevronLeft size={18} />
            </ActionIcon>
          </Tooltip>
          <Button
            variant="default"
            disabled={monday === thisWeek}
            onClick={() => {
              onWeek(thisWeek);
            }}
          >
            {t('activities.week.current')}
          </Button>
          <Tooltip label={t('activities.week.next')}>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('activities.week.next')}
              onClick={() => {
                onWeek(addDays(monday, 7));
              }}
            >
              <IconChevronRight size={18} />
            </ActionIcon>
          </Tooltip>
          <Title order={3} size="h4" ml="sm" data-testid="agenda-range">
            {t('activities.week.range', { from: dates.day(dueFrom), to: dates.day(dueTo) })}
          </Title>
        </Group>
        {week.isFetching && <Loader size="xs" role="status" aria-label={t('common.loading')} />}
      </Group>
      <Loaded query={week}>
        {(data) => (
          <>
            {!data.complete && (
              <Text size="sm" c="orange">
                {t('activities.week.incomplete', { count: data.items.length })}
              </Text>
            )}
            <Paper
              withBorder
              radius="md"
              style={{ opacity: week.isPlaceholderData ? 0.6 : 1 }}
              aria-busy={week.isPlaceholderData}
              {...activityListProps(t('activities.title'))}
            >
              {days.map((entry, index) => (
                <Group
                  key={entry.day}
                  align="flex-start"
                  wrap="nowrap"
                  gap="md"
                  px="md"
                  py="sm"
                  data-testid="agenda-day"
                  data-day={entry.day}
                  data-count={entry.items.length}
                  bg={entry.day === today ? 'indigo.0' : undefined}
                  style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}
                >
                  <Stack gap={4} w={230} style={{ flexShrink: 0 }} pt={6}>
                    <Text fw={600} size="sm">
                      {dates.dayTitle(entry.day)}
                    </Text>
                    <Group gap={4}>
                      {entry.day === today && (
                        <Badge size="sm" variant="filled">
                          {t('activities.week.today')}
                        </Badge>
                      )}
                      {entry.items.length > 0 && (
                        <Badge size="sm" variant="light" color="gray">
                          {entry.items.length}
                        </Badge>
                      )}
                    </Group>
                  </Stack>
                  <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                    {entry.items.length === 0 ? (
                      <Text size="sm" c="dimmed" py={6}>
                        {t('activities.week.empty')}
                      </Text>
                    ) : (
                      entry.items.map((activity) => (
                        <ActivityItem
                          key={activity.id}
                          activity={activity}
                          canEdit={canEdit}
                          when={dates.time(activity.dueAt)}
                          extra={
                            activity.assigneeId !== me.user.id ? (
                              <Text size="xs" c="dimmed">
                                {activity.assigneeName}
                              </Text>
                            ) : undefined
                          }
                          onToggle={(done) => {
                            toggle.mutate({ activity, done });
                          }}
                          onOpen={() => {
                            onOpen(activity);
                          }}
                        />
                      ))
                    )}
                  </Stack>
                </Group>
              ))}
            </Paper>
          </>
        )}
      </Loaded>
    </Stack>
  );
}
