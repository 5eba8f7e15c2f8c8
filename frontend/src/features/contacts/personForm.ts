/** The person form's values, its checks, and the create and patch bodies built from it. */
import type { TFunction } from 'i18next';
import type { CustomField, Person, PersonCreate, PersonPatch, Salutation } from '../../api';
import {
  customChanges,
  customCreateValues,
  customFormValues,
  type CustomFormValues,
  type NumberSeparators,
} from '../records/customValues';
import {
  addressValues,
  contactPoints,
  customErrorTexts,
  isEmail,
  isPhone,
  LIMITS,
  rowPath,
  sameAddress,
  samePoints,
  tooLong,
  trimAddress,
  type AddressValues,
  type ContactRow,
} from './contactForm';

export interface PersonValues {
  salutation: Salutation;
  title: string;
  firstName: string;
  lastName: string;
  jobTitle: string;
  emails: ContactRow[];
  phones: ContactRow[];
  address: AddressValues;
  ownerId: string;
  /** On create only: the organisation to link the new person to, and the role there. */
  organizationId: string;
  organizationRole: string;
  custom: CustomFormValues;
}

export const EMPTY_ROW: ContactRow = { value: '', kind: 'work' };

export function personValues(
  person: Person | undefined,
  fields: readonly CustomField[],
  defaults: { ownerId: string; organizationId?: string },
): PersonValues {
  if (!person) {
    return {
      salutation: 'none',
      title: '',
      firstName: '',
      lastName: '',
      jobTitle: '',
      emails: [{ ...EMPTY_ROW }],
      phones: [{ ...EMPTY_ROW }],
      address: addressValues(undefined),
      ownerId: defaults.ownerId,
      organizationId: defaults.organizationId ?? '',
      organizationRole: '',
      custom: customFormValues(fields, undefined),
    };
  }
  return {
    salutation: person.salutation,
    title: person.title,
    firstName: person.firstName,
    lastName: person.lastName,
    jobTitle: person.jobTitle,
    emails: person.emails.length > 0 ? person.emails.map((point) => ({ ...point })) : [{ ...EMPTY_ROW }],
    phones: person.phones.length > 0 ? person.phones.map((point) => ({ ...point })) : [{ ...EMPTY_ROW }],
    address: addressValues(person.address),
    ownerId: person.ownerId,
    organizationId: '',
    organizationRole: '',
    custom: customFormValues(fields, person.custom),
  };
}

/** What the form sends, and which form rows the sent e-mail addresses and phone numbers came from. */
export interface Sent<T> {
  body: T;
  rows: { emails: number[]; phones: number[] };
}

export function personCreate(
  values: PersonValues,
  fields: readonly CustomField[],
  separators?: NumberSeparators,
): Sent<PersonCreate> {
  const emails = contactPoints(values.emails);
  const phones = contactPoints(values.phones);
  return {
    body: {
      salutation: values.salutation,
      title: values.title.trim(),
      firstName: values.firstName.trim(),
      lastName: values.lastName.trim(),
      jobTitle: values.jobTitle.trim(),
      emails: emails.points,
      phones: phones.points,
      address: trimAddress(values.address),
      ownerId: values.ownerId,
      organizations:
        values.organizationId === ''
          ? []
          : [{ organizationId: values.organizationId, role: values.organizationRole.trim(), primary: true }],
      custom: customCreateValues(fields, values.custom, separators),
      allowDuplicate: false,
    },
    rows: { emails: emails.formIndex, phones: phones.formIndex },
  };
}

/** Only what changed; lists and the address are sent whole when any part of them changed. */
export function personPatch(
  values: PersonValues,
  person: Person,
  fields: readonly CustomField[],
  separators?: NumberSeparators,
): Sent<PersonPatch> {
  const emails = contactPoints(values.emails);
  const phones = contactPoints(values.phones);
  const address = trimAddress(values.address);
  const text = (key: 'title' | 'firstName' | 'lastName' | 'jobTitle') => {
    const value = values[key].trim();
    return value === person[key] ? {} : { [key]: value };
  };
  const custom = customChanges(fields, values.custom, person.custom, separators);
  const body: PersonPatch = {
    ...(values.salutation !== person.salutation && { salutation: values.salutation }),
    ...text('title'),
    ...text('firstName'),
    ...text('lastName'),
    ...text('jobTitle'),
    ...(!samePoints(emails.points, person.emails) && { emails: emails.points }),
    ...(!samePoints(phones.points, person.phones) && { phones: phones.points }),
    ...(!sameAddress(address, person.address) && { address }),
    ...(values.ownerId !== person.ownerId && { ownerId: values.ownerId }),
    ...(Object.keys(custom).length > 0 && { custom }),
  };
  return { body, rows: { emails: emails.formIndex, phones: phones.formIndex } };
}

export function isEmptyPatch(patch: PersonPatch): boolean {
  return Object.keys(patch).length === 0;
}

/** The checks the server would make, in the user's language, keyed by form path. */
export function validatePerson(
  values: PersonValues,
  fields: readonly CustomField[],
  t: TFunction,
  { creating, separators }: { creating: boolean; separators?: NumberSeparators },
): Record<string, string> {
  const errors: Record<string, string> = {};
  const long = tooLong(
    {
      title: values.title,
      firstName: values.firstName,
      lastName: values.lastName,
      jobTitle: values.jobTitle,
      'address.street': values.address.street,
      'address.postalCode': values.address.postalCode,
      'address.city': values.address.city,
      organizationRole: values.organizationRole,
    },
    {
      title: LIMITS.title,
      firstName: LIMITS.firstName,
      lastName: LIMITS.lastName,
      jobTitle: LIMITS.jobTitle,
      'address.street': LIMITS.street,
      'address.postalCode': LIMITS.postalCode,
      'address.city': LIMITS.city,
      organizationRole: LIMITS.role,
    },
  );
  for (const [path, max] of Object.entries(long)) {
    errors[path] = t('records.validation.tooLong', { max });
  }
  values.emails.forEach((row, index) => {
    if (row.value.trim() !== '' && !isEmail(row.value)) {
      errors[`emails.${index}.value`] = t('records.validation.email');
    }
  });
  values.phones.forEach((row, index) => {
    if (row.value.trim() !== '' && !isPhone(row.value)) {
      errors[`phones.${index}.value`] = t('records.validation.phone');
    }
  });
  const hasEmail = values.emails.some((row) => row.value.trim() !== '');
  if (values.firstName.trim() === '' && values.lastName.trim() === '' && !hasEmail) {
    errors.lastName = t('persons.validation.nameOrEmail');
  }
  if (values.ownerId === '') {
    errors.ownerId = t('records.validation.ownerRequired');
  }
  if (creating && values.organizationId === '' && values.organizationRole.trim() !== '') {
    errors.organizationId = t('persons.validation.organizationForRole');
  }
  Object.assign(errors, customErrorTexts(t, fields, values.custom, separators));
  return errors;
}

/** Where a server field error of the person form goes ("organizations[0].role" -> the role input). */
export function personErrorPath(path: string, rows: Sent<unknown>['rows']): string | undefined {
  if (path === 'organizations' || path.startsWith('organizations.0.organizationId')) return 'organizationId';
  if (path.startsWith('organizations.0.role')) return 'organizationRole';
  if (path === 'emails' || path === 'phones') return `${path}.0.value`;
  return rowPath(path, rows);
}
