import dayjs from 'dayjs';
import 'dayjs/locale/de';
import 'dayjs/locale/en-gb';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { activitiesDe } from './activities.de';
import { mapsDe } from './maps.de';
import { importsDe } from './imports.de';
import { intakeDe } from './intake.de';
import { notificationsDe } from './notifications.de';
import { liveDe } from './live.de';
import { salesDe } from './sales.de';
import { presenceDe } from './presence.de';
import { documentsDe } from './documents.de';
import { exportsDe } from './exports.de';
import { opsDe } from './ops.de';
import { supportDe } from './support.de';
import { ssoDe } from './sso.de';
import { twoFactorDe } from './twofactor.de';
import { inviteDe } from './invite.de';
import { activitiesEn } from './activities.en';
import { mapsEn } from './maps.en';
import { importsEn } from './imports.en';
import { intakeEn } from './intake.en';
import { notificationsEn } from './notifications.en';
import { liveEn } from './live.en';
import { salesEn } from './sales.en';
import { presenceEn } from './presence.en';
import { documentsEn } from './documents.en';
import { exportsEn } from './exports.en';
import { opsEn } from './ops.en';
import { supportEn } from './support.en';
import { ssoEn } from './sso.en';
import { twoFactorEn } from './twofactor.en';
import { inviteEn } from './invite.en';
import { coreDe } from './core.de';
import { settingsDe } from './settings.de';
import { recordsDe } from './records.de';
import { contactsDe } from './contacts.de';
import { codesDe } from './codes.de';
import { coreEn } from './core.en';
import { settingsEn } from './settings.en';
import { recordsEn } from './records.en';
import { contactsEn } from './contacts.en';
import { codesEn } from './codes.en';
import type { Shape } from './shape';

/**
 * German texts: the default language and the reference for every other language's keys. Each feature keeps its
 * texts in <feature>.de.ts and <feature>.en.ts; this is the one place that puts them together.
 */
export const de = {
  ...salesDe,
  ...intakeDe,
  ...notificationsDe,
  ...liveDe,
  ...activitiesDe,
  ...presenceDe,
  ...mapsDe,
  ...importsDe,
  ...documentsDe,
  ...exportsDe,
  ...opsDe,
  ...supportDe,
  ...ssoDe,
  ...twoFactorDe,
  ...inviteDe,
  ...coreDe,
  ...settingsDe,
  ...recordsDe,
  ...contactsDe,
  ...codesDe,
} as const;

/** The shape every language must have: the same keys as German, any text. */
export type Messages = Shape<typeof de>;

/** English texts: the same keys as German (checked by the type and by a test). */
export const en: Messages = {
  ...salesEn,
  ...intakeEn,
  ...notificationsEn,
  ...liveEn,
  ...activitiesEn,
  ...presenceEn,
  ...mapsEn,
  ...importsEn,
  ...documentsEn,
  ...exportsEn,
  ...opsEn,
  ...supportEn,
  ...ssoEn,
  ...twoFactorEn,
  ...inviteEn,
  ...coreEn,
  ...settingsEn,
  ...recordsEn,
  ...contactsEn,
  ...codesEn,
};

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'de';

export const resources = {
  de: { translation: de },
  en: { translation: en },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** BCP 47 locale used for dates and numbers of each UI language. */
export const LOCALES: Record<Language, string> = {
  de: 'de-DE',
  en: 'en-GB',
};

export const DAYJS_LOCALES: Record<Language, string> = {
  de: 'de',
  en: 'en-gb',
};

/** The language the UI currently shows. */
export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}

function applyLanguage(language: Language): void {
  dayjs.locale(DAYJS_LOCALES[language]);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language;
  }
}

/** Switches the UI language (texts, dates, numbers). Unknown values fall back to German. */
export async function changeLanguage(language: string): Promise<Language> {
  const next = isLanguage(language) ? language : DEFAULT_LANGUAGE;
  await i18n.changeLanguage(next);
  applyLanguage(next);
  return next;
}

void i18n.use(initReactI18next).init({
  resources,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
applyLanguage(DEFAULT_LANGUAGE);

export { i18n };
