import { Button, Group, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenCreatedRecord } from '../records/titleFocus';
import { contactsApi, type Person } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../i18n/format';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { ImportButton } from '../imports/ImportButton';
import { ListViewSwitch } from '../maps/ListViewSwitch';
import { useListView } from '../maps/useListView';
import { timestampColumns } from '../records/list/columns';
import { RecordList, type Column } from '../records/list/RecordList';
import { mainMembership, personName } from './names';
import { OrganizationSelect } from './OrganizationSelect';
import { PersonCity } from './PersonCity';
import { PersonFormModal } from './PersonFormModal';

export function PersonsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const openCreated = useOpenCreatedRecord();
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const [view, setView] = useListView();

  const columns = useMemo<Column<Person>[]>(
    () => [
      { key: 'name', header: t('records.columns.name'), sortKey: 'name', render: (person) => personName(t, person) },
      {
        key: 'organization',
        header: t('records.columns.organization'),
        render: (person) => mainMembership(person.organizations)?.organizationName ?? '',
      },
      { key: 'email', header: t('records.columns.email'), render: (person) => person.emails[0]?.value ?? '' },
      { key: 'phone', header: t('records.columns.phone'), render: (person) => person.phones[0]?.value ?? '' },
      {
        key: 'city',
        header: t('records.columns.city'),
        sortKey: 'city',
        render: (person) => <PersonCity person={person} />,
      },
      { key: 'owner', header: t('records.columns.owner'), render: (person) => person.ownerName },
      ...timestampColumns(t, format),
    ],
    [t, format],
  );

  return (
    <Stack maw={1400}>
      <PageHeader title={t('persons.title')}>
        <Group gap="sm">
          <ImportButton recordType="person" />
          {grants(me.role, 'person', 'create') && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => {
                setCreating(true);
              }}
            >
              {t('persons.create')}
            </Button>
          )}
        </Group>
      </PageHeader>
      <ListViewSwitch value={view} onChange={setView} />
      <RecordList
        view={view}
        recordType="person"
        columns={columns}
        fetchPage={contactsApi.queryPersons}
        detailPath={(person) => `/persons/${person.id}`}
        itemName={(person) => personName(t, person)}
        emptyText={t('persons.empty')}
        organizationFilter={(value, onChange) => (
          <OrganizationSelect label={t('records.filter.organization')} value={value} onChange={onChange} />
        )}
        testId="persons-list"
      />
      <PersonFormModal
        opened={creating}
        onClose={() => {
          setCreating(false);
        }}
        onSaved={(person) => {
          openCreated(`/persons/${person.id}`);
        }}
      />
    </Stack>
  );
}
