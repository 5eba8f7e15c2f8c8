import { CloseButton, MantineProvider, mergeThemeOverrides } from '@mantine/core';
import { DateInput, DateTimePicker, type CalendarAriaLabels } from '@mantine/dates';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cssVariablesResolver, theme } from '../theme';
import '../theme.css';

/**
 * Mantine with the app's theme and its readable colours, and the defaults that need the UI's language or that every
 * screen should have: every close button (of a dialog, a drawer, a notification) is named "Schließen" unless it has
 * a name of its own; the date pickers' previous and next buttons are named (the month and year buttons by their visible text).
 */
export function AppMantineProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const localized = useMemo(() => {
    // CloseButton's props type lists no ARIA attributes; it passes them on to its button.
    const named: Record<string, string> = { 'aria-label': t('common.close') };
    const ariaLabels: CalendarAriaLabels = {
      previousMonth: t('datePicker.previousMonth'),
      nextMonth: t('datePicker.nextMonth'),
      previousYear: t('datePicker.previousYear'),
      nextYear: t('datePicker.nextYear'),
      previousDecade: t('datePicker.previousDecade'),
      nextDecade: t('datePicker.nextDecade'),
    };
    return mergeThemeOverrides(theme, {
      components: {
        CloseButton: CloseButton.extend({ defaultProps: named }),
        DateInput: DateInput.extend({ defaultProps: { ariaLabels } }),
        DateTimePicker: DateTimePicker.extend({ defaultProps: { ariaLabels } }),
      },
    });
  }, [t]);
  return (
    <MantineProvider theme={localized} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}
