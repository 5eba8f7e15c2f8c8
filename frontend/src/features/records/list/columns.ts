import type { TFunction } from 'i18next';
import type { Formatters } from '../../../i18n/format';
import type { Column } from './RecordList';

/** The "created" and "changed" columns every record list ends with. */
export function timestampColumns<T extends { createdAt: string; updatedAt: string }>(
  t: TFunction,
  format: Formatters,
): Column<T>[] {
  return [
    {
      key: 'createdAt',
      header: t('records.columns.createdAt'),
      sortKey: 'createdAt',
      render: (item) => format.date(item.createdAt),
      width: 120,
    },
    {
      key: 'updatedAt',
      header: t('records.columns.updatedAt'),
      sortKey: 'updatedAt',
      render: (item) => format.date(item.updatedAt),
      width: 120,
    },
  ];
}
