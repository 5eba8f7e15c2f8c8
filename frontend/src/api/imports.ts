import * as Imports from '../lib/wailsjs/go/app/Imports';
import { api } from '../lib/wailsjs/go/models';
import { call } from './errors';
import type {
  ImportAnalysis,
  ImportFileFormat,
  ImportJob,
  ImportPreview,
  ImportReadOptions,
  ImportRecordType,
  ImportSettings,
  ImportUndoResult,
} from './importTypes';

const WIRE: Record<ImportRecordType, api.RecordType> = {
  person: api.RecordType.Person,
  organization: api.RecordType.Organization,
  deal: api.RecordType.Deal,
  lead: api.RecordType.Lead,
};

const FORMAT: Record<ImportFileFormat, api.ImportFileFormat> = {
  csv: api.ImportFileFormat.Csv,
  xlsx: api.ImportFileFormat.Xlsx,
};

/**
 * Imports from XLSX and CSV files: the Go side streams the file from disk to the backend (a path from a drop or the
 * native dialog), the backend analyses, previews and runs the import as a job.
 */
export const importsApi = {
  /** Uploads a file by path (dropped onto the dialog) and answers the backend's analysis of it. */
  upload: (recordType: ImportRecordType, path: string): Promise<ImportAnalysis> =>
    call(() => Imports.Upload(WIRE[recordType], path)),
  /** The native open dialog (XLSX, CSV), then the upload; cancelled: null. */
  pickAndUpload: async (recordType: ImportRecordType): Promise<ImportAnalysis | null> => {
    const analysis = await call(() => Imports.PickAndUpload(WIRE[recordType]));
    return analysis.id === '' ? null : analysis;
  },
  /** Reads the uploaded file again another way (sheet, header row, encoding, delimiter). */
  reanalyse: (id: string, options: ImportReadOptions): Promise<ImportAnalysis> =>
    call(() => Imports.Reanalyse(id, api.ImportReadOptions.createFrom(options))),
  preview: (id: string, settings: ImportSettings): Promise<ImportPreview> =>
    call(() => Imports.Preview(id, api.ImportSettings.createFrom(settings))),
  start: (id: string, settings: ImportSettings): Promise<ImportJob> =>
    call(() => Imports.Start(id, api.ImportSettings.createFrom(settings))),
  get: (id: string): Promise<ImportJob> => call(() => Imports.Get(id)),
  list: async (): Promise<ImportJob[]> => (await call(() => Imports.List())).items,
  undo: (id: string): Promise<ImportUndoResult> => call(() => Imports.Undo(id)),
  /** Downloads the failed rows, then asks where to save them; "" when the user cancelled. */
  saveFailedRows: (id: string, format: ImportFileFormat): Promise<string> =>
    call(() => Imports.SaveFailedRows(id, FORMAT[format])),
};
