import type { QueryClient } from '@tanstack/react-query';
import type { CustomField, ListQuery, RecordType } from '../../api';
import { invalidate, type Invalidation } from '../../queryClient';

/**
 * Query keys of records. Everything of one record type starts with the type ("person", "organization", ...), so
 * that one invalidation reloads its lists, detail pages and relations.
 */
export const recordKeys = {
  all: (recordType: RecordType) => [recordType] as const,
  list: (recordType: RecordType, query: ListQuery) => [recordType, 'list', query] as const,
  detail: (recordType: RecordType, id: string) => [recordType, 'detail', id] as const,
  related: (recordType: RecordType, id: string, relation: string) => [recordType, 'related', id, relation] as const,
  notes: (recordType: RecordType, id: string) => ['notes', recordType, id] as const,
  history: (recordType: RecordType, id: string) => ['history', recordType, id] as const,
  allHistories: ['history'] as const,
  presence: (recordType: RecordType, id: string) => ['presence', recordType, id] as const,
  customFields: (recordType: RecordType) => ['customFields', recordType] as const,
  allCustomFields: ['customFields'] as const,
  savedFilters: (recordType: RecordType) => ['savedFilters', recordType] as const,
  allSavedFilters: ['savedFilters'] as const,
  trash: ['trash'] as const,
  search: (text: string) => ['search', text] as const,
  allSearches: ['search'] as const,
};

/**
 * What a change of a record reloads (created, edited, deleted, restored, linked, here or elsewhere): its type's
 * lists and pages, histories, the trash and the search results. Other types named in also reload (an organisation's
 * persons, say). With gone (deleted, or no longer visible), the record's own page is left alone.
 */
export function recordInvalidations(
  recordType: RecordType,
  id: string | undefined,
  also: readonly RecordType[] = [],
  { gone = false }: { gone?: boolean } = {},
): Invalidation[] {
  // A gone record's page is being left or says that it is gone: reloading it would only flash "not found".
  const except = gone && id !== undefined ? [recordKeys.detail(recordType, id)] : [];
  return [
    { queryKey: recordKeys.all(recordType), except },
    ...also.map((other) => ({ queryKey: recordKeys.all(other) })),
    // Links and notes write history on both sides; histories are small, so all of them reload.
    { queryKey: recordKeys.allHistories },
    { queryKey: recordKeys.trash },
    { queryKey: recordKeys.allSearches },
  ];
}

/** Reloads what a change of a record touches (recordInvalidations). */
export function invalidateRecord(
  client: QueryClient,
  recordType: RecordType,
  id: string | undefined,
  also: readonly RecordType[] = [],
  options: { gone?: boolean } = {},
): Promise<unknown> {
  return invalidate(client, recordInvalidations(recordType, id, also, options));
}

/** The label of a custom field of any record type, from the lists of custom fields the app has loaded. */
export function cachedCustomFieldLabel(client: QueryClient | undefined): (fieldId: string) => string | undefined {
  return (fieldId) => {
    for (const [, fields] of client?.getQueriesData<readonly CustomField[]>({ queryKey: recordKeys.allCustomFields }) ??
      []) {
      const field = fields?.find((candidate) => candidate.id === fieldId);
      if (field) return field.label;
    }
    return undefined;
  };
}
