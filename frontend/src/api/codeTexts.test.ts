import { describe, expect, it } from 'vitest';
import { de, en } from '../i18n';
import { api } from '../lib/wailsjs/go/models';

/** The text at a dotted key in one language's resources, without falling back to another language. */
function textAt(resources: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined),
      resources,
    );
}

/** The codes of a generated enum whose key (errors.<code>, fields.<code>) has no text in resources. */
function untranslated(resources: object, section: string, codes: object): string[] {
  return Object.values(codes)
    .map(String)
    .filter((code) => {
      const text = textAt(resources, `${section}.${code}`);
      return typeof text !== 'string' || text.trim() === '';
    });
}

// The codes come from the generated enums (shared/api/error.go, bound by desktop/app): a code the server or the
// desktop can send has a text in both languages, or this test fails.
describe('texts of the codes the Go side sends', () => {
  const languages = [
    ['German', de],
    ['English', en],
  ] as const;

  it('reads the codes from the generated enums', () => {
    expect(Object.values(api.ErrorCode).length).toBeGreaterThan(40);
    expect(Object.values(api.FieldCode).length).toBeGreaterThan(20);
  });

  it.each(languages)('every error code has a text in %s', (_, resources) => {
    expect(untranslated(resources, 'errors', api.ErrorCode)).toEqual([]);
  });

  it.each(languages)('every field code has a text in %s', (_, resources) => {
    expect(untranslated(resources, 'fields', api.FieldCode)).toEqual([]);
  });
});
