import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../api';
import { subtreeIds, unitTree } from './tree';

const stamp = { version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
const units: Unit[] = [
  { id: 'root', name: 'Vertriebsleitung', ...stamp },
  { id: 'sued', name: 'Außendienst Süd', parentId: 'root', ...stamp },
  { id: 'nord', name: 'Außendienst Nord', parentId: 'root', ...stamp },
  { id: 'hh', name: 'Hamburg', parentId: 'nord', ...stamp },
  { id: 'innen', name: 'Innendienst', parentId: 'root', ...stamp },
];

describe('unitTree', () => {
  it('puts parents before children, siblings by name, with their depth', () => {
    expect(unitTree(units, 'de-DE').map(({ unit, depth }) => `${depth}:${unit.name}`)).toEqual([
      '0:Vertriebsleitung',
      '1:Außendienst Nord',
      '2:Hamburg',
      '1:Außendienst Süd',
      '1:Innendienst',
    ]);
  });

  it('shows a unit whose parent is missing as a root', () => {
    const orphan: Unit = { id: 'x', name: 'Verwaist', parentId: 'gone', ...stamp };

    expect(unitTree([orphan], 'de-DE')).toEqual([{ unit: orphan, depth: 0 }]);
  });
});

describe('subtreeIds', () => {
  it('finds a unit and everything below it', () => {
    expect([...subtreeIds(units, 'nord')].sort()).toEqual(['hh', 'nord']);
    expect(subtreeIds(units, 'root').size).toBe(5);
  });
});
