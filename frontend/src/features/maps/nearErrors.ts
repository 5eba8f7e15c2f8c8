import type { TFunction } from 'i18next';
import { parseError } from '../../api';
import { fieldErrorText } from '../../i18n/errorText';

/** The translated field errors of the nearby condition in a rejected list query. */
export function nearErrorTexts(t: TFunction, error: unknown): string[] {
  if (!error) return [];
  const fields = parseError(error).fields;
  return Object.entries(fields)
    .filter(([field]) => field === 'near' || field.startsWith('near.'))
    .map(([field, code]) => fieldErrorText(t, field, code));
}
