import type { RecordType } from '../../api';
import { EXPORT_COLUMNS } from '../../lib/vocabulary';

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** The export columns a list column shows, where its key is no export column itself. */
const LIST_COLUMNS: Partial<Record<RecordType, Record<string, readonly ExportColumn[]>>> = {
  person: {
    name: ['salutation', 'title', 'firstName', 'lastName'],
    organization: ['organizations'],
    email: ['emails'],
    phone: ['phones'],
    city: ['address.city'],
  },
  organization: { city: ['address.city'] },
  deal: { expectedClose: ['expectedCloseDate'] },
  lead: { city: ['address.city'] },
  activity: { due: ['dueAt'], links: ['person', 'organization', 'deal', 'lead'] },
};

function isExportColumn(key: string): key is ExportColumn {
  return (EXPORT_COLUMNS as readonly string[]).includes(key);
}

/**
 * The export columns of a list's columns, in the list's order: "Nur die Spalten der Liste". A list column that
 * holds no field of its own (the persons of an organisation, a distance) has none.
 */
export function exportColumnsOf(recordType: RecordType, listColumns: readonly string[]): ExportColumn[] {
  const out: ExportColumn[] = [];
  for (const key of listColumns) {
    const mapped = LIST_COLUMNS[recordType]?.[key] ?? (isExportColumn(key) ? [key] : []);
    for (const column of mapped) {
      if (!out.includes(column)) out.push(column);
    }
  }
  return out;
}

/** The i18n key below exports.columns of an export column ("address.city" -> "city"). */
export function columnLabelKey(column: ExportColumn): string {
  return column.replace(/^address\./, '');
}
