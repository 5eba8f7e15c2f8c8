import type { CustomField } from '../api';

const timestamps = { createdAt: '2026-01-05T09:00:00Z', updatedAt: '2026-01-05T09:00:00Z' };

export function customField(overrides: Partial<CustomField> & Pick<CustomField, 'id' | 'label' | 'kind'>): CustomField {
  return {
    recordType: 'person',
    required: false,
    position: 1,
    archived: false,
    version: 1,
    ...timestamps,
    ...overrides,
  };
}

export const revenue = customField({ id: 'f-revenue', label: 'Jahresumsatz', kind: 'number', position: 1 });
export const newsletter = customField({ id: 'f-newsletter', label: 'Newsletter', kind: 'bool', position: 2 });
export const customerNo = customField({ id: 'f-customer', label: 'Kundennummer', kind: 'text', position: 3 });
