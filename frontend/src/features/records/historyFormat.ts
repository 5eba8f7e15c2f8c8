/**
 * History entries for reading: the field names translated and values formatted the way the rest of the UI shows
 * them, through the one table of each record kind (historyFields.ts); custom fields by their labels and kinds.
 * A link to a record the reader may not see (oldHidden/newHidden) has no value: the line keeps a place for the
 * placeholder (changeParts). Activities' entries read as one sentence (activityParts).
 */
import type { TFunction } from 'i18next';
import { isFieldKind, isHistoryAction, type CustomField, type FieldChange, type HistoryEntry } from '../../api';
import { lineStart, fieldLabel as serverFieldLabel } from '../../i18n/fieldLabels';
import { formatCustomValue } from './customValues';
import { historyFieldSpec, type FormatContext, type HistoryKind } from './historyFields';

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

export interface HistoryContext extends Omit<FormatContext, 'currency'> {
  /** The record kind whose history this is. */
  recordType: HistoryKind;
  /** Every custom field of the record type, archived ones included. */
  customFields: readonly CustomField[];
  /** The currency of amounts (a deal's at the time of the entry); "EUR" when absent. */
  currency?: string;
}

/**
 * The action as read: "angelegt", or for an import "importiert aus 1leads" / "importiert aus Kunden.xlsx" (the
 * entry's source: a lead source, or the file a user imported).
 */
export function actionText(t: TFunction, action: string, source = ''): string {
  return isHistoryAction(action) ? t(`history.actions.${action}`, { source }) : action;
}

const customLabel = (context: HistoryContext) => (id: string) =>
  context.customFields.find((field) => field.id === id)?.label;

export function fieldLabel(change: FieldChange, context: HistoryContext): string {
  const { t } = context;
  if (change.field.startsWith('custom.') && change.label !== '') return change.label;
  const spec = historyFieldSpec(context.recordType, change.field);
  // A field the table does not know (custom, or named by an older server) goes by the label the errors use too.
  return spec ? t(spec.label) : lineStart(serverFieldLabel(t, change.field, customLabel(context)));
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
  const spec = historyFieldSpec(context.recordType, change.field);
  return spec
    ? spec.format(value, {
        ...context,
        currency: context.currency === undefined || context.currency === '' ? 'EUR' : context.currency,
      })
    : value;
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

/** Whether an entry is an activity's (planned, done, reopened, deleted): it reads as one sentence. */
export function isActivityEntry(entry: Pick<HistoryEntry, 'action'>): boolean {
  return entry.action.startsWith('activity_');
}

/**
 * An activity's entry as one sentence in pieces: "Aktivität geplant: Anruf „Angebot nachfassen“ für 31.01.2027,
 * 10:00", the title's place kept for the placeholder when the reader may not see the activity.
 */
export function activityParts(
  t: TFunction,
  entry: Pick<HistoryEntry, 'action' | 'changes'>,
  context: HistoryContext,
): ChangePart[] {
  const change = (field: string) => entry.changes.find((candidate) => candidate.field === field);
  const title = change('activity');
  const type = change('activityType');
  const due = change('activityDue');
  const line = t('history.activity', {
    action: actionText(t, entry.action),
    type: type ? formatValue(type, type.new, context) : '',
    title: title?.newHidden ? HIDDEN_MARK.new : (title?.new ?? ''),
    due: due ? formatValue(due, due.new, context) : '',
  });
  const parts: ChangePart[] = [];
  line.split(HIDDEN_MARK.new).forEach((text, i) => {
    if (i > 0) parts.push({ hidden: 'new' });
    if (text !== '') parts.push({ text });
  });
  return parts;
}

/**
 * The currency of each entry's amounts (newest first, as the history lists them): the deal's currency as the
 * entries set it up to then, so that "Wert: 12.345,67 €" keeps the currency the amount was in.
 */
export function entryCurrencies(entries: readonly Pick<HistoryEntry, 'changes'>[]): string[] {
  const out = new Array<string>(entries.length);
  let current = '';
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const set = entries[i]?.changes.find((change) => change.field === 'currency')?.new;
    if (set) current = set;
    out[i] = current;
  }
  // Entries older than the first one that names it (a history cut at its limit) take the first currency known.
  const first = out.find((currency) => currency !== '') ?? '';
  return out.map((currency) => currency || first);
}
