/** Wire types of imports from XLSX and CSV files (issue 15; shared/api/imports.go; see types.ts for Data<T>). */
import {
  IMPORT_DATE_FORMATS,
  IMPORT_DUPLICATE_ACTIONS,
  IMPORT_ENCODINGS,
  IMPORT_FILE_FORMATS,
  IMPORT_NUMBER_FORMATS,
  IMPORT_OUTCOMES,
  IMPORT_STATUSES,
  IMPORT_TARGETS,
  IMPORT_VALUE_KINDS,
} from '../lib/vocabulary';
import type { api } from '../lib/wailsjs/go/models';
import type { RecordType } from './access';
import type { Data } from './types';

/** A column as read; its formats are "" where the column holds no numbers or dates. */
export type ImportColumn = Omit<Data<api.ImportColumn>, 'number' | 'date'> & {
  number: ImportNumberFormat | '';
  date: ImportDateFormat | '';
};
export type ImportAnalysis = Omit<Data<api.ImportAnalysis>, 'columns' | 'suggested'> & {
  columns: ImportColumn[];
  suggested: ImportSettings;
};
export type ImportField = Data<api.ImportField>;
export type ImportReadOptions = Data<api.ImportReadOptions>;
/** A column's mapping; its formats are "" on the wire where the target takes no numbers or dates. */
export type ImportMapping = Omit<Data<api.ImportMapping>, 'number' | 'date'> & {
  number: ImportNumberFormat | '';
  date: ImportDateFormat | '';
};
export type ImportSettings = Omit<Data<api.ImportSettings>, 'columns'> & { columns: ImportMapping[] };
export type ImportDuplicates = Data<api.ImportDuplicates>;
export type ImportPreview = Data<api.ImportPreview>;
export type ImportPreviewRow = Data<api.ImportPreviewRow>;
export type ImportCell = Data<api.ImportCell>;
export type ImportJob = Data<api.ImportJob>;
export type ImportUndoResult = Data<api.ImportUndoResult>;

export type ImportFileFormat = `${api.ImportFileFormat}`;
export type ImportEncoding = `${api.ImportEncoding}`;
export type ImportNumberFormat = `${api.ImportNumberFormat}`;
export type ImportDateFormat = `${api.ImportDateFormat}`;
/** A standard target; custom fields are "custom.<fieldId>" and "organization.custom.<fieldId>". */
export type ImportTarget = `${api.ImportTarget}`;
export type ImportValueKind = `${api.ImportValueKind}`;
export type ImportDuplicateAction = `${api.ImportDuplicateAction}`;
export type ImportOutcome = `${api.ImportOutcome}`;
export type ImportStatus = `${api.ImportStatus}`;

export {
  IMPORT_DATE_FORMATS,
  IMPORT_DUPLICATE_ACTIONS,
  IMPORT_ENCODINGS,
  IMPORT_FILE_FORMATS,
  IMPORT_NUMBER_FORMATS,
  IMPORT_OUTCOMES,
  IMPORT_STATUSES,
  IMPORT_TARGETS,
  IMPORT_VALUE_KINDS,
};

function member<T extends string>(values: readonly T[]) {
  return (value: string): value is T => (values as readonly string[]).includes(value);
}

export const isImportTarget = member<ImportTarget>(IMPORT_TARGETS);
export const isImportStatus = member<ImportStatus>(IMPORT_STATUSES);
export const isImportOutcome = member<ImportOutcome>(IMPORT_OUTCOMES);
export const isImportEncoding = member<ImportEncoding>(IMPORT_ENCODINGS);
export const isImportNumberFormat = member<ImportNumberFormat>(IMPORT_NUMBER_FORMATS);
export const isImportDateFormat = member<ImportDateFormat>(IMPORT_DATE_FORMATS);
export const isImportDuplicateAction = member<ImportDuplicateAction>(IMPORT_DUPLICATE_ACTIONS);

/**
 * The record types the backend imports (POST /imports answers recordType: invalid for the others: activities). The
 * contract lists no importable types of its own; this follows the backend.
 */
export const IMPORT_RECORD_TYPES = ['person', 'organization', 'deal', 'lead'] as const satisfies readonly RecordType[];
export type ImportRecordType = (typeof IMPORT_RECORD_TYPES)[number];
export const isImportRecordType = member<ImportRecordType>(IMPORT_RECORD_TYPES);

/** Statuses in which a worker is (or will be) at the job: its progress changes. */
export const isImportActive = (status: string) => status === 'queued' || status === 'running';
