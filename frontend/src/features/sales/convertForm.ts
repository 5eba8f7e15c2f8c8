/**
 * The custom fields a lead conversion asks for: the required fields of each record it creates (person,
 * organisation, deal), prefilled from the lead through the lead mapping (Settings › Lead-Zuordnung) as the server
 * fills them, so that a required field never stops a conversion without a way on.
 */
import type { CustomField, CustomValues, FieldMapping, Lead } from '../../api';

/** The parts of a conversion that create records with custom fields; also the prefixes of their server errors. */
export const CONVERT_PARTS = ['person', 'organization', 'deal'] as const;
export type ConvertPart = (typeof CONVERT_PARTS)[number];

/** A lead field as the mapping names it ("company", "custom.<id>") as text, as the server reads it. */
function leadValue(lead: Lead, field: string): string {
  if (field.startsWith('custom.')) return lead.custom[field.slice('custom.'.length)] ?? '';
  switch (field) {
    case 'title':
      return lead.title;
    case 'personName':
      return lead.personName;
    case 'company':
      return lead.company;
    case 'email':
      return lead.email;
    case 'phone':
      return lead.phone;
    case 'source':
      return lead.source;
    default:
      return '';
  }
}

/** The fields a new record of a part must have filled: its active required custom fields, in their order. */
export function requiredFields(fields: readonly CustomField[]): CustomField[] {
  return fields.filter((field) => field.required && !field.archived);
}

/** The values the mapping gives the custom fields of a new person or organisation (deals have no mapping). */
export function mappedCustomValues(
  lead: Lead,
  mapping: readonly FieldMapping[],
  part: ConvertPart,
  fields: readonly CustomField[],
): CustomValues {
  const out: CustomValues = {};
  for (const item of mapping) {
    if (item.target !== part || !item.targetField.startsWith('custom.')) continue;
    const id = item.targetField.slice('custom.'.length);
    const value = leadValue(lead, item.leadField).trim();
    if (value !== '' && fields.some((field) => field.id === id)) out[id] = value;
  }
  return out;
}

/** The part a server field error belongs to and its name within that part's record ("custom.<id>"). */
export function splitPart(field: string): { part: ConvertPart; field: string } | undefined {
  const [head, ...rest] = field.split('.');
  const part = CONVERT_PARTS.find((candidate) => candidate === head);
  return part && rest.length > 0 ? { part, field: rest.join('.') } : undefined;
}
