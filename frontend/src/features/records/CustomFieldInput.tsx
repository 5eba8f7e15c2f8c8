import { NumberInput, Select, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../api';
import { useFormatters } from '../../i18n/format';
import { customFieldKind, numberSeparators, type CustomFormValue } from './customValues';

interface CustomFieldInputProps {
  field: CustomField;
  value: CustomFormValue;
  onChange: (value: CustomFormValue) => void;
  error?: React.ReactNode;
  onFocus?: () => void;
  onBlur?: () => void;
}

/**
 * The input for one custom field: numbers with the locale's decimal comma (held as a number), yes/no as a select
 * (so that "not answered" stays possible), text as a growing text area. Required fields carry the asterisk.
 */
export function CustomFieldInput({ field, value, onChange, error, onFocus, onBlur }: CustomFieldInputProps) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const common = {
    label: field.label,
    withAsterisk: field.required,
    error,
    onFocus,
    onBlur,
    'data-testid': `custom-field-${field.id}`,
  };
  const kind = customFieldKind(field);
  if (kind === 'number') {
    const { decimal, group } = numberSeparators(locale);
    return (
      <NumberInput
        {...common}
        value={value}
        onChange={onChange}
        decimalSeparator={decimal}
        thousandSeparator={group}
        allowedDecimalSeparators={[decimal, '.'].filter((separator) => separator !== group)}
        hideControls
      />
    );
  }
  if (kind === 'bool') {
    return (
      <Select
        {...common}
        value={value === '' ? null : String(value)}
        onChange={(next) => {
          onChange(next ?? '');
        }}
        data={[
          { value: 'true', label: t('common.yes') },
          { value: 'false', label: t('common.no') },
        ]}
        clearable={!field.required}
        placeholder={t('records.custom.notAnswered')}
      />
    );
  }
  return (
    <Textarea
      {...common}
      value={String(value)}
      onChange={(event) => {
        onChange(event.currentTarget.value);
      }}
      autosize
      minRows={1}
      maxRows={6}
    />
  );
}
