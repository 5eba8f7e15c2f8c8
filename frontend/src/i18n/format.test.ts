import { describe, expect, it } from 'vitest';
import { formatters, splitBytes } from './format';

describe('splitBytes', () => {
  it('reads plan sizes as whole gigabytes whether they were set in binary or decimal units', () => {
    expect(splitBytes(53_687_091_200)).toEqual({ value: 50, unit: 'gigabyte' });
    expect(splitBytes(50_000_000_000)).toEqual({ value: 50, unit: 'gigabyte' });
    expect(splitBytes(1_073_741_824)).toEqual({ value: 1, unit: 'gigabyte' });
  });

  it('keeps small and odd sizes readable', () => {
    expect(splitBytes(512)).toEqual({ value: 512, unit: 'byte' });
    expect(splitBytes(1_500_000)).toEqual({ value: 1.5, unit: 'megabyte' });
  });
});

/** Intl separates number and unit with a no-break space. */
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('formatters', () => {
  it('formats with the locale of the UI language', () => {
    const german = formatters('de');
    const english = formatters('en');

    expect(plain(german.bytes(53_687_091_200))).toBe('50 GB');
    expect(plain(english.bytes(53_687_091_200))).toBe('50 GB');
    expect(german.number(1234567)).toBe('1.234.567');
    expect(english.number(1234567)).toBe('1,234,567');
    expect(german.date('2026-03-01T10:00:00Z')).toBe('01.03.2026');
  });
});
