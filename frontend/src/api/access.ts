/**
 * The permission vocabulary of shared/api/access.go. The generated enums give the types; the lists, in Go's display
 * order (AllRecordTypes, AllActions, AllScopes, AllPlans), are generated too (src/lib/vocabulary.ts).
 */
import { ACTIONS, PLANS, RECORD_TYPES, SCOPES } from '../lib/vocabulary';
import type { api } from '../lib/wailsjs/go/models';

export type RecordType = `${api.RecordType}`;
export type Action = `${api.Action}`;
export type Scope = `${api.Scope}`;
export type Plan = `${api.Plan}`;

// SCOPES go from narrowest to widest.
export { ACTIONS, PLANS, RECORD_TYPES, SCOPES };

function member<T extends string>(values: readonly T[]) {
  return (value: string): value is T => (values as readonly string[]).includes(value);
}

export const isRecordType = member<RecordType>(RECORD_TYPES);
export const isAction = member<Action>(ACTIONS);
export const isScope = member<Scope>(SCOPES);
/** A newer server may send a plan this UI does not know yet. */
export const isPlan = member<Plan>(PLANS);
