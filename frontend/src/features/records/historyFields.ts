/**
 * How the history of each record kind reads: for every field its history can name (HISTORY_FIELDS_BY_TYPE,
 * generated from api.HistoryFields, which the backend also records by) the label and the format of its values,
 * the way the rest of the UI shows them: "12.345,67 €", "31.01.2027", "Offen → Verloren", countries and
 * salutations in words. One table per kind; the history timeline of every kind reads through it.
 */
import type { ParseKeys, TFunction } from 'i18next';
import { isContactKind, isSalutation, type HISTORY_FIELDS_BY_TYPE } from '../../api';
import { i18n } from '../../i18n';
import { formatMoney } from '../sales/money';

export interface FormatContext {
  t: TFunction;
  locale: string;
  countryName: (code: string) => string;
  /** The currency of the amounts of the entry (a deal's currency then); "EUR" when none is known. */
  currency: string;
}

/** A stored value ("" never reaches it) as the UI shows it. */
export type Formatter = (value: string, context: FormatContext) => string;

export interface HistoryFieldSpec {
  label: ParseKeys;
  format: Formatter;
}

export type HistoryKind = keyof typeof HISTORY_FIELDS_BY_TYPE;
type FieldsOf<K extends HistoryKind> = (typeof HISTORY_FIELDS_BY_TYPE)[K][number];

/** A key built at run time, checked with exists() first; the typed t() cannot see it. */
function dynamic(t: TFunction, key: string): string | undefined {
  return i18n.exists(key) ? (t as unknown as (key: string) => string)(key) : undefined;
}

const text: Formatter = (value) => value;

const salutation: Formatter = (value, { t }) => (isSalutation(value) ? t(`persons.salutations.${value}`) : value);

const country: Formatter = (value, { countryName }) => countryName(value);

/** "a@b.de (work), c@d.de (mobile)" with the kinds translated. */
const contactPoints: Formatter = (value, { t }) =>
  value.replace(/\((\w+)\)/g, (whole, kind: string) =>
    isContactKind(kind) ? `(${t(`contactKinds.${kind}`)})` : whole,
  );

/** A deal's or lead's status as its badge says it. */
const status: Formatter = (value, { t }) => dynamic(t, `sales.statuses.${value}`) ?? value;

/** An amount with the entry's currency: "12.345,67 €". */
const money: Formatter = (value, { locale, currency }) =>
  /^-?\d+(\.\d{1,2})?$/.test(value) ? formatMoney(value, currency, locale) : value;

/** A day (YYYY-MM-DD) as the date pickers show it: "31.01.2027". */
const day: Formatter = (value, { locale }) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
};

/** A time (RFC 3339) as the activity list shows it: "31.01.2027, 10:00". */
const dateTime: Formatter = (value, { locale }) => {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
};

const spec = (label: ParseKeys, format: Formatter = text): HistoryFieldSpec => ({ label, format });

const address = {
  'address.street': spec('fieldLabels.address.street'),
  'address.postalCode': spec('fieldLabels.address.postalCode'),
  'address.city': spec('fieldLabels.address.city'),
  'address.country': spec('fieldLabels.address.country', country),
};

/** What every kind's history names: notes, documents, activities. */
const mechanisms = {
  note: spec('fieldLabels.note'),
  document: spec('fieldLabels.document'),
  activity: spec('fieldLabels.activity'),
  activityType: spec('fieldLabels.activityType'),
  activityDue: spec('fieldLabels.activityDue', dateTime),
};

/** Pipelines, stages, statuses and losses of deals and leads. */
const pipelined = {
  pipeline: spec('fieldLabels.pipeline'),
  stage: spec('fieldLabels.stage'),
  status: spec('fieldLabels.status', status),
  lostReason: spec('fieldLabels.lostReason'),
  lostComment: spec('fieldLabels.lostComment'),
};

/** Links are named by the server as the reader may see them; owners, pipelines, stages by their names then. */
const links = {
  owner: spec('fieldLabels.owner'),
  person: spec('fieldLabels.person'),
  organization: spec('fieldLabels.organization'),
  role: spec('fieldLabels.role'),
};

export const HISTORY_FIELD_TABLE: { [K in HistoryKind]: Record<FieldsOf<K>, HistoryFieldSpec> } = {
  person: {
    salutation: spec('fieldLabels.salutation', salutation),
    title: spec('fieldLabels.title'),
    firstName: spec('fieldLabels.firstName'),
    lastName: spec('fieldLabels.lastName'),
    jobTitle: spec('fieldLabels.jobTitle'),
    emails: spec('fieldLabels.emails._', contactPoints),
    phones: spec('fieldLabels.phones._', contactPoints),
    ...address,
    owner: links.owner,
    organization: links.organization,
    role: links.role,
    ...mechanisms,
  },
  organization: {
    name: spec('fieldLabels.name'),
    ...address,
    phone: spec('fieldLabels.phone'),
    email: spec('fieldLabels.email'),
    website: spec('fieldLabels.website'),
    industry: spec('fieldLabels.industry'),
    owner: links.owner,
    person: links.person,
    role: links.role,
    ...mechanisms,
  },
  deal: {
    title: spec('fieldLabels.title'),
    value: spec('fieldLabels.value', money),
    currency: spec('fieldLabels.currency'),
    expectedCloseDate: spec('fieldLabels.expectedCloseDate', day),
    person: links.person,
    organization: links.organization,
    ...pipelined,
    owner: links.owner,
    ...mechanisms,
  },
  lead: {
    title: spec('fieldLabels.title'),
    personName: spec('fieldLabels.personName'),
    company: spec('fieldLabels.company'),
    email: spec('fieldLabels.email'),
    phone: spec('fieldLabels.phone'),
    ...address,
    source: spec('fieldLabels.source'),
    ...pipelined,
    owner: links.owner,
    person: links.person,
    organization: links.organization,
    deal: spec('fieldLabels.deal'),
    details: spec('fieldLabels.details'),
    ...mechanisms,
  },
};

/** The spec of a field of a kind's history; undefined for one the table does not know (custom, or older). */
export function historyFieldSpec(kind: HistoryKind, field: string): HistoryFieldSpec | undefined {
  const table: Readonly<Record<string, HistoryFieldSpec>> = HISTORY_FIELD_TABLE[kind];
  return Object.hasOwn(table, field) ? table[field] : undefined;
}
