/**
 * The lead source form: general settings, the mapping rows (source field -> lead field) and the ordered assignment
 * rules, their checks before saving, and the wire create and patch built from them.
 */
import {
  INTAKE_TARGETS,
  type AssignmentRule,
  type CustomField,
  type LeadSource,
  type LeadSourceCreate,
  type LeadSourcePatch,
  type SourceFieldMapping,
} from '../../../api';

export interface MappingRowState {
  /** A stable React key; rows have no ID of their own. */
  key: number;
  from: string;
  /** An IntakeTarget or "custom.<fieldId>"; "" until chosen. */
  to: string;
}

export type AssigneeKind = 'user' | 'unit';

export interface RuleRowState {
  key: number;
  postalFrom: string;
  postalTo: string;
  /** ISO codes. */
  countries: string[];
  assigneeKind: AssigneeKind;
  /** The user's or unit's ID; "" until chosen. */
  assigneeId: string;
}

export interface SourceFormState {
  name: string;
  active: boolean;
  pipelineId: string;
  stageId: string;
  fallbackOwnerId: string;
  /** "" (or 0): the server's default. */
  rateLimit: number | '';
  mapping: MappingRowState[];
  rules: RuleRowState[];
}

/** Form path -> what is wrong: "required", "duplicate", "postal" or a server field code. */
export type SourceFormErrors = Record<string, string>;

let counter = 0;
const nextKey = () => {
  counter += 1;
  return counter;
};

export function mappingRow(mapping?: SourceFieldMapping): MappingRowState {
  return { key: nextKey(), from: mapping?.from ?? '', to: mapping?.to ?? '' };
}

export function ruleRow(rule?: AssignmentRule): RuleRowState {
  const unit = rule !== undefined && rule.unitId !== '';
  return {
    key: nextKey(),
    postalFrom: rule?.postalFrom ?? '',
    postalTo: rule?.postalTo ?? '',
    countries: [...(rule?.countries ?? [])],
    assigneeKind: unit ? 'unit' : 'user',
    assigneeId: (unit ? rule.unitId : rule?.userId) ?? '',
  };
}

export function emptySourceForm(pipelineId = '', stageId = '', ownerId = ''): SourceFormState {
  return {
    name: '',
    active: true,
    pipelineId,
    stageId,
    fallbackOwnerId: ownerId,
    rateLimit: '',
    mapping: [],
    rules: [],
  };
}

export function fromSource(source: LeadSource): SourceFormState {
  return {
    name: source.name,
    active: source.active,
    pipelineId: source.pipelineId,
    stageId: source.stageId,
    fallbackOwnerId: source.fallbackOwnerId,
    rateLimit: source.rateLimit,
    // Go's nil lists arrive as null.
    mapping: ((source.mapping as SourceFieldMapping[] | null) ?? []).map((mapping) => mappingRow(mapping)),
    rules: ((source.rules as AssignmentRule[] | null) ?? []).map((rule) => ruleRow(rule)),
  };
}

/** The list without the row at index. */
export function removeAt<T>(rows: readonly T[], index: number): T[] {
  return rows.filter((_, at) => at !== index);
}

/** The list with the row at index replaced. */
export function replaceAt<T>(rows: readonly T[], index: number, row: T): T[] {
  return rows.map((candidate, at) => (at === index ? row : candidate));
}

/** The list with the row at index moved by delta places (-1 up, +1 down); unchanged at the ends. */
export function moveRow<T>(rows: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return [...rows];
  const out = [...rows];
  const [row] = out.splice(index, 1);
  if (row !== undefined) out.splice(to, 0, row);
  return out;
}

/** A rule with another kind of assignee: the chosen user or unit does not carry over. */
export function changeAssigneeKind(rule: RuleRowState, kind: AssigneeKind): RuleRowState {
  return kind === rule.assigneeKind ? rule : { ...rule, assigneeKind: kind, assigneeId: '' };
}

/**
 * The source field names as the server compares them: without regard to case, spaces, "-", "_" and umlaut
 * spelling ("E-Mail" = "email", "Straße" = "strasse").
 */
export function fieldKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[\s_-]/g, '');
}

const DIGITS = /^\d+$/;

