import { Avatar, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import {
  IconCalendarShare,
  IconCheck,
  IconChevronDown,
  IconHelp,
  IconKey,
  IconLogout,
  IconShieldLock,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Me } from '../../api';
import { useNotify } from '../../components/notify';
import { currentLanguage, LANGUAGES } from '../../i18n';
import { useLogout, useSetLanguage } from '../auth/session';
import { StorageUsageBar } from '../documents/StorageUsageBar';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join('');
}

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const logout = useLogout();
  const setLanguage = useSetLanguage();
  const language = currentLanguage();

  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        {/* Named by what it shows (the user's name and role, WCAG label in name), then what it is. */}
        <UnstyledButton data-testid="user-menu">
          <Group gap="sm" wrap="nowrap">
            <Avatar color="indigo" radius="xl" size="md" aria-hidden>
              {initials(me.user.name)}
            </Avatar>
            <div>
              <Text size="sm" fw={600} lh={1.2} data-testid="user-name">
                {me.user.name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2} data-testid="user-role">
                {me.role.name}
              </Text>
            </div>
            <VisuallyHidden>{t('shell.userMenu.label')}</VisuallyHidden>
            <IconChevronDown size={16} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.userMenu.account')}</Menu.Label>
        {/* A menu holds items only (ARIA): the storage is one, opening the account page that explains it. */}
        <Menu.Item onClick={() => void navigate('/account')} data-testid="user-menu-storage">
          <StorageUsageBar compact />
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => void navigate('/account')}>
          {t('shell.userMenu.changePassword')}
        </Menu.Item>
        <Menu.Item leftSection={<IconShieldLock size={16} />} onClick={() => void navigate('/account')}>
          {t('twoFactor.menu')}
        </Menu.Item>
        <Menu.Item leftSection={<IconCalendarShare size={16} />} onClick={() => void navigate('/account')}>
          {t('calendarFeed.title')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconHelp size={16} />}
          onClick={() => void navigate('/support')}
          data-testid="user-menu-support"
        >
          {t('support.nav')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t('shell.userMenu.language')}</Menu.Label>
        {LANGUAGES.map((option) => (
          <Menu.Item
            key={option}
            leftSection={option === language ? <IconCheck size={16} /> : <span style={{ width: 16 }} />}
            onClick={() => {
              setLanguage.mutate(option, {
                onError: (error) => {
                  notify.error(error, t('language.saveFailed'));
                },
              });
            }}
          >
            {t(`language.${option}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          color="red.9"
          leftSection={<IconLogout size={16} />}
          onClick={() => {
            logout.mutate(undefined, {
              onError: (error) => {
                notify.error(error);
              },
            });
          }}
        >
          {t('shell.userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
