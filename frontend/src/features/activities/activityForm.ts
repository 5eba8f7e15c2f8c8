/** The activity form's values, its checks, and the create and patch bodies built from it. */
import type { TFunction } from 'i18next';
import {
  ACTIVITY_LINK_TYPES,
  type Activity,
  type ActivityCreate,
  type ActivityLinkType,
  type ActivityPatch,
} from '../../api';
import { i18n } from '../../i18n';
import { fieldErrorText } from '../../i18n/errorText';

/** The longest activity the server takes: a week, in minutes. */
export const MAX_DURATION_MINUTES = 7 * 24 * 60;
export const DURATION_PRESETS = [15, 30, 60, 90] as const;

export interface ActivityValues {
  title: string;
  typeId: string;
  /** Local wall time as the date-time picker gives it, "YYYY-MM-DD HH:mm:ss"; "" for none. */
  dueAt: string;
  /** Minutes as typed ("" is none: a point in time). */
  durationMinutes: number | string;
  assigneeId: string;
  comment: string;
  personId: string;
  organizationId: string;
  dealId: string;
  leadId: string;
  /**
   * The activity links a record of that kind the user may not see, and the user has not replaced it: the form shows
   * the placeholder, sends nothing for it and keeps the link. Replacing it gives the picker back, empty.
   */
  personHidden: boolean;
  organizationHidden: boolean;
  dealHidden: boolean;
  leadHidden: boolean;
  done: boolean;
}

/** The records a new activity is linked to from the start (the page it is planned on), with their names. */
export type ActivityLinks = Partial<Record<`${ActivityLinkType}Id`, string>>;

const pad = (value: number) => String(value).padStart(2, '0');

/** "YYYY-MM-DD HH:mm:ss" of a local date. */
export function localDateTime(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** The instant (ISO, what the server takes) of a local wall time; "" for anything unreadable. */
export function instantOf(local: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!match) return '';
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part || 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(year, month - 1, day, hour, minute, second);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** A new activity's time: the next full hour. */
export function defaultDue(now: Date): string {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours() + 1, 0, 0);
  return localDateTime(next);
}

export function activityValues(
  activity: Activity | undefined,
  defaults: { typeId: string; assigneeId: string; now: Date; links?: ActivityLinks; due?: Date },
): ActivityValues {
  if (activity) {
    return {
      title: activity.title,
      typeId: activity.typeId,
      dueAt: localDateTime(new Date(activity.dueAt)),
      durationMinutes: activity.durationMinutes === 0 ? '' : activity.durationMinutes,
      assigneeId: activity.assigneeId,
      comment: activity.comment,
      personId: activity.personId,
      organizationId: activity.organizationId,
      dealId: activity.dealId,
      leadId: activity.leadId,
      personHidden: activity.personHidden,
      organizationHidden: activity.organizationHidden,
      dealHidden: activity.dealHidden,
      leadHidden: activity.leadHidden,
      done: activity.done,
    };
  }
  return {
    title: '',
    typeId: defaults.typeId,
    dueAt: defaults.due ? localDateTime(defaults.due) : defaultDue(defaults.now),
    durationMinutes: 30,
    assigneeId: defaults.assigneeId,
    comment: '',
    personId: defaults.links?.personId ?? '',
    organizationId: defaults.links?.organizationId ?? '',
    dealId: defaults.links?.dealId ?? '',
    leadId: defaults.links?.leadId ?? '',
    personHidden: false,
    organizationHidden: false,
    dealHidden: false,
    leadHidden: false,
    done: false,
  };
}

/** The duration in minutes, or null when it is not a whole number in range. */
export function durationOf(value: number | string): number | null {
  if (value === '') return 0;
  const number = typeof value === 'number' ? value : Number(value.replace(',', '.'));
  return Number.isInteger(number) && number >= 0 && number <= MAX_DURATION_MINUTES ? number : null;
}

/** The checks before sending; the server checks again (and knows more, e.g. which records the caller may see). */
export function validateActivity(values: ActivityValues, t: TFunction): Partial<Record<keyof ActivityValues, string>> {
  const errors: Partial<Record<keyof ActivityValues, string>> = {};
  if (values.title.trim() === '') errors.title = t('activities.validation.titleRequired');
  else if (values.title.trim().length > 200) errors.title = t('activities.validation.titleTooLong');
  if (values.typeId === '') errors.typeId = t('activities.validation.typeRequired');
  if (instantOf(values.dueAt) === '') errors.dueAt = t('activities.validation.dueRequired');
  if (durationOf(values.durationMinutes) === null) {
    errors.durationMinutes = t('activities.validation.durationRange', { max: MAX_DURATION_MINUTES });
  }
  if (values.comment.length > 5000) errors.comment = t('activities.validation.commentTooLong');
  return errors;
}

export function activityCreate(values: ActivityValues): ActivityCreate {
  return {
    title: values.title.trim(),
    comment: values.comment.trim(),
    typeId: values.typeId,
    dueAt: instantOf(values.dueAt),
    durationMinutes: durationOf(values.durationMinutes) ?? 0,
    done: values.done,
    assigneeId: values.assigneeId,
    personId: values.personId,
    organizationId: values.organizationId,
    dealId: values.dealId,
    leadId: values.leadId,
  };
}

/**
 * Only what changed ("" removes a link); {} when nothing did. A hidden link has no ID here: kept, it is not sent (the
 * server keeps it); replaced, the new choice is sent even when it is "" (the user removed the link on purpose).
 */
export function activityPatch(values: ActivityValues, activity: Activity): ActivityPatch {
  const next = activityCreate(values);
  const patch: ActivityPatch = {};
  if (next.title !== activity.title) patch.title = next.title;
  if (next.comment !== activity.comment) patch.comment = next.comment;
  if (next.typeId !== activity.typeId) patch.typeId = next.typeId;
  if (new Date(next.dueAt).getTime() !== new Date(activity.dueAt).getTime()) patch.dueAt = next.dueAt;
  if (next.durationMinutes !== activity.durationMinutes) patch.durationMinutes = next.durationMinutes;
  if (next.done !== activity.done) patch.done = next.done;
  if (next.assigneeId !== activity.assigneeId) patch.assigneeId = next.assigneeId;
  for (const link of ACTIVITY_LINK_TYPES) {
    const id = `${link}Id` as const;
    const hidden = `${link}Hidden` as const;
    if (values[hidden]) continue;
    if (activity[hidden] || next[id] !== activity[id]) patch[id] = next[id];
  }
  return patch;
}

/**
 * The text of a server field error on the activity form: the activity's own wording where there is one (a link to
 * a record the caller cannot see, a duration out of range), the general one otherwise.
 */
export function activityFieldError(t: TFunction, field: string, code: string): string {
  const own = `activities.fieldErrors.${field}.${code}`;
  if (i18n.exists(own)) {
    // Built at run time and checked with exists(); the typed t() cannot see it.
    return (t as unknown as (key: string) => string)(own);
  }
  return fieldErrorText(t, field, code);
}
