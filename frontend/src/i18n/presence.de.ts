/** German texts of presence: who else has a record open (issue 14; assembled in index.ts). */
export const presenceDe = {
  presence: {
    alsoOpen: 'Ebenfalls geöffnet von {{names}}',
    label: 'Wer diesen Datensatz gerade ebenfalls geöffnet hat',
  },
};
