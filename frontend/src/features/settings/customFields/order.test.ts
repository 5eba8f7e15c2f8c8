import { describe, expect, it } from 'vitest';
import { customField } from '../../../test/customFields';
import { moveField } from './order';

const a = customField({ id: 'a', label: 'A', kind: 'text', position: 1 });
const b = customField({ id: 'b', label: 'B', kind: 'text', position: 2 });
const c = customField({ id: 'c', label: 'C', kind: 'text', position: 3 });

const moves = (changes: ReturnType<typeof moveField>) => changes.map((change) => [change.field.id, change.position]);

describe('moveField', () => {
  it('swaps a field with its neighbour', () => {
    expect(moves(moveField([a, b, c], 'c', -1))).toEqual([
      ['c', 2],
      ['b', 3],
    ]);
    expect(moves(moveField([a, b, c], 'a', 1))).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
  });

  it('does nothing at the ends or for unknown fields', () => {
    expect(moveField([a, b, c], 'a', -1)).toEqual([]);
    expect(moveField([a, b, c], 'c', 1)).toEqual([]);
    expect(moveField([a, b, c], 'x', 1)).toEqual([]);
  });

  it('numbers fields with equal positions into a clear order', () => {
    const same = [a, { ...b, position: 1 }, { ...c, position: 1 }];
    expect(moves(moveField(same, 'c', -1))).toEqual([
      ['c', 2],
      ['b', 3],
    ]);
  });
});
