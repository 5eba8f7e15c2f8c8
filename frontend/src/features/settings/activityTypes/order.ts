/** Reordering activity types: which positions change when one moves up or down. */
export interface Positioned {
  id: string;
  position: number;
}

export interface PositionChange<T extends Positioned> {
  item: T;
  position: number;
}

/**
 * The position changes that move an item one place up or down among the given (ordered) items. The new order is
 * numbered 1..n and only items whose number changes are patched, so that equal or sparse positions (left by
 * deletions or archived types) come out in a clear order.
 */
export function moveItem<T extends Positioned>(
  items: readonly T[],
  id: string,
  direction: -1 | 1,
): PositionChange<T>[] {
  const index = items.findIndex((item) => item.id === id);
  const target = index + direction;
  if (index < 0 || target < 0 || target >= items.length) return [];
  const order = [...items];
  const [moved] = order.splice(index, 1);
  if (!moved) return [];
  order.splice(target, 0, moved);
  return order.flatMap((item, at) => (item.position === at + 1 ? [] : [{ item, position: at + 1 }]));
}

/** Active types first in their order, then archived ones (in theirs): the order of the settings table. */
export function settingsOrder<T extends Positioned & { archived: boolean; name: string }>(types: readonly T[]): T[] {
  return [...types].sort(
    (a, b) => Number(a.archived) - Number(b.archived) || a.position - b.position || a.name.localeCompare(b.name),
  );
}
