import { notifications } from '@mantine/notifications';
import { QueryClientContext } from '@tanstack/react-query';
import { useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isKnownErrorCode, parseError } from '../api/errors';
import { cachedCustomFieldLabel } from '../features/records/keys';
import { errorText } from '../i18n/errorText';
import { namedFieldErrorText } from '../i18n/fieldLabels';

export interface Notify {
  success: (message: string) => void;
  /**
   * An error that belongs to no form field: its text, and each field error it carries named by the field's label
   * ("Kundennummer: Bitte füllen Sie dieses Feld aus."). message replaces the error's own text.
   */
  error: (reason: unknown, message?: string) => void;
}

/** Short-lived messages in the corner: confirmations, and errors that belong to no form field. */
export function useNotify(): Notify {
  const { t } = useTranslation();
  // Custom fields are named from the lists the app has loaded; without a query client (some tests) they are not.
  const client = useContext(QueryClientContext);
  return useMemo(
    () => ({
      success: (message) => {
        notifications.show({ color: 'teal', message, autoClose: 4000 });
      },
      error: (reason, message) => {
        const error = parseError(reason);
        const customLabel = cachedCustomFieldLabel(client);
        // A caller's own message has read the error already; otherwise the field errors are named one a line.
        const lines =
          message !== undefined
            ? [message]
            : [
                errorText(t, error),
                ...Object.entries(error.fields).map(([field, code]) =>
                  namedFieldErrorText(t, field, code, customLabel),
                ),
              ];
        // The request ID helps support with server faults; for expected answers (conflicts, validation) it is noise.
        const forSupport = error.requestId !== '' && (error.status >= 500 || !isKnownErrorCode(error.code));
        if (forSupport) lines.push(t('errors.requestId', { requestId: error.requestId }));
        notifications.show({
          color: 'red',
          title: t('errors.title'),
          message: lines.join('\n'),
          styles: { description: { whiteSpace: 'pre-line' } },
          autoClose: 8000,
        });
      },
    }),
    [t, client],
  );
}
