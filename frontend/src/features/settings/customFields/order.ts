import type { CustomField } from '../../../api';

export interface PositionChange {
  field: CustomField;
  position: number;
}

/**
 * The position changes that move a field one place up or down among the given (active, ordered) fields. The new
 * order is numbered 1..n, and only fields whose number changes are patched, so that equal or sparse positions
 * (fields created at the same position) come out in a clear order.
 */
export function moveField(fields: readonly CustomField[], id: string, direction: -1 | 1): PositionChange[] {
  const index = fields.findIndex((field) => field.id === id);
  const target = index + direction;
  if (index < 0 || target < 0 || target >= fields.length) {
    return [];
  }
  const order = [...fields];
  const [moved] = order.splice(index, 1);
  if (!moved) {
    return [];
  }
  order.splice(target, 0, moved);
  return order.flatMap((field, at) => (field.position === at + 1 ? [] : [{ field, position: at + 1 }]));
}
