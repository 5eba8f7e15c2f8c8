import type { TFunction } from 'i18next';
import { errorText, fieldErrorTexts } from '../../i18n/errorText';

/** The digits of a TOTP code as typed (apps show "123 456"), or null when it is not 6 digits. */
export function totpCode(value: string): string | null {
  const digits = value.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** A recovery code as typed is 10 letters and digits, with or without its hyphen. */
export function isRecoveryCode(value: string): boolean {
  return value.replace(/[\s-]+/g, '').length === 10;
}

/**
 * Applies a rejected code to a form: field errors next to their fields (the code field takes "code"), the rest
 * as the form's own error, returned for the caller to show.
 */
export function codeErrors(
  t: TFunction,
  reason: unknown,
  setFieldError: (field: string, text: string) => void,
  field: string,
): string | null {
  const texts = fieldErrorTexts(t, reason);
  const own = texts[field] ?? texts.code ?? texts.recoveryCode;
  if (own !== undefined) {
    setFieldError(field, own);
    return null;
  }
  return errorText(t, reason);
}
