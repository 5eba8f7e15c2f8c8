/** German texts of presence: who else has a record open (issue 14; spread into de.ts). */
export const presenceDe = {
  presence: {
    alsoOpen: 'Ebenfalls geöffnet von {{names}}',
    label: 'Wer diesen Datensatz gerade ebenfalls geöffnet hat',
  },
};
