import type {
  DatesSetArg,
  DayCellMountArg,
  EventClickArg,
  EventContentArg,
  EventDropArg,
  EventMountArg,
} from '@fullcalendar/core';
import deLocale from '@fullcalendar/core/locales/de';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type DateClickArg, type EventResizeDoneArg } from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { ActionIcon, Button, Group, Loader, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../api';
import { QueryError } from '../../components/QueryError';
import { useNotify } from '../../components/notify';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import type { ActivityFilter } from './activityQuery';
import {
  EVENT_CLASS,
  gridPatch,
  gridRange,
  plannedStart,
  stepAnchor,
  toEvent,
  type GridChange,
  type GridView,
} from './calendarEvents';
import { useActivityRange, useUpdateActivity } from './hooks';
import { dayKey } from './week';
import './calendar.css';

/** FullCalendar's name of each view. */
const VIEW_NAMES: Record<GridView, string> = { week: 'timeGridWeek', month: 'dayGridMonth' };

const TIME_FORMAT = { hour: '2-digit', minute: '2-digit', hour12: false } as const;

interface CalendarViewProps {
  filter: ActivityFilter;
  view: GridView;
  /** A day (YYYY-MM-DD) of the week or month shown. */
  anchor: string;
  onAnchor: (day: string) => void;
  onOpen: (activity: Activity) => void;
  /** Plans a new activity starting at a clicked slot (only offered when the role may create activities). */
  onPlan?: (start: Date) => void;
}

/**
 * The calendar grid of activities (FullCalendar): a week of time slots or a month of days, Monday first, 24-hour
 * times, in the UI's language and the desktop's time zone, as the rest of the app shows times. An activity is
 * dragged to another day or time, or its end is dragged to change its duration: the change goes to the server with
 * the version the grid showed, and a refusal (someone changed it meanwhile: 412) puts it back, says why and reloads.
 */
export function CalendarView({ filter, view, anchor, onAnchor, onOpen, onPlan }: CalendarViewProps) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const notify = useNotify();
  const update = useUpdateActivity();
  const calendar = useRef<FullCalendar>(null);
  const [title, setTitle] = useState('');
  const { from, to } = gridRange(view, anchor);
  const range = useActivityRange(filter, from, to);
  const canEdit = grants(me.role, 'activity', 'edit');
  const events = useMemo(
    () => (range.data?.items ?? []).map((activity) => toEvent(activity, { canEdit, meId: me.user.id })),
    [range.data, canEdit, me.user.id],
  );
  const today = dayKey(new Date());
  const showsToday = from <= today && today <= to;

  // The address decides view and date; the grid follows it.
  useEffect(() => {
    calendar.current?.getApi().changeView(VIEW_NAMES[view], anchor);
  }, [view, anchor]);

  const send = (activity: Activity, change: GridChange, revert: () => void) => {
    const patch = gridPatch(activity, change);
    if (patch === null) return;
    update.mutate(
      { id: activity.id, version: activity.version, patch },
      {
        onError: (error) => {
          revert();
          notify.error(error);
        },
      },
    );
  };

  const step = view === 'week' ? 'week' : 'month';
  return (
    <Stack gap="sm" data-testid="calendar" data-view={view} data-from={from} data-to={to}>
      <Group justify="space-between">
        <Group gap="xs">
          <Tooltip label={t(`activities.calendar.previous.${step}`)}>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t(`activities.calendar.previous.${step}`)}
              onClick={() => {
                onAnchor(stepAnchor(view, anchor, -1));
              }}
            >
              <IconChevronLeft size={18} />
            </ActionIcon>
          </Tooltip>
          <Button
            variant="default"
            disabled={showsToday}
            onClick={() => {
              onAnchor(today);
            }}
          >
            {t('activities.calendar.today')}
          </Button>
          <Tooltip label={t(`activities.calendar.next.${step}`)}>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t(`activities.calendar.next.${step}`)}
              onClick={() => {
                onAnchor(stepAnchor(view, anchor, 1));
              }}
            >
              <IconChevronRight size={18} />
            </ActionIcon>
          </Tooltip>
          <Title order={3} size="h4" ml="sm" data-testid="calendar-title">
            {title}
          </Title>
        </Group>
        {range.isFetching && <Loader size="xs" role="status" aria-label={t('common.loading')} />}
      </Group>
      {range.isError && <QueryError error={range.error} onRetry={() => void range.refetch()} />}
      {range.data && !range.data.complete && (
        <Text size="sm" c="orange">
          {t('activities.calendar.incomplete', { count: range.data.items.length })}
        </Text>
      )}
      <Paper
        withBorder
        radius="md"
        p="xs"
        className="onesales-calendar"
        data-testid="calendar-grid"
        data-loaded={range.isSuccess && !range.isPlaceholderData}
        data-count={events.length}
      >
        <FullCalendar
          ref={calendar}
          plugins={[timeGridPlugin, dayGridPlugin, interactionPlugin]}
          initialView={VIEW_NAMES[view]}
          initialDate={anchor}
          locales={[deLocale, enGbLocale]}
          locale={i18n.language === 'en' ? 'en-gb' : 'de'}
          firstDay={1}
          weekNumbers
          headerToolbar={false}
          height={680}
          allDaySlot={false}
          nowIndicator
          scrollTime="07:00:00"
          slotDuration="00:30:00"
          snapDuration="00:15:00"
          slotLabelFormat={TIME_FORMAT}
          eventTimeFormat={TIME_FORMAT}
          defaultTimedEventDuration="00:30:00"
          displayEventEnd
          eventDisplay="block"
          dayMaxEvents
          events={events}
          editable={canEdit}
          eventDurationEditable={canEdit}
          eventStartEditable={canEdit}
          datesSet={(arg: DatesSetArg) => {
            setTitle(arg.view.title);
          }}
          eventClick={(arg: EventClickArg) => {
            arg.jsEvent.preventDefault();
            onOpen(arg.event.extendedProps.activity as Activity);
          }}
          dateClick={(arg: DateClickArg) => {
            onPlan?.(plannedStart(arg.date, arg.allDay));
          }}
          eventDrop={(arg: EventDropArg) => {
            const activity = arg.event.extendedProps.activity as Activity;
            if (arg.event.start)
              send(activity, { kind: 'move', start: arg.event.start, end: arg.event.end }, arg.revert);
          }}
          eventResize={(arg: EventResizeDoneArg) => {
            const activity = arg.event.extendedProps.activity as Activity;
            if (arg.event.start)
              send(activity, { kind: 'resize', start: arg.event.start, end: arg.event.end }, arg.revert);
          }}
          dayCellDidMount={(arg: DayCellMountArg) => {
            // FullCalendar names a month day by its number alone, though the cell shows its activities too (WCAG
            // label in name): the cell is named by all it shows instead.
            arg.el.removeAttribute('aria-labelledby');
          }}
          eventContent={(arg: EventContentArg) => <EventContent arg={arg} overdue={t('activities.overdue')} />}
          eventDidMount={(arg: EventMountArg) => {
            const activity = arg.event.extendedProps.activity as Activity;
            arg.el.dataset.testid = 'calendar-event';
            arg.el.dataset.activityId = activity.id;
            arg.el.dataset.title = activity.title;
            arg.el.dataset.done = String(activity.done);
            arg.el.setAttribute('aria-label', t('activities.open', { title: activity.title }));
          }}
        />
      </Paper>
    </Stack>
  );
}

/** An event's face: its time, its title (struck through when done) and, when overdue, a mark that says so. */
function EventContent({ arg, overdue }: { arg: EventContentArg; overdue: string }) {
  const late = arg.event.classNames.includes(EVENT_CLASS.overdue);
  return (
    <div className="onesales-event">
      {arg.timeText !== '' && <span className="onesales-event-time">{arg.timeText}</span>}
      <span className="onesales-event-title">{arg.event.title}</span>
      {late && <span className="onesales-event-badge">{overdue}</span>}
    </div>
  );
}
