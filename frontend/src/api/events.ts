import { EventsOn } from '../lib/wailsjs/runtime/runtime';

/** Emitted by the desktop side when the session ended (refresh failed, user deactivated, ...). */
const SESSION_EXPIRED = 'session:expired';

/** Calls listener whenever the session ends; returns the function that stops listening. */
export function onSessionExpired(listener: () => void): () => void {
  return EventsOn(SESSION_EXPIRED, () => {
    listener();
  });
}
