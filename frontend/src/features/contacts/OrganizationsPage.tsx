import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ContactListPage } from './ContactListPage';
import { contactsApi, type Organization } from '../../api';
import { useFormatters } from '../../i18n/format';
import { timestampColumns } from '../records/list/columns';
import { type Column } from '../records/list/RecordList';
import { OrganizationFormModal } from './OrganizationFormModal';

export function OrganizationsPage() {
  const { t } = useTranslation();
  const format = useFormatters();

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
    <ContactListPage
      recordType="organization"
      title={t('organizations.title')}
      createLabel={t('organizations.create')}
      emptyText={t('organizations.empty')}
      columns={columns}
      fetchPage={contactsApi.queryOrganizations}
      itemName={(organization) => organization.name}
      createForm={(props) => <OrganizationFormModal {...props} />}
    />
  );
}
