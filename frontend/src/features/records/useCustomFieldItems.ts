import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomValues, RecordType } from '../../api';
import { useFormatters } from '../../i18n/format';
import { customFieldKind, formatCustomValue } from './customValues';
import type { FieldItem } from './FieldList';
import { useCustomFields } from './hooks';

/** A record's custom values for a FieldList: every active field in order, formatted ("1.234,5", "ja"). */
export function useCustomFieldItems(recordType: RecordType, custom: CustomValues | undefined): FieldItem[] {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const { fields } = useCustomFields(recordType);
  return useMemo(
    () =>
      fields.map((field) => ({
        label: field.label,
        value: formatCustomValue(customFieldKind(field), custom?.[field.id], {
          locale,
          yes: t('common.yes'),
          no: t('common.no'),
        }),
        wide: customFieldKind(field) === 'text',
        testId: `custom-value-${field.id}`,
      })),
    [fields, custom, locale, t],
  );
}