/** What is wrong before saving. Keys are form paths: "name", "mapping.<i>.from", "rules.<i>.assigneeId", ... */
export function validateSource(state: SourceFormState): SourceFormErrors {
  const errors: SourceFormErrors = {};
  if (state.name.trim() === '') errors.name = 'required';
  if (state.pipelineId === '') errors.pipelineId = 'required';
  if (state.fallbackOwnerId === '') errors.fallbackOwnerId = 'required';
  const seen = new Set<string>();
  state.mapping.forEach((row, index) => {
    const key = fieldKey(row.from.trim());
    if (key === '') errors[`mapping.${index}.from`] = 'required';
    else if (seen.has(key)) errors[`mapping.${index}.from`] = 'duplicate';
    seen.add(key);
    if (row.to === '') errors[`mapping.${index}.to`] = 'required';
  });
  state.rules.forEach((rule, index) => {
    if (rule.assigneeId === '') errors[`rules.${index}.assigneeId`] = 'required';
    const from = rule.postalFrom.trim();
    const to = rule.postalTo.trim();
    const bad = (value: string) => value !== '' && !DIGITS.test(value);
    if (bad(from) || bad(to) || (from !== '' && to !== '' && (from.length !== to.length || to < from))) {
      errors[`rules.${index}.postalFrom`] = 'postal';
    }
  });
  return errors;
}

/**
 * The server's field errors as form paths: "mapping[0].from" -> "mapping.0.from", and a rule's assignee
 * ("rules[1].userId" or "unitId") -> "rules.1.assigneeId", where the form shows it.
 */
export function serverSourceErrors(fields: Readonly<Record<string, string>>): SourceFormErrors {
  const out: SourceFormErrors = {};
  for (const [field, code] of Object.entries(fields)) {
    const path = field.replace(/\[(\d+)\]/g, '.$1').replace(/^(rules\.\d+)\.(userId|unitId)$/, '$1.assigneeId');
    out[path] = code;
  }
  return out;
}

export function toMapping(rows: readonly MappingRowState[]): SourceFieldMapping[] {
  return rows.map((row) => ({ from: row.from.trim(), to: row.to }));
}

/** The wire rules; a bound left empty takes the other (a single PLZ area "80" is 80..80). */
export function toRules(rows: readonly RuleRowState[]): AssignmentRule[] {
  return rows.map((row) => {
    const from = row.postalFrom.trim();
    const to = row.postalTo.trim();
    return {
      postalFrom: from === '' ? to : from,
      postalTo: to === '' ? from : to,
      countries: row.countries,
      userId: row.assigneeKind === 'user' ? row.assigneeId : '',
      unitId: row.assigneeKind === 'unit' ? row.assigneeId : '',
      userName: '',
      unitName: '',
    };
  });
}

const rateLimit = (value: number | '') => (value === '' ? 0 : Math.max(0, Math.round(value)));

export function toCreate(state: SourceFormState): LeadSourceCreate {
  return {
    name: state.name.trim(),
    active: state.active,
    pipelineId: state.pipelineId,
    stageId: state.stageId,
    fallbackOwnerId: state.fallbackOwnerId,
    mapping: toMapping(state.mapping),
    rules: toRules(state.rules),
    rateLimit: rateLimit(state.rateLimit),
  };
}

/**
 * The patch with the parts of the form changed against the source it was filled from (a changed Mapping or Rules
 * replaces the whole list), so that someone else's change to the other parts stays.
 */
export function toPatch(state: SourceFormState, base: LeadSource): LeadSourcePatch {
  const now = toCreate(state);
  const was = toCreate(fromSource(base));
  const changed = (key: keyof LeadSourceCreate) => JSON.stringify(now[key]) !== JSON.stringify(was[key]);
  return {
    ...(changed('name') && { name: now.name }),
    ...(changed('active') && { active: now.active }),
    ...(changed('pipelineId') && { pipelineId: now.pipelineId }),
    ...(changed('stageId') && { stageId: now.stageId }),
    ...(changed('fallbackOwnerId') && { fallbackOwnerId: now.fallbackOwnerId }),
    ...(changed('mapping') && { mapping: now.mapping }),
    ...(changed('rules') && { rules: now.rules }),
    ...(changed('rateLimit') && { rateLimit: now.rateLimit }),
  };
}

/** The targets a mapping row offers: the standard ones, then the active lead custom fields as "custom.<id>". */
export function targetOptions(
  customFields: readonly CustomField[],
  label: (target: (typeof INTAKE_TARGETS)[number]) => string,
  groups: { standard: string; custom: string },
): { group: string; items: { value: string; label: string }[] }[] {
  const custom = customFields
    .filter((field) => !field.archived)
    .map((field) => ({ value: `custom.${field.id}`, label: field.label }));
  return [
    { group: groups.standard, items: INTAKE_TARGETS.map((target) => ({ value: target, label: label(target) })) },
    ...(custom.length > 0 ? [{ group: groups.custom, items: custom }] : []),
  ];
}
