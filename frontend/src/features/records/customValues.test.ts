import { describe, expect, it } from 'vitest';
import { customerNo, customField, newsletter, revenue } from '../../test/customFields';
import {
  activeFields,
  canonicalNumber,
  customChanges,
  customCreateValues,
  customFormValues,
  decodeCustomValue,
  encodeCustomValue,
  formatCustomValue,
  numberSeparators,
  parseNumberInput,
  validateCustomValue,
  validateCustomValues,
} from './customValues';

const german = { locale: 'de-DE', yes: 'ja', no: 'nein' };

describe('parseNumberInput', () => {
  it('reads numbers the German way: comma for decimals, dots for thousands', () => {
    expect(parseNumberInput('1.234,5')).toBe(1234.5);
    expect(parseNumberInput('1234,5')).toBe(1234.5);
    expect(parseNumberInput('1.234.567')).toBe(1234567);
    expect(parseNumberInput(' -7 ')).toBe(-7);
    expect(parseNumberInput('0,05')).toBe(0.05);
    expect(parseNumberInput('1 234,5')).toBe(1234.5);
  });

  it('takes a lone dot that is no thousands separator as a decimal point', () => {
    expect(parseNumberInput('12.5')).toBe(12.5);
    expect(parseNumberInput('1234.5')).toBe(1234.5);
  });

  it('refuses what is not a number', () => {
    expect(parseNumberInput('')).toBeNull();
    expect(parseNumberInput('zwölf')).toBeNull();
    expect(parseNumberInput('1,2,3')).toBeNull();
    expect(parseNumberInput('12a')).toBeNull();
    expect(parseNumberInput('1e5')).toBeNull();
  });

  it('reads English input with English separators', () => {
    const english = numberSeparators('en-GB');
    expect(english).toEqual({ decimal: '.', group: ',' });
    expect(parseNumberInput('1,234.5', english)).toBe(1234.5);
    expect(numberSeparators('de-DE')).toEqual({ decimal: ',', group: '.' });
  });
});

describe('encoding and decoding', () => {
  it('writes numbers canonically: dot, no grouping, no exponent', () => {
    expect(canonicalNumber(1234.5)).toBe('1234.5');
    expect(canonicalNumber(-0.25)).toBe('-0.25');
    expect(canonicalNumber(1e21)).toBe('1000000000000000000000');
    expect(encodeCustomValue('number', 1234.5)).toBe('1234.5');
    expect(encodeCustomValue('number', '1.234,5')).toBe('1234.5');
    expect(encodeCustomValue('number', '')).toBe('');
  });

  it('sends an unreadable number as typed, for the server to refuse', () => {
    expect(encodeCustomValue('number', ' zwölf ')).toBe('zwölf');
  });

  it('encodes yes/no and text', () => {
    expect(encodeCustomValue('bool', 'true')).toBe('true');
    expect(encodeCustomValue('bool', 'false')).toBe('false');
    expect(encodeCustomValue('bool', '')).toBe('');
    expect(encodeCustomValue('text', '  K-1001 ')).toBe('K-1001');
    expect(encodeCustomValue('text', undefined)).toBe('');
  });

  it('decodes stored values into form values', () => {
    expect(decodeCustomValue('number', '1234.5')).toBe(1234.5);
    expect(decodeCustomValue('number', undefined)).toBe('');
    expect(decodeCustomValue('number', 'kaputt')).toBe('');
    expect(decodeCustomValue('bool', 'true')).toBe('true');
    expect(decodeCustomValue('bool', 'vielleicht')).toBe('');
    expect(decodeCustomValue('text', 'Hallo')).toBe('Hallo');
  });

  it('gives every field a form value and round-trips what is stored', () => {
    const fields = [revenue, newsletter, customerNo];
    const stored = { 'f-revenue': '1234.5', 'f-newsletter': 'false' };
    const values = customFormValues(fields, stored);

    expect(values).toEqual({ 'f-revenue': 1234.5, 'f-newsletter': 'false', 'f-customer': '' });
    expect(customCreateValues(fields, values)).toEqual(stored);
    expect(customChanges(fields, values, stored)).toEqual({});
  });

  it('sends only changed values in a patch, "" for a cleared one', () => {
    const fields = [revenue, newsletter, customerNo];
    const stored = { 'f-revenue': '1234.5', 'f-newsletter': 'false', 'f-archived': 'bleibt' };
    const values = { 'f-revenue': 99, 'f-newsletter': '', 'f-customer': 'K-7' };

    expect(customChanges(fields, values, stored)).toEqual({
      'f-revenue': '99',
      'f-newsletter': '',
      'f-customer': 'K-7',
    });
  });
});

describe('validateCustomValue', () => {
  it('asks for required values', () => {
    const required = { ...revenue, required: true };
    expect(validateCustomValue(required, '')).toBe('required');
    expect(validateCustomValue(required, undefined)).toBe('required');
    expect(validateCustomValue(required, 0)).toBeNull();
    expect(validateCustomValue(revenue, '')).toBeNull();
  });

  it('checks the value against the kind', () => {
    expect(validateCustomValue(revenue, '12,5')).toBeNull();
    expect(validateCustomValue(revenue, 'zwölf')).toBe('type');
    expect(validateCustomValue(newsletter, 'vielleicht')).toBe('type');
    expect(validateCustomValue(customerNo, 'x'.repeat(1001))).toBe('too_long');
    expect(validateCustomValue(customerNo, 'x'.repeat(1000))).toBeNull();
  });

  it('keys problems by the form path the server uses as well', () => {
    const required = { ...newsletter, required: true };
    expect(validateCustomValues([revenue, required], { 'f-revenue': 'abc', 'f-newsletter': '' })).toEqual({
      'custom.f-revenue': 'type',
      'custom.f-newsletter': 'required',
    });
  });
});

describe('formatCustomValue', () => {
  it('formats numbers with the locale, yes/no in words, text as is', () => {
    expect(formatCustomValue('number', '1234.5', german)).toBe('1.234,5');
    expect(formatCustomValue('number', '1000000', german)).toBe('1.000.000');
    expect(formatCustomValue('number', '0.125', german)).toBe('0,125');
    expect(formatCustomValue('number', '1234.5', { ...german, locale: 'en-GB' })).toBe('1,234.5');
    expect(formatCustomValue('bool', 'true', german)).toBe('ja');
    expect(formatCustomValue('bool', 'false', german)).toBe('nein');
    expect(formatCustomValue('text', 'K-1001', german)).toBe('K-1001');
    expect(formatCustomValue('number', '', german)).toBe('');
    expect(formatCustomValue('text', undefined, german)).toBe('');
  });
});

describe('activeFields', () => {
  it('drops archived fields and keeps the order by position', () => {
    const archived = customField({ id: 'f-old', label: 'Alt', kind: 'text', position: 0, archived: true });
    expect(activeFields([customerNo, archived, revenue, newsletter]).map((field) => field.id)).toEqual([
      'f-revenue',
      'f-newsletter',
      'f-customer',
    ]);
  });
});
