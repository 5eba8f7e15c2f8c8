import type { SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { contactsApi } from '../../api';
import { personName } from '../contacts/names';
import { recordKeys } from '../records/keys';
import { emptyListQuery } from '../records/list/filterState';
import { RemoteSelect } from '../records/RemoteSelect';

type PersonSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  /** The person's ID, "" for none. */
  value: string;
  onChange: (id: string) => void;
  /** The selected person's name, when known (an edited record carries it). */
  knownName?: string;
};

async function searchPersons(text: string) {
  const page = await contactsApi.queryPersons({ ...emptyListQuery(), search: text, limit: 20 });
  return page.items;
}

/** Picks a person by typing part of the name; the server searches. */
export function PersonSelect({ knownName, ...props }: PersonSelectProps) {
  const { t } = useTranslation();
  return (
    <RemoteSelect
      queryKey={recordKeys.all('person')}
      fetchOptions={searchPersons}
      toOption={(person) => ({ value: person.id, label: personName(t, person) })}
      selectedLabel={knownName}
      nothingFound={t('sales.personSelect.nothingFound')}
      placeholder={t('sales.personSelect.placeholder')}
      {...props}
    />
  );
}
