import { Anchor, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { activitiesApi } from '../../api';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { DUE_SOON_MINUTES, dueSoonQuery, minutesUntil, noticeKey, selectDueSoon } from './dueSoon';
import { activityKeys } from './hooks';
import { ActivityTypeIcon } from './ActivityTypeIcon';
import { activityListPath } from './activityQuery';

/** How often the caller's upcoming activities are looked at while the app is open. */
const POLL_MS = 60_000;

/**
 * Announces the caller's open activities that start within the next 15 minutes, once each, while the app is open.
 *
 * Wails v2 has no API for the operating system's notifications (its runtime offers dialogs, not notifications;
 * that came with v3), so the notice is an in-app Mantine notification, kept until closed.
 */
export function DueSoonNotifier() {
  const { t } = useTranslation();
  const me = useMe();
  const announced = useRef(new Set<string>());
  const enabled = grants(me.role, 'activity', 'view');
  const upcoming = useQuery({
    queryKey: activityKeys.dueSoon,
    queryFn: () => activitiesApi.query(dueSoonQuery(new Date())),
    refetchInterval: POLL_MS,
    // Checked in the background too: a desktop window behind others is still "open".
    refetchIntervalInBackground: true,
    enabled,
  });

  useEffect(() => {
    if (!upcoming.data) return;
    const now = new Date();
    for (const activity of selectDueSoon(upcoming.data.items, now, announced.current, DUE_SOON_MINUTES)) {
      announced.current.add(noticeKey(activity));
      const minutes = minutesUntil(activity, now);
      notifications.show({
        id: `due-soon-${noticeKey(activity)}`,
        color: 'orange',
        autoClose: false,
        withBorder: true,
        title: minutes === 0 ? t('activities.dueSoon.now') : t('activities.dueSoon.title', { count: minutes }),
        message: (
          <Group gap="xs" wrap="nowrap" data-testid="due-soon-notice" data-title={activity.title}>
            <ActivityTypeIcon icon={activity.typeIcon} color={activity.typeColor} size="sm" />
            <div>
              <Text size="sm" fw={500}>
                {activity.title}
              </Text>
              {/* Notifications render outside the router (see App.tsx): a plain link to the hash route. */}
              <Anchor href={`#${activityListPath({ assignee: 'me', status: 'open', due: 'today' })}`} size="xs">
                {t('activities.dueSoon.open')}
              </Anchor>
            </div>
          </Group>
        ),
      });
    }
  }, [upcoming.data, t]);

  return null;
}
