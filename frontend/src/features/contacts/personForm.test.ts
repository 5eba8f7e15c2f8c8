import { describe, expect, it } from 'vitest';
import type { Person } from '../../api';
import { i18n } from '../../i18n';
import { newsletter, revenue } from '../../test/customFields';
import { isEmail, isPhone, rowPath } from './contactForm';
import {
  personCreate,
  personErrorPath,
  personPatch,
  personValues,
  validatePerson,
  type PersonValues,
} from './personForm';

const t = i18n.getFixedT('de');
const fields = [{ ...revenue, required: true }, newsletter];

const stored: Person = {
  id: 'p-1',
  salutation: 'frau',
  title: 'Dr.',
  firstName: 'Anna',
  lastName: 'Müller',
  name: 'Anna Müller',
  jobTitle: 'Einkauf',
  emails: [{ value: 'anna@mueller.de', kind: 'work' }],
  phones: [],
  address: { street: 'Hauptstr. 1', postalCode: '24103', city: 'Kiel', country: 'DE' },
  ownerId: 'u-1',
  ownerName: 'Claudia Becker',
  organizations: [],
  custom: { 'f-revenue': '1234.5' },
  version: 3,
  createdAt: '2026-01-05T09:00:00Z',
  updatedAt: '2026-01-05T09:00:00Z',
};

function filled(overrides: Partial<PersonValues> = {}): PersonValues {
  return { ...personValues(undefined, fields, { ownerId: 'u-1' }), lastName: 'Müller', ...overrides };
}

describe('the person form', () => {
  it('starts a new person with one empty row each, Germany and the caller as owner', () => {
    const values = personValues(undefined, fields, { ownerId: 'u-1', organizationId: 'o-1' });
    expect(values.emails).toEqual([{ value: '', kind: 'work' }]);
    expect(values.phones).toEqual([{ value: '', kind: 'work' }]);
    expect(values.address.country).toBe('DE');
    expect(values.ownerId).toBe('u-1');
    expect(values.organizationId).toBe('o-1');
    expect(values.custom).toEqual({ 'f-revenue': '', 'f-newsletter': '' });
  });

  it('creates without empty rows and remembers which form rows were sent', () => {
    const { body, rows } = personCreate(
      filled({
        emails: [
          { value: '', kind: 'work' },
          { value: ' a@b.de ', kind: 'private' },
        ],
        phones: [{ value: '0431 123', kind: 'mobile' }],
        organizationId: 'o-1',
        organizationRole: ' Einkauf ',
        custom: { 'f-revenue': 1234.5, 'f-newsletter': 'true' },
      }),
      fields,
    );
    expect(body.emails).toEqual([{ value: 'a@b.de', kind: 'private' }]);
    expect(body.phones).toEqual([{ value: '0431 123', kind: 'mobile' }]);
    expect(body.organizations).toEqual([{ organizationId: 'o-1', role: 'Einkauf', primary: true }]);
    expect(body.custom).toEqual({ 'f-revenue': '1234.5', 'f-newsletter': 'true' });
    expect(body.allowDuplicate).toBe(false);
    expect(rows).toEqual({ emails: [1], phones: [0] });
  });

  it('patches only what changed', () => {
    const values = personValues(stored, fields, { ownerId: 'u-9' });
    expect(personPatch(values, stored, fields).body).toEqual({});

    const changed = { ...values, jobTitle: 'Einkaufsleitung', address: { ...values.address, city: 'Lübeck' } };
    changed.custom = { ...values.custom, 'f-newsletter': 'false' };
    expect(personPatch(changed, stored, fields).body).toEqual({
      jobTitle: 'Einkaufsleitung',
      address: { street: 'Hauptstr. 1', postalCode: '24103', city: 'Lübeck', country: 'DE' },
      custom: { 'f-newsletter': 'false' },
    });
  });

  it('sends the whole list when an address was added or changed kind', () => {
    const values = personValues(stored, fields, { ownerId: 'u-1' });
    values.emails = [{ value: 'anna@mueller.de', kind: 'private' }];
    expect(personPatch(values, stored, fields).body).toEqual({
      emails: [{ value: 'anna@mueller.de', kind: 'private' }],
    });
  });

  it('checks before sending: a name or e-mail, e-mail shape, lengths and required custom fields', () => {
    const errors = validatePerson(
      filled({
        lastName: '',
        emails: [{ value: 'keine-mail', kind: 'work' }],
        phones: [{ value: 'abc', kind: 'work' }],
        title: 'x'.repeat(51),
      }),
      fields,
      t,
      { creating: true },
    );
    expect(errors).toEqual({
      title: 'Bitte geben Sie höchstens 50 Zeichen ein.',
      'emails.0.value': 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@firma.de.',
      'phones.0.value': 'Bitte geben Sie eine gültige Telefonnummer ein (Ziffern, Leerzeichen und + ( ) / - .).',
      'custom.f-revenue': 'Bitte füllen Sie dieses Feld aus.',
    });

    expect(validatePerson(filled({ lastName: '' }), fields, t, { creating: true }).lastName).toBe(
      'Bitte geben Sie einen Namen oder eine E-Mail-Adresse ein.',
    );
    expect(
      validatePerson(filled({ custom: { 'f-revenue': 'viel', 'f-newsletter': '' } }), fields, t, { creating: true }),
    ).toEqual({ 'custom.f-revenue': 'Bitte geben Sie eine Zahl ein, z. B. 1.234,5.' });
    expect(
      validatePerson(filled({ custom: { 'f-revenue': 0, 'f-newsletter': '' } }), fields, t, { creating: true }),
    ).toEqual({});
  });

  it('places server errors on the form rows they concern', () => {
    const rows = { emails: [1, 3], phones: [0] };
    expect(personErrorPath('emails.1.value', rows)).toBe('emails.3.value');
    expect(personErrorPath('emails.0', rows)).toBe('emails.1.value');
    expect(personErrorPath('phones.0.kind', rows)).toBe('phones.0.kind');
    expect(personErrorPath('organizations.0.role', rows)).toBe('organizationRole');
    expect(personErrorPath('organizations.0.organizationId', rows)).toBe('organizationId');
    expect(personErrorPath('address.postalCode', rows)).toBe('address.postalCode');
    expect(personErrorPath('custom.f-revenue', rows)).toBe('custom.f-revenue');
    expect(rowPath('custom.f-1', rows)).toBe('custom.f-1');
  });
});

describe('contact checks', () => {
  it('knows an e-mail address and a phone number when it sees one', () => {
    expect(isEmail('anna@mueller.de')).toBe(true);
    expect(isEmail('anna@mueller')).toBe(false);
    expect(isEmail('an na@mueller.de')).toBe(false);
    expect(isPhone('+49 (431) 123-45/6')).toBe(true);
    expect(isPhone('12')).toBe(false);
    expect(isPhone('0431 ABC')).toBe(false);
  });
});
