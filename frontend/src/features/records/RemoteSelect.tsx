import { Loader, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, type QueryKey } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** One option of a remote select: the record's ID and what the user reads. */
export interface RemoteOption {
  value: string;
  label: string;
}

/** How to fetch the selected record when only its ID is known (a saved filter, a prefilled form). */
export interface SelectedLabelQuery<S> {
  queryKey: QueryKey;
  queryFn: () => Promise<S>;
  label: (data: S) => string;
}

export type RemoteSelectProps<T, S = unknown> = Omit<
  SelectProps,
  'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange' | 'filter' | 'nothingFoundMessage'
> & {
  /** The key the options of this kind share; the search text is appended. */
  queryKey: QueryKey;
  /** Asks the backend for the records matching text. */
  fetchOptions: (text: string) => Promise<readonly T[]>;
  toOption: (item: T) => RemoteOption;
  /** The record's ID, "" for none. */
  value: string;
  onChange: (id: string) => void;
  /** The selected record's label, when the caller knows it (an edited record carries it). */
  selectedLabel?: string;
  /** Fetches the selected record's label when neither the caller nor an earlier pick knows it. */
  selectedQuery?: (id: string) => SelectedLabelQuery<S>;
  /** Records not to offer. */
  exclude?: readonly string[];
  /** Shown when the search found nothing (while loading, "loading" is shown instead). */
  nothingFound: string;
};

/** How long the user may type before the backend is asked. */
export const remoteSearchDelay = 250;

/**
 * A Select that searches the backend as the user types: the options come from fetchOptions (only while the
 * dropdown is open), are shown as they come (the server filters), and the selected record stays labelled even
 * when it is not among them.
 */
export function RemoteSelect<T, S = unknown>({
  queryKey,
  fetchOptions,
  toOption,
  value,
  onChange,
  selectedLabel,
  selectedQuery,
  exclude,
  nothingFound,
  ...props
}: RemoteSelectProps<T, S>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, remoteSearchDelay);
  const [opened, setOpened] = useState(false);
  // Labels of records picked here, so a pick stays labelled when the next search does not find it.
  const [known, setKnown] = useState<Record<string, string>>({});
  const options = useQuery({
    queryKey: [...queryKey, 'options', debounced],
    queryFn: () => fetchOptions(debounced),
    enabled: opened,
    staleTime: 10_000,
  });
  const lookup = selectedQuery?.(value);
  const selected = useQuery({
    queryKey: lookup?.queryKey ?? [...queryKey, 'selected', value],
    queryFn: lookup?.queryFn ?? (() => Promise.reject(new Error('no selected query'))),
    select: lookup?.label,
    enabled: lookup !== undefined && value !== '' && selectedLabel === undefined && !(value in known),
  });

  const items = options.data;
  const data = useMemo(() => {
    const list = (items ?? []).map(toOption).filter((option) => !exclude?.includes(option.value));
    const label = known[value] ?? selectedLabel ?? selected.data;
    if (value !== '' && label !== undefined && !list.some((option) => option.value === value)) {
      list.unshift({ value, label });
    }
    return list;
  }, [items, toOption, exclude, known, value, selectedLabel, selected.data]);

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
      nothingFoundMessage={options.isFetching ? t('common.loading') : nothingFound}
      {...props}
    />
  );
}
