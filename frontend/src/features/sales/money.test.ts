import { describe, expect, it } from 'vitest';
import { formatMoney, fromCents, moneyInputText, moneySeparators, parseMoneyInput, toCents } from './money';

const nbsp = (text: string) => text.replace(/\u00a0|\u202f/g, ' ');

describe('money', () => {
  it('reads German input as the wire decimal', () => {
    expect(parseMoneyInput('1.234,56')).toBe('1234.56');
    expect(parseMoneyInput('1234,5')).toBe('1234.50');
    expect(parseMoneyInput('1234')).toBe('1234.00');
    expect(parseMoneyInput(' 12.000 € ')).toBe('12000.00');
    expect(parseMoneyInput('1.234.567,89')).toBe('1234567.89');
    expect(parseMoneyInput('')).toBe('0.00');
    expect(parseMoneyInput('0,05')).toBe('0.05');
  });

  it('rejects what is not an amount', () => {
    expect(parseMoneyInput('12,345')).toBeNull();
    expect(parseMoneyInput('1.23,4')).toBeNull();
    expect(parseMoneyInput('abc')).toBeNull();
    expect(parseMoneyInput('1,2,3')).toBeNull();
  });

  it('reads English input with English separators', () => {
    expect(parseMoneyInput('1,234.56', moneySeparators('en-GB'))).toBe('1234.56');
  });

  it('converts between cents and wire decimals without drift', () => {
    expect(toCents('1234.56')).toBe(123456);
    expect(toCents('0.1')).toBe(10);
    expect(toCents('x')).toBeNull();
    expect(fromCents(123456)).toBe('1234.56');
    expect(fromCents(5)).toBe('0.05');
    expect(fromCents(-250)).toBe('-2.50');
  });

  it('formats amounts the German way', () => {
    expect(nbsp(formatMoney('1234.56', 'EUR', 'de-DE'))).toBe('1.234,56 €');
    expect(nbsp(formatMoney('0.00', 'EUR', 'de-DE'))).toBe('0,00 €');
    expect(moneyInputText('1234.5', 'de-DE')).toBe('1.234,50');
  });
});
