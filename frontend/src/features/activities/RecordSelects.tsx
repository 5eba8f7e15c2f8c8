import { Loader, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { salesApi } from '../../api';
import { recordKeys } from '../records/keys';
import { emptyListQuery } from '../records/list/filterState';

type DealOrLead = 'deal' | 'lead';

type RecordSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  recordType: DealOrLead;
  /** The record's ID, "" for none. */
  value: string;
  onChange: (id: string) => void;
  /** The selected record's title, when known (a prefilled or edited activity carries it). */
  knownName?: string;
};

/** Picks a deal or a lead by typing part of its title; the server searches (like the person picker). */
export function RecordSelect({ recordType, value, onChange, knownName, ...props }: RecordSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [opened, setOpened] = useState(false);
  const [known, setKnown] = useState<Record<string, string>>({});
  const options = useQuery({
    queryKey: [...recordKeys.all(recordType), 'options', debounced] as const,
    queryFn: async () => {
      const query = { ...emptyListQuery(), search: debounced, limit: 20 };
      const page = recordType === 'deal' ? await salesApi.queryDeals(query) : await salesApi.queryLeads(query);
      return page.items.map((item) => ({ value: item.id, label: item.title }));
    },
    enabled: opened,
    staleTime: 10_000,
  });

  const data = useMemo(() => {
    const items = [...(options.data ?? [])];
    const label = known[value] ?? knownName;
    if (value !== '' && !items.some((item) => item.value === value)) {
      items.unshift({ value, label: label ?? t('activities.links.unknown') });
    }
    return items;
  }, [options.data, known, knownName, value, t]);

  return (
    <Select
      searchable
      clearable
      data={data}
      value={value === '' ? null : value}
      onChange={(id, option) => {
        if (id !== null && option !== null) {
          setKnown((previous) => ({ ...previous, [id]: option.label }));
        }
        onChange(id ?? '');
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      onDropdownOpen={() => {
        setOpened(true);
      }}
      onDropdownClose={() => {
        setOpened(false);
      }}
      rightSection={options.isFetching ? <Loader size="xs" /> : undefined}
      nothingFoundMessage={options.isFetching ? t('common.loading') : t('activities.links.nothingFound')}
      placeholder={t(`activities.links.${recordType}Placeholder`)}
      {...props}
    />
  );
}
