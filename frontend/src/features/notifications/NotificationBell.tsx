import {
  ActionIcon,
  Box,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Notification } from '../../api';
import { useNotify } from '../../components/notify';
import { useFormatters } from '../../i18n/format';
import { useAnnounceNew } from './announce';
import { unreadCount, useLiveNotifications, useMarkAllRead, useMarkRead, useNotifications } from './hooks';
import { notificationPath, notificationText } from './texts';

/**
 * The notification centre in the app header: a bell with the unread count, and the list in a popover. The list
 * reloads when the live stream reports a change of the caller's notifications and when the popover opens; a new
 * unread notification that arrives while the window is in the background is announced by the operating system.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const list = useNotifications();
  useLiveNotifications();
  useAnnounceNew(list.data?.pages[0]?.items);
  const count = unreadCount(list.data);

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      onOpen={() => void list.refetch()}
      position="bottom-end"
      width={420}
      shadow="md"
      withinPortal
    >
      {/* The target is the button itself, which may say whether the list is open (aria-expanded). */}
      <Indicator label={count} disabled={count === 0} maxValue={99} size={18} offset={4} color="red">
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={count === 0 ? t('notifications.bell') : t('notifications.bellUnread', { count })}
            data-testid="notification-bell"
            data-unread={count}
            onClick={() => {
              setOpened((o) => !o);
            }}
          >
            <IconBell size={22} />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p={0} data-testid="notification-list">
        {opened && (
          <NotificationList
            items={list.data?.pages.flatMap((p) => p.items) ?? []}
            unread={count}
            loading={list.isPending}
            hasMore={list.hasNextPage}
            loadingMore={list.isFetchingNextPage}
            onMore={() => void list.fetchNextPage()}
            onOpen={() => {
              setOpened(false);
            }}
          />
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

interface ListProps {
  items: Notification[];
  unread: number;
  loading: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
  /** Called when a notification was clicked (its record opens). */
  onOpen: () => void;
}

function NotificationList({ items, unread, loading, hasMore, loadingMore, onMore, onOpen }: ListProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const open = (n: Notification) => {
    if (!n.read) {
      markRead.mutate([n.id], {
        onError: (error) => {
          notify.error(error);
        },
      });
    }
    onOpen();
    void navigate(notificationPath(n));
  };

  return (
    <Stack gap={0}>
      <Group justify="space-between" px="md" py="xs" gap="xs" wrap="nowrap">
        <Text fw={600} size="sm">
          {t('notifications.title')}
        </Text>
        <Button
          variant="subtle"
          size="compact-xs"
          style={{ flex: 'none' }}
          leftSection={<IconChecks size={14} />}
          disabled={unread === 0}
          onClick={() => {
            markAll.mutate(undefined, {
              onError: (error) => {
                notify.error(error);
              },
            });
          }}
        >
          {t('notifications.markAllRead')}
        </Button>
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed" size="sm" px="md" pb="md">
          {loading ? t('common.loading') : t('notifications.empty')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={420} type="auto">
          {items.map((n) => (
            <NotificationItem key={n.id} notification={n} onOpen={open} />
          ))}
          {hasMore && (
            <Box px="md" py="xs">
              <Button variant="subtle" size="compact-sm" fullWidth loading={loadingMore} onClick={onMore}>
                {t('notifications.more')}
              </Button>
            </Box>
          )}
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

function NotificationItem({
  notification: n,
  onOpen,
}: {
  notification: Notification;
  onOpen: (n: Notification) => void;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <UnstyledButton
      w="100%"
      px="md"
      py="xs"
      data-testid="notification-item"
      data-read={n.read}
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
      bg={n.read ? undefined : 'var(--mantine-color-indigo-0)'}
      onClick={() => {
        onOpen(n);
      }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Box
          mt={6}
          w={8}
          h={8}
          style={{ flex: 'none', borderRadius: '50%' }}
          bg={n.read ? 'transparent' : 'indigo'}
          aria-label={n.read ? undefined : t('notifications.unread')}
        />
        <div>
          <Text size="sm" fw={n.read ? 400 : 600} data-testid="notification-text">
            {notificationText(t, f, n)}
          </Text>
          <Text size="xs" c="dimmed" title={f.dateTime(n.createdAt)}>
            {f.relative(n.createdAt)}
          </Text>
        </div>
      </Group>
    </UnstyledButton>
  );
}
