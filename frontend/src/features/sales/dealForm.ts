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
  /**
   * The deal links a person (organisation) the user may not see, and the user has not replaced it: the form shows
   * the placeholder, sends nothing for it and keeps the link. Replacing it gives the picker back, empty.
   */
  personHidden: boolean;
  organizationHidden: boolean;
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
    personHidden: deal?.personHidden ?? false,
    organizationHidden: deal?.organizationHidden ?? false,
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
  // A hidden link has no ID here: kept, it is not sent (the server keeps it); replaced, the new choice is sent even
  // when it is "" (the user removed the link on purpose).
  const hiddenFlag = { personId: 'personHidden', organizationId: 'organizationHidden' } as const;
  for (const key of keys) {
    const hidden = key === 'personId' || key === 'organizationId' ? hiddenFlag[key] : undefined;
    if (hidden !== undefined && values[hidden]) continue;
    if (body[key] !== deal[key] || (hidden !== undefined && deal[hidden])) patch[key] = body[key];
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
  // A kept hidden link counts: the deal has that person (organisation), the user just may not see it.
  const hasPerson = values.personId !== '' || values.personHidden;
  const hasOrganization = values.organizationId !== '' || values.organizationHidden;
  if (!hasPerson && !hasOrganization) {
    errors.organizationId = t('deals.validation.contactRequired');
    errors.personId = t('deals.validation.contactRequired');
  }
  if (values.pipelineId === '') errors.pipelineId = t('deals.validation.pipelineRequired');
  if (values.ownerId === '') errors.ownerId = t('records.validation.ownerRequired');
  Object.assign(errors, customErrorTexts(t, fields, values.custom, separators));
  return errors;
}
