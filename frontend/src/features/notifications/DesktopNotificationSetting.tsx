import { Paper, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../components/notify';
import { useDesktopNotificationsSetting, useSetDesktopNotifications } from './hooks';

/** The switch "Desktop-Benachrichtigungen" of this desktop, on the account page. */
export function DesktopNotificationSetting() {
  const { t } = useTranslation();
  const notify = useNotify();
  const setting = useDesktopNotificationsSetting();
  const save = useSetDesktopNotifications();
  return (
    <Paper withBorder p="xl" radius="md" data-testid="notification-settings">
      <Title order={3} size="h4" mb="md">
        {t('notifications.setting.title')}
      </Title>
      <Switch
        label={t('notifications.setting.desktop')}
        description={t('notifications.setting.hint')}
        checked={setting.data ?? false}
        disabled={setting.data === undefined}
        onChange={(event) => {
          save.mutate(event.currentTarget.checked, {
            onError: (error) => {
              notify.error(error, t('notifications.setting.saveFailed'));
            },
          });
        }}
      />
      {setting.isError && (
        <Text size="xs" c="red" mt="xs">
          {t('notifications.setting.saveFailed')}
        </Text>
      )}
    </Paper>
  );
}
