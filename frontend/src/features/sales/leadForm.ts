/** The lead form's values, its checks, and the create and patch bodies built from it. */
import type { TFunction } from 'i18next';
import type { CustomField, Lead, LeadCreate, LeadPatch } from '../../api';
import {
  addressValues,
  customErrorTexts,
  isEmail,
  sameAddress,
  trimAddress,
  type AddressValues,
} from '../contacts/contactForm';
import {
  customChanges,
  customCreateValues,
  customFormValues,
  type CustomFormValues,
  type NumberSeparators,
} from '../records/customValues';

export interface LeadValues {
  title: string;
  personName: string;
  company: string;
  email: string;
  phone: string;
  address: AddressValues;
  source: string;
  ownerId: string;
  pipelineId: string;
  stageId: string;
  custom: CustomFormValues;
}

export function leadValues(
  lead: Lead | undefined,
  fields: readonly CustomField[],
  defaults: { ownerId: string; pipelineId: string; stageId: string },
): LeadValues {
  return {
    title: lead?.title ?? '',
    personName: lead?.personName ?? '',
    company: lead?.company ?? '',
    email: lead?.email ?? '',
    phone: lead?.phone ?? '',
    address: addressValues(lead?.address),
    source: lead?.source ?? '',
    ownerId: lead?.ownerId ?? defaults.ownerId,
    pipelineId: lead?.pipelineId ?? defaults.pipelineId,
    stageId: lead?.stageId ?? defaults.stageId,
    custom: customFormValues(fields, lead?.custom),
  };
}

export function leadCreate(
  values: LeadValues,
  fields: readonly CustomField[],
  separators?: NumberSeparators,
): LeadCreate {
  return {
    title: values.title.trim(),
    personName: values.personName.trim(),
    company: values.company.trim(),
    email: values.email.trim(),
    phone: values.phone.trim(),
    address: trimAddress(values.address),
    source: values.source.trim(),
    ownerId: values.ownerId,
    pipelineId: values.pipelineId,
    stageId: values.stageId,
    custom: customCreateValues(fields, values.custom, separators),
  };
}

export function leadPatch(
  values: LeadValues,
  lead: Lead,
  fields: readonly CustomField[],
  separators?: NumberSeparators,
): LeadPatch {
  const body = leadCreate(values, fields, separators);
  const patch: LeadPatch = {};
  const keys = [
    'title',
    'personName',
    'company',
    'email',
    'phone',
    'source',
    'ownerId',
    'pipelineId',
    'stageId',
  ] as const;
  for (const key of keys) {
    if (body[key] !== lead[key]) patch[key] = body[key];
  }
  if (patch.pipelineId !== undefined) patch.stageId = body.stageId;
  if (!sameAddress(body.address, lead.address)) patch.address = body.address;
  const custom = customChanges(fields, values.custom, lead.custom, separators);
  if (Object.keys(custom).length > 0) patch.custom = custom;
  return patch;
}

export function validateLead(
  values: LeadValues,
  fields: readonly CustomField[],
  t: TFunction,
  separators?: NumberSeparators,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.title.trim() === '') errors.title = t('leads.validation.titleRequired');
  if (values.email.trim() !== '' && !isEmail(values.email)) errors.email = t('records.validation.email');
  if (values.pipelineId === '') errors.pipelineId = t('leads.validation.pipelineRequired');
  if (values.ownerId === '') errors.ownerId = t('records.validation.ownerRequired');
  Object.assign(errors, customErrorTexts(t, fields, values.custom, separators));
  return errors;
}
