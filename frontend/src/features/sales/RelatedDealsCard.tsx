import { Anchor, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { DealFormModal } from './DealFormModal';
import { useOrganizationDeals, usePersonDeals } from './hooks';
import { formatMoney } from './money';
import { StatusBadge } from './StatusBadge';

/** The deals of a person or an organisation (open ones first), with a button to create one for it. */
export function RelatedDealsCard({ personId, organizationId }: { personId?: string; organizationId?: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const byPerson = usePersonDeals(personId ?? '');
  const byOrganization = useOrganizationDeals(organizationId ?? '');
  const query = personId ? byPerson : byOrganization;
  if (!grants(me.role, 'deal', 'view')) return null;

  return (
    <Card withBorder radius="md" padding="lg" data-testid="related-deals">
      <Group justify="space-between" mb="md">
        <Title order={3} size="h4">
          {t('sales.related.title')}
        </Title>
        {grants(me.role, 'deal', 'create') && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => {
              setCreating(true);
            }}
          >
            {t('sales.related.create')}
          </Button>
        )}
      </Group>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <Loader size="sm" role="status" aria-label={t('common.loading')} />
      ) : query.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('sales.related.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          {query.data.items.map((deal) => (
            <Group
              key={deal.id}
              justify="space-between"
              wrap="nowrap"
              data-testid="related-deal"
              data-name={deal.title}
            >
              <div style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/deals/${deal.id}`} fw={500}>
                  {deal.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {deal.stageName} · {formatMoney(deal.value, deal.currency, format.locale)}
                </Text>
              </div>
              <StatusBadge status={deal.status} />
            </Group>
          ))}
        </Stack>
      )}
      {creating && (
        <DealFormModal
          opened
          defaults={{ personId, organizationId }}
          onClose={() => {
            setCreating(false);
          }}
        />
      )}
    </Card>
  );
}
