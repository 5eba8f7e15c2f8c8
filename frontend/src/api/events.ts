import { EventsOn } from '../lib/wailsjs/runtime/runtime';

/** Emitted by the desktop side when the session ended (refresh failed, user deactivated, ...). */
const SESSION_EXPIRED = 'session:expired';
/** Emitted by the desktop side with a batch of the change feed's events the signed-in user may see (issue 14). */
const LIVE_CHANGES = 'live:changes';
/** Emitted by the desktop side when changes were missed: everything shown must be loaded again. */
const LIVE_RESYNC = 'live:resync';

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

/** Calls listener whenever the session ends; returns the function that stops listening. */
export function onSessionExpired(listener: () => void): () => void {
  return EventsOn(SESSION_EXPIRED, () => {
    listener();
  });
}

/** Calls listener with each batch of changes; returns the function that stops listening. */
export function onLiveChanges(listener: (changes: LiveChange[]) => void): () => void {
  return EventsOn(LIVE_CHANGES, (changes: LiveChange[] | null) => {
    listener(changes ?? []);
  });
}

/** Calls listener when everything must be loaded again; returns the function that stops listening. */
export function onLiveResync(listener: () => void): () => void {
  return EventsOn(LIVE_RESYNC, () => {
    listener();
  });
}
