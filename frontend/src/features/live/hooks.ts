import { createContext, use, useCallback, useSyncExternalStore } from 'react';
import type { ChangeTopic, LiveState, RecordType } from '../../api';
import { isGone } from './invalidation';
import type { LiveStore, RecordChange } from './store';

/** The signed-in shell's LiveStore (LiveUpdates); null outside it. */
export const LiveContext = createContext<LiveStore | null>(null);

const RECONNECTING: LiveState = { status: 'reconnecting' };
const noop = () => () => undefined;
const NO_CHANGES: readonly RecordChange[] = [];

/** The change stream's state (reconnecting outside the signed-in shell). */
export function useLiveState(): LiveState {
  const store = use(LiveContext);
  return useSyncExternalStore(store?.subscribe ?? noop, store ? store.getState : () => RECONNECTING);
}

/** The latest changes of a record that the stream brought while the shell was open, oldest first. */
export function useRecordChanges(topic: ChangeTopic, id: string): readonly RecordChange[] {
  const store = use(LiveContext);
  const snapshot = useCallback(() => store?.changesOf(topic, id) ?? NO_CHANGES, [store, topic, id]);
  return useSyncExternalStore(store?.subscribe ?? noop, snapshot);
}

/** The change that made a record go (deleted, or out of the user's sight), while that is its last change. */
export function useRecordGone(recordType: RecordType, id: string): RecordChange | undefined {
  const changes = useRecordChanges(recordType, id);
  const last = changes.at(-1);
  return last && isGone(last.change) ? last : undefined;
}
