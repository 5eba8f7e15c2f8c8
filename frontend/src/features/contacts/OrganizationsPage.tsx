import { Button, Group, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenCreatedRecord } from '../records/titleFocus';
import { contactsApi, type Organization } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../i18n/format';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { ImportButton } from '../imports/ImportButton';
import { ListViewSwitch } from '../maps/ListViewSwitch';
import { useListView } from '../maps/useListView';
import { timestampColumns } from '../records/list/columns';
import { RecordList, type Column } from '../records/list/RecordList';
import { OrganizationFormModal } from './OrganizationFormModal';

export function OrganizationsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const openCreated = useOpenCreatedRecord();
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const [view, setView] = useListView();

  const columns = useMemo<Column<Organization>[]>(
    () => [
      { key: 'name', header: t('records.columns.name'), sortKey: 'name', render: (organization) => organization.name },
      { key: 'industry', header: t('records.columns.industry'), render: (organization) => organization.industry },
      {
        key: 'city',
        header: t('records.columns.city'),
        sortKey: 'city',
        render: (organization) => organization.address.city,
      },
      { key: 'phone', header: t('records.columns.phone'), render: (organization) => organization.phone },
      {
        key: 'persons',
        header: t('records.columns.persons'),
        render: (organization) => format.number(organization.personCount),
        width: 90,
      },
      { key: 'owner', header: t('records.columns.owner'), render: (organization) => organization.ownerName },
      ...timestampColumns(t, format),
    ],
    [t, format],
  );

  return (
    <Stack maw={1400}>
      <PageHeader title={t('organizations.title')}>
        <Group gap="sm">
          <ImportButton recordType="organization" />
          {grants(me.role, 'organization', 'create') && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => {
                setCreating(true);
              }}
            >
              {t('organizations.create')}
            </Button>
          )}
        </Group>
      </PageHeader>
      <ListViewSwitch value={view} onChange={setView} />
      <RecordList
        view={view}
        recordType="organization"
        columns={columns}
        fetchPage={contactsApi.queryOrganizations}
        detailPath={(organization) => `/organizations/${organization.id}`}
        itemName={(organization) => organization.name}
        emptyText={t('organizations.empty')}
        testId="organizations-list"
      />
      <OrganizationFormModal
        opened={creating}
        onClose={() => {
          setCreating(false);
        }}
        onSaved={(organization) => {
          openCreated(`/organizations/${organization.id}`);
        }}
      />
    </Stack>
  );
}
