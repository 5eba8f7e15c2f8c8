/** Wire types of documents and the storage quota (see types.ts for Data<T>). */
import type { api, app } from '../lib/wailsjs/go/models';
import type { Data } from './types';

/** A file stored on a record: name with extension, checked type, size, uploader, and whether the caller may delete it. */
export type Document = Data<api.Document>;
/** The signed-in user's storage: used (trashed documents count until purged), reserved by uploads, the plan's limit. */
export type StorageUsage = Data<api.StorageUsage>;
/** What became of the files of one upload: the documents stored and the files refused. */
export type UploadResult = Data<app.UploadResult>;
/** One file that was not stored, with the error as the server (or the desktop) gave it. */
export type UploadFailure = Data<app.UploadFailure>;
