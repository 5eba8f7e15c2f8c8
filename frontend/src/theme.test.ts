import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrastRatio, darken, MIN_TEXT_CONTRAST, readableOn, relativeLuminance } from './lib/contrast';
import { cssVariablesResolver, PAGE_BACKGROUNDS, theme } from './theme';

const merged = mergeMantineTheme(DEFAULT_THEME, theme);
const light: Record<string, string> = cssVariablesResolver(merged).light;
const shade = typeof merged.primaryShade === 'number' ? merged.primaryShade : merged.primaryShade.light;

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // Mantine's default dimmed grey on white, as axe-core measured it.
    expect(contrastRatio('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
    expect(contrastRatio('#ffffff', '#4c6ef5')).toBeCloseTo(4.32, 2);
    expect(darken('#808080', 1)).toBe('#000000');
    expect(readableOn('#868e96', ['#ffffff'])).not.toBe('#868e96');
  });
});

describe('theme contrast (light scheme, WCAG 2.1 AA: 4.5:1)', () => {
  it('white text on the primary colour', () => {
    const primary = merged.colors[merged.primaryColor]?.[shade] ?? '';
    expect(contrastRatio('#ffffff', primary)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });

  it('the text Mantine puts on every filled colour (white or black by the luminance threshold)', () => {
    for (const [name, shades] of Object.entries(merged.colors)) {
      const background = shades[shade];
      const text = relativeLuminance(background) > merged.luminanceThreshold ? '#000000' : '#ffffff';
      expect(contrastRatio(text, background), `${text} on ${name} ${background}`).toBeGreaterThanOrEqual(
        MIN_TEXT_CONTRAST,
      );
    }
  });

  it('dimmed and error text on the page, card and row backgrounds', () => {
    for (const variable of ['--mantine-color-dimmed', '--mantine-color-error']) {
      const color = light[variable];
      expect(color, variable).toMatch(/^#[0-9a-f]{6}$/);
      for (const background of PAGE_BACKGROUNDS) {
        expect(contrastRatio(color ?? '', background), `${variable} ${color} on ${background}`).toBeGreaterThanOrEqual(
          MIN_TEXT_CONTRAST,
        );
      }
    }
  });

  it('coloured text, outline and light variants of every palette colour', () => {
    for (const [name, shades] of Object.entries(merged.colors)) {
      if (name === 'dark') continue;
      const text = light[`--mantine-color-${name}-text`] ?? '';
      const outline = light[`--mantine-color-${name}-outline`] ?? '';
      const lightColor = light[`--mantine-color-${name}-light-color`] ?? '';
      for (const background of PAGE_BACKGROUNDS) {
        expect(contrastRatio(text, background), `${name} text on ${background}`).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(outline, background), `${name} outline on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
      // A light badge or button: its text on its own light background (shade 1), and on hover (shade 2).
      for (const background of [shades[1], shades[2]]) {
        expect(contrastRatio(lightColor, background), `${name} light on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it("Mantine's defaults fail where the theme fixes them (the test can fail)", () => {
    expect(contrastRatio(DEFAULT_THEME.colors.gray[6], '#ffffff')).toBeLessThan(MIN_TEXT_CONTRAST);
    expect(contrastRatio(DEFAULT_THEME.colors.teal[9], DEFAULT_THEME.colors.teal[1])).toBeLessThan(MIN_TEXT_CONTRAST);
  });
});
