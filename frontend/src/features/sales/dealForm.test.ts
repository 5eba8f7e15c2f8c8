import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { validateDeal, type DealValues } from './dealForm';

const values = (change: Partial<DealValues> = {}): DealValues => ({
  title: 'Rahmenvertrag',
  value: '1.234,56',
  currency: 'EUR',
  ownerId: 'u1',
  expectedCloseDate: '',
  personId: '',
  organizationId: 'o1',
  pipelineId: 'p1',
  stageId: 's1',
  custom: {},
  ...change,
});

const validate = (change: Partial<DealValues>) =>
  validateDeal(values(change), [], i18n.t, { group: '.', decimal: ',' });

describe('deal form checks', () => {
  it('accepts a deal for an organisation or a person, with or without a value', () => {
    expect(validate({})).toEqual({});
    expect(validate({ organizationId: '', personId: 'pe1', value: '' })).toEqual({});
    expect(validate({ value: '0' })).toEqual({});
  });

  it('refuses a negative value with its own German text', () => {
    expect(validate({ value: '-100' })).toEqual({ value: 'Der Wert darf nicht negativ sein.' });
    expect(validate({ value: '-1.234,56' })).toEqual({ value: 'Der Wert darf nicht negativ sein.' });
    expect(validate({ value: '12,345' })).toEqual({ value: 'Bitte geben Sie einen Betrag wie 1.234,56 ein.' });
  });

  it('needs a person or an organisation and says so at both fields', () => {
    const text = 'Bitte wählen Sie eine Person oder eine Organisation.';
    expect(validate({ organizationId: '', personId: '' })).toEqual({ personId: text, organizationId: text });
  });
});
