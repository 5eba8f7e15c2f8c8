/**
 * The mapping of an import file's columns as the wizard edits it: one choice per column of the file (the target and
 * the number and date formats the user confirmed), the problems the UI sees at once (two columns to one field, a
 * format missing) and the server's 422 fields put back next to their columns.
 */
import type {
  ImportAnalysis,
  ImportColumn,
  ImportDateFormat,
  ImportDuplicates,
  ImportField,
  ImportMapping,
  ImportNumberFormat,
  ImportSettings,
} from '../../api';
import { parseError } from '../../api';

/** What "nicht importieren" is on the wire. */
export const IGNORE = 'ignore';

/** One column of the file and what becomes of it. */
export interface ColumnChoice {
  column: number;
  /** A target of analysis.fields, or IGNORE. */
  target: string;
  number: ImportNumberFormat | '';
  date: ImportDateFormat | '';
}

/** The German forms, for a column whose values do not tell (only "12", say): the files this CRM sees most. */
const FALLBACK_NUMBER: ImportNumberFormat = 'de';
const FALLBACK_DATE: ImportDateFormat = 'dmy';

export function fieldOf(fields: readonly ImportField[], target: string): ImportField | undefined {
  return fields.find((field) => field.target === target);
}

/** The first value that is set ("" is not): formats are "" on the wire where there are none. */
function firstSet<T extends string>(...values: (T | '' | undefined)[]): T | '' {
  return values.find((value): value is T => value !== undefined && value !== '') ?? '';
}

/** The formats a column gets when it is mapped to field: the chosen ones, what the file showed, the German forms. */
function formatsFor(field: ImportField | undefined, column: ImportColumn | undefined, choice: ColumnChoice) {
  return {
    number: field?.kind === 'number' ? firstSet(choice.number, column?.number, FALLBACK_NUMBER) : choice.number,
    date: field?.kind === 'date' ? firstSet(choice.date, column?.date, FALLBACK_DATE) : choice.date,
  };
}

/** The choices the analysis suggests: its matched columns with their formats, the others not imported. */
export function initialChoices(analysis: ImportAnalysis): ColumnChoice[] {
  return analysis.columns.map((column) => {
    const suggested = analysis.suggested.columns.find((mapping) => mapping.column === column.index);
    const target = suggested?.target && fieldOf(analysis.fields, suggested.target) ? suggested.target : IGNORE;
    const choice: ColumnChoice = {
      column: column.index,
      target,
      number: suggested?.number ?? '',
      date: suggested?.date ?? '',
    };
    return { ...choice, ...formatsFor(fieldOf(analysis.fields, target), column, choice) };
  });
}

/** The choice of a column after the user picked target. */
export function choose(analysis: ImportAnalysis, choice: ColumnChoice, target: string): ColumnChoice {
  const next = { ...choice, target };
  const column = analysis.columns.find((candidate) => candidate.index === choice.column);
  return { ...next, ...formatsFor(fieldOf(analysis.fields, target), column, next) };
}

export const isMapped = (choice: ColumnChoice) => choice.target !== IGNORE && choice.target !== '';

/** The columns of every target that more than one column is mapped to, by target. */
export function duplicateTargets(choices: readonly ColumnChoice[]): Map<string, number[]> {
  const byTarget = new Map<string, number[]>();
  for (const choice of choices) {
    if (!isMapped(choice)) continue;
    byTarget.set(choice.target, [...(byTarget.get(choice.target) ?? []), choice.column]);
  }
  return new Map([...byTarget].filter(([, columns]) => columns.length > 1));
}

/** The mapping as the server takes it: every column of the file in order, so that columns[i] is column i. */
export function toMappings(fields: readonly ImportField[], choices: readonly ColumnChoice[]): ImportMapping[] {
  return choices.map((choice) => {
    const kind = fieldOf(fields, choice.target)?.kind;
    return {
      column: choice.column,
      target: isMapped(choice) ? choice.target : IGNORE,
      number: kind === 'number' ? choice.number : '',
      date: kind === 'date' ? choice.date : '',
    };
  });
}

export function toSettings(
  fields: readonly ImportField[],
  choices: readonly ColumnChoice[],
  duplicates: ImportDuplicates,
  ownerId: string,
): ImportSettings {
  return { columns: toMappings(fields, choices), duplicates, ownerId, pipelineId: '', stageId: '' };
}

/** The fields a duplicate rule can use: those that identify a record and are mapped. */
export function duplicateCandidates(fields: readonly ImportField[], choices: readonly ColumnChoice[]): ImportField[] {
  const mapped = new Set(choices.filter(isMapped).map((choice) => choice.target));
  return fields.filter((field) => field.duplicates && mapped.has(field.target));
}

/** The duplicate rule kept valid after the mapping changed: its field unmapped, no check. */
export function keepDuplicates(
  duplicates: ImportDuplicates,
  fields: readonly ImportField[],
  choices: readonly ColumnChoice[],
): ImportDuplicates {
  if (duplicates.target === '') return duplicates;
  const still = duplicateCandidates(fields, choices).some((field) => field.target === duplicates.target);
  return still ? duplicates : { ...duplicates, target: '' };
}

/** The server's complaints about the settings, sorted by where the wizard shows them. */
export interface SettingsErrors {
  /** By column index: "target", "number", "date", "column" with their field codes. */
  columns: Record<number, Partial<Record<'target' | 'number' | 'date' | 'column', string>>>;
  /** Targets that must be mapped and are not ("lastName": required, "custom.<id>": required, ...). */
  missing: Record<string, string>;
  /** The duplicate rule and the owner ("duplicates.target", "duplicates.action", "ownerId"). */
  rule: Record<string, string>;
}

const COLUMN_FIELD = /^columns\[(\d+)\]\.(target|number|date|column)$/;

/**
 * Sorts a rejection's fields. settings.columns[i] is column i (toMappings sends every column in order), so the
 * server's index is the column's.
 */
export function settingsErrors(reason: unknown, choices: readonly ColumnChoice[]): SettingsErrors {
  const out: SettingsErrors = { columns: {}, missing: {}, rule: {} };
  for (const [field, code] of Object.entries(parseError(reason).fields)) {
    const match = COLUMN_FIELD.exec(field);
    if (match) {
      const column = choices[Number(match[1])]?.column ?? Number(match[1]);
      const part = match[2] as 'target' | 'number' | 'date' | 'column';
      out.columns[column] = { ...out.columns[column], [part]: code };
    } else if (field.startsWith('duplicates.') || field === 'ownerId') {
      out.rule[field] = code;
    } else {
      out.missing[field] = code;
    }
  }
  return out;
}

export const hasSettingsErrors = (errors: SettingsErrors) =>
  Object.keys(errors.columns).length + Object.keys(errors.missing).length + Object.keys(errors.rule).length > 0;

export const NO_ERRORS: SettingsErrors = { columns: {}, missing: {}, rule: {} };
