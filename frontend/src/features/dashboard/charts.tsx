/** The dashboard's charts; loaded on demand (see DashboardPage), as recharts is large. */
import { BarChart, type BarChartSeries } from '@mantine/charts';
import { VisuallyHidden } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import type { FunnelMetric, StageBar } from './figures';

/**
 * A chart with an accessible name and a description in words (what the bars show), as a figure: the tables beside
 * the charts hold the same numbers as links.
 */
function ChartFigure({
  label,
  description,
  testId,
  children,
}: {
  label: string;
  description?: string;
  testId: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure
      aria-label={label}
      aria-describedby={description ? id : undefined}
      style={{ margin: 0, width: '100%' }}
      data-testid={testId}
    >
      {children}
      {description && <VisuallyHidden id={id}>{description}</VisuallyHidden>}
    </figure>
  );
}

const BAR_HEIGHT = { count: 40, value: 60 } as const;

/**
 * The open deals per stage as horizontal bars, every stage in the pipeline's order (an empty stage shows its 0):
 * the number of deals, or their value with the weighted value as a second bar. A click on a stage's bar opens its
 * deals.
 */
export function StageBars({
  data,
  metric,
  seriesLabels,
  format,
  onOpen,
  label,
  description,
}: {
  data: StageBar[];
  metric: FunnelMetric;
  seriesLabels: Record<'count' | 'value' | 'weighted', string>;
  format: (value: number) => string;
  onOpen: (key: string) => void;
  label: string;
  description: string;
}) {
  const series: BarChartSeries[] =
    metric === 'count'
      ? [{ name: 'count', label: seriesLabels.count, color: 'indigo.6' }]
      : [
          { name: 'value', label: seriesLabels.value, color: 'indigo.6' },
          { name: 'weighted', label: seriesLabels.weighted, color: 'teal.6' },
        ];
  return (
    <ChartFigure label={label} description={description} testId="funnel-chart">
      <BarChart
        h={Math.max(160, data.length * BAR_HEIGHT[metric] + (metric === 'value' ? 40 : 0))}
        data={data}
        dataKey="stage"
        orientation="vertical"
        yAxisProps={{ width: 160 }}
        // Every bar carries its number: no value axis, and room on the right for the longest label.
        withXAxis={false}
        barChartProps={{ margin: { right: metric === 'value' ? 110 : 40 } }}
        series={series}
        withBarValueLabel
        withLegend={metric === 'value'}
        gridAxis="none"
        valueFormatter={format}
        barProps={{
          onClick: (_data: unknown, index: number) => {
            const bar = data[index];
            if (bar) onOpen(bar.key);
          },
          style: { cursor: 'pointer' },
        }}
      />
    </ChartFigure>
  );
}

/** Activities done per user as horizontal bars; a click on a bar opens that user's list. */
export function DoneBars({
  data,
  seriesLabel,
  format,
  onOpen,
  label,
}: {
  data: { user: string; done: number }[];
  seriesLabel: string;
  format: (value: number) => string;
  onOpen: (index: number) => void;
  label: string;
}) {
  return (
    <ChartFigure label={label} testId="done-chart">
      <BarChart
        h={Math.max(140, data.length * 36)}
        data={data}
        dataKey="user"
        orientation="vertical"
        yAxisProps={{ width: 130 }}
        xAxisProps={{ allowDecimals: false }}
        series={[{ name: 'done', label: seriesLabel, color: 'teal.6' }]}
        withBarValueLabel
        gridAxis="none"
        barProps={{
          onClick: (_data: unknown, index: number) => {
            onOpen(index);
          },
          style: { cursor: 'pointer' },
        }}
        valueFormatter={format}
      />
    </ChartFigure>
  );
}
