import type { ComboboxData } from '@mantine/core';
import type { TFunction } from 'i18next';
import { isImportTarget, type ImportColumn, type ImportField, type ImportJob } from '../../api';
import type { importsDe } from '../../i18n/imports.de';
import { IGNORE } from './mapping';

/** The keys of the targets' texts: the target with its dots as underscores (the key separator is a dot). */
type TargetKey = keyof typeof importsDe.imports.targets;

/**
 * A target as the user reads it: a standard target by its text ("Nachname", "Organisation: Ort"), a custom field by
 * its label (an organisation's marked as such in a person file), "nicht importieren".
 */
export function targetLabel(t: TFunction, target: string, field?: ImportField): string {
  if (target === IGNORE || target === '') return t('imports.mapping.ignore');
  if (field && field.label !== '') {
    return target.startsWith('organization.')
      ? t('imports.mapping.organizationField', { label: field.label })
      : field.label;
  }
  if (isImportTarget(target)) {
    // Every target has its text (texts.test.ts).
    return t(`imports.targets.${target.replace(/\./g, '_') as TargetKey}`);
  }
  return target;
}

/** "noch etwa 2 min 5 s": the time left of a running import. */
export function durationText(t: TFunction, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('imports.run.seconds', { s });
  if (s < 3600) return t('imports.run.minutes', { m: Math.floor(s / 60), s: s % 60 });
  return t('imports.run.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

/** A CSV delimiter as the user reads it. */
export function delimiterText(t: TFunction, delimiter: string): string {
  switch (delimiter) {
    case ',':
      return t('imports.file.delimiters.comma');
    case ';':
      return t('imports.file.delimiters.semicolon');
    case '\t':
      return t('imports.file.delimiters.tab');
    default:
      return delimiter;
  }
}

/** The delimiters a CSV file can have, as the read options name them. */
export const DELIMITERS = [',', ';', '\t'] as const;

/** The name of a column: its header, or "Spalte 3" for an empty header cell. */
export function columnName(t: TFunction, column: ImportColumn | undefined, index: number): string {
  return column?.header.trim() ? column.header : t('imports.mapping.unnamed', { n: index + 1 });
}

/** The targets as a select's groups, in the order the backend offers them: standard, custom, per record type. */
export function targetOptions(t: TFunction, fields: readonly ImportField[]): ComboboxData {
  const groups: { group: string; items: { value: string; label: string }[] }[] = [];
  for (const field of fields) {
    const custom = field.target.includes('custom.');
    const group = custom
      ? t(`imports.mapping.customGroups.${field.recordType}`)
      : t(`imports.mapping.groups.${field.recordType}`);
    let entry = groups.find((candidate) => candidate.group === group);
    if (!entry) {
      entry = { group, items: [] };
      groups.push(entry);
    }
    entry.items.push({ value: field.target, label: targetLabel(t, field.target, field) });
  }
  return [{ value: IGNORE, label: t('imports.mapping.ignore') }, ...groups];
}

/** The share of rows done, for a progress bar. */
export const progressPercent = (job: ImportJob) => (job.rows > 0 ? Math.min(100, (job.rowsDone / job.rows) * 100) : 0);
