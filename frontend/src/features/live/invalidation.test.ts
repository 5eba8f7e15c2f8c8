import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { ChangeEvent, ListQuery } from '../../api';
import { invalidate } from '../../queryClient';
import { EMPTY_ACTIVITY_FILTER } from '../activities/activityQuery';
import { activityKeys } from '../activities/hooks';
import { meKey, sessionKey } from '../auth/session';
import { documentKeys } from '../documents/hooks';
import { importKeys } from '../imports/hooks';
import { intakeKeys } from '../intake/hooks';
import { mapKeys } from '../maps/hooks';
import { recordKeys } from '../records/keys';
import { salesKeys } from '../sales/hooks';
import { adminKeys } from '../settings/queries';
import { batchInvalidations } from './invalidation';

const query = {} as ListQuery;

/** Queries as the app's features key them, by a name for the tests. */
const QUERIES: Record<string, QueryKey> = {
  dealList: recordKeys.list('deal', query),
  dealBoard: salesKeys.board('deal', 'pl-1', query),
  dealMap: mapKeys.markers('deal', query),
  deal1: recordKeys.detail('deal', 'd-1'),
  deal2: recordKeys.detail('deal', 'd-2'),
  personDeals: recordKeys.related('person', 'p-1', 'deals'),
  organizationList: recordKeys.list('organization', query),
  leadBoard: salesKeys.board('lead', 'pl-2', query),
  dashboard: [...activityKeys.dashboard, { scope: 'team', pipelineId: '' }],
  activities: activityKeys.list(EMPTY_ACTIVITY_FILTER),
  deal1Notes: recordKeys.notes('deal', 'd-1'),
  deal2Notes: recordKeys.notes('deal', 'd-2'),
  deal1History: recordKeys.history('deal', 'd-1'),
  deal1Documents: documentKeys.list('deal', 'd-1'),
  storage: documentKeys.storage,
  trash: recordKeys.trash,
  search: recordKeys.search('Müller'),
  pipelines: salesKeys.pipelines('deal'),
  lostReasons: salesKeys.lostReasons('deal', false),
  activityTypes: activityKeys.types(false),
  customFields: recordKeys.customFields('deal'),
  savedFilters: recordKeys.savedFilters('person'),
  leadMapping: salesKeys.mapping,
  leadSources: intakeKeys.sources,
  users: adminKeys.users,
  units: adminKeys.units,
  me: meKey,
  session: sessionKey,
  importList: importKeys.list,
  importJob: importKeys.job('i-1'),
};

const change = (overrides: Partial<ChangeEvent>): ChangeEvent => ({
  id: '1',
  topic: 'deal',
  recordId: 'd-1',
  change: 'updated',
  version: 4,
  actorId: 'user-jonas',
  at: '2026-12-08T10:00:00Z',
  ...overrides,
});

/** Runs a batch's invalidations on a cache holding QUERIES and names those that were invalidated. */
async function reloaded(changes: ChangeEvent[]): Promise<string[]> {
  const client = new QueryClient();
  for (const key of Object.values(QUERIES)) client.setQueryData(key, 1);
  await invalidate(client, batchInvalidations(changes));
  return Object.entries(QUERIES)
    .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
    .map(([name]) => name)
    .sort();
}

// What any change of a deal reloads besides the deal's own page: its lists, board and map, the pages of the
// records that show deals, the dashboard's figures, histories, trash and search.
const DEAL = ['dealBoard', 'dealList', 'dealMap', 'deal2', 'personDeals', 'organizationList', 'dashboard'];
const RECORD = ['deal1History', 'trash', 'search'];

describe('what a change reloads', () => {
  it.each<[string, ChangeEvent[], string[]]>([
    ['an edited deal: everything of deals, its page too', [change({})], [...DEAL, ...RECORD, 'deal1']],
    ['a deleted deal: all but its page, which says it is gone', [change({ change: 'deleted' })], [...DEAL, ...RECORD]],
    ['a deal out of sight: the same', [change({ change: 'removed' })], [...DEAL, ...RECORD]],
    [
      'a deal deleted and restored in one batch: its page too',
      [change({ change: 'deleted' }), change({ id: '2', change: 'updated', version: 5 })],
      [...DEAL, ...RECORD, 'deal1'],
    ],
    [
      'one deal deleted beside another edited: the gone one keeps its page',
      [change({ change: 'deleted' }), change({ id: '2', recordId: 'd-2' })],
      [...DEAL, ...RECORD],
    ],
    [
      'a lead: its board and the dashboard',
      [change({ topic: 'lead', recordId: 'l-1' })],
      ['leadBoard', 'dashboard', ...RECORD],
    ],
    [
      'a note: the notes and history of its record only',
      [change({ topic: 'note', recordId: 'n-1', parentType: 'deal', parentId: 'd-1' })],
      ['deal1History', 'deal1Notes'],
    ],
    [
      'a document: the documents and history of its record, and the storage used',
      [change({ topic: 'document', recordId: 'doc-1', parentType: 'deal', parentId: 'd-1' })],
      ['deal1Documents', 'deal1History', 'storage'],
    ],
    [
      'an activity: the agenda, the dashboard and histories',
      [change({ topic: 'activity' })],
      ['activities', 'dashboard', 'deal1History'],
    ],
    [
      'a pipeline: pipelines, everything of deals and leads, the dashboard',
      [change({ topic: 'pipeline', recordId: 'pl-1' })],
      ['pipelines', 'dealBoard', 'dealList', 'dealMap', 'deal1', 'deal2', 'leadBoard', 'dashboard'],
    ],
    ['a lost reason', [change({ topic: 'lost_reason' })], ['lostReasons']],
    [
      'an activity type: the types and the activities',
      [change({ topic: 'activity_type' })],
      ['activityTypes', 'activities', 'dashboard'],
    ],
    ['a custom field', [change({ topic: 'custom_field' })], ['customFields', 'deal1History']],
    ['the lead mapping', [change({ topic: 'lead_mapping' })], ['leadMapping']],
    ['a lead source', [change({ topic: 'lead_source' })], ['leadSources']],
    ['a user: the users and the signed-in user', [change({ topic: 'user' })], ['users', 'me']],
    ['a unit', [change({ topic: 'unit' })], ['units', 'me']],
    ['a saved filter', [change({ topic: 'saved_filter' })], ['savedFilters']],
    [
      'an import job: the imports list and the jobs',
      [change({ topic: 'import', recordId: 'i-1' })],
      ['importJob', 'importList'],
    ],
    ['a notification: nothing here (the notification centre reads it)', [change({ topic: 'notification' })], []],
    ['presence: nothing', [change({ topic: 'presence', parentType: 'deal', parentId: 'd-1' })], []],
  ])('%s', async (_name, changes, want) => {
    expect(await reloaded(changes)).toEqual([...want].sort());
  });

  it('reloads each query once for a batch that names it many times', async () => {
    const client = new QueryClient();
    const spy = vi.spyOn(client, 'invalidateQueries');
    const changes = ['d-1', 'd-2', 'd-3'].map((id, index) => change({ id: String(index), recordId: id }));
    await invalidate(client, batchInvalidations(changes));
    const keys = spy.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey));
    expect(keys.filter((key) => key === '["deal"]')).toHaveLength(1);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
