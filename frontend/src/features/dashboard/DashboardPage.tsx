import { Card, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCalendarDue, IconCalendarEvent, IconTrophy, type Icon } from '@tabler/icons-react';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../components/Loading';
import { useNavigate, useSearchParams } from 'react-router';
import type { Dashboard, DashboardScope, Figure, Me, PeriodResult } from '../../api';
import { useFormatters } from '../../i18n/format';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { usePipelines } from '../sales/hooks';
import { formatMoney } from '../sales/money';
import {
  activityFigurePath,
  formatRate,
  funnelTotals,
  recordListPath,
  scopeChoices,
  scopeParam,
  stageBars,
  type FunnelMetric,
} from './figures';
import { FigureLink } from './FigureLink';
import { NextStepsCard } from './NextStepsCard';
import { RepPipelineCard } from './RepPipelineCard';
import { useDashboard } from './hooks';

// The charts (recharts) load when the dashboard first shows them, so that the rest of the app starts without them.
const StageBars = lazy(() => import('./charts').then((module) => ({ default: module.StageBars })));
const DoneBars = lazy(() => import('./charts').then((module) => ({ default: module.DoneBars })));

const SCOPE_PARAM = 'scope';
const PIPELINE_PARAM = 'pipeline';

function KpiCard({
  title,
  icon: KpiIcon,
  color,
  to,
  count,
  testId,
  sub,
  openLabel,
}: {
  title: string;
  icon: Icon;
  color: string;
  to: string;
  count: number;
  testId: string;
  sub?: string;
  openLabel: string;
}) {
  const format = useFormatters();
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          {title}
        </Text>
        <KpiIcon size={20} color={`var(--mantine-color-${color}-6)`} stroke={1.6} />
      </Group>
      <FigureLink to={to} count={count} testId={testId} label={`${title}: ${format.number(count)}. ${openLabel}`}>
        <Text fz={32} fw={700} c={count > 0 ? color : undefined} lh={1.2} mt={4}>
          {format.number(count)}
        </Text>
      </FigureLink>
      {sub && (
        <Text size="sm" c="dimmed">
          {sub}
        </Text>
      )}
    </Card>
  );
}

function PeriodRows({ period, label, name }: { period: PeriodResult; label: string; name: 'month' | 'quarter' }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const money = (value: string) => formatMoney(value, 'EUR', format.locale);
  const cell = (figure: Figure, kind: 'won' | 'lost') => (
    <FigureLink
      to={recordListPath('deal', figure.query)}
      count={figure.count}
      testId={`figure-${name}-${kind}`}
      label={t('dashboard.openDeals', { label: `${label}: ${t(`dashboard.results.${kind}`)}` })}
    >
      <Text fw={600} c={kind === 'won' ? 'teal' : 'red'} span data-testid={`figure-${name}-${kind}-count`}>
        {format.number(figure.count)}
      </Text>
      <Text size="sm" c="dimmed" span data-testid={`figure-${name}-${kind}-value`}>
        {' · '}
        {money(figure.value)}
      </Text>
    </FigureLink>
  );
  return (
    <Table.Tr>
      <Table.Td fw={500}>{label}</Table.Td>
      <Table.Td>{cell(period.won, 'won')}</Table.Td>
      <Table.Td>{cell(period.lost, 'lost')}</Table.Td>
      <Table.Td fw={600} data-testid={`figure-${name}-rate`}>
        {formatRate(period.winRate, format.locale)}
      </Table.Td>
    </Table.Tr>
  );
}

