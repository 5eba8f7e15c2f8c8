import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { fieldErrorText, specificFieldKey } from '../i18n/errorText';
import { formErrors, formPath, hasPath } from './forms';

const t = i18n.getFixedT('de');

describe('server field names and form paths', () => {
  it('turns list indexes into path segments', () => {
    expect(formPath('emails[1].value')).toBe('emails.1.value');
    expect(formPath('custom[0].op')).toBe('custom.0.op');
    expect(formPath('address.postalCode')).toBe('address.postalCode');
    expect(formPath('custom.5f0c-77')).toBe('custom.5f0c-77');
  });

  it('finds nested fields in form values', () => {
    const values = { emails: [{ value: '', kind: 'work' }], address: { city: '' }, custom: { 'f-1': '' } };
    expect(hasPath(values, 'emails.0.value')).toBe(true);
    expect(hasPath(values, 'emails.1.value')).toBe(false);
    expect(hasPath(values, 'address.city')).toBe(true);
    expect(hasPath(values, 'custom.f-1')).toBe(true);
    expect(hasPath(values, 'custom.f-2')).toBe(false);
  });

  it('puts field errors on the form where it has the field, and counts the others', () => {
    const values = { lastName: '', emails: [{ value: 'x', kind: 'work' }], custom: { 'f-1': '' } };
    const { own, foreign } = formErrors(
      {
        lastName: 'required',
        'emails[0].value': 'invalid',
        'custom.f-1': 'required',
        'custom.f-9': 'unknown',
        sort: 'x',
      },
      values,
      (field, code) => fieldErrorText(t, field, code),
    );

    expect(own).toEqual({
      lastName: 'Bitte geben Sie einen Namen oder eine E-Mail-Adresse ein.',
      'emails.0.value': 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@firma.de.',
      'custom.f-1': 'Bitte füllen Sie dieses Feld aus.',
    });
    expect(foreign).toBe(2);
  });

  it('lets a form redirect a server field to another input', () => {
    const { own } = formErrors(
      { 'organizations[0].role': 'too_long' },
      { organizationRole: '' },
      () => 'zu lang',
      (path) => (path === 'organizations.0.role' ? 'organizationRole' : path),
    );
    expect(own).toEqual({ organizationRole: 'zu lang' });
  });
});

describe('field error texts', () => {
  it('looks texts up without list indexes, and one text for all custom fields', () => {
    expect(specificFieldKey('emails[3].value')).toBe('emails.value');
    expect(specificFieldKey('custom.3fa85f64-5717-4562-b3fc-2c963f66afa6')).toBe('custom');
    expect(specificFieldKey('address.postalCode')).toBe('address.postalCode');
  });

  it('prefers the specific German text, then the general one', () => {
    expect(fieldErrorText(t, 'emails[1]', 'duplicate')).toBe('Eine andere Person hat bereits diese E-Mail-Adresse.');
    expect(fieldErrorText(t, 'address.country', 'invalid')).toBe('Bitte wählen Sie ein Land aus der Liste.');
    expect(fieldErrorText(t, 'custom.f-1', 'type')).toBe('Dieser Wert passt nicht zum Typ des Feldes.');
    expect(fieldErrorText(t, 'address.postalCode', 'too_long')).toBe('Die Eingabe ist zu lang.');
  });
});
