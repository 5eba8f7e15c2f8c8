import { Badge, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconLogout, IconShieldOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../api';
import { Loaded } from '../../../components/Loading';
import { useNotify } from '../../../components/notify';
import { useFormatters } from '../../../i18n/format';
import { useUserSecurityAction, useUserTwoFactor } from './hooks';

/**
 * "Anmeldung und Sicherheit" of a user (admins): whether the user signs in with a second factor, its reset (a lost
 * device) and signing the user out on every device; both are recorded and listed here.
 */
export function UserSecurityModal({
  opened,
  user,
  onClose,
}: {
  opened: boolean;
  user: User | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('twoFactor.admin.title')}>
      {user && <UserSecurity key={user.id} user={user} />}
    </Modal>
  );
}

function UserSecurity({ user }: { user: User }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const notify = useNotify();
  const status = useUserTwoFactor(user.id);
  const act = useUserSecurityAction(user.id);

  const confirm = (action: 'reset' | 'signOut') => {
    modals.openConfirmModal({
      title: action === 'reset' ? t('twoFactor.admin.reset') : t('twoFactor.admin.signOut'),
      children: (
        <Text size="sm">
          {action === 'reset' ? t('twoFactor.admin.resetConfirm') : t('twoFactor.admin.signOutConfirm')}
        </Text>
      ),
      labels: {
        confirm: action === 'reset' ? t('twoFactor.admin.reset') : t('twoFactor.admin.signOut'),
        cancel: t('common.cancel'),
      },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        act.mutate(action, {
          onSuccess: () => {
            notify.success(action === 'reset' ? t('twoFactor.admin.resetDone') : t('twoFactor.admin.signOutDone'));
          },
          onError: (error) => {
            notify.error(error);
          },
        });
      },
    });
  };

  return (
    <Loaded query={status}>
      {(state) => (
        <Stack gap="sm" data-testid="user-security">
          <Text fw={500}>{user.name}</Text>
          <Badge variant="light" color={state.enabled ? 'teal' : 'gray'}>
            {state.enabled ? t('twoFactor.admin.on') : t('twoFactor.admin.off')}
          </Badge>
          <Group>
            <Button
              variant="light"
              color="red"
              leftSection={<IconShieldOff size={16} />}
              disabled={!state.enabled || act.isPending}
              onClick={() => {
                confirm('reset');
              }}
            >
              {t('twoFactor.admin.reset')}
            </Button>
            <Button
              variant="light"
              color="red"
              leftSection={<IconLogout size={16} />}
              disabled={act.isPending}
              onClick={() => {
                confirm('signOut');
              }}
            >
              {t('twoFactor.admin.signOut')}
            </Button>
          </Group>
          <Text size="sm" fw={500}>
            {t('twoFactor.admin.events')}
          </Text>
          {(state.events ?? []).length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('twoFactor.admin.noEvents')}
            </Text>
          ) : (
            <List size="sm" spacing={2}>
              {(state.events ?? []).map((e) => (
                <List.Item key={`${e.action}-${e.at}`}>
                  {format.dateTime(e.at)}: {t(`twoFactor.admin.action.${e.action}`)}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      )}
    </Loaded>
  );
}
