/**
 * The numbers of the last errors the server answered (their request IDs), kept in memory for the help screen and
 * for a support request's diagnostics. Nothing else of the error is kept: no message, no field values.
 */
export interface RecentError {
  /** The server's request ID ("Fehlernummer"). */
  requestId: string;
  /** The error's code, e.g. "resource.conflict". */
  code: string;
  status: number;
  /** When the UI received it (ISO 8601). */
  at: string;
}

/** How many errors are kept. */
export const RECENT_ERRORS_MAX = 10;

let recent: RecentError[] = [];
const listeners = new Set<() => void>();

/** Remembers an error the server answered; errors without a request ID (the desktop's own) are not. */
export function rememberError(error: { requestId: string; code: string; status: number }, at: Date = new Date()): void {
  if (error.requestId === '') return;
  recent = [
    { requestId: error.requestId, code: error.code, status: error.status, at: at.toISOString() },
    ...recent,
  ].slice(0, RECENT_ERRORS_MAX);
  listeners.forEach((listener) => {
    listener();
  });
}

/** The remembered errors, newest first (a new array after each change, for useSyncExternalStore). */
export function recentErrors(): readonly RecentError[] {
  return recent;
}

/** Calls listener after every change; returns the unsubscribe function. */
export function subscribeRecentErrors(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Forgets every error (tests). */
export function clearRecentErrors(): void {
  recent = [];
  listeners.forEach((listener) => {
    listener();
  });
}
