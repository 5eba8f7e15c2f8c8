/** English texts of presence: who else has a record open (issue 14; assembled in index.ts). */
export const presenceEn = {
  presence: {
    alsoOpen: 'Also open: {{names}}',
    label: 'Who else has this record open right now',
  },
};
