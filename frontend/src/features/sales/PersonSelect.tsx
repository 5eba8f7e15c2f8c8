import { Loader, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactsApi } from '../../api';
import { personName } from '../contacts/names';
import { recordKeys } from '../records/keys';
import { emptyListQuery } from '../records/list/filterState';

type PersonSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  /** The person's ID, "" for none. */
  value: string;
  onChange: (id: string) => void;
  /** The selected person's name, when known (an edited record carries it). */
  knownName?: string;
};

/** Picks a person by typing part of the name; the server searches. */
export function PersonSelect({ value, onChange, knownName, ...props }: PersonSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [opened, setOpened] = useState(false);
  const [known, setKnown] = useState<Record<string, string>>({});
  const options = useQuery({
    queryKey: [...recordKeys.all('person'), 'options', debounced] as const,
    queryFn: () => contactsApi.queryPersons({ ...emptyListQuery(), search: debounced, limit: 20 }),
    enabled: opened,
    staleTime: 10_000,
  });

  const data = useMemo(() => {
    const items = (options.data?.items ?? []).map((person) => ({ value: person.id, label: personName(t, person) }));
    const label = known[value] ?? knownName;
    if (value !== '' && label !== undefined && !items.some((item) => item.value === value)) {
      items.unshift({ value, label });
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
      nothingFoundMessage={options.isFetching ? t('common.loading') : t('sales.personSelect.nothingFound')}
      placeholder={t('sales.personSelect.placeholder')}
      {...props}
    />
  );
}
