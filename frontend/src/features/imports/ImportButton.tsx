import { Button } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRecordType } from '../../api';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { ImportDialog } from './ImportWizard';

/** "Importieren" on a record list, for roles that may create records of its type; opens the import dialog. */
export function ImportButton({ recordType }: { recordType: ImportRecordType }) {
  const { t } = useTranslation();
  const me = useMe();
  const [opened, setOpened] = useState(false);
  if (!grants(me.role, recordType, 'create')) return null;
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconFileImport size={16} />}
        onClick={() => {
          setOpened(true);
        }}
        data-testid="import-open"
      >
        {t('imports.button')}
      </Button>
      <ImportDialog
        recordType={recordType}
        opened={opened}
        onClose={() => {
          setOpened(false);
        }}
      />
    </>
  );
}
