import { describe, expect, it } from 'vitest';
import { api } from '../lib/wailsjs/go/models';
import { ACTIONS, PLANS, RECORD_TYPES, SCOPES } from './access';

describe('permission vocabulary', () => {
  it('lists every value of the generated enums, each once', () => {
    const same = (listed: readonly string[], generated: object) => {
      expect(new Set(listed).size).toBe(listed.length);
      expect([...listed].sort()).toEqual(Object.values(generated).sort());
    };
    same(RECORD_TYPES, api.RecordType);
    same(ACTIONS, api.Action);
    same(SCOPES, api.Scope);
    same(PLANS, api.Plan);
  });

  it('keeps the display order of shared/api/access.go', () => {
    expect(RECORD_TYPES[0]).toBe('person');
    expect(ACTIONS).toEqual(['view', 'create', 'edit', 'delete', 'export']);
    expect(SCOPES).toEqual(['none', 'own', 'unit', 'all']);
  });
});
