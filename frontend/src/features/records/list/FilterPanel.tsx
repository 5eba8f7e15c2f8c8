import { Divider, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { OWNER_KEYWORDS, type CustomField, type OwnerKeyword } from '../../../api';
import { useFormatters } from '../../../i18n/format';
import { NearFilter } from '../../maps/NearFilter';
import { useUsers } from '../../settings/queries';
import { CountrySelect } from '../CountrySelect';
import { CustomConditions } from './CustomConditions';
import { DateField } from './DateField';
import { withNear, type FilterState } from './filterState';

const ALL_OWNERS = 'all';

const OWNER_LABELS = {
  me: 'records.filter.ownerMe',
  team: 'records.filter.ownerTeam',
} as const satisfies Record<OwnerKeyword, string>;

/**
 * The filters beyond the search text: the record type's own conditions (where it has some), owner, place, dates
 * and custom field conditions.
 */
export function FilterPanel({
  state,
  onChange,
  fields,
  organizationFilter,
  recordFilters,
  error,
}: {
  state: FilterState;
  onChange: (state: FilterState) => void;
  fields: readonly CustomField[];
  /** The organisation filter, for lists whose records belong to organisations. */
  organizationFilter?: ReactNode;
  /** Conditions only this record type has (the status, pipeline and stage of deals and leads), shown first. */
  recordFilters?: ReactNode;
  /** The list's rejection, whose field errors of conditions (the radius) are shown with them. */
  error?: unknown;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const users = useUsers();

  const ownerData = useMemo(() => {
    const collator = new Intl.Collator(locale);
    return [
      {
        group: t('records.filter.ownerGroups.general'),
        items: [
          { value: ALL_OWNERS, label: t('records.filter.ownerAll') },
          ...OWNER_KEYWORDS.map((keyword) => ({ value: keyword, label: t(OWNER_LABELS[keyword]) })),
        ],
      },
      {
        group: t('records.filter.ownerGroups.users'),
        items: [...(users.data ?? [])]
          .sort((a, b) => collator.compare(a.name, b.name))
          .map((user) => ({ value: user.id, label: user.name })),
      },
    ];
  }, [users.data, locale, t]);

  const set = <K extends keyof FilterState>(key: K, value: FilterState[K]) => {
    onChange({ ...state, [key]: value });
  };
  const text = (key: 'postalCode' | 'city') => ({
    value: state[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      set(key, event.currentTarget.value);
    },
  });

  return (
    <Paper withBorder radius="md" p="md" data-testid="filter-panel">
      <Stack gap="md">
        {recordFilters}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <Select
            label={t('records.filter.owner')}
            data={ownerData}
            value={state.owner === '' ? ALL_OWNERS : state.owner}
            onChange={(value) => {
              set('owner', value === null || value === ALL_OWNERS ? '' : value);
            }}
            allowDeselect={false}
            searchable
          />
          {organizationFilter}
          <TextInput label={t('records.filter.postalCode')} {...text('postalCode')} />
          <TextInput label={t('records.filter.city')} {...text('city')} />
          <CountrySelect
            label={t('records.filter.country')}
            value={state.country === '' ? null : state.country}
            onChange={(value) => {
              set('country', value ?? '');
            }}
            clearable
            placeholder={t('records.filter.anyCountry')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <DateField
            label={t('records.filter.createdFrom')}
            value={state.createdFrom}
            onChange={(value) => {
              set('createdFrom', value);
            }}
          />
          <DateField
            label={t('records.filter.createdTo')}
            value={state.createdTo}
            onChange={(value) => {
              set('createdTo', value);
            }}
          />
          <DateField
            label={t('records.filter.updatedFrom')}
            value={state.updatedFrom}
            onChange={(value) => {
              set('updatedFrom', value);
            }}
          />
          <DateField
            label={t('records.filter.updatedTo')}
            value={state.updatedTo}
            onChange={(value) => {
              set('updatedTo', value);
            }}
          />
        </SimpleGrid>
        <Divider />
        <NearFilter
          value={state.near}
          onChange={(near) => {
            onChange(withNear(state, near));
          }}
          error={error}
        />
        <Divider />
        <div>
          <Text size="sm" fw={600} mb="xs">
            {t('records.filter.customTitle')}
          </Text>
          <CustomConditions
            fields={fields}
            conditions={state.custom}
            onChange={(custom) => {
              set('custom', custom);
            }}
          />
        </div>
      </Stack>
    </Paper>
  );
}
