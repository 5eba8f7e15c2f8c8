/**
 * The Wails runtime's events for component tests: several listeners per event, as in Wails (the record page's
 * presence listens to live:changes too). A test file puts it in place of the runtime with
 *   vi.mock('<…>/lib/wailsjs/runtime/runtime', () => import('<…>/test/wailsEvents'));
 * and sends events with emit.
 */
import { act } from '@testing-library/react';

type Listener = (data?: unknown) => void;

const listeners = new Map<string, Set<Listener>>();

export function EventsOn(event: string, callback: Listener): () => void {
  const set = listeners.get(event) ?? new Set<Listener>();
  listeners.set(event, set.add(callback));
  return () => set.delete(callback);
}

/** Sends an event from the desktop to every listener, as one React update. */
export function emit(event: string, data?: unknown): void {
  act(() => {
    for (const listener of listeners.get(event) ?? []) listener(data);
  });
}

/** Forgets the listeners of the last test. */
export function clearListeners(): void {
  listeners.clear();
}
