import { AppShell, Burger, Group, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { LiveStatusIndicator } from '../live/LiveStatusIndicator';
import { NotificationBell } from '../notifications/NotificationBell';
import { GlobalSearch } from '../search/GlobalSearch';
import { Navigation } from './Navigation';
import { UserMenu } from './UserMenu';

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const canSearch = grants(me.role, 'person', 'view') || grants(me.role, 'organization', 'view');

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('shell.toggleNavigation')}
            />
            <Title order={1} size="h3" c="indigo.7">
              {t('app.name')}
            </Title>
            <Text c="dimmed" size="sm" truncate data-testid="tenant-name">
              {me.tenant.name}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <LiveStatusIndicator />
            {canSearch && <GlobalSearch />}
            <NotificationBell />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        {/* The navigation scrolls on its own when a small window cannot show all of it (an admin's settings). */}
        <AppShell.Section grow component={ScrollArea} type="auto">
          <Navigation me={me} onNavigate={close} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
