import { describe, expect, it } from 'vitest';
import { HISTORY_FIELDS_BY_TYPE } from '../../api';
import { de, en, i18n } from '../../i18n';
import { countryName } from './countries';
import { HISTORY_FIELD_TABLE, type HistoryKind } from './historyFields';

/** The text at a dotted key in one language's resources, without falling back to another language. */
function textAt(resources: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined),
      resources,
    );
}

/** A value of each field as the server stores it. */
const SAMPLES: Record<string, string> = {
  salutation: 'frau',
  emails: 'a@b.de (work)',
  phones: '+49 40 1234 (mobile)',
  'address.country': 'DE',
  value: '12345.67',
  expectedCloseDate: '2027-01-31',
  status: 'lost',
  activityDue: '2027-01-31T09:00:00Z',
};

const kinds = Object.keys(HISTORY_FIELDS_BY_TYPE) as HistoryKind[];

// The fields come from the generated HISTORY_FIELDS_BY_TYPE (api.HistoryFields, which the backend records by):
// a field the server can name in a kind's history has a label in both languages and a format, or this test fails.
describe.each(kinds)('the history of a %s', (kind) => {
  const table: Record<string, { label: string; format: unknown } | undefined> = HISTORY_FIELD_TABLE[kind];
  const fields: readonly string[] = HISTORY_FIELDS_BY_TYPE[kind];

  it('lists its fields from the generated vocabulary', () => {
    expect(fields.length).toBeGreaterThan(10);
    expect(Object.keys(table).sort()).toEqual([...fields].sort());
  });

  it.each(fields)('labels and formats %s', (field) => {
    const spec = table[field];
    expect(spec, field).toBeDefined();
    for (const resources of [de, en]) {
      const label = textAt(resources, spec?.label ?? '');
      expect(typeof label, `${kind}.${field}: ${spec?.label}`).toBe('string');
      expect((label as string).trim()).not.toBe('');
    }
    expect(typeof spec?.format).toBe('function');
    const sample = SAMPLES[field] ?? 'Beispiel';
    const shown = (spec?.format as (value: string, context: object) => string)(sample, {
      t: i18n.getFixedT('de'),
      locale: 'de-DE',
      countryName: (code: string) => countryName(code, 'de-DE'),
      currency: 'EUR',
    });
    expect(shown.trim()).not.toBe('');
    if (field in SAMPLES) expect(shown, field).not.toBe(sample);
  });
});
