/**
 * The one place where a field the server names (in an error's fields, or a history change) becomes words: its
 * label, never its key or an ID. Server field names are JSON paths ("lastName", "address.city", "emails[1].value",
 * "custom.<fieldId>", "moveTo.<stageId>"; a lead conversion's parts under "person.", "organization.", "deal.");
 * the labels are fieldLabels in the resources (fields.de.ts, fields.en.ts), custom fields go by their label.
 * frontend/src/lib/fieldPaths.json lists every path the server can send (generated from the route registry); the
 * test of this file checks that each has a label.
 */
import type { TFunction } from 'i18next';
import { i18n } from '.';
import { fieldErrorText } from './errorText';

/** The label of a custom field by its ID, or undefined when the UI does not know it. */
export type CustomLabel = (fieldId: string) => string | undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The parts of a lead's conversion, whose errors are those of the create routes below their name. */
const CONVERSION_PARTS = ['person', 'organization', 'deal'] as const;

/** Bodies that hold a list query below a name (a saved filter's query, a board's filter). */
const WRAPPERS = ['query', 'filter'];

/** The parts of a custom-field condition of a list query ("custom[0].op"), which are no custom field IDs. */
const CONDITION_PARTS = ['fieldId', 'op', 'value'];

/** The text at a key built at run time, or undefined (no such key, or a group of keys); typed t() cannot see it. */
function text(t: TFunction, key: string): string | undefined {
  if (!i18n.exists(key)) return undefined;
  const value: unknown = (t as unknown as (key: string, options: object) => unknown)(key, { returnObjects: true });
  return typeof value === 'string' ? value : undefined;
}

/** The label at a path of fieldLabels (segments), or undefined: a field with parts has its own label as "_". */
function labelAt(t: TFunction, segments: readonly string[]): string | undefined {
  if (segments.length === 0 || segments.some((segment) => !/^[A-Za-z]+$/.test(segment))) return undefined;
  const key = `fieldLabels.${segments.join('.')}`;
  return text(t, `${key}._`) ?? text(t, key);
}

/**
 * The label of a field the server names: "Nachname", "E-Mail-Adresse", a custom field's label ("Kundennummer"),
 * "Organisation – Kundennummer" for a part of a conversion; "ein eigenes Feld" for a custom field the UI does not
 * know and "ein Feld" for anything else it cannot name. Never the key or an ID.
 */
export function fieldLabel(t: TFunction, path: string, customLabel: CustomLabel = () => undefined): string {
  const segments = path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((segment) => segment !== '');
  const [head, ...rest] = segments;
  if (head !== undefined && rest.length > 0 && (CONVERSION_PARTS as readonly string[]).includes(head)) {
    return t('fields.part', {
      part: labelAt(t, [head]) ?? '',
      field: fieldLabel(t, rest.join('.'), customLabel),
    });
  }
  if (head !== undefined && rest.length > 0 && WRAPPERS.includes(head)) {
    return fieldLabel(t, rest.join('.'), customLabel);
  }
  if (head === 'custom' && rest.length === 1 && !CONDITION_PARTS.includes(rest[0] ?? '')) {
    return customLabel(rest[0] ?? '') ?? t('fieldLabels.custom.unknown');
  }
  // Map keys (a stage's ID in moveTo.<stageId>) name no field.
  const named = segments.filter((segment) => !UUID.test(segment));
  return labelAt(t, named) ?? labelAt(t, named.slice(-1)) ?? t('fieldLabels._');
}

/** A label that starts a line: "Ein Feld: …" (the fallbacks are written for the middle of a sentence). */
export function lineStart(label: string): string {
  return label.charAt(0).toLocaleUpperCase() + label.slice(1);
}

/** A field error where it is not next to its field: "Kundennummer: Bitte füllen Sie dieses Feld aus." */
export function namedFieldErrorText(t: TFunction, path: string, code: string, customLabel?: CustomLabel): string {
  return t('fields.named', { field: lineStart(fieldLabel(t, path, customLabel)), text: fieldErrorText(t, path, code) });
}
