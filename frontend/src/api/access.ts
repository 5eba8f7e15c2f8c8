/**
 * The permission vocabulary of shared/api/access.go. The generated enums give the types; the display order is
 * Go's (AllRecordTypes, AllActions, AllScopes), written out here because the generator sorts enum members.
 */
import type { api } from '../lib/wailsjs/go/models';

export type RecordType = `${api.RecordType}`;
export type Action = `${api.Action}`;
export type Scope = `${api.Scope}`;
export type Plan = `${api.Plan}`;

export const RECORD_TYPES = [
  'person',
  'organization',
  'deal',
  'lead',
  'activity',
] as const satisfies readonly RecordType[];
export const ACTIONS = ['view', 'create', 'edit', 'delete', 'export'] as const satisfies readonly Action[];
/** From narrowest to widest. */
export const SCOPES = ['none', 'own', 'unit', 'all'] as const satisfies readonly Scope[];
export const PLANS = ['basic', 'professional'] as const satisfies readonly Plan[];

function member<T extends string>(values: readonly T[]) {
  return (value: string): value is T => (values as readonly string[]).includes(value);
}

export const isRecordType = member<RecordType>(RECORD_TYPES);
export const isAction = member<Action>(ACTIONS);
export const isScope = member<Scope>(SCOPES);
/** A newer server may send a plan this UI does not know yet. */
export const isPlan = member<Plan>(PLANS);
