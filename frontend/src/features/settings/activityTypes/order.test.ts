import { describe, expect, it } from 'vitest';
import { activityType } from '../../activities/testData';
import { moveItem, settingsOrder } from './order';

const types = [
  activityType({ id: 'call', name: 'Anruf', position: 1 }),
  activityType({ id: 'mail', name: 'E-Mail', position: 2 }),
  activityType({ id: 'meet', name: 'Meeting', position: 3 }),
];

describe('activity type order', () => {
  it('swaps neighbours and patches only what changed', () => {
    expect(moveItem(types, 'mail', -1).map((change) => [change.item.id, change.position])).toEqual([
      ['mail', 1],
      ['call', 2],
    ]);
    expect(moveItem(types, 'mail', 1).map((change) => [change.item.id, change.position])).toEqual([
      ['meet', 2],
      ['mail', 3],
    ]);
  });

  it('does nothing beyond the ends or for an unknown type', () => {
    expect(moveItem(types, 'call', -1)).toEqual([]);
    expect(moveItem(types, 'meet', 1)).toEqual([]);
    expect(moveItem(types, 'nope', 1)).toEqual([]);
  });

  it('numbers sparse positions 1..n while moving', () => {
    const sparse = [
      activityType({ id: 'a', position: 4 }),
      activityType({ id: 'b', position: 4 }),
      activityType({ id: 'c', position: 9 }),
    ];
    expect(moveItem(sparse, 'c', -1).map((change) => [change.item.id, change.position])).toEqual([
      ['a', 1],
      ['c', 2],
      ['b', 3],
    ]);
  });

  it('shows active types in their order, archived ones last', () => {
    const mixed = [
      activityType({ id: 'old', name: 'Fax', position: 1, archived: true }),
      activityType({ id: 'b', name: 'B', position: 2 }),
      activityType({ id: 'a', name: 'A', position: 2 }),
      activityType({ id: 'first', name: 'Z', position: 1 }),
    ];
    expect(settingsOrder(mixed).map((type) => type.id)).toEqual(['first', 'a', 'b', 'old']);
  });
});
