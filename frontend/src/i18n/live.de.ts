/** German texts of the live workspace (issue 14: changes of others appear at once; assembled in index.ts). */
export const liveDe = {
  live: {
    status: {
      connected: 'Live',
      reconnecting: 'Verbindet …',
      connectedHint: 'Änderungen Ihres Teams erscheinen sofort.',
      reconnectingHint:
        'Die Verbindung für Änderungen anderer wird wiederhergestellt. Was inzwischen geändert wird, erscheint, sobald sie steht.',
      lastChange: 'Letzte Änderung: {{time}}',
    },
    conflict: {
      changedBy: 'Geändert von {{name}}',
      changed: 'Inzwischen geändert',
      explain: 'Dieser Datensatz wurde geändert, während Sie ihn bearbeiten.',
      reload: 'Neu laden',
      keepMine: 'Meine behalten',
    },
    gone: {
      deletedTitle: 'Gelöscht',
      deleted: 'Dieser Datensatz wurde gelöscht.',
      deletedBy: 'Dieser Datensatz wurde von {{name}} gelöscht.',
      removedTitle: 'Nicht mehr sichtbar',
      removed: 'Dieser Datensatz wurde jemandem zugewiesen, dessen Datensätze Sie nicht sehen dürfen.',
    },
  },
};
