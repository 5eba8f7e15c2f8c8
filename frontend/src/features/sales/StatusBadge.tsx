import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DealStatus, LeadStatus } from '../../api';

const COLORS: Record<DealStatus | LeadStatus, string> = {
  open: 'blue',
  won: 'teal',
  lost: 'red',
  converted: 'grape',
};

export function StatusBadge({ status }: { status: DealStatus | LeadStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLORS[status]} data-testid="status-badge" data-status={status}>
      {t(`sales.statuses.${status}`)}
    </Badge>
  );
}
