import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import type { Notification } from '../../api';
import type { Formatters } from '../../i18n/format';
import { notificationPath, notificationText, notificationTitle } from './texts';

/**
 * Shows the server's reminder of an activity due soon (notification kind activity_due) inside the focused window,
 * kept until closed; in the background the operating system announces it instead (useAnnounceNew). The server
 * decides what is due (notify.DueWithin), so the desktop keeps no timer of its own.
 */
export function showReminder(t: TFunction, f: Formatters, n: Notification): void {
  notifications.show({
    id: `reminder-${n.id}`,
    color: 'orange',
    autoClose: false,
    withBorder: true,
    title: notificationTitle(t, n),
    message: (
      <div data-testid="due-soon-notice" data-title={n.recordName}>
        <Text size="sm" fw={500}>
          {notificationText(t, f, n)}
        </Text>
        {/* Notifications render outside the router (see App.tsx): a plain link to the hash route. */}
        <Anchor href={`#${notificationPath(n)}`} size="xs">
          {t('notifications.openActivities')}
        </Anchor>
      </div>
    ),
  });
}
