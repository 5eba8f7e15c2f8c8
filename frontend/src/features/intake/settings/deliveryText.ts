import type { TFunction } from 'i18next';
import type { IntakeItemResult } from '../../../api';
import { i18n } from '../../../i18n';
import { fieldErrorText } from '../../../i18n/errorText';

/** "E-Mail: Dieser Wert ist ungültig." for each rejected field of a lead. */
export function rejectedFields(t: TFunction, fields: Readonly<Record<string, string>> | null | undefined): string[] {
  return Object.entries(fields ?? {}).map(([field, code]) => `${field}: ${fieldErrorText(t, field, code)}`);
}

/** The error code of a refused delivery, translated where the UI knows it. */
export function deliveryCodeText(t: TFunction, code: string): string {
  const key = `errors.${code}`;
  return code !== '' && i18n.exists(key) ? (t as unknown as (key: string) => string)(key) : code;
}

/** "Lead 2 (1L-4711): E-Mail: Dieser Wert ist ungültig." */
export function rejectionText(t: TFunction, item: IntakeItemResult): string {
  return t('intake.deliveries.rejection', {
    n: item.index + 1,
    id: item.externalId === '' ? '' : ` (${item.externalId})`,
    fields: rejectedFields(t, item.fields).join('; '),
  });
}
