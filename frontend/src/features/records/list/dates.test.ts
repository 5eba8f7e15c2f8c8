import { describe, expect, it } from 'vitest';
import { parseDate } from './dates';

describe('parseDate', () => {
  it('reads German and ISO dates as calendar days', () => {
    expect(parseDate('27.11.2026')).toBe('2026-11-27');
    expect(parseDate('1.2.2026')).toBe('2026-02-01');
    expect(parseDate('01.02.26')).toBe('2026-02-01');
    expect(parseDate(' 2026-11-27 ')).toBe('2026-11-27');
  });

  it('refuses days that do not exist and other text', () => {
    expect(parseDate('31.02.2026')).toBeNull();
    expect(parseDate('2026-13-01')).toBeNull();
    expect(parseDate('morgen')).toBeNull();
    expect(parseDate('')).toBeNull();
  });
});
