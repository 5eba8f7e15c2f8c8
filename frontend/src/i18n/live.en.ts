import type { liveDe } from './live.de';

/** English texts of the live workspace (issue 14; assembled in index.ts). */
export const liveEn: typeof liveDe = {
  live: {
    status: {
      connected: 'Live',
      reconnecting: 'Connecting …',
      connectedHint: 'Changes by your team appear at once.',
      reconnectingHint:
        'The connection for changes by others is being restored. What changes meanwhile appears once it is back.',
      lastChange: 'Last change: {{time}}',
    },
    conflict: {
      changedBy: 'Changed by {{name}}',
      changed: 'Changed meanwhile',
      explain: 'This record was changed while you were editing it.',
      reload: 'Reload',
      keepMine: 'Keep mine',
    },
    gone: {
      deletedTitle: 'Deleted',
      deleted: 'This record was deleted.',
      deletedBy: 'This record was deleted by {{name}}.',
      removedTitle: 'No longer visible',
      removed: 'This record was assigned to someone whose records you may not see.',
    },
  },
};
