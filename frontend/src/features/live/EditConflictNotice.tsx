import { Alert, Button, Group, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../settings/queries';
import type { EditConflict } from './editConflict';

/** Inside an edit form: someone else changed the record meanwhile; reload it, or keep what was typed. */
export function EditConflictNotice({ conflict }: { conflict: EditConflict | null }) {
  const { t } = useTranslation();
  // The users the owner pickers load: the name of whoever changed it.
  const users = useUsers();
  if (!conflict) return null;
  const name = users.data?.find((user) => user.id === conflict.actorId)?.name;
  return (
    <Alert
      color="orange"
      icon={<IconUsers size={18} />}
      title={name ? t('live.conflict.changedBy', { name }) : t('live.conflict.changed')}
      data-testid="edit-conflict"
    >
      <Text size="sm">{t('live.conflict.explain')}</Text>
      <Group gap="xs" mt="xs">
        <Button size="xs" variant="default" onClick={conflict.reload}>
          {t('live.conflict.reload')}
        </Button>
        <Button size="xs" onClick={conflict.keepMine}>
          {t('live.conflict.keepMine')}
        </Button>
      </Group>
    </Alert>
  );
}
