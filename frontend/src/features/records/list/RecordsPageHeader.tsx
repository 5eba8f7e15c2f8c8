import { Button, Group } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ImportRecordType } from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { grants } from '../../access/grants';
import { useMe } from '../../auth/session';
import { ImportButton } from '../../imports/ImportButton';

interface RecordsPageHeaderProps {
  recordType: ImportRecordType;
  title: string;
  createLabel: string;
  onCreate: () => void;
}

/** The title of a record type's list page with its import button and, for those who may, "… anlegen". */
export function RecordsPageHeader({ recordType, title, createLabel, onCreate }: RecordsPageHeaderProps) {
  const me = useMe();
  return (
    <PageHeader title={title}>
      <Group gap="sm">
        <ImportButton recordType={recordType} />
        {grants(me.role, recordType, 'create') && (
          <Button leftSection={<IconPlus size={16} />} onClick={onCreate}>
            {createLabel}
          </Button>
        )}
      </Group>
    </PageHeader>
  );
}
