import type { Unit } from '../../../api';

export interface UnitNode {
  unit: Unit;
  depth: number;
}

/**
 * The units in tree order (each parent before its children, siblings by name) with their depth. A unit whose parent
 * is missing from the list is shown as a root rather than dropped.
 */
export function unitTree(units: readonly Unit[], locale: string): UnitNode[] {
  const ids = new Set(units.map((unit) => unit.id));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(unit);
    children.set(parent, siblings);
  }
  const collator = new Intl.Collator(locale);
  const result: UnitNode[] = [];
  const visit = (parent: string | null, depth: number) => {
    const siblings = [...(children.get(parent) ?? [])].sort((a, b) => collator.compare(a.name, b.name));
    for (const unit of siblings) {
      result.push({ unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  return result;
}

/** The unit and everything below it: the units it cannot be moved under. */
export function subtreeIds(units: readonly Unit[], rootId: string): Set<string> {
  const result = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      if (unit.parentId && result.has(unit.parentId) && !result.has(unit.id)) {
        result.add(unit.id);
        grew = true;
      }
    }
  }
  return result;
}
