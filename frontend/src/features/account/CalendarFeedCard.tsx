import { Accordion, Alert, Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconCalendarShare, IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../components/Loading';
import { useNotify } from '../../components/notify';
import { useFormatters } from '../../i18n/format';
import { useCalendarFeed, useDisableCalendarFeed, useRenewCalendarFeed } from './hooks';

const CLIENTS = ['outlook', 'google', 'apple'] as const;

/**
 * "Kalender-Abo" on the account page: the user's ICS feed of their own activities for Outlook, Google and Apple
 * calendars. Its URL is shown once, right after it is made or renewed (the server keeps only a hash of its token);
 * renewing makes the old URL stop working, switching off the current one.
 */
export function CalendarFeedCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const notify = useNotify();
  const feed = useCalendarFeed();
  const renew = useRenewCalendarFeed();
  const disable = useDisableCalendarFeed();
  // The URL of the feed made or renewed on this page; gone on reload, as the server cannot tell it again.
  const [url, setUrl] = useState('');

  const make = () => {
    renew.mutate(undefined, {
      onSuccess: (created) => {
        setUrl(created.url);
      },
      onError: (error) => {
        notify.error(error);
      },
    });
  };
  const confirm = (title: string, body: string, label: string, color: string, run: () => void) => {
    modals.openConfirmModal({
      title,
      children: <Text size="sm">{body}</Text>,
      labels: { confirm: label, cancel: t('common.cancel') },
      confirmProps: { color },
      onConfirm: run,
    });
  };

  return (
    <Paper withBorder p="xl" radius="md" data-testid="calendar-feed">
      <Group gap="xs" mb="md">
        <IconCalendarShare size={22} aria-hidden />
        <Title order={3} size="h4">
          {t('calendarFeed.title')}
        </Title>
      </Group>
      <Loaded query={feed}>
        {(state) => (
          <Stack gap="sm">
            <Text size="sm">{t('calendarFeed.intro', { daysBack: state.daysBack, daysAhead: state.daysAhead })}</Text>
            {!state.active && <Text size="sm">{t('calendarFeed.off')}</Text>}
            {state.active && (
              <Text size="sm" data-testid="calendar-feed-state">
                {state.createdAt ? t('calendarFeed.since', { date: format.dateTime(state.createdAt) }) : ''}{' '}
                {state.lastUsedAt
                  ? t('calendarFeed.lastUsed', { when: format.relative(state.lastUsedAt) })
                  : t('calendarFeed.neverUsed')}
              </Text>
            )}
            {state.active && url !== '' && (
              <Stack gap="xs">
                <Group gap="xs" align="flex-end" wrap="nowrap">
                  <TextInput
                    label={t('calendarFeed.url')}
                    value={url}
                    readOnly
                    style={{ flex: 1 }}
                    data-testid="calendar-feed-url"
                    onFocus={(event) => {
                      event.currentTarget.select();
                    }}
                  />
                  <CopyButton value={url}>
                    {({ copied, copy }) => (
                      <Button
                        variant="default"
                        leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                        onClick={copy}
                      >
                        {copied ? t('calendarFeed.copied') : t('calendarFeed.copy')}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
                <Alert color="yellow" variant="light">
                  <Text size="sm">{t('calendarFeed.shownOnce')}</Text>
                </Alert>
              </Stack>
            )}
            {state.active && url === '' && (
              <Text size="sm" c="dimmed">
                {t('calendarFeed.lostUrl')}
              </Text>
            )}
            <Group gap="sm">
              {!state.active ? (
                <Button onClick={make} loading={renew.isPending}>
                  {t('calendarFeed.create')}
                </Button>
              ) : (
                <>
                  <Button
                    variant="default"
                    loading={renew.isPending}
                    onClick={() => {
                      confirm(
                        t('calendarFeed.renewTitle'),
                        t('calendarFeed.renewBody'),
                        t('calendarFeed.renew'),
                        'blue',
                        make,
                      );
                    }}
                  >
                    {t('calendarFeed.renew')}
                  </Button>
                  <Button
                    variant="default"
                    color="red"
                    loading={disable.isPending}
                    onClick={() => {
                      confirm(
                        t('calendarFeed.disableTitle'),
                        t('calendarFeed.disableBody'),
                        t('calendarFeed.disable'),
                        'red',
                        () => {
                          disable.mutate(undefined, {
                            onSuccess: () => {
                              setUrl('');
                              notify.success(t('calendarFeed.disabled'));
                            },
                            onError: (error) => {
                              notify.error(error);
                            },
                          });
                        },
                      );
                    }}
                  >
                    {t('calendarFeed.disable')}
                  </Button>
                </>
              )}
            </Group>
            <Text size="sm" fw={600} mt="xs">
              {t('calendarFeed.howTo')}
            </Text>
            <Accordion variant="contained">
              {CLIENTS.map((client) => (
                <Accordion.Item key={client} value={client}>
                  <Accordion.Control>{t(`calendarFeed.${client}.title`)}</Accordion.Control>
                  <Accordion.Panel>
                    <Text size="sm">{t(`calendarFeed.${client}.steps`)}</Text>
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          </Stack>
        )}
      </Loaded>
    </Paper>
  );
}
