/** The lead mapping form: rows of lead field -> target record type and field, their checks and the wire list. */
import type { CustomField, FieldMapping } from '../../../api';

export const LEAD_FIELDS = ['title', 'personName', 'company', 'email', 'phone', 'address', 'source'] as const;
export const TARGETS = ['person', 'organization'] as const;
export type MappingTarget = (typeof TARGETS)[number];
export const TARGET_FIELDS: Readonly<Record<MappingTarget, readonly string[]>> = {
  person: ['name', 'email', 'phone', 'address', 'jobTitle'],
  organization: ['name', 'email', 'phone', 'address', 'website', 'industry'],
};

export interface MappingRow {
  key: number;
  leadField: string;
  target: MappingTarget;
  targetField: string;
}

/** Form key -> code: "required", "duplicate" or a server field code. */
export type MappingErrors = Record<string, string>;

let counter = 0;
export function mappingRow(mapping?: FieldMapping): MappingRow {
  counter += 1;
  return {
    key: counter,
    leadField: mapping?.leadField ?? '',
    target: mapping?.target === 'organization' ? 'organization' : 'person',
    targetField: mapping?.targetField ?? '',
  };
}

export function mappingRows(items: readonly FieldMapping[]): MappingRow[] {
  return items.map((item) => mappingRow(item));
}

/** Field options: the standard fields, then the active custom fields as custom.<id>. */
export function fieldOptions(
  standard: readonly string[],
  custom: readonly CustomField[],
  label: (field: string) => string,
): { value: string; label: string; custom: boolean }[] {
  return [
    ...standard.map((field) => ({ value: field, label: label(field), custom: false })),
    ...custom
      .filter((field) => !field.archived)
      .map((field) => ({ value: `custom.${field.id}`, label: field.label, custom: true })),
  ];
}

/** What is wrong before saving: empty choices, and a target field filled by two rows. Keys are "rows.<i>.<field>". */
export function validateMapping(rows: readonly MappingRow[]): MappingErrors {
  const errors: MappingErrors = {};
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    if (row.leadField === '') errors[`rows.${index}.leadField`] = 'required';
    if (row.targetField === '') {
      errors[`rows.${index}.targetField`] = 'required';
      return;
    }
    const target = `${row.target}:${row.targetField}`;
    if (seen.has(target)) errors[`rows.${index}.targetField`] = 'duplicate';
    seen.add(target);
  });
  return errors;
}

export function toMappingList(rows: readonly MappingRow[]): FieldMapping[] {
  return rows.map((row) => ({ leadField: row.leadField, target: row.target, targetField: row.targetField }));
}

/** The server's per-item errors ("items[2].targetField": "duplicate") as form keys ("rows.2.targetField"). */
export function serverMappingErrors(fields: Readonly<Record<string, string>>): MappingErrors {
  const errors: MappingErrors = {};
  for (const [field, code] of Object.entries(fields)) {
    const match = /^items[.[](\d+)\]?\.?(\w+)?$/.exec(field);
    if (!match) continue;
    const [, index = '0', name] = match;
    const key = name === 'leadField' || name === 'target' ? name : 'targetField';
    errors[`rows.${index}.${key}`] = code;
  }
  return errors;
}

/** After changing a row's target, its target field only stays when the new target has it. */
export function changeTarget(row: MappingRow, target: MappingTarget): MappingRow {
  const keep = TARGET_FIELDS[target].includes(row.targetField);
  return { ...row, target, targetField: keep ? row.targetField : '' };
}
