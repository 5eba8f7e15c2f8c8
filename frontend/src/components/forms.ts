import type { TFunction } from 'i18next';
import { parseError } from '../api/errors';
import { fieldErrorTexts } from '../i18n/errorText';
import type { Notify } from './notify';

/** The part of a Mantine form that server errors are written into. */
interface ErrorTarget {
  values: object;
  setErrors: (errors: Record<string, string>) => void;
}

/**
 * Puts a rejected call's field errors next to the form's fields and reports the rest as a notification. The form's
 * values stay as they are, so nothing typed is lost.
 */
export function showFormError(form: ErrorTarget, reason: unknown, t: TFunction, notify: Notify): void {
  const error = parseError(reason);
  const texts = fieldErrorTexts(t, error);
  const own: Record<string, string> = {};
  let foreign = false;
  for (const [field, text] of Object.entries(texts)) {
    if (field in form.values) {
      own[field] = text;
    } else {
      foreign = true;
    }
  }
  if (Object.keys(own).length > 0) {
    form.setErrors(own);
  }
  if (Object.keys(own).length === 0 || foreign) {
    notify.error(error);
  }
}
