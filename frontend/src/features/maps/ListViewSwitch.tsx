import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ListView } from './useListView';

/** "Liste | Karte" above a list of persons or organisations (deals and leads have board, list and map). */
export function ListViewSwitch({ value, onChange }: { value: ListView; onChange: (view: ListView) => void }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      value={value}
      onChange={(next) => {
        onChange(next === 'map' ? 'map' : 'list');
      }}
      data={[
        { value: 'list', label: t('maps.views.list') },
        { value: 'map', label: t('maps.views.map') },
      ]}
      style={{ alignSelf: 'flex-start' }}
      data-testid="view-switch"
    />
  );
}
