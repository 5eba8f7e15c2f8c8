import { afterEach, describe, expect, it } from 'vitest';
import { IMPORT_TARGETS } from '../../api';
import { changeLanguage, i18n } from '../../i18n';
import { durationText, targetLabel } from './texts';

afterEach(async () => {
  await changeLanguage('de');
});

describe('import texts', () => {
  it('names every standard target in German and English', async () => {
    for (const language of ['de', 'en']) {
      await changeLanguage(language);
      const t = i18n.t.bind(i18n);
      for (const target of IMPORT_TARGETS) {
        const label = targetLabel(t, target);
        expect(label, `${language}: ${target}`).not.toBe(target);
        expect(label, `${language}: ${target}`).not.toMatch(/^imports\./);
      }
    }
  });

  it('names custom fields by their label, an organisation’s as such', () => {
    const t = i18n.t.bind(i18n);
    const field = {
      target: 'organization.custom.f-1',
      label: 'Kundennummer',
      recordType: 'organization' as const,
      kind: 'text' as const,
      required: false,
      duplicates: false,
    };
    expect(targetLabel(t, field.target, field)).toBe('Organisation: Kundennummer');
    expect(targetLabel(t, 'custom.f-2', { ...field, target: 'custom.f-2', label: 'Umsatz' })).toBe('Umsatz');
    expect(targetLabel(t, 'organization.city')).toBe('Organisation: Ort');
  });

  it('says how long an import still takes', () => {
    const t = i18n.t.bind(i18n);
    expect(durationText(t, 42)).toBe('42 s');
    expect(durationText(t, 125)).toBe('2 min 5 s');
    expect(durationText(t, 7260)).toBe('2 h 1 min');
  });
});
