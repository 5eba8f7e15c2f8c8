import { describe, expect, it } from 'vitest';
import { emptyMatrix, grantsFromMatrix, matrixFromGrants, withScope } from './grants';

describe('grant matrix', () => {
  it('starts with no access anywhere', () => {
    const matrix = emptyMatrix();

    expect(matrix.deal.edit).toBe('none');
    expect(grantsFromMatrix(matrix)).toEqual([]);
  });

  it('round-trips grants in display order and leaves out "none"', () => {
    const grants = [
      { recordType: 'deal', action: 'edit', scope: 'own' },
      { recordType: 'person', action: 'view', scope: 'all' },
      { recordType: 'lead', action: 'delete', scope: 'none' },
    ] as const;

    expect(grantsFromMatrix(matrixFromGrants(grants))).toEqual([
      { recordType: 'person', action: 'view', scope: 'all' },
      { recordType: 'deal', action: 'edit', scope: 'own' },
    ]);
  });

  it('ignores cells it does not know', () => {
    const matrix = matrixFromGrants([
      { recordType: 'invoice', action: 'view', scope: 'all' },
      { recordType: 'deal', action: 'archive', scope: 'all' },
      { recordType: 'deal', action: 'view', scope: 'galaxy' },
    ] as never);

    expect(grantsFromMatrix(matrix)).toEqual([]);
  });

  it('changes one cell without touching the original', () => {
    const before = emptyMatrix();
    const after = withScope(before, 'activity', 'export', 'unit');

    expect(after.activity.export).toBe('unit');
    expect(before.activity.export).toBe('none');
  });
});
