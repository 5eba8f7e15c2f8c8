import { EventsOn } from '../lib/wailsjs/runtime/runtime';
import type { AssignedLeads } from './intakeTypes';

/** Emitted by the desktop side when the session ended (refresh failed, user deactivated, ...). */
const SESSION_EXPIRED = 'session:expired';
/** Emitted by the desktop side (desktop/app EventLeadsAssigned) when lead sources assigned new leads to the user. */
const LEADS_ASSIGNED = 'leads:assigned';

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
