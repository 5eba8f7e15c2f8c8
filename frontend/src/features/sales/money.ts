/**
 * Money as the wire carries it (a decimal with two places, "1234.56") and as people type and read it
 * ("1.234,56", "1.234,56 €"). Amounts are handled in whole cents so that sums do not drift.
 */

/** The amount of a wire decimal in cents; null when it is not one. */
export function toCents(value: string): number | null {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' ? -cents : cents;
}

/** The wire decimal of an amount in cents: 123456 -> "1234.56". */
export function fromCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export interface MoneySeparators {
  group: string;
  decimal: string;
}

export function moneySeparators(locale: string): MoneySeparators {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    group: parts.find((part) => part.type === 'group')?.value ?? '.',
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? ',',
  };
}

const GERMAN: MoneySeparators = { group: '.', decimal: ',' };

/**
 * The wire decimal of a typed amount: "1.234,56" -> "1234.56", "1234,5" -> "1234.50", "" -> "0.00". Group
 * separators must sit between groups of three digits; more than two decimals or anything else gives null.
 */
export function parseMoneyInput(text: string, separators: MoneySeparators = GERMAN): string | null {
  const trimmed = text.replace(/\s|\u00a0|€/g, '');
  if (trimmed === '') return '0.00';
  const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const group = escape(separators.group);
  const decimal = escape(separators.decimal);
  const pattern = new RegExp(`^(-?)(\\d{1,3}(?:${group}\\d{3})+|\\d+)(?:${decimal}(\\d{1,2}))?$`);
  const match = pattern.exec(trimmed);
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const digits = whole.split(separators.group).join('');
  const cents = Number(digits) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return fromCents(sign === '-' ? -cents : cents);
}

/** A wire decimal as the form shows it: "1234.56" -> "1.234,56"; "" stays "". */
export function moneyInputText(value: string, locale: string): string {
  const cents = toCents(value);
  if (cents === null) return value;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}

/** A wire decimal as a currency amount: ("1234.56", "EUR", "de-DE") -> "1.234,56 €". */
export function formatMoney(value: string, currency: string, locale: string): string {
  const cents = toCents(value) ?? 0;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'EUR' }).format(cents / 100);
  } catch {
    // An unknown currency code: the number with the code after it.
    return `${moneyInputText(fromCents(cents), locale)} ${currency}`;
  }
}
