import * as Exports from '../lib/wailsjs/go/app/Exports';
import * as Maps from '../lib/wailsjs/go/app/Maps';
import { api, type app } from '../lib/wailsjs/go/models';
import type { RecordType } from './access';
import { call, parseError } from './errors';
import type { ActivityQuery } from './activityTypes';
import type { Data, ListQuery } from './types';

export type ExportOptions = Data<api.ExportOptions>;
export type ExportResult = Data<app.ExportResult>;
export type ExportPage = Data<api.ExportPage>;
export type ExportRecord = Data<api.Export>;

const WIRE: Record<RecordType, api.RecordType> = {
  person: api.RecordType.Person,
  organization: api.RecordType.Organization,
  deal: api.RecordType.Deal,
  lead: api.RecordType.Lead,
  activity: api.RecordType.Activity,
};

/**
 * Runs an export whose list query may hold a nearby condition around a typed address: as the lists do (see
 * withNearAddress), an address the server has not geocoded yet is geocoded once and the export runs again.
 */
async function withNearQuery(query: ListQuery, run: () => Promise<ExportResult>): Promise<ExportResult> {
  try {
    return await call(run);
  } catch (reason) {
    const error = parseError(reason);
    const address = query.near?.address;
    if (!address || error.fields['query.near.address'] !== 'not_geocoded') {
      throw error;
    }
    await call(() => Maps.Geocode(address));
    return call(run);
  }
}

/**
 * Exports of the lists to files (the Go side streams them to the download folder or where the save dialog says),
 * opening what was exported, the desktop's setting where exports go, and the admins' record of exports.
 */
export const exportsApi = {
  /** Every record of a list's query (cursor and limit ignored); path "" when the user cancelled the dialog. */
  exportList: (recordType: RecordType, query: ListQuery, options: ExportOptions): Promise<ExportResult> =>
    recordType === 'activity'
      ? Promise.reject(new Error('activities: use exportActivities'))
      : withNearQuery(query, () =>
          Exports.Export(WIRE[recordType], api.ListQuery.createFrom(query), api.ExportOptions.createFrom(options)),
        ),
  exportActivities: (query: ActivityQuery, options: ExportOptions): Promise<ExportResult> =>
    call(() => Exports.ExportActivities(api.ActivityQuery.createFrom(query), api.ExportOptions.createFrom(options))),
  /** Opens an exported file with the default application, or its folder. */
  open: (path: string): Promise<void> => call(() => Exports.Open(path)),
  openFolder: (path: string): Promise<void> => call(() => Exports.OpenFolder(path)),
  /** This desktop's setting "Exporte direkt im Download-Ordner speichern". */
  toDownloads: (): Promise<boolean> => call(() => Exports.ToDownloads()),
  setToDownloads: (on: boolean): Promise<void> => call(() => Exports.SetToDownloads(on)),
  /** The company's exports, newest first (admins). */
  list: (cursor: string): Promise<ExportPage> => call(() => Exports.List(cursor)),
};
