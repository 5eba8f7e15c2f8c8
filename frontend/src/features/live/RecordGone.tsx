import { Alert } from '@mantine/core';
import { IconEyeOff, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../settings/queries';
import type { RecordChange } from './store';

/** In place of a detail page whose record was deleted or left the user's sight while it was open. */
export function RecordGone({ gone }: { gone: RecordChange }) {
  const { t } = useTranslation();
  const users = useUsers();
  const name = users.data?.find((user) => user.id === gone.actorId)?.name;
  const deleted = gone.change === 'deleted';
  return (
    <Alert
      color={deleted ? 'red' : 'gray'}
      icon={deleted ? <IconTrash size={18} /> : <IconEyeOff size={18} />}
      title={deleted ? t('live.gone.deletedTitle') : t('live.gone.removedTitle')}
      data-testid="record-gone"
      data-change={gone.change}
    >
      {deleted ? (name ? t('live.gone.deletedBy', { name }) : t('live.gone.deleted')) : t('live.gone.removed')}
    </Alert>
  );
}
