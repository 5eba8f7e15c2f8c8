import type { SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { contactsApi, type Organization } from '../../api';
import { recordKeys } from '../records/keys';
import { emptyListQuery } from '../records/list/filterState';
import { RemoteSelect } from '../records/RemoteSelect';

type OrganizationSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  /** The organisation's ID, "" for none. */
  value: string;
  onChange: (id: string) => void;
  /** Organisations not to offer (those a person already belongs to). */
  exclude?: readonly string[];
};

async function searchOrganizations(text: string) {
  const page = await contactsApi.queryOrganizations({ ...emptyListQuery(), search: text, limit: 20 });
  return page.items;
}

/** Picks an organisation by typing part of its name; the server searches (umlaut spellings included). */
export function OrganizationSelect(props: OrganizationSelectProps) {
  const { t } = useTranslation();
  return (
    <RemoteSelect
      queryKey={recordKeys.all('organization')}
      fetchOptions={searchOrganizations}
      toOption={(organization) => ({ value: organization.id, label: organization.name })}
      // The selected organisation's name, when it came from elsewhere (a saved filter, a prefilled form);
      // the same query as the organisation's detail, so the cache is shared.
      selectedQuery={(id) => ({
        queryKey: recordKeys.detail('organization', id),
        queryFn: () => contactsApi.getOrganization(id),
        label: (organization: Organization) => organization.name,
      })}
      nothingFound={t('organizations.select.nothingFound')}
      placeholder={t('organizations.select.placeholder')}
      {...props}
    />
  );
}
