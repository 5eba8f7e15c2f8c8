import {
  Autocomplete,
  createTheme,
  DEFAULT_THEME,
  Menu,
  MultiSelect,
  Select,
  TableScrollContainer,
  TagsInput,
  type CSSVariablesResolver,
} from '@mantine/core';
import { readableOn } from './lib/contrast';

/**
 * Luminance above which a filled colour gets black text instead of white: at 0.179 both reach 4.58:1, so every
 * filled button and badge, in any palette colour, has text of at least 4.5:1 (WCAG 2.1 AA).
 */
const LUMINANCE_THRESHOLD = 0.179;

/** A combobox input whose listbox scrolls (see the theme's Select); Mantine's default height of the options. */
const COMBOBOX_LISTBOX_SCROLLS = {
  defaultProps: { withScrollArea: false },
  styles: { options: { maxHeight: 220, overflowY: 'auto' as const } },
};

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8: white on the primary colour reaches 5.7:1 (Mantine's default shade 6 has 4.3:1, below AA).
  primaryShade: 8,
  autoContrast: true,
  luminanceThreshold: LUMINANCE_THRESHOLD,
  defaultRadius: 'md',
  // People who asked their system for less motion get no modal and menu animations.
  respectReducedMotion: true,
  fontFamily:
    'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  components: {
    // A menu holds menu items only (ARIA): no focus placeholder element of its own; an opened menu focuses its
    // first item, as the ARIA menu pattern has it.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
    // A table that scrolls can be scrolled by keyboard too, also when it has no link or button to tab to.
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
    // The options of a combobox scroll when they are many. The keyboard moves through them from the input (arrow
    // keys, aria-activedescendant), so the list needs no tab stop of its own, which would close it; the scrolling
    // element must then be the listbox the input controls (a combobox popup), not a scroll area inside it. So the
    // listbox itself scrolls.
    Select: Select.extend(COMBOBOX_LISTBOX_SCROLLS),
    MultiSelect: MultiSelect.extend(COMBOBOX_LISTBOX_SCROLLS),
    Autocomplete: Autocomplete.extend(COMBOBOX_LISTBOX_SCROLLS),
    TagsInput: TagsInput.extend(COMBOBOX_LISTBOX_SCROLLS),
  },
});

const colors = DEFAULT_THEME.colors;
const white = DEFAULT_THEME.white;
/** The backgrounds text stands on in the light scheme: cards, the page (gray 0), striped rows and grey badges. */
export const PAGE_BACKGROUNDS = [white, colors.gray[0], colors.gray[1]] as const;

/**
 * The text colours of the light scheme, each darkened just enough to reach 4.5:1 on the backgrounds it stands on:
 * dimmed (secondary) text, error texts, coloured text (c="red"), the text of light, subtle and outline variants.
 * Mantine's defaults (grey 6 for dimmed, shade 9 on shade 1 for light badges, the filled shade for coloured text)
 * fall below 4.5:1 for grey, red, teal, green, orange, yellow and lime.
 */
export function lightTextColors(): Record<string, string> {
  const variables: Record<string, string> = {
    '--mantine-color-dimmed': readableOn(colors.gray[6], [...PAGE_BACKGROUNDS, colors.indigo[0], colors.gray[2]]),
    '--mantine-color-error': readableOn(colors.red[6], PAGE_BACKGROUNDS),
  };
  for (const [name, shades] of Object.entries(colors)) {
    if (name === 'dark') continue;
    variables[`--mantine-color-${name}-text`] = readableOn(shades[8], PAGE_BACKGROUNDS);
    variables[`--mantine-color-${name}-outline`] = readableOn(shades[8], PAGE_BACKGROUNDS);
    variables[`--mantine-color-${name}-light-color`] = readableOn(shades[9], [
      ...PAGE_BACKGROUNDS,
      shades[1],
      shades[2],
    ]);
  }
  return variables;
}

/** Mantine's CSS variables with the readable text colours of lightTextColors (the app has the light scheme only). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: lightTextColors(),
  dark: {},
});
