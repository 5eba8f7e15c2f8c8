import { useMemo } from 'react';
import { useFormatters } from '../../i18n/format';

/** Date and time texts of activities in the UI language. */
export function useActivityDates() {
  const { locale } = useFormatters();
  return useMemo(() => {
    const due = new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    const day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' });
    const short = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' });
    return {
      due: (iso: string) => due.format(new Date(iso)),
      time: (iso: string) => time.format(new Date(iso)),
      /** A YYYY-MM-DD day's heading: "Montag, 23. November". */
      dayTitle: (key: string) => day.format(new Date(`${key}T12:00:00`)),
      /** A YYYY-MM-DD day: "23.11.2026". */
      day: (key: string) => short.format(new Date(`${key}T12:00:00`)),
    };
  }, [locale]);
}
