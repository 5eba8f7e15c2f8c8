/**
 * The vocabulary of contacts and the record mechanisms (shared/api/contacts.go, records.go), in Go's display order
 * (the lists are generated: src/lib/vocabulary.ts).
 */
import {
  CONDITION_OPS_BY_KIND,
  CONTACT_KINDS,
  CUSTOM_FIELD_TYPES,
  FIELD_KINDS,
  HISTORY_ACTIONS,
  HISTORY_FIELDS_BY_TYPE,
  OWNER_KEYWORDS,
  SALUTATIONS,
  SORT_KEYS,
} from '../lib/vocabulary';
import type { api } from '../lib/wailsjs/go/models';

export type Salutation = `${api.Salutation}`;
export type ContactKind = `${api.ContactKind}`;
export type FieldKind = `${api.FieldKind}`;
export type HistoryAction = `${api.HistoryAction}`;
/** A field a history entry names (besides custom.<fieldId>); HISTORY_FIELDS_BY_TYPE lists those of each kind. */
export type HistoryField = `${api.HistoryField}`;

/** What a record list sorts by (ListQuery.sort: the key, with a leading "-" descending). */
export type SortKey = `${api.SortKey}`;
/** Owners by their relation to the caller (ListQuery.owner, ActivityQuery.assignee), besides a user's ID. */
export type OwnerKeyword = `${api.OwnerKeyword}`;
/** The operator of a condition on a custom field; CONDITION_OPS_BY_KIND lists those of each field kind. */
export type ConditionOp = `${api.ConditionOp}`;

export {
  CONDITION_OPS_BY_KIND,
  CONTACT_KINDS,
  FIELD_KINDS,
  HISTORY_ACTIONS,
  HISTORY_FIELDS_BY_TYPE,
  OWNER_KEYWORDS,
  SALUTATIONS,
  SORT_KEYS,
};

/** The record types that have custom fields (api.CustomFieldTypes). */
export const CUSTOM_FIELD_RECORD_TYPES = CUSTOM_FIELD_TYPES;
export type CustomFieldRecordType = (typeof CUSTOM_FIELD_RECORD_TYPES)[number];

function member<T extends string>(values: readonly T[]) {
  return (value: string): value is T => (values as readonly string[]).includes(value);
}

export const isSalutation = member<Salutation>(SALUTATIONS);
export const isContactKind = member<ContactKind>(CONTACT_KINDS);
export const isFieldKind = member<FieldKind>(FIELD_KINDS);
export const isHistoryAction = member<HistoryAction>(HISTORY_ACTIONS);
export const isSortKey = member<SortKey>(SORT_KEYS);

/** Text limits the backend enforces; the forms check them first. */
export const MAX_TEXT_VALUE_LENGTH = 1000;
