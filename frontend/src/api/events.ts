import { EventsOn } from '../lib/wailsjs/runtime/runtime';
import type { AssignedLeads } from './intakeTypes';

/** Emitted by the desktop side when the session ended (refresh failed, user deactivated, ...). */
const SESSION_EXPIRED = 'session:expired';
/** Emitted by the desktop side (desktop/app EventLeadsAssigned) when lead sources assigned new leads to the user. */
const LEADS_ASSIGNED = 'leads:assigned';

/**
 * Emitted by the desktop side with a batch of changes from the server's change feed (issue 14): ids and versions,
 * never a record's contents, and only of what the user may see.
 */
const LIVE_CHANGES = 'live:changes';

/** A change as the desktop forwards it: the fields of shared/api's ChangeEvent that the UI reads. */
export interface LiveChange {
  id: string;
  /** A record kind, activity, note, document, presence or a setting (shared/api ChangeTopic). */
  topic: string;
  recordId?: string;
  change: string;
  /** The record a note, document or presence change belongs to. */
  parentType?: string;
  parentId?: string;
}

/** Calls listener with every batch of changes; returns the function that stops listening. */
export function onLiveChanges(listener: (changes: LiveChange[]) => void): () => void {
  return EventsOn(LIVE_CHANGES, (changes: LiveChange[] | null) => {
    listener(changes ?? []);
  });
}

/** Calls listener whenever the session ends; returns the function that stops listening. */
export function onSessionExpired(listener: () => void): () => void {
  return EventsOn(SESSION_EXPIRED, () => {
    listener();
  });
}

/** Calls listener with the newly assigned leads (count > 0); returns the function that stops listening. */
export function onLeadsAssigned(listener: (assigned: AssignedLeads) => void): () => void {
  return EventsOn(LEADS_ASSIGNED, (assigned: AssignedLeads) => {
    listener(assigned);
  });
}
