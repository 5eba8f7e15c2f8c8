import { NavLink, Stack, Text } from '@mantine/core';
import {
  IconAdjustments,
  IconAddressBook,
  IconBuilding,
  IconBuildingSkyscraper,
  IconBuildingCommunity,
  IconArrowsShuffle,
  IconPlugConnected,
  IconFileImport,
  IconBolt,
  IconColumns,
  IconFileExport,
  IconCalendarEvent,
  IconLayoutDashboard,
  IconListCheck,
  IconMoodSad,
  IconReportMoney,
  IconShieldLock,
  IconTrash,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Me } from '../../api';
import { navigationFor, type NavItem } from './navigation';

const ICONS: Record<NavItem['label'], Icon> = {
  dashboard: IconLayoutDashboard,
  activities: IconCalendarEvent,
  activityTypes: IconListCheck,
  exports: IconFileExport,
  persons: IconAddressBook,
  organizations: IconBuilding,
  trash: IconTrash,
  imports: IconFileImport,
  users: IconUsers,
  customFields: IconAdjustments,
  units: IconBuildingCommunity,
  roles: IconShieldLock,
  deals: IconReportMoney,
  leads: IconBolt,
  pipelines: IconColumns,
  lostReasons: IconMoodSad,
  leadMapping: IconArrowsShuffle,
  leadSources: IconPlugConnected,
  company: IconBuildingSkyscraper,
};

/** The entries of the activities and dashboard work keep their texts in i18n/activities.*.ts. */
const ACTIVITY_ENTRIES = ['dashboard', 'activities', 'activityTypes'] as const;
type ActivityEntry = (typeof ACTIVITY_ENTRIES)[number];
const isActivityEntry = (label: NavItem['label']): label is ActivityEntry =>
  (ACTIVITY_ENTRIES as readonly string[]).includes(label);

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

export function Navigation({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <nav aria-label={t('shell.nav.label')} data-testid="navigation">
      <Stack gap="lg">
        {navigationFor(me).map((section) => (
          <Stack gap={2} key={section.label ?? 'main'}>
            {section.label && (
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                {t(`shell.nav.${section.label}`)}
              </Text>
            )}
            {section.items.map((item) => {
              const ItemIcon = ICONS[item.label];
              const active = isActive(pathname, item.to);
              return (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={isActivityEntry(item.label) ? t(`activityNav.${item.label}`) : t(`shell.nav.${item.label}`)}
                  leftSection={<ItemIcon size={18} stroke={1.6} />}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  onClick={onNavigate}
                />
              );
            })}
          </Stack>
        ))}
      </Stack>
    </nav>
  );
}
