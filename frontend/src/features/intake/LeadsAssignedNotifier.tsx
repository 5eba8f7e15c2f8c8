import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onLeadsAssigned } from '../../api';
import { recordKeys } from '../records/keys';
import { assignedNotice, assignedPath } from './assignedNotice';

/**
 * Announces the leads that lead sources assigned to the signed-in user: the desktop asks the server every 30
 * seconds while signed in and emits leads:assigned (desktop/app intake.go). The lead lists and boards reload.
 */
export function LeadsAssignedNotifier() {
  const { t } = useTranslation();
  const client = useQueryClient();
  useEffect(
    () =>
      onLeadsAssigned((assigned) => {
        if (assigned.count <= 0) return;
        void client.invalidateQueries({ queryKey: recordKeys.all('lead') });
        const { title, message } = assignedNotice(t, assigned);
        notifications.show({
          color: 'indigo',
          autoClose: false,
          withBorder: true,
          title,
          message: (
            <div data-testid="leads-assigned-notice">
              <Text size="sm">{message}</Text>
              {/* Notifications render outside the router (see App.tsx): a plain link to the hash route. */}
              <Anchor href={`#${assignedPath(assigned)}`} size="xs">
                {t('shell.nav.leads')}
              </Anchor>
            </div>
          ),
        });
      }),
    [client, t],
  );
  return null;
}
