import { describe, expect, it } from 'vitest';
import type { CustomField } from '../../../api';
import {
  changeTarget,
  fieldOptions,
  mappingRow,
  mappingRows,
  serverMappingErrors,
  toMappingList,
  validateMapping,
} from './mappingForm';

const field = (id: string, label: string, archived = false): CustomField =>
  ({ id, label, archived, recordType: 'lead', kind: 'text', required: false, position: 0 }) as unknown as CustomField;

describe('lead mapping form', () => {
  it('round-trips the wire list through rows', () => {
    const items = [
      { leadField: 'email', target: 'person' as const, targetField: 'email' },
      { leadField: 'custom.f1', target: 'organization' as const, targetField: 'custom.f2' },
    ];
    expect(toMappingList(mappingRows(items))).toEqual(items);
  });

  it('offers standard fields and active custom fields', () => {
    const options = fieldOptions(['name'], [field('a', 'Budget'), field('b', 'Alt', true)], (name) =>
      name.toUpperCase(),
    );
    expect(options).toEqual([
      { value: 'name', label: 'NAME', custom: false },
      { value: 'custom.a', label: 'Budget', custom: true },
    ]);
  });

  it('requires both fields and rejects a target field filled twice', () => {
    const rows = [
      { ...mappingRow(), leadField: 'email', target: 'person' as const, targetField: 'email' },
      { ...mappingRow(), leadField: 'phone', target: 'person' as const, targetField: 'email' },
      { ...mappingRow(), leadField: '', target: 'organization' as const, targetField: '' },
      { ...mappingRow(), leadField: 'company', target: 'organization' as const, targetField: 'email' },
    ];
    expect(validateMapping(rows)).toEqual({
      'rows.1.targetField': 'duplicate',
      'rows.2.leadField': 'required',
      'rows.2.targetField': 'required',
    });
  });

  it('puts the server errors on their rows', () => {
    expect(
      serverMappingErrors({ 'items[2].targetField': 'duplicate', 'items[0].leadField': 'invalid', 'items[1]': 'type' }),
    ).toEqual({
      'rows.2.targetField': 'duplicate',
      'rows.0.leadField': 'invalid',
      'rows.1.targetField': 'type',
    });
  });

  it('keeps a target field only when the new target has it', () => {
    const row = { ...mappingRow(), leadField: 'company', target: 'person' as const, targetField: 'name' };
    expect(changeTarget(row, 'organization').targetField).toBe('name');
    expect(changeTarget({ ...row, targetField: 'jobTitle' }, 'organization').targetField).toBe('');
  });
});
