import * as Documents from '../lib/wailsjs/go/app/Documents';
import { api } from '../lib/wailsjs/go/models';
import type { RecordType } from './access';
import type { Document, StorageUsage, UploadResult } from './documentTypes';
import { call } from './errors';

/** The record types that have documents. */
export type DocumentRecordType = Exclude<RecordType, 'activity'>;

const WIRE: Record<DocumentRecordType, api.RecordType> = {
  person: api.RecordType.Person,
  organization: api.RecordType.Organization,
  deal: api.RecordType.Deal,
  lead: api.RecordType.Lead,
};

/**
 * Documents of persons, organisations, deals and leads, and the user's storage. Uploads read files from disk on the
 * Go side (paths from drag and drop or the native dialog); opening downloads into the cache folder and starts the
 * operating system's default application.
 */
export const documentsApi = {
  /** A record's documents, newest first. */
  list: async (recordType: DocumentRecordType, recordId: string): Promise<Document[]> =>
    (await call(() => Documents.List(WIRE[recordType], recordId))).items,
  /** A record's documents in the trash (the last 30 days) that the user may restore. */
  listTrashed: async (recordType: DocumentRecordType, recordId: string): Promise<Document[]> =>
    (await call(() => Documents.ListTrashed(WIRE[recordType], recordId))).items,
  /** Uploads files by path, one after the other; a refused file does not stop the others. */
  uploadFiles: (recordType: DocumentRecordType, recordId: string, paths: string[]): Promise<UploadResult> =>
    call(() => Documents.UploadFiles(WIRE[recordType], recordId, paths)),
  /** Shows the native file dialog and uploads what the user chose (nothing when cancelled). */
  pickAndUpload: (recordType: DocumentRecordType, recordId: string): Promise<UploadResult> =>
    call(() => Documents.PickAndUpload(WIRE[recordType], recordId)),
  /** Downloads (once) and opens with the default application; programs are refused with document.open_blocked. */
  open: (id: string): Promise<string> => call(() => Documents.Open(id)),
  /** Asks where to save (native dialog) and downloads there; "" when the user cancelled. */
  saveAs: (id: string): Promise<string> => call(() => Documents.SaveAs(id)),
  /** Moves a document to the trash. */
  delete: (id: string, version: number): Promise<void> => call(() => Documents.Delete(id, version)),
  restore: (id: string): Promise<Document> => call(() => Documents.Restore(id)),
  storage: (): Promise<StorageUsage> => call(() => Documents.Storage()),
};
