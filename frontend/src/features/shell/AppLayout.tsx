import { AppShell, Burger, Group, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import './shell.css';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { LiveStatusIndicator } from '../live/LiveStatusIndicator';
import { NotificationBell } from '../notifications/NotificationBell';
import { GlobalSearch } from '../search/GlobalSearch';
import { Navigation } from './Navigation';
import { UserMenu } from './UserMenu';

/** The main landmark, where the skip link leads. */
const MAIN_ID = 'main-content';

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
      {/* The first tab stop of every page: past the header and the navigation to the page's content. */}
      <a
        href="#main-content"
        className="skip-link"
        onClick={(event) => {
          // Hash routes: the link must not change the route, it only moves the focus.
          event.preventDefault();
          document.getElementById(MAIN_ID)?.focus();
        }}
      >
        {t('shell.skipToContent')}
      </a>
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
      {/* Navigation names the navigation landmark itself. */}
      <AppShell.Navbar p="sm" component="div">
        {/* The navigation scrolls on its own when a small window cannot show all of it (an admin's settings). */}
        <AppShell.Section grow component={ScrollArea} type="auto">
          <Navigation me={me} onNavigate={close} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-gray-0)" id={MAIN_ID} tabIndex={-1} aria-label={t('shell.main')}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
