import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isPlan } from '../../api';
import { useFormatters } from '../../i18n/format';
import { AccessSummary } from '../access/AccessSummary';
import { useMe } from '../auth/session';
import { Dashboard } from '../dashboard/DashboardPage';
import { ChecklistCard } from './ChecklistCard';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fw={500} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

/**
 * The start page after sign-in is the dashboard (what a sales manager looks at first); who one is in the app and
 * what the role allows follow below it. An admin sees the first-run checklist above it until every step is done or
 * they hide it.
 */
export function StartPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const me = useMe();
  const { tenant } = me;

  return (
    <Stack gap="lg" maw={1400}>
      <ChecklistCard />
      <Dashboard
        header={
          <div data-testid="welcome-card">
            <Title order={2}>{t('start.welcome', { name: me.user.name })}</Title>
            <Text c="dimmed" size="sm" mt={4}>
              {t('dashboard.subtitle', { role: me.role.name, unit: me.unit.name })}
            </Text>
          </div>
        }
      />
      <Card withBorder padding="xl" radius="md" data-testid="access-card">
        <Title order={3} size="h4" mb="lg">
          {t('dashboard.access')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="lg" mb="xl">
          <Fact label={t('start.role')} testId="fact-role">
            {me.role.name}
          </Fact>
          <Fact label={t('start.unit')} testId="fact-unit">
            {me.unit.name}
          </Fact>
          <Fact label={t('start.tenant')} testId="fact-tenant">
            {tenant.name}
          </Fact>
          <Fact label={t('start.plan')} testId="fact-plan">
            {isPlan(tenant.plan) ? t(`start.plans.${tenant.plan}`) : tenant.plan}
          </Fact>
          <Fact label={t('start.storage')} testId="fact-storage">
            {format.bytes(tenant.storageBytesPerUser)}
          </Fact>
          <Fact label={t('start.pipelines')} testId="fact-pipelines">
            {tenant.maxPipelines === 0 ? t('start.unlimited') : format.number(tenant.maxPipelines)}
          </Fact>
        </SimpleGrid>
        <Title order={4} size="h5" mb="md">
          {t('start.permissions.title')}
        </Title>
        <AccessSummary role={me.role} />
      </Card>
    </Stack>
  );
}
