import { Loader, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganization, useOrganizationOptions } from './hooks';

type OrganizationSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  /** The organisation's ID, "" for none. */
  value: string;
  onChange: (id: string) => void;
  /** Organisations not to offer (those a person already belongs to). */
  exclude?: readonly string[];
};

/** Picks an organisation by typing part of its name; the server searches (umlaut spellings included). */
export function OrganizationSelect({ value, onChange, exclude = [], ...props }: OrganizationSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [opened, setOpened] = useState(false);
  const options = useOrganizationOptions(debounced, { enabled: opened });
  const [known, setKnown] = useState<Record<string, string>>({});
  // The selected organisation's name, when it came from elsewhere (a saved filter, a prefilled form).
  const selected = useOrganization(value, { enabled: value !== '' && !(value in known) });

  const data = useMemo(() => {
    const items = (options.data?.items ?? [])
      .filter((organization) => !exclude.includes(organization.id))
      .map((organization) => ({ value: organization.id, label: organization.name }));
    const label = known[value] ?? selected.data?.name;
    if (value !== '' && label !== undefined && !items.some((item) => item.value === value)) {
      items.unshift({ value, label });
    }
    return items;
  }, [options.data, exclude, known, value, selected.data]);

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
      // The server filters; the options are shown as they come.
      filter={({ options: all }) => all}
      onDropdownOpen={() => {
        setOpened(true);
      }}
      onDropdownClose={() => {
        setOpened(false);
      }}
      rightSection={options.isFetching ? <Loader size="xs" /> : undefined}
      nothingFoundMessage={options.isFetching ? t('common.loading') : t('organizations.select.nothingFound')}
      placeholder={t('organizations.select.placeholder')}
      {...props}
    />
  );
}
