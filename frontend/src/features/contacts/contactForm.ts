/** Form pieces persons and organisations share: limits, addresses, contact rows and their checks. */
import type { TFunction } from 'i18next';
import type { Address, ContactKind, ContactPoint, CustomField } from '../../api';
import { MAX_TEXT_VALUE_LENGTH } from '../../api';
import { DEFAULT_COUNTRY } from '../records/countries';
import { numberSeparators, validateCustomValues, type NumberSeparators } from '../records/customValues';

/** The backend's limits (characters). */
export const LIMITS = {
  title: 50,
  firstName: 100,
  lastName: 100,
  jobTitle: 100,
  street: 200,
  postalCode: 20,
  city: 100,
  role: 200,
  organizationName: 200,
  phone: 50,
  email: 254,
  website: 300,
  industry: 100,
} as const;

/** Most addresses a person can have of each kind. */
export const MAX_CONTACT_ROWS = 20;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_CHARACTERS = /^[+0-9 ()/.-]+$/;

export function isEmail(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length <= LIMITS.email && EMAIL.test(trimmed);
}

/** A phone number as the server takes it: digits, spaces and + ( ) / - ., at least three digits. */
export function isPhone(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length <= LIMITS.phone && PHONE_CHARACTERS.test(trimmed) && trimmed.replace(/\D/g, '').length >= 3;
}

export interface AddressValues {
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

export function addressValues(address: Address | undefined): AddressValues {
  return address
    ? { street: address.street, postalCode: address.postalCode, city: address.city, country: address.country }
    : { street: '', postalCode: '', city: '', country: DEFAULT_COUNTRY };
}

export function trimAddress(values: AddressValues): Address {
  return {
    street: values.street.trim(),
    postalCode: values.postalCode.trim(),
    city: values.city.trim(),
    country: values.country.trim().toUpperCase(),
  };
}

export function sameAddress(a: Address, b: Address): boolean {
  return a.street === b.street && a.postalCode === b.postalCode && a.city === b.city && a.country === b.country;
}

export interface ContactRow {
  value: string;
  kind: ContactKind;
}

/**
 * The rows to send: empty rows are left out. formIndex[i] is the form row of the i-th point sent, so that a server
 * error on "emails[i]" finds its row.
 */
export function contactPoints(rows: readonly ContactRow[]): { points: ContactPoint[]; formIndex: number[] } {
  const points: ContactPoint[] = [];
  const formIndex: number[] = [];
  rows.forEach((row, index) => {
    const value = row.value.trim();
    if (value !== '') {
      points.push({ value, kind: row.kind });
      formIndex.push(index);
    }
  });
  return { points, formIndex };
}

export function samePoints(a: readonly ContactPoint[], b: readonly ContactPoint[]): boolean {
  return (
    a.length === b.length && a.every((point, index) => point.value === b[index]?.value && point.kind === b[index].kind)
  );
}

/** Checks text lengths: {path: max} for every value longer than allowed. */
export function tooLong(values: Record<string, string>, limits: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [path, max] of Object.entries(limits)) {
    if ((values[path] ?? '').trim().length > max) {
      out[path] = max;
    }
  }
  return out;
}

/** Translated errors for custom values, keyed by form path. */
export function customErrorTexts(
  t: TFunction,
  fields: readonly CustomField[],
  values: Record<string, string | number>,
  separators: NumberSeparators = numberSeparators('de-DE'),
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, code] of Object.entries(validateCustomValues(fields, values, separators))) {
    const field = fields.find((candidate) => path === `custom.${candidate.id}`);
    if (code === 'required') out[path] = t('fields.required');
    else if (code === 'too_long') out[path] = t('records.validation.tooLong', { max: MAX_TEXT_VALUE_LENGTH });
    else if (field?.kind === 'number') out[path] = t('records.validation.number');
    else out[path] = t('fields.type');
  }
  return out;
}

/**
 * Maps a server error's form path ("emails.1.value" after formPath) to the form row it concerns, through the
 * indexes of the rows that were sent; "emails.1" (a duplicate address) points at the row's value.
 */
export function rowPath(path: string, sent: Record<string, readonly number[]>): string {
  const match = /^(\w+)\.(\d+)(\..+)?$/.exec(path);
  if (!match) {
    return path;
  }
  const [, list = '', index = '', rest] = match;
  const indexes = sent[list];
  if (!indexes) {
    return path;
  }
  const formIndex = indexes[Number(index)] ?? Number(index);
  return `${list}.${formIndex}${rest ?? '.value'}`;
}
