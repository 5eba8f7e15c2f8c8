import { Card, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomValues, RecordType } from '../../api';
import { FieldList } from './FieldList';
import { useCustomFieldItems } from './useCustomFieldItems';

/** The card of a record's custom field values on its detail page; nothing while the record has none to show. */
export function CustomFieldsCard({ recordType, custom }: { recordType: RecordType; custom: CustomValues | undefined }) {
  const { t } = useTranslation();
  const items = useCustomFieldItems(recordType, custom);
  if (items.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="lg" data-testid={`${recordType}-custom-fields`}>
      <Title order={3} size="h4" mb="md">
        {t('records.custom.title')}
      </Title>
      <FieldList items={items} />
    </Card>
  );
}
