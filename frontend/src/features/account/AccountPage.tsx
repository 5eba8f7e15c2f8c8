import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../api';
import { parseError } from '../../api/errors';
import { showFormError } from '../../components/forms';
import { useNotify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { StorageUsageBar } from '../documents/StorageUsageBar';
import { TileSettings } from '../maps/TileSettings';
import { ExportSetting } from '../exports/ExportSetting';
import { DesktopNotificationSetting } from '../notifications/DesktopNotificationSetting';
import { CalendarFeedCard } from './CalendarFeedCard';
import { useChangePassword } from './hooks';
import { DevicesCard, TwoFactorCard } from './TwoFactorCard';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

export function AccountPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const change = useChangePassword();
  const form = useForm<PasswordValues>({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', repeatPassword: '' },
    validate: {
      currentPassword: (value) => (value === '' ? t('account.validation.currentRequired') : null),
      newPassword: (value) =>
        value.length < MIN_PASSWORD_LENGTH ? t('account.validation.tooShort', { min: MIN_PASSWORD_LENGTH }) : null,
      repeatPassword: (value, values) => (value !== values.newPassword ? t('account.validation.mismatch') : null),
    },
  });

  const submit = form.onSubmit((values) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.reset();
          notify.success(t('account.success'));
        },
        onError: (reason) => {
          const error = parseError(reason);
          if (error.is('auth.wrong_password')) {
            form.setFieldError('currentPassword', t('errors.auth.wrong_password'));
            return;
          }
          showFormError(form, error, t, notify);
        },
      },
    );
  });

  return (
    <Stack maw={640}>
      <PageHeader title={t('shell.userMenu.account')} />
      <Paper withBorder p="xl" radius="md" data-testid="account-storage">
        <Title order={3} size="h4" mb="md">
          {t('storage.title')}
        </Title>
        <StorageUsageBar />
        <Text size="xs" c="dimmed" mt="sm">
          {t('storage.hint')}
        </Text>
      </Paper>
      <Paper withBorder p="xl" radius="md">
        <Title order={3} size="h4" mb="md">
          {t('account.title')}
        </Title>
        <form onSubmit={submit} noValidate data-testid="change-password-form">
          <Stack>
            <PasswordInput
              label={t('account.currentPassword')}
              autoComplete="current-password"
              {...form.getInputProps('currentPassword')}
            />
            <PasswordInput
              label={t('account.newPassword')}
              description={t('account.hint', { min: MIN_PASSWORD_LENGTH })}
              autoComplete="new-password"
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput
              label={t('account.repeatPassword')}
              autoComplete="new-password"
              {...form.getInputProps('repeatPassword')}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={change.isPending} disabled={change.isPending}>
                {t('account.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <TwoFactorCard />
      <DevicesCard />
      <CalendarFeedCard />
      <DesktopNotificationSetting />
      <ExportSetting />
      <TileSettings />
    </Stack>
  );
}