function ResultsCard({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="dashboard-results">
      <Title order={3} size="h5" mb="sm">
        {t('dashboard.results.title')}
      </Title>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th>{t('dashboard.results.won')}</Table.Th>
            <Table.Th>{t('dashboard.results.lost')}</Table.Th>
            <Table.Th>{t('dashboard.results.winRate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <PeriodRows period={dashboard.month} label={t('dashboard.results.month')} name="month" />
          <PeriodRows period={dashboard.quarter} label={t('dashboard.results.quarter')} name="quarter" />
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function LeadsCard({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { leads } = dashboard;
  const item = (figure: Figure, kind: 'converted' | 'lost', color: string) => (
    <div>
      <Text size="xs" c="dimmed">
        {t(`dashboard.leads.${kind}`)}
      </Text>
      <FigureLink
        to={recordListPath('lead', figure.query)}
        count={figure.count}
        testId={`figure-leads-${kind}`}
        label={t('dashboard.openLeads', { label: t(`dashboard.leads.${kind}`) })}
      >
        <Text fz={24} fw={700} c={color}>
          {format.number(figure.count)}
        </Text>
      </FigureLink>
    </div>
  );
  return (
    <Card withBorder radius="md" padding="lg" data-testid="dashboard-leads">
      <Title order={3} size="h5" mb="sm">
        {t('dashboard.leads.title')}
      </Title>
      <SimpleGrid cols={3}>
        {item(leads.converted, 'converted', 'teal')}
        {item(leads.lost, 'lost', 'red')}
        <div>
          <Text size="xs" c="dimmed">
            {t('dashboard.leads.rate')}
          </Text>
          <Text fz={24} fw={700} data-testid="figure-leads-rate">
            {formatRate(leads.conversionRate, format.locale)}
          </Text>
        </div>
      </SimpleGrid>
    </Card>
  );
}

function FunnelCard({ dashboard, pipelineSelect }: { dashboard: Dashboard; pipelineSelect: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const [metric, setMetric] = useState<FunnelMetric>('count');
  const money = (value: string) => formatMoney(value, 'EUR', format.locale);
  const stages = dashboard.funnel;
  const totals = funnelTotals(stages);
  const open = (stageId: string) => {
    const stage = stages.find((candidate) => candidate.stageId === stageId);
    if (stage) void navigate(recordListPath('deal', stage.query));
  };
  // What the bars show, in words, for screen readers.
  const description = stages
    .map((stage) =>
      t('dashboard.funnel.describeStage', {
        stage: stage.name,
        count: stage.count,
        shown: format.number(stage.count),
        value: money(stage.value),
        weighted: money(stage.weighted),
      }),
    )
    .join(' ');

  return (
    <Card withBorder radius="md" padding="lg" data-testid="dashboard-funnel">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          {t('dashboard.funnel.title')}
        </Title>
        <Group gap="sm">
          <SegmentedControl
            size="xs"
            value={metric}
            onChange={(value) => {
              setMetric(value === 'value' ? 'value' : 'count');
            }}
            data={(['count', 'value'] as const).map((value) => ({
              value,
              label: t(`dashboard.funnel.metrics.${value}`),
            }))}
            aria-label={t('dashboard.funnel.metric')}
            data-testid="funnel-metric"
          />
          {pipelineSelect}
        </Group>
      </Group>
      {stages.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('dashboard.funnel.noPipeline')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Stack gap="xs" justify="center">
            {totals.count === 0 && (
              <Text c="dimmed" size="sm" data-testid="funnel-empty">
                {t('dashboard.funnel.empty')}
              </Text>
            )}
            <Suspense fallback={<Loader size="sm" role="status" aria-label={t('common.loading')} />}>
              <StageBars
                data={stageBars(stages)}
                metric={metric}
                seriesLabels={{
                  count: t('dashboard.funnel.metrics.count'),
                  value: t('dashboard.funnel.metrics.value'),
                  weighted: t('dashboard.funnel.metrics.weighted'),
                }}
                format={(value) => (metric === 'count' ? format.number(value) : money(value.toFixed(2)))}
                onOpen={open}
                label={t('dashboard.funnel.chart', { pipeline: dashboard.pipelineName })}
                description={description}
              />
            </Suspense>
          </Stack>
          <Table verticalSpacing={6} highlightOnHover data-testid="funnel-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboard.funnel.stage')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.funnel.metrics.count')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.funnel.metrics.value')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.funnel.metrics.weighted')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stages.map((stage) => (
                <Table.Tr
                  key={stage.stageId}
                  data-testid="funnel-stage"
                  data-name={stage.name}
                  data-count={stage.count}
                >
                  <Table.Td>
                    <FigureLink
                      to={recordListPath('deal', stage.query)}
                      count={stage.count}
                      testId="funnel-stage-link"
                      label={t('dashboard.openDeals', { label: stage.name })}
                    >
                      <Text size="sm" fw={500}>
                        {stage.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {stage.probability} %
                      </Text>
                    </FigureLink>
                  </Table.Td>
                  <Table.Td ta="right" c={stage.count === 0 ? 'dimmed' : undefined}>
                    {format.number(stage.count)}
                  </Table.Td>
                  <Table.Td ta="right" c={stage.count === 0 ? 'dimmed' : undefined}>
                    {money(stage.value)}
                  </Table.Td>
                  <Table.Td ta="right" c={stage.count === 0 ? 'dimmed' : undefined}>
                    {money(stage.weighted)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>{t('dashboard.funnel.total')}</Table.Th>
                <Table.Th ta="right" data-testid="funnel-total-count">
                  {format.number(totals.count)}
                </Table.Th>
                <Table.Th ta="right">{money(totals.value)}</Table.Th>
                <Table.Th ta="right">{money(totals.weighted)}</Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </SimpleGrid>
      )}
    </Card>
  );
}

function DoneThisWeekCard({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const users = dashboard.doneThisWeek;
  const open = (index: number) => {
    const user = users[index];
    if (user) void navigate(activityFigurePath(user.done.query));
  };
  return (
    <Card withBorder radius="md" padding="lg" data-testid="dashboard-done">
      <Title order={3} size="h5" mb="sm">
        {t('dashboard.done.title')}
      </Title>
      {users.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('dashboard.done.nobody')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: users.length > 1 ? 2 : 1 }} spacing="lg">
          {users.length > 1 && (
            <Suspense fallback={<Loader size="sm" role="status" aria-label={t('common.loading')} />}>
              <DoneBars
                data={users.map((user) => ({ user: user.userName, done: user.done.count }))}
                seriesLabel={t('dashboard.done.series')}
                format={(value) => format.number(value)}
                onOpen={open}
                label={t('dashboard.done.chart')}
              />
            </Suspense>
          )}
          <Table verticalSpacing={6} highlightOnHover data-testid="done-table">
            <Table.Tbody>
              {users.map((user) => (
                <Table.Tr key={user.userId} data-testid="done-user" data-name={user.userName}>
                  <Table.Td>{user.userName}</Table.Td>
                  <Table.Td ta="right">
                    <FigureLink
                      to={activityFigurePath(user.done.query)}
                      count={user.done.count}
                      testId="figure-done-user"
                      label={t('dashboard.openActivities', { label: `${t('dashboard.done.title')}: ${user.userName}` })}
                    >
                      <Text fw={600} c="teal">
                        {format.number(user.done.count)}
                      </Text>
                    </FigureLink>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </SimpleGrid>
      )}
    </Card>
  );
}

/** What a role can open from the dashboard: deals, leads and activities, each only when it may list them. */
function sections(me: Me) {
  return {
    deals: grants(me.role, 'deal', 'view'),
    leads: grants(me.role, 'lead', 'view'),
    activities: grants(me.role, 'activity', 'view'),
  };
}

/**
 * The dashboard: the caller's next steps (next activities, deals without one), the open deals of a pipeline per stage
 * and per user, won and lost deals and the win rate, converted and lost leads, activities due today, overdue and done
 * this week per user, deals closing soon; for the caller, their team or everyone, as the role allows (first the
 * user's default scope). Every number opens the list of the records it counts.
 */
export function Dashboard({ header }: { header: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const me = useMe();
  const show = sections(me);
  const [params, setParams] = useSearchParams();
  const scope = scopeParam(params.get(SCOPE_PARAM));
  const pipelineId = params.get(PIPELINE_PARAM) ?? '';
  const dashboard = useDashboard({ scope, pipelineId });
  const pipelines = usePipelines('deal');
  const data = dashboard.data;

  const setParam = (key: string, value: string) => {
    setParams(
      (previous) => {
        const out = new URLSearchParams(previous);
        out.set(key, value);
        return out;
      },
      { replace: true },
    );
  };

  const choices = data ? scopeChoices(data) : [];
  const pipelineSelect = (
    <Select
      size="xs"
      aria-label={t('dashboard.pipeline')}
      data={(pipelines.data ?? []).map((pipeline) => ({ value: pipeline.id, label: pipeline.name }))}
      value={data && data.pipelineId !== '' ? data.pipelineId : null}
      onChange={(value) => {
        if (value !== null) setParam(PIPELINE_PARAM, value);
      }}
      allowDeselect={false}
      w={220}
      data-testid="dashboard-pipeline"
    />
  );
  const money = (value: string) => formatMoney(value, 'EUR', format.locale);
  const openList = t('dashboard.openList');

  return (
    <Stack gap="lg" data-testid="dashboard" data-scope={data?.scope}>
      <Group justify="space-between" align="flex-start">
        {header}
        {choices.length > 1 && (
          <SegmentedControl
            value={data?.scope ?? me.defaultScope}
            onChange={(value) => {
              setParam(SCOPE_PARAM, value);
            }}
            data={choices.map((choice: DashboardScope) => ({ value: choice, label: t(`dashboard.scopes.${choice}`) }))}
            aria-label={t('dashboard.scope')}
            data-testid="dashboard-scope"
          />
        )}
      </Group>
      <Loaded query={dashboard} pending={!data}>
        {(data) => (
          <Stack
            gap="lg"
            style={{ opacity: dashboard.isPlaceholderData ? 0.6 : 1 }}
            aria-busy={dashboard.isPlaceholderData}
          >
            <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
              {show.activities && (
                <KpiCard
                  title={t('dashboard.kpi.dueToday')}
                  icon={IconCalendarEvent}
                  color="indigo"
                  to={activityFigurePath(data.dueToday.query)}
                  count={data.dueToday.count}
                  testId="figure-due-today"
                  openLabel={openList}
                />
              )}
              {show.activities && (
                <KpiCard
                  title={t('dashboard.kpi.overdue')}
                  icon={IconAlertTriangle}
                  color="red"
                  to={activityFigurePath(data.overdue.query)}
                  count={data.overdue.count}
                  testId="figure-overdue"
                  openLabel={openList}
                />
              )}
              {show.deals && (
                <KpiCard
                  title={t('dashboard.kpi.closingSoon')}
                  icon={IconCalendarDue}
                  color="orange"
                  to={recordListPath('deal', data.closingSoon.query)}
                  count={data.closingSoon.count}
                  sub={money(data.closingSoon.value)}
                  testId="figure-closing-soon"
                  openLabel={openList}
                />
              )}
              {show.deals && (
                <KpiCard
                  title={t('dashboard.kpi.wonMonth')}
                  icon={IconTrophy}
                  color="teal"
                  to={recordListPath('deal', data.month.won.query)}
                  count={data.month.won.count}
                  sub={`${money(data.month.won.value)} · ${t('dashboard.kpi.winRate', { rate: formatRate(data.month.winRate, format.locale) })}`}
                  testId="figure-won-month"
                  openLabel={openList}
                />
              )}
            </SimpleGrid>
            <NextStepsCard steps={data.nextSteps} activities={show.activities} deals={show.deals} />
            {show.deals && <FunnelCard dashboard={data} pipelineSelect={pipelineSelect} />}
            {show.deals && data.scope !== 'me' && <RepPipelineCard dashboard={data} />}
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
              {show.deals && <ResultsCard dashboard={data} />}
              {show.leads && <LeadsCard dashboard={data} />}
            </SimpleGrid>
            {show.activities && <DoneThisWeekCard dashboard={data} />}
            <Text size="xs" c="dimmed" ta="right" data-testid="dashboard-generated">
              {t('dashboard.generatedAt', { time: format.dateTime(data.generatedAt) })}
            </Text>
          </Stack>
        )}
      </Loaded>
    </Stack>
  );
}
