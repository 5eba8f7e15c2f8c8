import { Select, SimpleGrid, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FilterState } from '../records/list/filterState';
import { useLeadSources } from './hooks';

/** The lead list's source and "possible duplicate" conditions (ListQuery.sourceId, possibleDuplicate). */
export function LeadSourceFilters({ state, onChange }: { state: FilterState; onChange: (state: FilterState) => void }) {
  const { t } = useTranslation();
  const sources = useLeadSources();
  const options = (sources.data ?? []).map((source) => ({ value: source.id, label: source.name }));
  // A saved filter may name a source since deleted: keep it choosable so that it can be cleared.
  if (state.sourceId !== '' && !options.some((option) => option.value === state.sourceId)) {
    options.push({ value: state.sourceId, label: state.sourceId });
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" data-testid="lead-source-filters">
      <Select
        label={t('intake.filter.source')}
        placeholder={t('intake.filter.anySource')}
        data={options}
        value={state.sourceId === '' ? null : state.sourceId}
        onChange={(value) => {
          onChange({ ...state, sourceId: value ?? '' });
        }}
        clearable
        searchable
      />
      <Switch
        label={t('intake.filter.possibleDuplicate')}
        checked={state.possibleDuplicate}
        onChange={(event) => {
          onChange({ ...state, possibleDuplicate: event.currentTarget.checked });
        }}
        mt={{ base: 0, sm: 30 }}
      />
    </SimpleGrid>
  );
}
