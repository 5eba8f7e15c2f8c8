import type { TFunction } from 'i18next';
import { ApiError, parseError } from '../api/errors';
import { fieldErrorText } from '../i18n/errorText';
import type { Notify } from './notify';

/** The part of a Mantine form that server errors are written into. */
interface ErrorTarget {
  values: object;
  setErrors: (errors: Record<string, string>) => void;
}

/**
 * The form path of a server field name: list indexes become path segments, as Mantine's form writes them
 * ("emails[1].value" -> "emails.1.value").
 */
export function formPath(serverField: string): string {
  return serverField.replace(/\[(\d+)\]/g, '.$1');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Whether a form holds a field at a (dotted) path. */
export function hasPath(values: object, path: string): boolean {
  let current: unknown = values;
  for (const segment of path.split('.')) {
    if (!isObject(current) || !(segment in current)) {
      return false;
    }
    current = current[segment];
  }
  return true;
}

/**
 * Splits server field errors into the form's own (keyed by form path, translated) and those the form has no field
 * for (foreignFields, the server's names and codes; foreign their number). mapField can redirect a server field to
 * another form path (or to none, with undefined).
 */
export function formErrors(
  fields: Readonly<Record<string, string>>,
  values: object,
  text: (field: string, code: string) => string,
  mapField: (path: string) => string | undefined = (path) => path,
): { own: Record<string, string>; foreign: number; foreignFields: Record<string, string> } {
  const own: Record<string, string> = {};
  const foreignFields: Record<string, string> = {};
  for (const [field, code] of Object.entries(fields)) {
    const path = mapField(formPath(field));
    if (path !== undefined && hasPath(values, path)) {
      own[path] = text(field, code);
    } else {
      foreignFields[field] = code;
    }
  }
  return { own, foreign: Object.keys(foreignFields).length, foreignFields };
}

/** The error with only some of its field errors (those a notification is to name). */
export function withFields(error: ApiError, fields: Readonly<Record<string, string>>): ApiError {
  const { status, code, message, requestId } = error;
  return new ApiError({ status, code, message, requestId, fields });
}

/**
 * Puts a rejected call's field errors next to the form's fields and reports the rest as a notification. The form's
 * values stay as they are, so nothing typed is lost.
 */
export function showFormError(
  form: ErrorTarget,
  reason: unknown,
  t: TFunction,
  notify: Notify,
  mapField?: (path: string) => string | undefined,
): void {
  const error = parseError(reason);
  const { own, foreign, foreignFields } = formErrors(
    error.fields,
    form.values,
    (field, code) => fieldErrorText(t, field, code),
    mapField,
  );
  if (Object.keys(own).length > 0) {
    form.setErrors(own);
  }
  // The notification names the fields the form does not show, by their labels.
  if (Object.keys(own).length === 0 || foreign > 0) {
    notify.error(withFields(error, foreignFields));
  }
}

/**
 * After a failed check, brings the first field with an error into view and focus (long forms scroll inside their
 * dialog). Pass it as the failure handler of form.onSubmit.
 */
export function focusFirstError(
  _errors: unknown,
  _values: unknown,
  event: { currentTarget: unknown } | undefined,
): void {
  const form = event?.currentTarget;
  if (!(form instanceof HTMLFormElement)) {
    return;
  }
  // The error state is rendered after this handler; look once it is.
  requestAnimationFrame(() => {
    const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  });
}
