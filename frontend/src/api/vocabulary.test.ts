import { describe, expect, it } from 'vitest';
import { api } from '../lib/wailsjs/go/models';
import { CONTACT_KINDS, FIELD_KINDS, HISTORY_ACTIONS, SALUTATIONS } from './vocabulary';

describe('contacts vocabulary', () => {
  it('lists every value of the generated enums, each once', () => {
    const same = (listed: readonly string[], generated: object) => {
      expect(new Set(listed).size).toBe(listed.length);
      expect([...listed].sort()).toEqual(Object.values(generated).sort());
    };
    same(SALUTATIONS, api.Salutation);
    same(CONTACT_KINDS, api.ContactKind);
    same(FIELD_KINDS, api.FieldKind);
    same(HISTORY_ACTIONS, api.HistoryAction);
  });

  it("keeps Go's display order", () => {
    expect(SALUTATIONS).toEqual(['none', 'herr', 'frau', 'divers']);
    expect(CONTACT_KINDS).toEqual(['work', 'mobile', 'private']);
    expect(FIELD_KINDS).toEqual(['number', 'text', 'bool']);
  });
});
