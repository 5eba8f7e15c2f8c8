/**
 * Custom field values between the wire and the forms. On the wire every value is canonical text: numbers as
 * "1234.5" (dot, no grouping), yes/no as "true"/"false", text as is; "" or an absent key means no value. In a form,
 * number fields hold a number (or "" while empty), yes/no fields "true" / "false" / "", text fields their text.
 */
import { MAX_TEXT_VALUE_LENGTH, type CustomField, type CustomValues, type FieldCode, type FieldKind } from '../../api';

export type CustomFormValue = string | number;
export type CustomFormValues = Record<string, CustomFormValue>;

/** The form path of a custom field's value, which is also the server's field name in validation errors. */
export function customPath(fieldId: string): `custom.${string}` {
  return `custom.${fieldId}`;
}

export interface NumberSeparators {
  decimal: string;
  group: string;
}

/** The decimal and grouping characters of a locale: "," and "." for de-DE. */
export function numberSeparators(locale: string): NumberSeparators {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
  };
}

const GERMAN: NumberSeparators = { decimal: ',', group: '.' };
const CANONICAL = /^-?\d+(\.\d+)?$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Reads a number as a person types it: "1.234,5", "1234,5" and " -7 " in German. A text with grouping only
 * ("1.234") is a whole number; one without the decimal character but with a single dot and not three digits after
 * it ("12.5") is taken as a decimal point, the way it was most likely meant. Returns null for anything else.
 */
export function parseNumberInput(text: string, separators: NumberSeparators = GERMAN): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') {
    return null;
  }
  const { decimal, group } = separators;
  const groupPattern = new RegExp(`^-?\\d{1,3}(${escapeRegExp(group)}\\d{3})+(${escapeRegExp(decimal)}\\d+)?$`);
  let normalized: string;
  if (groupPattern.test(compact)) {
    normalized = compact.split(group).join('').replace(decimal, '.');
  } else if (compact.includes(decimal)) {
    normalized = compact.replace(decimal, '.');
  } else {
    normalized = compact;
  }
  if (!CANONICAL.test(normalized)) {
    return null;
  }
  const value = Number(normalized);
  return Number.isFinite(value) ? value : null;
}

/** A number's canonical text: "1234.5", never grouped or in exponent notation. */
export function canonicalNumber(value: number): string {
  const plain = String(value);
  if (!/e/i.test(plain)) {
    return plain;
  }
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

function isEmpty(value: CustomFormValue | undefined): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The canonical text of a form value; "" for no value. An unreadable number is sent as typed (the server refuses it). */
export function encodeCustomValue(
  kind: FieldKind,
  value: CustomFormValue | undefined,
  separators: NumberSeparators = GERMAN,
): string {
  if (value === undefined) {
    return '';
  }
  if (kind === 'number') {
    if (typeof value === 'number') {
      return Number.isFinite(value) ? canonicalNumber(value) : '';
    }
    if (value.trim() === '') {
      return '';
    }
    const parsed = parseNumberInput(value, separators);
    return parsed === null ? value.trim() : canonicalNumber(parsed);
  }
  if (kind === 'bool') {
    return value === 'true' || value === 'false' ? value : '';
  }
  return String(value).trim();
}

/** The form value of a stored canonical value. */
export function decodeCustomValue(kind: FieldKind, canonical: string | undefined): CustomFormValue {
  const text = canonical ?? '';
  if (kind === 'number') {
    if (!CANONICAL.test(text.trim())) {
      return '';
    }
    return Number(text);
  }
  if (kind === 'bool') {
    return text === 'true' || text === 'false' ? text : '';
  }
  return text;
}

function kindOf(field: CustomField): FieldKind {
  return field.kind === 'number' || field.kind === 'bool' ? field.kind : 'text';
}

/** The form values of a record's custom values, one per field. */
export function customFormValues(fields: readonly CustomField[], stored: CustomValues | undefined): CustomFormValues {
  return Object.fromEntries(fields.map((field) => [field.id, decodeCustomValue(kindOf(field), stored?.[field.id])]));
}

/** The values to create a record with: every field that has a value. */
export function customCreateValues(
  fields: readonly CustomField[],
  values: CustomFormValues,
  separators: NumberSeparators = GERMAN,
): CustomValues {
  const out: CustomValues = {};
  for (const field of fields) {
    const encoded = encodeCustomValue(kindOf(field), values[field.id], separators);
    if (encoded !== '') {
      out[field.id] = encoded;
    }
  }
  return out;
}

/** The changes to send in a patch: the fields whose value differs from the stored one ("" clears a value). */
export function customChanges(
  fields: readonly CustomField[],
  values: CustomFormValues,
  stored: CustomValues | undefined,
  separators: NumberSeparators = GERMAN,
): CustomValues {
  const out: CustomValues = {};
  for (const field of fields) {
    const encoded = encodeCustomValue(kindOf(field), values[field.id], separators);
    if (encoded !== (stored?.[field.id] ?? '')) {
      out[field.id] = encoded;
    }
  }
  return out;
}

/** What is wrong with a value before it is sent: the same field codes the server would answer. */
export function validateCustomValue(
  field: CustomField,
  value: CustomFormValue | undefined,
  separators: NumberSeparators = GERMAN,
): FieldCode | null {
  if (isEmpty(value)) {
    return field.required ? 'required' : null;
  }
  const kind = kindOf(field);
  if (kind === 'number') {
    if (typeof value === 'number') {
      return Number.isFinite(value) ? null : 'type';
    }
    return parseNumberInput(String(value), separators) === null ? 'type' : null;
  }
  if (kind === 'bool') {
    return value === 'true' || value === 'false' ? null : 'type';
  }
  return String(value).trim().length > MAX_TEXT_VALUE_LENGTH ? 'too_long' : null;
}

/** Field codes of every custom value that would be refused, keyed by form path ("custom.<id>"). */
export function validateCustomValues(
  fields: readonly CustomField[],
  values: CustomFormValues,
  separators: NumberSeparators = GERMAN,
): Record<string, FieldCode> {
  const out: Record<string, FieldCode> = {};
  for (const field of fields) {
    const code = validateCustomValue(field, values[field.id], separators);
    if (code) {
      out[customPath(field.id)] = code;
    }
  }
  return out;
}

export interface ValueFormat {
  locale: string;
  yes: string;
  no: string;
}

/** A stored value for reading: "1.234,5" (de-DE), "ja"/"nein", text as is; "" for no value. */
export function formatCustomValue(kind: FieldKind, canonical: string | undefined, format: ValueFormat): string {
  const text = (canonical ?? '').trim();
  if (text === '') {
    return '';
  }
  if (kind === 'number') {
    if (!CANONICAL.test(text)) {
      return text;
    }
    return new Intl.NumberFormat(format.locale, { maximumFractionDigits: 20 }).format(Number(text));
  }
  if (kind === 'bool') {
    if (text === 'true') return format.yes;
    if (text === 'false') return format.no;
    return text;
  }
  return text;
}

/** Active fields in their order. */
export function activeFields(fields: readonly CustomField[]): CustomField[] {
  return fields.filter((field) => !field.archived).sort((a, b) => a.position - b.position);
}

export { kindOf as customFieldKind };
