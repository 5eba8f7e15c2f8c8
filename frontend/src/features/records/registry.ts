import { contactsApi, salesApi, type RecordType } from '../../api';

/** What the shared record pieces (trash, search, delete with undo) need to know about a record type. */
export interface RecordTypeEntry {
  listPath: string;
  detailPath: (id: string) => string;
  restore: (id: string) => Promise<unknown>;
  /** Other record types whose pages show this one (an organisation lists its persons). */
  related: readonly RecordType[];
}

/** The record types the UI has pages for. Deals and leads register here when they get theirs. */
export const RECORD_TYPE_ENTRIES: Partial<Record<RecordType, RecordTypeEntry>> = {
  person: {
    listPath: '/persons',
    detailPath: (id) => `/persons/${id}`,
    restore: (id) => contactsApi.restorePerson(id),
    related: ['organization'],
  },
  organization: {
    listPath: '/organizations',
    detailPath: (id) => `/organizations/${id}`,
    restore: (id) => contactsApi.restoreOrganization(id),
    related: ['person'],
  },
  deal: {
    listPath: '/deals?view=list',
    detailPath: (id) => `/deals/${id}`,
    restore: (id) => salesApi.restoreDeal(id),
    related: ['person', 'organization'],
  },
  lead: {
    listPath: '/leads?view=list',
    detailPath: (id) => `/leads/${id}`,
    restore: (id) => salesApi.restoreLead(id),
    related: [],
  },
};

export function recordTypeEntry(recordType: RecordType): RecordTypeEntry | undefined {
  return RECORD_TYPE_ENTRIES[recordType];
}
