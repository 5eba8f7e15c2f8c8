import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { dealPatch, dealValues, validateDeal, type DealValues } from './dealForm';
import { deal } from './testData';

const values = (change: Partial<DealValues> = {}): DealValues => ({
  title: 'Rahmenvertrag',
  value: '1.234,56',
  currency: 'EUR',
  ownerId: 'u1',
  expectedCloseDate: '',
  personId: '',
  organizationId: 'o1',
  personHidden: false,
  organizationHidden: false,
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

  it('counts a linked person or organisation the user may not see as present', () => {
    expect(validate({ organizationId: '', personHidden: true })).toEqual({});
    expect(validate({ organizationId: '', organizationHidden: true })).toEqual({});
  });
});

describe('deal patch with a hidden person or organisation', () => {
  const money = { group: '.', decimal: ',' };
  const stored = deal({ personHidden: true, organizationId: 'o1', organizationName: 'Müller Bürobedarf GmbH' });
  const values = dealValues(stored, [], { ownerId: 'u1', pipelineId: 'p1' }, 'de-DE');

  it('keeps the hidden link: nothing is sent for it, whatever else changes', () => {
    expect(values).toMatchObject({ personId: '', personHidden: true, organizationHidden: false });
    expect(dealPatch(values, stored, [], money)).toEqual({});
    expect(dealPatch({ ...values, title: 'Neu', organizationId: '' }, stored, [], money)).toEqual({
      title: 'Neu',
      organizationId: '',
    });
  });

  it('sends the choice once the user replaced it, "" (removed) too', () => {
    expect(dealPatch({ ...values, personHidden: false }, stored, [], money)).toEqual({ personId: '' });
    expect(dealPatch({ ...values, personHidden: false, personId: 'pe2' }, stored, [], money)).toEqual({
      personId: 'pe2',
    });
  });
});
