import { Card, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard, Figure } from '../../api';
import { useFormatters } from '../../i18n/format';
import { formatMoney } from '../sales/money';
import { funnelQuery, funnelTotals, recordListPath } from './figures';
import { FigureLink } from './FigureLink';

/** A cell of the table: the number of open deals (opens them) and their value; an empty cell is quiet. */
function Cell({ figure, label, testId, strong }: { figure: Figure; label: string; testId: string; strong?: boolean }) {
  const format = useFormatters();
  const empty = figure.count === 0;
  return (
    <FigureLink to={recordListPath('deal', figure.query)} count={figure.count} testId={testId} label={label}>
      <Text size="sm" fw={strong ? 700 : 600} c={empty ? 'dimmed' : undefined} ta="right" span display="block">
        {format.number(figure.count)}
      </Text>
      {!empty && (
        <Text size="xs" c="dimmed" ta="right" span display="block">
          {formatMoney(figure.value, 'EUR', format.locale)}
        </Text>
      )}
    </FigureLink>
  );
}

/**
 * The open deals of the dashboard's pipeline per user of the scope and per stage (count and value), with each
 * row's total and the stages' totals (the funnel); every cell opens the deal list of exactly those deals.
 */
export function RepPipelineCard({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const stages = dashboard.funnel;
  const rows = dashboard.pipelineByRep;
  const totals = funnelTotals(stages);
  const all = funnelQuery(stages);
  if (stages.length === 0) return null;
  const open = (who: string, stage: string) => t('dashboard.byRep.openCell', { user: who, stage });
  return (
    <Card withBorder radius="md" padding="lg" data-testid="dashboard-by-rep">
      <Title order={3} size="h5" mb="sm">
        {t('dashboard.byRep.title', { pipeline: dashboard.pipelineName })}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('dashboard.byRep.nobody')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={160 + (stages.length + 1) * 110}>
          <Table verticalSpacing={6} highlightOnHover withColumnBorders={false} data-testid="by-rep-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboard.byRep.owner')}</Table.Th>
                {stages.map((stage) => (
                  <Table.Th key={stage.stageId} ta="right">
                    {stage.name}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('dashboard.byRep.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.userId} data-testid="by-rep-row" data-name={row.userName}>
                  <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {row.userName}
                  </Table.Th>
                  {row.stages.map((cell, index) => {
                    const stage = stages[index]?.name ?? '';
                    return (
                      <Table.Td key={stages[index]?.stageId ?? index} ta="right" data-stage={stage}>
                        <Cell figure={cell} label={open(row.userName, stage)} testId="by-rep-cell" />
                      </Table.Td>
                    );
                  })}
                  <Table.Td ta="right">
                    <Cell
                      figure={row.total}
                      label={open(row.userName, t('dashboard.byRep.allStages'))}
                      testId="by-rep-total"
                      strong
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('dashboard.byRep.total')}</Table.Th>
                {stages.map((stage) => (
                  <Table.Td key={stage.stageId} ta="right">
                    <Cell
                      figure={{ count: stage.count, value: stage.value, query: stage.query }}
                      label={t('dashboard.openDeals', { label: stage.name })}
                      testId="by-rep-stage-total"
                      strong
                    />
                  </Table.Td>
                ))}
                <Table.Td ta="right">
                  {all && (
                    <Cell
                      figure={{ count: totals.count, value: totals.value, query: all }}
                      label={t('dashboard.openDeals', { label: t('dashboard.byRep.allStages') })}
                      testId="by-rep-grand-total"
                      strong
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
