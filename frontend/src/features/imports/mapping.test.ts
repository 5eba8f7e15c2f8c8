import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import {
  choose,
  duplicateCandidates,
  duplicateTargets,
  initialChoices,
  keepDuplicates,
  settingsErrors,
  toSettings,
} from './mapping';
import { analysis, personFields } from './testData';

describe('the mapping of an import file', () => {
  it('starts from the suggested targets with their formats, the other columns not imported', () => {
    expect(initialChoices(analysis)).toEqual([
      { column: 0, target: 'lastName', number: '', date: '' },
      { column: 1, target: 'firstName', number: '', date: '' },
      { column: 2, target: 'email', number: '', date: '' },
      { column: 3, target: 'ignore', number: '', date: '' },
      { column: 4, target: 'custom.f-revenue', number: 'de', date: '' },
      { column: 5, target: 'ignore', number: '', date: '' },
      { column: 6, target: 'ignore', number: '', date: '' },
    ]);
  });

  it('gives a column mapped to a date or number field the format detected in it, else the German one', () => {
    const since = { column: 5, target: 'ignore', number: '', date: '' } as const;
    const blank = { column: 6, target: 'ignore', number: '', date: '' } as const;
    expect(choose(analysis, since, 'custom.f-since')).toMatchObject({ target: 'custom.f-since', date: 'dmy' });
    expect(choose(analysis, blank, 'custom.f-revenue')).toMatchObject({ number: 'de' });
    expect(choose(analysis, { ...since, date: 'ymd' }, 'custom.f-since')).toMatchObject({ date: 'ymd' });
  });

  it('finds every target that two columns are mapped to', () => {
    const choices = initialChoices(analysis).map((choice) =>
      choice.column === 3 ? { ...choice, target: 'email' } : choice,
    );
    expect(duplicateTargets(choices)).toEqual(new Map([['email', [2, 3]]]));
    expect(duplicateTargets(initialChoices(analysis)).size).toBe(0);
  });

  it('sends every column in order, so that the server’s columns[i] is column i, formats only where they count', () => {
    const settings = toSettings(personFields, initialChoices(analysis), { target: 'email', action: 'update' }, 'u-2');
    expect(settings.columns.map((mapping) => mapping.column)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(settings.columns[4]).toEqual({ column: 4, target: 'custom.f-revenue', number: 'de', date: '' });
    expect(settings.columns[3]).toEqual({ column: 3, target: 'ignore', number: '', date: '' });
    expect(settings).toMatchObject({ duplicates: { target: 'email', action: 'update' }, ownerId: 'u-2' });
  });

  it('offers the mapped identifying fields for the duplicate rule and drops one that is no longer mapped', () => {
    const choices = initialChoices(analysis);
    expect(duplicateCandidates(personFields, choices).map((field) => field.target)).toEqual(['email']);
    const withoutEmail = choices.map((choice) => (choice.column === 2 ? { ...choice, target: 'ignore' } : choice));
    expect(keepDuplicates({ target: 'email', action: 'skip' }, personFields, withoutEmail)).toEqual({
      target: '',
      action: 'skip',
    });
  });

  it('sorts the server’s field codes: columns, required targets, the rule and the owner', () => {
    const error = new ApiError({
      status: 422,
      code: 'validation.failed',
      fields: {
        'columns[4].number': 'required',
        'columns[3].target': 'duplicate',
        lastName: 'required',
        'custom.f-number': 'required',
        'duplicates.target': 'required',
        ownerId: 'forbidden',
      },
    });
    expect(settingsErrors(error, initialChoices(analysis))).toEqual({
      columns: { 3: { target: 'duplicate' }, 4: { number: 'required' } },
      missing: { lastName: 'required', 'custom.f-number': 'required' },
      rule: { 'duplicates.target': 'required', ownerId: 'forbidden' },
    });
  });
});
