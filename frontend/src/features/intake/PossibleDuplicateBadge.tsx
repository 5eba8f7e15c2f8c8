import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The small mark of a lead that may duplicate a record the reader sees. */
export function PossibleDuplicateBadge({ show }: { show: boolean }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <Badge size="xs" color="orange" variant="light" data-testid="possible-duplicate">
      {t('intake.possibleDuplicate')}
    </Badge>
  );
}
