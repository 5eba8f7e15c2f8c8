import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES, FIELD_CODES } from '../api/errors';
import { changeLanguage, de, en, i18n } from '.';
import { errorText, fieldErrorText } from './errorText';

/** Every leaf key of a resource tree, dotted: "signIn.validation.emailRequired". */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function leaves(tree: object): unknown[] {
  return Object.values(tree).flatMap((value: unknown) =>
    typeof value === 'object' && value !== null ? leaves(value) : [value],
  );
}

afterEach(async () => {
  await changeLanguage('de');
});

describe('i18n', () => {
  it('speaks German by default', () => {
    expect(i18n.language).toBe('de');
    expect(i18n.t('signIn.submit')).toBe('Anmelden');
    expect(document.documentElement.lang).toBe('de');
  });

  it('switches to English and back', async () => {
    await changeLanguage('en');
    expect(i18n.t('signIn.submit')).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');

    await changeLanguage('de');
    expect(i18n.t('signIn.submit')).toBe('Anmelden');
  });

  it('falls back to German for a language it does not know', async () => {
    await expect(changeLanguage('fr')).resolves.toBe('de');
    await expect(changeLanguage('')).resolves.toBe('de');
    expect(i18n.t('shell.nav.settings')).toBe('Einstellungen');
  });

  it('has the same keys in German and English', () => {
    const german = keys(de).sort();
    const english = keys(en).sort();

    expect(english).toEqual(german);
    expect(german.length).toBeGreaterThan(100);
  });

  it('has no empty texts', () => {
    for (const text of [...leaves(de), ...leaves(en)]) {
      expect(typeof text).toBe('string');
      expect((text as string).trim()).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    const english = new Map(keys(en).map((key) => [key, i18n.getFixedT('en')(key as never) as string]));
    for (const key of keys(de)) {
      const german = i18n.getFixedT('de')(key as never) as string;
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(german));
    }
  });

  it('translates every stable error code and field code in both languages', async () => {
    for (const language of ['de', 'en']) {
      await changeLanguage(language);
      for (const code of ERROR_CODES) {
        expect(i18n.exists(`errors.${code}`), `${language}: errors.${code}`).toBe(true);
      }
      for (const code of FIELD_CODES) {
        expect(i18n.exists(`fields.${code}`), `${language}: fields.${code}`).toBe(true);
      }
    }
  });
});

describe('errorText', () => {
  const t = i18n.t.bind(i18n);

  it('translates known codes', () => {
    expect(errorText(t, '{"status":401,"code":"auth.invalid_credentials","message":"x","fields":{}}')).toBe(
      'E-Mail-Adresse oder Passwort ist falsch.',
    );
    expect(errorText(t, '{"status":412,"code":"precondition.version_mismatch","message":"x","fields":{}}')).toContain(
      'Der Datensatz wurde inzwischen von jemand anderem geändert',
    );
  });

  it('falls back sensibly for codes it does not know', () => {
    expect(errorText(t, '{"status":502,"code":"http.status_502","message":"Bad Gateway","fields":{}}')).toContain(
      'HTTP 502',
    );
    expect(errorText(t, '{"status":503,"code":"something.new","message":"x","fields":{}}')).toBe(
      i18n.t('errors.internal'),
    );
    expect(errorText(t, '{"status":400,"code":"something.new","message":"x","fields":{}}')).toBe(
      'Es ist ein unerwarteter Fehler aufgetreten (something.new).',
    );
  });

  it('prefers a field-specific text, then the general one, then a fallback', () => {
    expect(fieldErrorText(t, 'email', 'taken')).toBe('Diese E-Mail-Adresse wird bereits verwendet.');
    expect(fieldErrorText(t, 'name', 'required')).toBe('Bitte füllen Sie dieses Feld aus.');
    expect(fieldErrorText(t, 'parentId', 'cycle')).toContain('nicht unter sich selbst');
    expect(fieldErrorText(t, 'name', 'weird')).toBe('Ungültige Eingabe (weird).');
  });
});
