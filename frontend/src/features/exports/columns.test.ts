import { describe, expect, it } from 'vitest';
import { de } from '../../i18n';
import { EXPORT_COLUMNS } from '../../lib/vocabulary';
import { columnLabelKey, exportColumnsOf } from './columns';

describe('exportColumnsOf', () => {
  it('maps the columns of the person list to the fields they show, in the list order', () => {
    expect(
      exportColumnsOf('person', ['name', 'organization', 'email', 'phone', 'city', 'owner', 'createdAt', 'updatedAt']),
    ).toEqual([
      'salutation',
      'title',
      'firstName',
      'lastName',
      'organizations',
      'emails',
      'phones',
      'address.city',
      'owner',
      'createdAt',
      'updatedAt',
    ]);
  });

  it('drops list columns that show no field and keeps each column once', () => {
    expect(exportColumnsOf('organization', ['name', 'persons', 'distance', 'name', 'city'])).toEqual([
      'name',
      'address.city',
    ]);
    expect(exportColumnsOf('deal', ['title', 'value', 'expectedClose'])).toEqual([
      'title',
      'value',
      'expectedCloseDate',
    ]);
  });
});

describe('export column labels', () => {
  it('names every export column in the UI', () => {
    for (const column of EXPORT_COLUMNS) {
      expect(de.exports.columns).toHaveProperty(columnLabelKey(column));
    }
  });
});
