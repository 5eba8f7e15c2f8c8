/**
 * The vocabulary of contacts and the record mechanisms (shared/api/contacts.go, records.go), in Go's display order.
 */
import type { api } from '../lib/wailsjs/go/models';
import type { RecordType } from './access';

export type Salutation = `${api.Salutation}`;
export type ContactKind = `${api.ContactKind}`;
export type FieldKind = `${api.FieldKind}`;
export type HistoryAction = `${api.HistoryAction}`;

export const SALUTATIONS = ['none', 'herr', 'frau', 'divers'] as const satisfies readonly Salutation[];

export const CONTACT_KINDS = ['work', 'mobile', 'private'] as const satisfies readonly ContactKind[];

export const FIELD_KINDS = ['number', 'text', 'bool'] as const satisfies readonly FieldKind[];

/** The record types that have custom fields. */
export const CUSTOM_FIELD_RECORD_TYPES = [
  'person',
  'organization',
  'deal',
  'lead',
] as const satisfies readonly RecordType[];
export type CustomFieldRecordType = (typeof CUSTOM_FIELD_RECORD_TYPES)[number];

export const HISTORY_ACTIONS = [
  'created',
  'updated',
  'deleted',
  'restored',
  'linked',
  'unlinked',
  'note_added',
  'note_changed',
  'note_deleted',
  'document_added',
  'document_deleted',
  'document_restored',
] as const satisfies readonly HistoryAction[];

function member<T extends string>(values: readonly T[]) {
  return (value: string): value is T => (values as readonly string[]).includes(value);
}

export const isSalutation = member<Salutation>(SALUTATIONS);
export const isContactKind = member<ContactKind>(CONTACT_KINDS);
export const isFieldKind = member<FieldKind>(FIELD_KINDS);
export const isHistoryAction = member<HistoryAction>(HISTORY_ACTIONS);

/** Text limits the backend enforces; the forms check them first. */
export const MAX_TEXT_VALUE_LENGTH = 1000;
