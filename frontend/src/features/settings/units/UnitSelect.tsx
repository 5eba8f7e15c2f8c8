import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../api';
import { useFormatters } from '../../../i18n/format';
import { unitTree } from './tree';

type UnitSelectProps = Omit<SelectProps, 'data' | 'renderOption'> & {
  units: readonly Unit[];
  /** Units that may not be chosen (a unit cannot move below itself). */
  exclude?: ReadonlySet<string>;
};

/** A unit picker that shows the hierarchy by indentation. */
export function UnitSelect({ units, exclude, ...props }: UnitSelectProps) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const { data, depths } = useMemo(() => {
    const nodes = unitTree(units, locale).filter((node) => !exclude?.has(node.unit.id));
    return {
      data: nodes.map((node) => ({ value: node.unit.id, label: node.unit.name })),
      depths: new Map(nodes.map((node) => [node.unit.id, node.depth])),
    };
  }, [units, exclude, locale]);

  return (
    <Select
      placeholder={t('units.form.select')}
      searchable
      allowDeselect={false}
      nothingFoundMessage="—"
      {...props}
      data={data}
      renderOption={({ option }) => (
        <span style={{ paddingLeft: (depths.get(option.value) ?? 0) * 16 }}>{option.label}</span>
      )}
    />
  );
}
