import { describe, expect, it } from 'vitest';
import type { FieldChange } from '../../api';
import { i18n } from '../../i18n';
import { customField, newsletter, revenue } from '../../test/customFields';
import { countryName } from './countries';
import { actionText, changeLine, changeParts, describeChange, type HistoryContext } from './historyFormat';

const t = i18n.getFixedT('de');
const archived = customField({ id: 'f-old', label: 'Altes Feld', kind: 'number', archived: true });
const context: HistoryContext = {
  t,
  locale: 'de-DE',
  customFields: [revenue, newsletter, archived],
  countryName: (code) => countryName(code, 'de-DE'),
};

const line = (change: Partial<FieldChange> & Pick<FieldChange, 'field'>) =>
  changeLine(t, describeChange({ label: '', old: '', new: '', ...change }, context));

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
    expect(line({ field: 'custom.f-unknown', new: 'x' })).toBe('Eigenes Feld: x');
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
    expect(line({ field: 'status', old: 'open', new: 'won' })).toBe('Status: Offen → Gewonnen');
    expect(line({ field: 'expectedCloseDate', new: '2026-12-31' })).toBe('Erwarteter Abschluss: 2026-12-31');
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

  it('keeps field names it does not know', () => {
    expect(line({ field: 'somethingNew', old: 'a', new: 'b' })).toBe('somethingNew: a → b');
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

  it('labels the further details of a lead', () => {
    expect(line({ field: 'details', old: '', new: 'Budget: 5000' })).toContain('Weitere Angaben');
  });
});
