import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isKnownErrorCode, parseError } from '../api/errors';
import { errorText } from '../i18n/errorText';

export interface Notify {
  success: (message: string) => void;
  error: (reason: unknown, message?: string) => void;
}

/** Short-lived messages in the corner: confirmations, and errors that belong to no form field. */
export function useNotify(): Notify {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      success: (message) => {
        notifications.show({ color: 'teal', message, autoClose: 4000 });
      },
      error: (reason, message) => {
        const error = parseError(reason);
        const text = message ?? errorText(t, error);
        // The request ID helps support with server faults; for expected answers (conflicts, validation) it is noise.
        const forSupport = error.requestId !== '' && (error.status >= 500 || !isKnownErrorCode(error.code));
        notifications.show({
          color: 'red',
          title: t('errors.title'),
          message: forSupport ? `${text} ${t('errors.requestId', { requestId: error.requestId })}` : text,
          autoClose: 8000,
        });
      },
    }),
    [t],
  );
}
