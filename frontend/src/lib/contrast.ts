/**
 * Colour contrast as WCAG 2.1 defines it (relative luminance, contrast ratio), for the theme's text colours: normal
 * text needs 4.5:1 against its background (success criterion 1.4.3, level AA).
 */

/** The least contrast of normal text against its background at level AA. */
export const MIN_TEXT_CONTRAST = 4.5;

function channels(hex: string): [number, number, number] {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(hex);
  const value = short
    ? `${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`
    : /^#([0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!value) throw new Error(`contrast: not a #rgb or #rrggbb colour: ${hex}`);
  return [0, 2, 4].map((start) => parseInt(value.slice(start, start + 2), 16)) as [number, number, number];
}

/** The relative luminance of an sRGB colour (#rrggbb or #rgb), 0 for black to 1 for white. */
export function relativeLuminance(hex: string): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = channels(hex);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast ratio of two colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The colour mixed with black by amount (0 keeps it, 1 is black), as #rrggbb. */
export function darken(hex: string, amount: number): string {
  return `#${channels(hex)
    .map((channel) =>
      Math.round(channel * (1 - amount))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The colour, darkened just enough to reach 4.5:1 against each of the backgrounds. */
export function readableOn(hex: string, backgrounds: readonly string[]): string {
  for (let amount = 0; amount < 1; amount += 0.02) {
    const candidate = darken(hex, amount);
    if (backgrounds.every((background) => contrastRatio(candidate, background) >= MIN_TEXT_CONTRAST)) return candidate;
  }
  return '#000000';
}
