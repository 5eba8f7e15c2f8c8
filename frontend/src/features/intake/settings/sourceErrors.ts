import type { TFunction } from 'i18next';
import { fieldErrorText } from '../../../i18n/errorText';
import type { SourceFormErrors } from './sourceForm';

/** The text of a form error: the form's own checks, or a server field code. */
export function sourceErrorText(t: TFunction, path: string, code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  switch (code) {
    case 'required':
      if (path === 'name') return t('intake.form.nameRequired');
      if (path === 'pipelineId') return t('intake.form.pipelineRequired');
      if (path === 'fallbackOwnerId') return t('intake.form.ownerRequired');
      if (path.endsWith('.from')) return t('intake.mapping.fromRequired');
      if (path.endsWith('.to')) return t('intake.mapping.toRequired');
      if (path.endsWith('.assigneeId')) return t('intake.rules.assigneeRequired');
      return t('fields.required');
    case 'duplicate':
      return t('intake.mapping.duplicateFrom');
    case 'postal':
      return t('intake.rules.postalInvalid');
    default:
      return fieldErrorText(t, path.split('.').pop() ?? path, code);
  }
}

/** All errors as texts by form path. */
export function sourceErrorTexts(t: TFunction, errors: SourceFormErrors): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(errors).map(([path, code]) => [path, sourceErrorText(t, path, code)]));
}
