import { EventsOn } from '../lib/wailsjs/runtime/runtime';
import type { ChangeEvent, LiveStatus } from './types';

/** Emitted by the desktop side when the session ended (refresh failed, user deactivated, ...). */
const SESSION_EXPIRED = 'session:expired';
/** The change stream (desktop/app live.go): batches of changes, "reload everything", and the stream's state. */
const LIVE_CHANGES = 'live:changes';
const LIVE_RESYNC = 'live:resync';
const LIVE_STATUS = 'live:status';
/** An export's progress (desktop/app exports.go). */
const EXPORT_PROGRESS = 'export:progress';

/** Calls listener whenever the session ends; returns the function that stops listening. */
export function onSessionExpired(listener: () => void): () => void {
  return EventsOn(SESSION_EXPIRED, () => {
    listener();
  });
}

/** Calls listener with each batch of changes (about 100 ms of them, in stream order); returns the unsubscribe. */
export function onLiveChanges(listener: (changes: ChangeEvent[]) => void): () => void {
  return EventsOn(LIVE_CHANGES, (changes: ChangeEvent[] | null) => {
    listener(changes ?? []);
  });
}

/** Calls listener when changes were missed and everything shown must reload; returns the unsubscribe. */
export function onLiveResync(listener: () => void): () => void {
  return EventsOn(LIVE_RESYNC, () => {
    listener();
  });
}

/** Calls listener whenever the change stream connects or drops; returns the unsubscribe. */
export function onLiveStatus(listener: (status: LiveStatus) => void): () => void {
  return EventsOn(LIVE_STATUS, (status: LiveStatus) => {
    listener(status);
  });
}

/** How far an export is: bytes and rows written; total is the rows of the whole file once known (-1 before). */
export interface ExportProgress {
  recordType: string;
  bytes: number;
  rows: number;
  total: number;
}

/** Calls listener with the progress of the export that is running; returns the unsubscribe. */
export function onExportProgress(listener: (progress: ExportProgress) => void): () => void {
  return EventsOn(EXPORT_PROGRESS, (progress: ExportProgress) => {
    listener(progress);
  });
}
