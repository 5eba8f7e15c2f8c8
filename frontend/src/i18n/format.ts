import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LOCALES, DEFAULT_LANGUAGE, type Language } from '.';

/** Byte units as Windows Explorer shows them; each one is 1024 times the one before. */
const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
type ByteUnit = (typeof BYTE_UNITS)[number];

/** How the smallest unit reads in each language ("820 Byte", "820 bytes"); the others read alike. */
const BYTE_WORD: Record<Language, { one: string; other: string }> = {
  de: { one: 'Byte', other: 'Byte' },
  en: { one: 'byte', other: 'bytes' },
};

/**
 * Splits a byte count into a value and a unit for display, in binary units: 1 KB = 1024 bytes, 1 MB = 1024 KB,
 * 1 GB = 1024 MB, the way Windows Explorer counts and labels them, and the way the plans are set (the 50 GB plan
 * is 50 × 2^30 bytes). Document sizes, the storage usage and the plan's limit all go through this one function, so
 * "1,2 GB von 50 GB" compares like with like. Values below 100 keep one decimal, larger ones none; a value that
 * rounds up to 1024 moves to the next unit ("1 MB", not "1.024 KB").
 */
export function splitBytes(bytes: number): { value: number; unit: ByteUnit } {
  let value = Math.max(0, bytes);
  let index = 0;
  const rounded = (v: number) => (v < 100 ? Math.round(v * 10) / 10 : Math.round(v));
  while (index < BYTE_UNITS.length - 1 && (index === 0 ? value : rounded(value)) >= 1024) {
    value /= 1024;
    index += 1;
  }
  return { value: index === 0 ? Math.round(value) : rounded(value), unit: BYTE_UNITS[index] ?? 'B' };
}

/** A byte count for display in the locale's digits: "1,4 MB", "820 KB", "512 Byte" (see splitBytes for the units). */
export function formatBytes(bytes: number, language: string): string {
  const lang = isLanguage(language) ? language : DEFAULT_LANGUAGE;
  const { value, unit } = splitBytes(bytes);
  const number = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(value);
  if (unit !== 'B') return `${number}\u00a0${unit}`;
  const word = BYTE_WORD[lang];
  return `${number}\u00a0${value === 1 ? word.one : word.other}`;
}

export interface Formatters {
  locale: string;
  number: (value: number) => string;
  bytes: (bytes: number) => string;
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
  time: (iso: string) => string;
  /** How long ago (or until) iso is from now: "jetzt", "vor 5 Minuten", "gestern"; the date after a week. */
  relative: (iso: string, now?: Date) => string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatters(language: string): Formatters {
  const locale = LOCALES[isLanguage(language) ? language : DEFAULT_LANGUAGE];
  const numberFormat = new Intl.NumberFormat(locale);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    locale,
    number: (value) => numberFormat.format(value),
    bytes: (bytes) => formatBytes(bytes, language),
    date: (iso) => dateFormat.format(new Date(iso)),
    dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
    time: (iso) => timeFormat.format(new Date(iso)),
    relative: (iso, now = new Date()) => {
      const ms = new Date(iso).getTime() - now.getTime();
      const size = Math.abs(ms);
      if (size < MINUTE) return relativeFormat.format(0, 'second');
      if (size < HOUR) return relativeFormat.format(Math.round(ms / MINUTE), 'minute');
      if (size < DAY) return relativeFormat.format(Math.round(ms / HOUR), 'hour');
      if (size < 7 * DAY) return relativeFormat.format(Math.round(ms / DAY), 'day');
      return dateFormat.format(new Date(iso));
    },
  };
}

/** Formatters for the current UI language. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? DEFAULT_LANGUAGE;
  return useMemo(() => formatters(language), [language]);
}
