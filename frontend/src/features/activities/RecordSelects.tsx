import type { SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { salesApi } from '../../api';
import { recordKeys } from '../records/keys';
import { emptyListQuery } from '../records/list/filterState';
import { RemoteSelect } from '../records/RemoteSelect';

type DealOrLead = 'deal' | 'lead';

type RecordSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  recordType: DealOrLead;
  /** The record's ID, "" for none. */
  value: string;
  onChange: (id: string) => void;
  /** The selected record's title, when known (a prefilled or edited activity carries it). */
  knownName?: string;
};

async function searchRecords(recordType: DealOrLead, text: string): Promise<readonly { id: string; title: string }[]> {
  const query = { ...emptyListQuery(), search: text, limit: 20 };
  const page = recordType === 'deal' ? await salesApi.queryDeals(query) : await salesApi.queryLeads(query);
  return page.items;
}

/** Picks a deal or a lead by typing part of its title; the server searches (like the person picker). */
export function RecordSelect({ recordType, knownName, ...props }: RecordSelectProps) {
  const { t } = useTranslation();
  return (
    <RemoteSelect
      queryKey={recordKeys.all(recordType)}
      fetchOptions={(text) => searchRecords(recordType, text)}
      toOption={(item) => ({ value: item.id, label: item.title })}
      // A linked record the user may not see any more still shows as linked.
      selectedLabel={knownName ?? (props.value === '' ? undefined : t('activities.links.unknown'))}
      nothingFound={t('activities.links.nothingFound')}
      placeholder={t(`activities.links.${recordType}Placeholder`)}
      {...props}
    />
  );
}
