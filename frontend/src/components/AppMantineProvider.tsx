import { CloseButton, MantineProvider, mergeThemeOverrides } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cssVariablesResolver, theme } from '../theme';

/**
 * Mantine with the app's theme and its readable colours, and the defaults that need the UI's language: every close
 * button (of a dialog, a drawer, a notification) is named "Schließen" unless it has a name of its own.
 */
export function AppMantineProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const localized = useMemo(() => {
    // CloseButton's props type lists no aria attributes; the component passes them on to its button.
    const named: Record<string, string> = { 'aria-label': t('common.close') };
    return mergeThemeOverrides(theme, { components: { CloseButton: CloseButton.extend({ defaultProps: named }) } });
  }, [t]);
  return (
    <MantineProvider theme={localized} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}
