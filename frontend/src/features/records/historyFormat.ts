/**
 * History entries for reading: the field names translated, values formatted the way the rest of the UI shows them
 * (custom numbers "1.234,5", yes/no, salutations, countries, e-mail kinds, statuses). A link to a record the reader
 * may not see (oldHidden/newHidden) has no value: the line keeps a place for the placeholder (changeParts).
 */
import type { TFunction } from 'i18next';
import {
  isContactKind,
  isFieldKind,
  isHistoryAction,
  isSalutation,
  type CustomField,
  type FieldChange,
} from '../../api';
import { i18n } from '../../i18n';
import { formatCustomValue } from './customValues';

export interface ChangeText {
  field: string;
  label: string;
  /** "" when the field had no value before (created) or has none after (removed), or when it is hidden. */
  old: string;
  new: string;
  /** The value is a linked record the reader may not see: shown as the placeholder. */
  oldHidden: boolean;
  newHidden: boolean;
}

export interface HistoryContext {
  t: TFunction;
  locale: string;
  /** Every custom field of the record type, archived ones included. */
  customFields: readonly CustomField[];
  countryName: (code: string) => string;
}

/** A key built at run time, checked with exists() first; the typed t() cannot see it. */
function dynamic(t: TFunction, key: string): string | undefined {
  return i18n.exists(key) ? (t as unknown as (key: string) => string)(key) : undefined;
}

/**
 * The action as read: "angelegt", or for an import "importiert aus 1leads" / "importiert aus Kunden.xlsx" (the
 * entry's source: a lead source, or the file a user imported).
 */
export function actionText(t: TFunction, action: string, source = ''): string {
  return isHistoryAction(action) ? t(`history.actions.${action}`, { source }) : action;
}

export function fieldLabel(change: FieldChange, context: HistoryContext): string {
  const { t } = context;
  if (change.field.startsWith('custom.')) {
    const id = change.field.slice('custom.'.length);
    if (change.label !== '') return change.label;
    return context.customFields.find((field) => field.id === id)?.label ?? t('history.customField');
  }
  return dynamic(t, `history.fields.${change.field}`) ?? change.field;
}

/** "a@b.de (work), c@d.de (mobile)" with the kinds translated. */
function contactPoints(t: TFunction, value: string): string {
  return value.replace(/\((\w+)\)/g, (whole, kind: string) =>
    isContactKind(kind) ? `(${t(`contactKinds.${kind}`)})` : whole,
  );
}

export function formatValue(change: FieldChange, value: string, context: HistoryContext): string {
  const { t } = context;
  if (value === '') {
    return '';
  }
  if (change.field.startsWith('custom.')) {
    const id = change.field.slice('custom.'.length);
    const field = context.customFields.find((candidate) => candidate.id === id);
    if (field && isFieldKind(field.kind)) {
      return formatCustomValue(field.kind, value, {
        locale: context.locale,
        yes: t('common.yes'),
        no: t('common.no'),
      });
    }
    return value;
  }
  switch (change.field) {
    case 'salutation':
      return isSalutation(value) ? t(`persons.salutations.${value}`) : value;
    case 'address.country':
      return context.countryName(value);
    case 'emails':
    case 'phones':
      return contactPoints(t, value);
    case 'status':
      return dynamic(t, `sales.statuses.${value}`) ?? value;
    default:
      return value;
  }
}

export function describeChange(change: FieldChange, context: HistoryContext): ChangeText {
  return {
    field: change.field,
    label: fieldLabel(change, context),
    old: formatValue(change, change.old, context),
    new: formatValue(change, change.new, context),
    oldHidden: change.oldHidden === true,
    newHidden: change.newHidden === true,
  };
}

/**
 * One change as a line: "Position: Einkauf → Einkaufsleitung"; "Nachname: Müller" when there was nothing before.
 * Hidden values are left out as "" here; changeParts keeps their places.
 */
export function changeLine(t: TFunction, change: ChangeText): string {
  if (change.old === '') {
    return t('history.set', { field: change.label, value: change.new });
  }
  return t('history.change', {
    field: change.label,
    old: change.old,
    new: change.new === '' ? t('history.emptyValue') : change.new,
  });
}

/** A piece of a change line: text, or the place of a value the reader may not see. */
export type ChangePart = { text: string } | { hidden: 'old' | 'new' };

// Stands in for a hidden value while the translated line is built; no value contains it (PostgreSQL text cannot
// hold NUL).
const HIDDEN_MARK = { old: '\u0000old\u0000', new: '\u0000new\u0000' } as const;

/**
 * One change as a line in pieces, so that a hidden value can be shown as the placeholder where the translation puts
 * it: "Organisation: " {hidden old} " → Müller GmbH".
 */
export function changeParts(t: TFunction, change: ChangeText): ChangePart[] {
  const line = changeLine(t, {
    ...change,
    old: change.oldHidden ? HIDDEN_MARK.old : change.old,
    new: change.newHidden ? HIDDEN_MARK.new : change.new,
  });
  const parts: ChangePart[] = [];
  line.split(HIDDEN_MARK.old).forEach((segment, i) => {
    if (i > 0) parts.push({ hidden: 'old' });
    segment.split(HIDDEN_MARK.new).forEach((text, j) => {
      if (j > 0) parts.push({ hidden: 'new' });
      if (text !== '') parts.push({ text });
    });
  });
  return parts;
}
