import { describe, expect, it } from 'vitest';
import { FIELD_CODES } from '../api/errors';
import fieldPaths from '../lib/fieldPaths.json';
import { i18n } from '.';
import { fieldLabel, lineStart, namedFieldErrorText } from './fieldLabels';

const CUSTOM_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const STAGE_ID = '9b2d7c1e-4f6a-4c3b-8e2d-1a5f6b7c8d9e';
const customLabel = (id: string) => (id === CUSTOM_ID ? 'Kundennummer' : undefined);

/** A path as the server sends it: "[i]" an index, "<id>" a custom field's ID (or another map key, a stage's ID). */
function instance(pattern: string): string {
  return pattern
    .replaceAll('[i]', '[1]')
    .replace(/custom\.<id>/g, `custom.${CUSTOM_ID}`)
    .replaceAll('<id>', STAGE_ID);
}

/** The raw keys of a path: its segments, which no label may be ("lastName", "emails", "postalCode"). */
function keysOf(path: string): string[] {
  return path.split(/[.[\]]+/).filter((segment) => /^[a-z]+[A-Z]\w*$/.test(segment) || segment.length > 12);
}

describe.each(['de', 'en'] as const)('field labels in %s', (language) => {
  const t = i18n.getFixedT(language);
  const fallback = t('fieldLabels._');

  it('reads the generated list of every field path the server can send', () => {
    expect(fieldPaths.paths.length).toBeGreaterThan(200);
    expect(fieldPaths.paths).toContain('organization.custom.<id>');
    expect(fieldPaths.paths).toContain('emails[i].value');
  });

  it.each(fieldPaths.paths)('names %s by a label, never by its key or an ID', (pattern) => {
    const path = instance(pattern);
    const label = fieldLabel(t, path, customLabel);
    expect(label, path).not.toBe(fallback);
    expect(label).not.toContain(CUSTOM_ID);
    expect(label).not.toContain(STAGE_ID);
    expect(label).not.toMatch(/[[\]<>_]|\.\w/);
    for (const key of keysOf(path)) expect(label).not.toContain(key);
    if (pattern.endsWith('custom.<id>')) expect(label).toContain('Kundennummer');
    for (const code of FIELD_CODES) {
      const line = namedFieldErrorText(t, path, code, customLabel);
      expect(line.startsWith(`${lineStart(label)}: `), line).toBe(true);
      expect(line).not.toContain(CUSTOM_ID);
      if (/[.[A-Z]/.test(path)) expect(line).not.toContain(path);
    }
  });

  it('names a custom field it does not know without its ID, and any other unknown field as "a field"', () => {
    const unknown = fieldLabel(t, `custom.${CUSTOM_ID}`);
    expect(unknown).toBe(t('fieldLabels.custom.unknown'));
    expect(fieldLabel(t, `organization.custom.${CUSTOM_ID}`)).not.toContain(CUSTOM_ID);
    expect(fieldLabel(t, 'somethingNew')).toBe(fallback);
    expect(fieldLabel(t, CUSTOM_ID)).toBe(fallback);
  });
});

describe('field labels read as the forms label them', () => {
  const t = i18n.getFixedT('de');
  it.each([
    ['lastName', 'Nachname'],
    ['emails[2].value', 'E-Mail-Adresse'],
    ['address.postalCode', 'PLZ'],
    ['address', 'Adresse'],
    [`custom.${CUSTOM_ID}`, 'Kundennummer'],
    [`organization.custom.${CUSTOM_ID}`, 'Organisation – Kundennummer'],
    ['person.emails[0].value', 'Person – E-Mail-Adresse'],
    ['deal.pipelineId', 'Deal – Pipeline'],
    ['organization.existingId', 'Organisation – Vorhandener Eintrag'],
    [`moveTo.${STAGE_ID}`, 'Ziel-Phase'],
    ['query.near.radiusKm', 'Umkreis'],
    ['custom[0].op', 'Vergleich'],
  ])('%s -> %s', (path, label) => {
    expect(fieldLabel(t, path, customLabel)).toBe(label);
  });

  it('says what is wrong with the field by its name', () => {
    expect(namedFieldErrorText(t, `organization.custom.${CUSTOM_ID}`, 'required', customLabel)).toBe(
      'Organisation – Kundennummer: Bitte füllen Sie dieses Feld aus.',
    );
  });
});
