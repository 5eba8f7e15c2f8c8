import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ContactListPage } from './ContactListPage';
import { contactsApi, type Person } from '../../api';
import { useFormatters } from '../../i18n/format';
import { timestampColumns } from '../records/list/columns';
import { type Column } from '../records/list/RecordList';
import { mainMembership, personName } from './names';
import { OrganizationSelect } from './OrganizationSelect';
import { PersonCity } from './PersonCity';
import { PersonFormModal } from './PersonFormModal';

export function PersonsPage() {
  const { t } = useTranslation();
  const format = useFormatters();

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
    <ContactListPage
      recordType="person"
      title={t('persons.title')}
      createLabel={t('persons.create')}
      emptyText={t('persons.empty')}
      columns={columns}
      fetchPage={contactsApi.queryPersons}
      itemName={(person) => personName(t, person)}
      organizationFilter={(value, onChange) => (
        <OrganizationSelect label={t('records.filter.organization')} value={value} onChange={onChange} />
      )}
      createForm={(props) => <PersonFormModal {...props} />}
    />
  );
}
