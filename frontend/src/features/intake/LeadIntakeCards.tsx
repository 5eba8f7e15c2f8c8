import { Alert, Anchor, Card, List, Text, Title } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isDuplicateReason, type Lead, type LeadDetail } from '../../api';
import { FieldList } from '../records/FieldList';
import { duplicatePath } from './duplicates';

/** "Weitere Angaben": the fields the lead's source delivered that no lead field takes; nothing without any. */
export function LeadDetailsCard({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  // A lead entered by hand may come without details (null from Go's nil slice).
  const details = (lead.details as LeadDetail[] | null) ?? [];
  if (details.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="lead-further-details">
      <Title order={3} size="h4" mb="md">
        {t('intake.lead.details')}
      </Title>
      <FieldList items={details.map((detail) => ({ label: detail.name, value: detail.value }))} />
    </Card>
  );
}

/** The hint that the lead may duplicate leads, persons or organisations the reader sees, with links to them. */
export function DuplicateAlert({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const duplicates = lead.duplicates ?? [];
  if (duplicates.length === 0) return null;
  const typeText = (type: string) =>
    type === 'lead' || type === 'person' || type === 'organization' ? t(`intake.recordTypes.${type}`) : type;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconCopy size={18} />}
      title={t('intake.lead.duplicateTitle')}
      data-testid="lead-duplicates"
    >
      <Text size="sm" mb={4}>
        {t('intake.lead.duplicateIntro')}
      </Text>
      <List size="sm" spacing={2}>
        {duplicates.map((duplicate) => {
          const path = duplicatePath(duplicate);
          const reason = isDuplicateReason(duplicate.reason)
            ? t(`intake.duplicateReasons.${duplicate.reason}`)
            : duplicate.reason;
          return (
            <List.Item key={`${duplicate.recordType}:${duplicate.id}:${duplicate.reason}`} data-testid="lead-duplicate">
              {path === null ? (
                duplicate.name
              ) : (
                <Anchor component={Link} to={path}>
                  {duplicate.name}
                </Anchor>
              )}{' '}
              <Text span size="sm" c="dimmed">
                ({t('intake.lead.duplicateItem', { type: typeText(duplicate.recordType), reason })})
              </Text>
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}
