import type { TFunction } from 'i18next';
import { isKnownErrorCode, isKnownFieldCode, parseError } from '../api/errors';
import { i18n } from '.';

const HTTP_STATUS_CODE = /^http\.status_(\d{3})$/;

/** The translated, user-facing text for any error a call rejected with. */
export function errorText(t: TFunction, reason: unknown): string {
  const error = parseError(reason);
  if (isKnownErrorCode(error.code)) {
    return t(`errors.${error.code}`);
  }
  const status = HTTP_STATUS_CODE.exec(error.code)?.[1];
  if (status !== undefined) {
    return t('errors.httpStatus', { status });
  }
  if (error.status >= 500) {
    return t('errors.internal');
  }
  return t('errors.withCode', { code: error.code });
}

/**
 * The key of a server field name below fields.specific: list indexes are dropped, custom fields share one entry and
 * a lead conversion's parts read as the create routes' fields ("emails[1].value" -> "emails.value", "custom.<id>" ->
 * "custom", "organization.custom.<id>" -> "custom").
 */
export function specificFieldKey(field: string): string {
  return field
    .replace(/^(person|organization|deal)\./, '')
    .replace(/\[\d+\]/g, '')
    .replace(/^custom\..+$/, 'custom');
}

/** The translated text for one field's error code, preferring a field-specific text where there is one. */
export function fieldErrorText(t: TFunction, field: string, code: string): string {
  const specific = `fields.specific.${specificFieldKey(field)}.${code}`;
  if (i18n.exists(specific)) {
    // The key is built at run time and checked with exists(); the typed t() cannot see it.
    return (t as unknown as (key: string) => string)(specific);
  }
  if (isKnownFieldCode(code)) {
    return t(`fields.${code}`);
  }
  return t('fields.fallback', { code });
}

/** All field errors of a rejection, translated, keyed by field name (for form.setErrors). */
export function fieldErrorTexts(t: TFunction, reason: unknown): Record<string, string> {
  const error = parseError(reason);
  const texts: Record<string, string> = {};
  for (const [field, code] of Object.entries(error.fields)) {
    texts[field] = fieldErrorText(t, field, code);
  }
  return texts;
}
