import type { QueryClient } from '@tanstack/react-query';
import type { ListQuery, RecordType } from '../../api';

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
  presence: (recordType: RecordType, id: string) => ['presence', recordType, id] as const,
  customFields: (recordType: RecordType) => ['customFields', recordType] as const,
  savedFilters: (recordType: RecordType) => ['savedFilters', recordType] as const,
  trash: ['trash'] as const,
  search: (text: string) => ['search', text] as const,
};

/**
 * After a record changed (created, edited, deleted, restored, linked): its type's lists and pages, histories, the
 * trash and the search results reload. Other types named in also reload (an organisation's persons, say). With
 * gone (deleted), the record's own page is left alone.
 */
export function invalidateRecord(
  client: QueryClient,
  recordType: RecordType,
  id: string | undefined,
  also: readonly RecordType[] = [],
  { gone = false }: { gone?: boolean } = {},
): Promise<unknown> {
  // A deleted record's page is being left: reloading it would only flash "not found".
  const detail = id === undefined ? [] : recordKeys.detail(recordType, id);
  const keep = (key: readonly unknown[]) => gone && detail.every((part, index) => key[index] === part);
  return Promise.all([
    client.invalidateQueries({ queryKey: recordKeys.all(recordType), predicate: (query) => !keep(query.queryKey) }),
    ...also.map((other) => client.invalidateQueries({ queryKey: recordKeys.all(other) })),
    // Links and notes write history on both sides; histories are small, so all of them reload.
    client.invalidateQueries({ queryKey: ['history'] }),
    client.invalidateQueries({ queryKey: recordKeys.trash }),
    client.invalidateQueries({ queryKey: ['search'] }),
  ]);
}
