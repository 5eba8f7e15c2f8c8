import { Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FilterState } from '../records/list/filterState';

/**
 * The deal and lead lists' condition "only without a next activity" (ListQuery.noOpenActivity): the records nobody
 * has planned an open activity for (anyone's open activity counts, one the user may not see too). The dashboard's
 * "Deals ohne nächste Aktivität" opens the deal list with it.
 */
export function NextActivityFilter({
  state,
  onChange,
}: {
  state: FilterState;
  onChange: (state: FilterState) => void;
}) {
  const { t } = useTranslation();
  return (
    <Switch
      label={t('nextActivityFilter.label')}
      checked={state.noOpenActivity}
      onChange={(event) => {
        onChange({ ...state, noOpenActivity: event.currentTarget.checked });
      }}
      data-testid="filter-noOpenActivity"
    />
  );
}
