import type { QueryKey } from '@tanstack/react-query';
import { isRecordType, type ChangeEvent, type ChangeKind, type RecordType } from '../../api';
import type { Invalidation } from '../../queryClient';
import { activityKeys } from '../activities/hooks';
import { meKey } from '../auth/session';
import { documentKeys } from '../documents/hooks';
import { importKeys } from '../imports/hooks';
import { intakeKeys } from '../intake/hooks';
import { recordInvalidations, recordKeys } from '../records/keys';
import { recordTypeEntry } from '../records/registry';
import { salesKeys } from '../sales/hooks';
import { adminKeys } from '../settings/queries';

/** A change after which its subject is no longer there for the reader: deleted, or out of the reader's sight. */
export const isGone = (change: ChangeKind) => change === 'deleted' || change === 'removed';

const DOCUMENT_PARENTS = ['person', 'organization', 'deal', 'lead'] as const satisfies readonly RecordType[];
const isDocumentParent = (type: string): type is (typeof DOCUMENT_PARENTS)[number] =>
  (DOCUMENT_PARENTS as readonly string[]).includes(type);

const keys = (...queryKeys: QueryKey[]): Invalidation[] => queryKeys.map((queryKey) => ({ queryKey }));

/**
 * What one change reloads, by its topic, in the query keys of the features that show it (the same keys their own
 * mutations invalidate). A record that is gone keeps its page, which then says so (RecordDetailPage).
 */
export function changeInvalidations(change: ChangeEvent): Invalidation[] {
  const { topic, recordId, parentType, parentId } = change;
  switch (topic) {
    case 'person':
    case 'organization':
    case 'deal':
    case 'lead': {
      const related = recordTypeEntry(topic)?.related ?? [];
      const record = recordInvalidations(topic, recordId, related, { gone: isGone(change.change) });
      // Deals and leads are the dashboard's figures (pipeline value, won this month, ...).
      return topic === 'deal' || topic === 'lead' ? [...record, ...keys(activityKeys.dashboard)] : record;
    }
    case 'activity':
      // The agenda, the record cards and the dashboard's activity figures; the linked record's history.
      return keys(activityKeys.all, activityKeys.dashboard, recordKeys.allHistories);
    case 'note':
      return parentType && parentId && isRecordType(parentType)
        ? keys(recordKeys.notes(parentType, parentId), recordKeys.history(parentType, parentId))
        : keys(['notes'], recordKeys.allHistories);
    case 'document':
      return parentType && parentId && isDocumentParent(parentType)
        ? keys(
            documentKeys.record(parentType, parentId),
            recordKeys.history(parentType, parentId),
            documentKeys.storage,
          )
        : keys(documentKeys.all, recordKeys.allHistories, documentKeys.storage);
    case 'pipeline':
      // Stages name the columns of boards and the stage of every record in lists and pages.
      return keys(salesKeys.allPipelines, recordKeys.all('deal'), recordKeys.all('lead'), activityKeys.dashboard);
    case 'lost_reason':
      return keys(salesKeys.allLostReasons);
    case 'activity_type':
      return keys(activityKeys.allTypes, activityKeys.all, activityKeys.dashboard);
    case 'custom_field':
      return keys(recordKeys.allCustomFields, recordKeys.allHistories);
    case 'lead_mapping':
      return keys(salesKeys.mapping);
    case 'lead_source':
      return keys(intakeKeys.sources);
    // The signed-in user's own name, unit and grants may be what changed.
    case 'user':
      return keys(adminKeys.users, meKey);
    case 'unit':
      return keys(adminKeys.units, meKey);
    case 'role':
      return keys(adminKeys.roles, meKey);
    case 'saved_filter':
      return keys(recordKeys.allSavedFilters);
    // An import's progress and counts (its records announce themselves under their own topics).
    case 'import':
      return keys(importKeys.all);
    // The notification centre and presence read their own events.
    case 'notification':
    case 'presence':
      return [];
  }
}

/**
 * What a batch of changes reloads. Of several changes to one record only the last says whether it is gone (a
 * record deleted and restored within the batch is back).
 */
export function batchInvalidations(changes: readonly ChangeEvent[]): Invalidation[] {
  const last = new Map<string, ChangeEvent>();
  for (const change of changes) last.set(`${change.topic}:${change.recordId ?? change.id}`, change);
  return [...last.values()].flatMap(changeInvalidations);
}
