import { describe, expect, it } from 'vitest';
import type { FieldMapping, Lead } from '../../api';
import { customField } from '../../test/customFields';
import { mappedCustomValues, requiredFields, splitPart } from './convertForm';

const kundennr = customField({
  id: 'o-kdnr',
  label: 'Kundennummer',
  kind: 'text',
  required: true,
  recordType: 'organization',
});
const size = customField({
  id: 'o-size',
  label: 'Mitarbeiter',
  kind: 'number',
  required: true,
  recordType: 'organization',
});
const note = customField({ id: 'o-note', label: 'Notiz', kind: 'text', recordType: 'organization' });
const old = customField({
  id: 'o-old',
  label: 'Alt',
  kind: 'text',
  required: true,
  archived: true,
  recordType: 'organization',
});

const lead = {
  title: 'Kopierer',
  personName: 'Eva Roth',
  company: 'Roth KG',
  email: '',
  phone: '',
  source: 'Messe',
  custom: { 'l-kdnr': 'K-77', 'l-size': '12' },
} as unknown as Lead;

describe('the custom fields of a conversion', () => {
  it('asks for the active required fields only', () => {
    expect(requiredFields([kundennr, note, old, size]).map((field) => field.id)).toEqual(['o-kdnr', 'o-size']);
  });

  it('prefills them through the mapping, from lead fields and lead custom fields', () => {
    const mapping: FieldMapping[] = [
      { leadField: 'custom.l-kdnr', target: 'organization', targetField: 'custom.o-kdnr' },
      { leadField: 'custom.l-size', target: 'organization', targetField: 'custom.o-size' },
      { leadField: 'source', target: 'person', targetField: 'custom.o-note' },
      { leadField: 'company', target: 'organization', targetField: 'name' },
      { leadField: 'email', target: 'organization', targetField: 'custom.o-note' },
    ];
    expect(mappedCustomValues(lead, mapping, 'organization', [kundennr, size, note])).toEqual({
      'o-kdnr': 'K-77',
      'o-size': '12',
    });
    expect(mappedCustomValues(lead, mapping, 'deal', [kundennr])).toEqual({});
  });

  it('tells which part of the conversion a server error names', () => {
    expect(splitPart('organization.custom.o-kdnr')).toEqual({ part: 'organization', field: 'custom.o-kdnr' });
    expect(splitPart('deal.pipelineId')).toEqual({ part: 'deal', field: 'pipelineId' });
    expect(splitPart('person')).toBeUndefined();
    expect(splitPart('status')).toBeUndefined();
  });
});
