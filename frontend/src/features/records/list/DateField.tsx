import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { parseDate } from './dates';

/** A calendar day as YYYY-MM-DD (what queries take), typed as "27.11.2026" or picked. */
export function DateField({
  value,
  onChange,
  ...props
}: Omit<DateInputProps, 'value' | 'onChange'> & { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <DateInput
      value={value === '' ? null : value}
      onChange={(next) => {
        onChange(next ?? '');
      }}
      valueFormat="DD.MM.YYYY"
      dateParser={parseDate}
      placeholder={t('records.filter.datePlaceholder')}
      clearable
      {...props}
    />
  );
}
