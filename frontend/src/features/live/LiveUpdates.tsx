import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { onLiveChanges, onLiveResync, onLiveStatus, sessionApi } from '../../api';
import { invalidate } from '../../queryClient';
import { sessionKey } from '../auth/session';
import { LiveContext } from './hooks';
import { batchInvalidations } from './invalidation';
import { LiveStore } from './store';

/**
 * Keeps what the signed-in shell shows current: every batch of changes the desktop forwards from the change stream
 * (desktop/app live.go) reloads the queries it touches, a resync reloads all of them. Mounted once, in the shell;
 * below it the edit forms and detail pages read the changes of their record (useRecordChanges, useRecordGone).
 * Changes the user made in this window reload too (other windows of the user are current the same way); they are
 * only never shown as someone else's.
 */
export function LiveUpdates({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [store] = useState(() => new LiveStore());
  useEffect(() => {
    const stops = [
      onLiveChanges((changes) => {
        store.add(changes);
        void invalidate(client, batchInvalidations(changes));
      }),
      onLiveResync(() => {
        void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      }),
      onLiveStatus((status) => {
        store.setStatus(status);
      }),
    ];
    sessionApi
      .live()
      .then((state) => {
        store.initial(state);
      })
      .catch(() => undefined); // the indicator stays at "reconnecting" until live:status says otherwise
    return () => {
      for (const stop of stops) stop();
    };
  }, [client, store]);
  return <LiveContext value={store}>{children}</LiveContext>;
}
