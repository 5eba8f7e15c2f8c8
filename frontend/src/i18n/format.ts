import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LOCALES, DEFAULT_LANGUAGE } from '.';

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
type ByteUnit = (typeof BYTE_UNITS)[number];

/**
 * Splits a byte count into a value and a unit for display. Storage sizes are set as whole binary (1 GB = 2^30 bytes)
 * or decimal (1 GB = 10^9 bytes) units; whichever base gives a whole number in the larger unit is used, so that a
 * plan's 53,687,091,200 bytes read "50 GB" rather than "53.7 GB".
 */
export function splitBytes(bytes: number): { value: number; unit: ByteUnit } {
  const scaled = (base: number) => {
    let value = bytes;
    let index = 0;
    while (index < BYTE_UNITS.length - 1 && Math.abs(value) >= base) {
      value /= base;
      index += 1;
    }
    return { value, index };
  };
  const decimal = scaled(1000);
  const binary = scaled(1024);
  const whole = [decimal, binary].filter((candidate) => Number.isInteger(candidate.value));
  const chosen = whole.reduce(
    (best, candidate) => (candidate.index > best.index ? candidate : best),
    whole[0] ?? decimal,
  );
  return { value: chosen.value, unit: BYTE_UNITS[chosen.index] ?? 'byte' };
}

export interface Formatters {
  locale: string;
  number: (value: number) => string;
  bytes: (bytes: number) => string;
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
}

export function formatters(language: string): Formatters {
  const locale = LOCALES[isLanguage(language) ? language : DEFAULT_LANGUAGE];
  const numberFormat = new Intl.NumberFormat(locale);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    locale,
    number: (value) => numberFormat.format(value),
    bytes: (bytes) => {
      const { value, unit } = splitBytes(bytes);
      return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
    },
    date: (iso) => dateFormat.format(new Date(iso)),
    dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
  };
}

/** Formatters for the current UI language. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? DEFAULT_LANGUAGE;
  return useMemo(() => formatters(language), [language]);
}
