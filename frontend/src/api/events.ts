import { EventsOn } from '../lib/wailsjs/runtime/runtime';
import type { api } from '../lib/wailsjs/go/models';

/** Emitted by the desktop side when the session ended (refresh failed, user deactivated, ...). */
const SESSION_EXPIRED = 'session:expired';
/** Emitted by the desktop side with a batch of the change feed's events the signed-in user may see (issue 14). */
const LIVE_CHANGES = 'live:changes';
/** Emitted by the desktop side when changes were missed: everything shown must be loaded again. */
const LIVE_RESYNC = 'live:resync';

/** What the UI reads of a change event (api.ChangeEvent): ids and what changed, never a record's contents. */
export interface LiveChange {
  topic: `${api.ChangeTopic}`;
  recordId?: string;
  change: `${api.ChangeKind}`;
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
