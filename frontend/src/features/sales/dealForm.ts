/** The deal form's values, its checks, and the create and patch bodies built from it. */
import type { TFunction } from 'i18next';
import type { CustomField, Deal, DealCreate, DealPatch } from '../../api';
import { customErrorTexts } from '../contacts/contactForm';
import {
  customChanges,
  customCreateValues,
  customFormValues,
  type CustomFormValues,
  type NumberSeparators,
} from '../records/customValues';
import { moneyInputText, parseMoneyInput, type MoneySeparators } from './money';

export interface DealValues {
  title: string;
  /** As typed: "1.234,56". */
  value: string;
  currency: string;
  ownerId: string;
  /** YYYY-MM-DD or "". */
  expectedCloseDate: string;
  personId: string;
  organizationId: string;
  pipelineId: string;
  stageId: string;
  custom: CustomFormValues;
}

export interface DealDefaults {
  ownerId: string;
  pipelineId: string;
  stageId?: string;
  personId?: string;
  organizationId?: string;
}

export function dealValues(
  deal: Deal | undefined,
  fields: readonly CustomField[],
  defaults: DealDefaults,
  locale: string,
): DealValues {
  return {
    title: deal?.title ?? '',
    value: deal ? moneyInputText(deal.value, locale) : '',
    currency: deal?.currency ?? 'EUR',
    ownerId: deal?.ownerId ?? defaults.ownerId,
    expectedCloseDate: deal?.expectedCloseDate ?? '',
    personId: deal?.personId ?? defaults.personId ?? '',
    organizationId: deal?.organizationId ?? defaults.organizationId ?? '',
    pipelineId: deal?.pipelineId ?? defaults.pipelineId,
    stageId: deal?.stageId ?? defaults.stageId ?? '',
    custom: customFormValues(fields, deal?.custom),
  };
}

export function dealCreate(
  values: DealValues,
  fields: readonly CustomField[],
  money: MoneySeparators,
  separators?: NumberSeparators,
): DealCreate {
  return {
    title: values.title.trim(),
    value: parseMoneyInput(values.value, money) ?? '0.00',
    currency: values.currency.trim().toUpperCase(),
    ownerId: values.ownerId,
    expectedCloseDate: values.expectedCloseDate,
    personId: values.personId,
    organizationId: values.organizationId,
    pipelineId: values.pipelineId,
    stageId: values.stageId,
    custom: customCreateValues(fields, values.custom, separators),
  };
}

export function dealPatch(
  values: DealValues,
  deal: Deal,
  fields: readonly CustomField[],
  money: MoneySeparators,
  separators?: NumberSeparators,
): DealPatch {
  const body = dealCreate(values, fields, money, separators);
  const patch: DealPatch = {};
  const keys = [
    'title',
    'value',
    'currency',
    'ownerId',
    'expectedCloseDate',
    'personId',
    'organizationId',
    'pipelineId',
    'stageId',
  ] as const;
  for (const key of keys) {
    if (body[key] !== deal[key]) patch[key] = body[key];
  }
  // Moving to another pipeline needs its stage too.
  if (patch.pipelineId !== undefined) patch.stageId = body.stageId;
  const custom = customChanges(fields, values.custom, deal.custom, separators);
  if (Object.keys(custom).length > 0) patch.custom = custom;
  return patch;
}

export function validateDeal(
  values: DealValues,
  fields: readonly CustomField[],
  t: TFunction,
  money: MoneySeparators,
  separators?: NumberSeparators,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.title.trim() === '') errors.title = t('deals.validation.titleRequired');
  const value = parseMoneyInput(values.value, money);
  if (value === null) errors.value = t('deals.validation.valueInvalid');
  else if (value.startsWith('-')) errors.value = t('deals.validation.valueNegative');
  if (!/^[A-Za-z]{3}$/.test(values.currency.trim())) errors.currency = t('deals.validation.currencyInvalid');
  if (values.personId === '' && values.organizationId === '') {
    errors.organizationId = t('deals.validation.contactRequired');
    errors.personId = t('deals.validation.contactRequired');
  }
  if (values.pipelineId === '') errors.pipelineId = t('deals.validation.pipelineRequired');
  if (values.ownerId === '') errors.ownerId = t('records.validation.ownerRequired');
  Object.assign(errors, customErrorTexts(t, fields, values.custom, separators));
  return errors;
}
