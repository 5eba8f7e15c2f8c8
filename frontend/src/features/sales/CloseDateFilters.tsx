import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PipelineType } from '../../api';
import { DateField } from '../records/list/DateField';
import type { FilterState } from '../records/list/filterState';

/**
 * The closing dates of the deal and lead lists: closed (won, lost, converted) from/to, and for deals the expected
 * close date from/to. The dashboard's figures open the lists with these (won this month, closing in 30 days, ...).
 */
export function CloseDateFilters({
  recordType,
  state,
  onChange,
}: {
  recordType: PipelineType;
  state: FilterState;
  onChange: (state: FilterState) => void;
}) {
  const { t } = useTranslation();
  const field = (key: 'closedFrom' | 'closedTo' | 'closeDateFrom' | 'closeDateTo') => (
    <DateField
      label={t(`closeDates.${key}`)}
      value={state[key]}
      onChange={(value) => {
        onChange({ ...state, [key]: value });
      }}
      data-testid={`filter-${key}`}
    />
  );
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" data-testid="close-date-filters">
      {field('closedFrom')}
      {field('closedTo')}
      {recordType === 'deal' && field('closeDateFrom')}
      {recordType === 'deal' && field('closeDateTo')}
    </SimpleGrid>
  );
}
