import * as Records from '../lib/wailsjs/go/app/Records';
import { api } from '../lib/wailsjs/go/models';
import type { RecordType } from './access';
import { call } from './errors';
import type {
  CustomField,
  HistoryEntry,
  ListQuery,
  ListTotal,
  Note,
  NoteCreate,
  NotePatch,
  PresenceUser,
  SavedFilter,
  SavedFilterCreate,
  SavedFilterPatch,
  TrashItem,
} from './types';

/** The generated enum member of a record type (TypeScript's string enums accept no string literals). */
const WIRE: Record<RecordType, api.RecordType> = {
  person: api.RecordType.Person,
  organization: api.RecordType.Organization,
  deal: api.RecordType.Deal,
  lead: api.RecordType.Lead,
  activity: api.RecordType.Activity,
};
const wire = (recordType: RecordType): api.RecordType => WIRE[recordType];

/** Trash of every record type: the binding takes "" for "all", which its enum type cannot express. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- "" is the Go side's "all types"
const ALL_TYPES = '' as api.RecordType;

/** What every record type shares: notes, history, trash, custom field definitions, saved filters and presence. */
export const recordsApi = {
  listNotes: async (recordType: RecordType, recordId: string): Promise<Note[]> =>
    (await call(() => Records.ListNotes(wire(recordType), recordId))).items,
  addNote: (recordType: RecordType, recordId: string, input: NoteCreate): Promise<Note> =>
    call(() => Records.AddNote(wire(recordType), recordId, api.NoteCreate.createFrom(input))),
  updateNote: (id: string, version: number, patch: NotePatch): Promise<Note> =>
    call(() => Records.UpdateNote(id, version, api.NotePatch.createFrom(patch))),
  deleteNote: (id: string, version: number): Promise<void> => call(() => Records.DeleteNote(id, version)),

  /** The bounded total of a list, asked for after its first page (ListQuery.deferTotal). */
  countRecords: (recordType: RecordType, query: ListQuery): Promise<ListTotal> =>
    call(() => Records.CountRecords(wire(recordType), api.ListQuery.createFrom(query))),

  history: async (recordType: RecordType, recordId: string): Promise<HistoryEntry[]> =>
    (await call(() => Records.History(wire(recordType), recordId))).items,

  /** Deleted records the caller may restore, newest first; all types when recordType is absent. */
  trash: async (recordType?: RecordType): Promise<TrashItem[]> =>
    (await call(() => Records.Trash(recordType ? wire(recordType) : ALL_TYPES))).items,

  listCustomFields: async (recordType: RecordType, includeArchived: boolean): Promise<CustomField[]> =>
    (await call(() => Records.ListCustomFields(wire(recordType), includeArchived))).items,

  listSavedFilters: async (recordType: RecordType): Promise<SavedFilter[]> =>
    (await call(() => Records.ListSavedFilters(wire(recordType)))).items,
  createSavedFilter: (input: SavedFilterCreate): Promise<SavedFilter> =>
    call(() => Records.CreateSavedFilter(api.SavedFilterCreate.createFrom(input))),
  updateSavedFilter: (id: string, version: number, patch: SavedFilterPatch): Promise<SavedFilter> =>
    call(() => Records.UpdateSavedFilter(id, version, api.SavedFilterPatch.createFrom(patch))),
  deleteSavedFilter: (id: string, version: number): Promise<void> => call(() => Records.DeleteSavedFilter(id, version)),

  /** Says that this desktop shows the record now (a record page, on opening and every 30 s after). */
  openRecord: (recordType: RecordType, recordId: string): Promise<void> =>
    call(() => Records.OpenRecord(wire(recordType), recordId)),
  /** Says that this desktop shows no record any more. */
  leaveRecord: (): Promise<void> => call(() => Records.LeaveRecord()),
  /** The other users who have the record open now, by name. */
  presence: async (recordType: RecordType, recordId: string): Promise<PresenceUser[]> =>
    (await call(() => Records.RecordPresence(wire(recordType), recordId))).items,
};
