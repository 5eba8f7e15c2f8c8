import { describe, expect, it } from 'vitest';
import { formatBytes, formatters, splitBytes } from './format';

/** Intl and formatBytes separate number and unit with a no-break space. */
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('splitBytes', () => {
  it('counts in binary units, so the plans read as whole gigabytes', () => {
    expect(splitBytes(53_687_091_200)).toEqual({ value: 50, unit: 'GB' });
    expect(splitBytes(1_073_741_824)).toEqual({ value: 1, unit: 'GB' });
    expect(splitBytes(1024)).toEqual({ value: 1, unit: 'KB' });
  });

  it('keeps one decimal below 100 and none above', () => {
    expect(splitBytes(512)).toEqual({ value: 512, unit: 'B' });
    expect(splitBytes(1_468_006)).toEqual({ value: 1.4, unit: 'MB' });
    expect(splitBytes(839_680)).toEqual({ value: 820, unit: 'KB' });
    expect(splitBytes(12_900_000)).toEqual({ value: 12.3, unit: 'MB' });
  });

  it('moves to the next unit when rounding reaches 1024', () => {
    expect(splitBytes(1023)).toEqual({ value: 1023, unit: 'B' });
    expect(splitBytes(1_048_524)).toEqual({ value: 1, unit: 'MB' });
    expect(splitBytes(1024 ** 3 - 1)).toEqual({ value: 1, unit: 'GB' });
  });

  it('reads nothing as zero bytes', () => {
    expect(splitBytes(0)).toEqual({ value: 0, unit: 'B' });
    expect(splitBytes(-5)).toEqual({ value: 0, unit: 'B' });
  });
});

describe('formatBytes', () => {
  it('writes German sizes with a decimal comma and Windows units', () => {
    expect(plain(formatBytes(1_468_006, 'de'))).toBe('1,4 MB');
    expect(plain(formatBytes(839_680, 'de'))).toBe('820 KB');
    expect(plain(formatBytes(1_288_490_189, 'de'))).toBe('1,2 GB');
    expect(plain(formatBytes(53_687_091_200, 'de'))).toBe('50 GB');
    expect(plain(formatBytes(1500, 'de'))).toBe('1,5 KB');
    expect(plain(formatBytes(512, 'de'))).toBe('512 Byte');
    expect(plain(formatBytes(1, 'de'))).toBe('1 Byte');
  });

  it('writes English sizes with a decimal point', () => {
    expect(plain(formatBytes(1_468_006, 'en'))).toBe('1.4 MB');
    expect(plain(formatBytes(512, 'en'))).toBe('512 bytes');
    expect(plain(formatBytes(1, 'en'))).toBe('1 byte');
  });

  it('keeps number and unit together on one line', () => {
    expect(formatBytes(839_680, 'de')).toBe('820\u00a0KB');
  });

  it('falls back to German for a language it does not know', () => {
    expect(plain(formatBytes(1_468_006, 'fr'))).toBe('1,4 MB');
  });
});

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

describe('relative times', () => {
  const now = new Date('2026-12-08T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it('speaks of moments, minutes, hours and days in German and English', () => {
    const de = formatters('de');
    expect(de.relative(ago(20_000), now)).toBe('jetzt');
    expect(de.relative(ago(5 * 60_000), now)).toBe('vor 5 Minuten');
    expect(de.relative(ago(3 * 3_600_000), now)).toBe('vor 3 Stunden');
    expect(de.relative(ago(86_400_000), now)).toBe('gestern');
    expect(formatters('en').relative(ago(5 * 60_000), now)).toBe('5 minutes ago');
  });

  it('gives the date after a week', () => {
    expect(plain(formatters('de').relative(ago(10 * 86_400_000), now))).toBe('28.11.2026');
  });
});
