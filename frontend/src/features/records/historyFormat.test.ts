import { describe, expect, it } from 'vitest';
import type { FieldChange } from '../../api';
import { i18n } from '../../i18n';
import { customField, newsletter, revenue } from '../../test/customFields';
import { countryName } from './countries';
import type { HistoryKind } from './historyFields';
import {
  actionText,
  activityParts,
  changeLine,
  changeParts,
  describeChange,
  entryCurrencies,
  type HistoryContext,
} from './historyFormat';

const t = i18n.getFixedT('de');
const archived = customField({ id: 'f-old', label: 'Altes Feld', kind: 'number', archived: true });
const context: HistoryContext = {
  t,
  recordType: 'person',
  locale: 'de-DE',
  customFields: [revenue, newsletter, archived],
  countryName: (code) => countryName(code, 'de-DE'),
};

const line = (
  change: Partial<FieldChange> & Pick<FieldChange, 'field'>,
  recordType: HistoryKind = 'person',
  currency = '',
) => changeLine(t, describeChange({ label: '', old: '', new: '', ...change }, { ...context, recordType, currency }));

describe('history lines', () => {
  it('names standard fields in German and shows old → new', () => {
    expect(line({ field: 'jobTitle', old: 'Einkauf', new: 'Einkaufsleitung' })).toBe(
      'Position: Einkauf → Einkaufsleitung',
    );
    expect(line({ field: 'address.city', old: 'Kiel', new: 'Lübeck' })).toBe('Ort: Kiel → Lübeck');
    expect(line({ field: 'owner', old: 'Jonas Schmidt', new: 'Lena Fischer' })).toBe(
      'Besitzer: Jonas Schmidt → Lena Fischer',
    );
  });

  it('shows only the new value of a field that had none, and "(leer)" for a removed one', () => {
    expect(line({ field: 'lastName', new: 'Müller' })).toBe('Nachname: Müller');
    expect(line({ field: 'organization', old: 'Müller Bürobedarf GmbH' })).toBe(
      'Organisation: Müller Bürobedarf GmbH → (leer)',
    );
  });

  it('uses the custom field label and formats its values by kind', () => {
    expect(line({ field: 'custom.f-revenue', label: 'Jahresumsatz', old: '1000', new: '1234.5' })).toBe(
      'Jahresumsatz: 1.000 → 1.234,5',
    );
    expect(line({ field: 'custom.f-newsletter', label: 'Newsletter', old: 'false', new: 'true' })).toBe(
      'Newsletter: nein → ja',
    );
    // An entry without a label (older server) still finds the label, archived fields included.
    expect(line({ field: 'custom.f-old', new: '2500' })).toBe('Altes Feld: 2.500');
    expect(line({ field: 'custom.f-unknown', new: 'x' })).toBe('Ein eigenes Feld: x');
  });

  it('translates salutations, countries and the kinds of e-mail addresses', () => {
    expect(line({ field: 'salutation', new: 'frau' })).toBe('Anrede: Frau');
    expect(line({ field: 'address.country', old: 'DE', new: 'AT' })).toBe('Land: Deutschland → Österreich');
    expect(line({ field: 'emails', old: 'a@b.de (work)', new: 'a@b.de (work), c@d.de (mobile)' })).toBe(
      'E-Mail-Adressen: a@b.de (Geschäftlich) → a@b.de (Geschäftlich), c@d.de (Mobil)',
    );
  });

  it('names the role of a membership and translates deal fields and statuses', () => {
    expect(line({ field: 'role', new: 'Einkauf' })).toBe('Rolle: Einkauf');
    expect(line({ field: 'status', old: 'open', new: 'won' }, 'deal')).toBe('Status: Offen → Gewonnen');
    expect(line({ field: 'status', old: 'open', new: 'lost' }, 'deal')).toBe('Status: Offen → Verloren');
    expect(line({ field: 'status', old: 'open', new: 'converted' }, 'lead')).toBe('Status: Offen → Konvertiert');
    expect(line({ field: 'expectedCloseDate', new: '2027-01-31' }, 'deal')).toBe('Erwarteter Abschluss: 31.01.2027');
  });

  it("shows a deal's amounts in its currency, as the deal page does", () => {
    expect(line({ field: 'value', new: '12345.67' }, 'deal', 'EUR')).toBe('Wert: 12.345,67\u00a0€');
    expect(line({ field: 'value', old: '12345.67', new: '15000.00' }, 'deal', 'EUR')).toBe(
      'Wert: 12.345,67\u00a0€ → 15.000,00\u00a0€',
    );
    expect(line({ field: 'value', new: '100' }, 'deal', 'CHF')).toBe('Wert: 100,00\u00a0CHF');
    expect(line({ field: 'value', new: '99.5' }, 'deal')).toBe('Wert: 99,50\u00a0€');
  });

  it('names the loss in words', () => {
    expect(line({ field: 'lostReason', new: 'Preis zu hoch' }, 'deal')).toBe('Verlustgrund: Preis zu hoch');
    expect(line({ field: 'lostComment', new: 'Zu teuer' }, 'lead')).toBe('Kommentar zum Verlust: Zu teuer');
    expect(line({ field: 'stage', old: 'Erstkontakt', new: 'Angebot' }, 'deal')).toBe('Phase: Erstkontakt → Angebot');
  });

  it('keeps the places of linked records the reader may not see, for the placeholder', () => {
    const parts = (change: Partial<FieldChange> & Pick<FieldChange, 'field'>) =>
      changeParts(t, describeChange({ label: '', old: '', new: '', recordType: 'organization', ...change }, context));
    expect(parts({ field: 'organization', newHidden: true })).toEqual([{ text: 'Organisation: ' }, { hidden: 'new' }]);
    expect(parts({ field: 'organization', oldHidden: true, new: 'Müller GmbH' })).toEqual([
      { text: 'Organisation: ' },
      { hidden: 'old' },
      { text: ' → Müller GmbH' },
    ]);
    expect(parts({ field: 'organization', oldHidden: true })).toEqual([
      { text: 'Organisation: ' },
      { hidden: 'old' },
      { text: ' → (leer)' },
    ]);
    expect(parts({ field: 'organization', oldHidden: true, newHidden: true })).toEqual([
      { text: 'Organisation: ' },
      { hidden: 'old' },
      { text: ' → ' },
      { hidden: 'new' },
    ]);
    expect(parts({ field: 'organization', new: 'Müller GmbH' })).toEqual([{ text: 'Organisation: Müller GmbH' }]);
  });

  it('names a field its kind does not list by the label errors use, and never by its key', () => {
    expect(line({ field: 'ownerId', old: 'a', new: 'b' })).toBe('Besitzer: a → b');
    expect(line({ field: 'somethingNew', old: 'a', new: 'b' })).toBe('Ein Feld: a → b');
  });

  it('translates the actions', () => {
    expect(actionText(t, 'created')).toBe('angelegt');
    expect(actionText(t, 'unlinked')).toBe('Verknüpfung entfernt');
    expect(actionText(t, 'note_added')).toBe('Notiz hinzugefügt');
    expect(actionText(t, 'merged')).toBe('merged');
  });

  it('names the lead source or the file an import came from', () => {
    expect(actionText(t, 'imported', '1leads')).toBe('importiert aus 1leads');
    expect(actionText(t, 'imported', 'Kunden.xlsx')).toBe('importiert aus Kunden.xlsx');
  });

  it('labels the further details of a lead and what its conversion made', () => {
    expect(line({ field: 'details', old: '', new: 'Budget: 5000' }, 'lead')).toBe('Weitere Angaben: Budget: 5000');
    expect(line({ field: 'deal', new: 'Kopierer' }, 'lead')).toBe('Deal: Kopierer');
  });

  it("reads an activity's entry as one sentence, with the title's place kept when it is hidden", () => {
    const changes = (title: Partial<FieldChange>): FieldChange[] => [
      { field: 'activity', label: '', old: '', new: 'Angebot nachfassen', ...title },
      { field: 'activityType', label: '', old: '', new: 'Anruf' },
      // 31.01.2027 10:00 where the test runs (the UI shows times in the desktop's time zone).
      { field: 'activityDue', label: '', old: '', new: new Date(2027, 0, 31, 10, 0).toISOString() },
    ];
    const deal = { ...context, recordType: 'deal' as const };
    expect(activityParts(t, { action: 'activity_planned', changes: changes({}) }, deal)).toEqual([
      { text: 'Aktivität geplant: Anruf „Angebot nachfassen“ für 31.01.2027, 10:00' },
    ]);
    expect(
      activityParts(t, { action: 'activity_deleted', changes: changes({ new: '', newHidden: true }) }, deal),
    ).toEqual([{ text: 'Aktivität gelöscht: Anruf „' }, { hidden: 'new' }, { text: '“ für 31.01.2027, 10:00' }]);
    expect(activityParts(t, { action: 'activity_done', changes: changes({}) }, deal)[0]).toEqual({
      text: 'Aktivität erledigt: Anruf „Angebot nachfassen“ für 31.01.2027, 10:00',
    });
  });

  it('gives each entry the currency the deal had then', () => {
    const entry = (changes: Partial<FieldChange>[]) => ({
      changes: changes.map((change) => ({ field: '', label: '', old: '', new: '', ...change })),
    });
    // Newest first.
    expect(
      entryCurrencies([
        entry([{ field: 'value', new: '5' }]),
        entry([{ field: 'currency', old: 'EUR', new: 'CHF' }]),
        entry([{ field: 'value', new: '4' }]),
        entry([
          { field: 'title', new: 'X' },
          { field: 'currency', new: 'EUR' },
        ]),
      ]),
    ).toEqual(['CHF', 'CHF', 'EUR', 'EUR']);
    expect(entryCurrencies([entry([{ field: 'value', new: '5' }])])).toEqual(['']);
  });
});
