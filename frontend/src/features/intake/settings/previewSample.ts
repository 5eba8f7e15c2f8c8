/** The sample delivery the "Testdaten" box starts with: a realistic lead as a German supplier would send it. */
export const SAMPLE_PAYLOAD = JSON.stringify(
  {
    leads: [
      {
        externalId: '1L-2026-004711',
        fields: {
          Firma: 'Bäckerei Sonnenschein GmbH',
          Vorname: 'Anna',
          Nachname: 'Schulz',
          'E-Mail': 'anna.schulz@sonnenschein-baeckerei.de',
          Telefon: '+49 40 1234567',
          Straße: 'Mönckebergstraße 7',
          PLZ: '20095',
          Ort: 'Hamburg',
          Land: 'DE',
          Anfrage: 'Angebot für eine Photovoltaikanlage auf dem Betriebsdach',
          Budget: '25000',
          Rückruf: 'vormittags',
        },
      },
    ],
  },
  null,
  2,
);

/** Whether text is JSON at all (the server judges the rest). */
export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
