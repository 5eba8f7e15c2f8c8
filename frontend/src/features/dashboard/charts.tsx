/** The dashboard's charts; loaded on demand (see DashboardPage), as recharts is large. */
import { BarChart, FunnelChart, type FunnelChartCell } from '@mantine/charts';

/**
 * The open deals per stage as a funnel; a click on a segment opens that stage's deals. Stages without any are left
 * out of the drawing (a segment of width 0 only distorts the shape); the table beside it lists every stage.
 */
export function FunnelView({
  data,
  format,
  onOpen,
  label,
}: {
  data: FunnelChartCell[];
  format: (value: number) => string;
  onOpen: (key: string) => void;
  label: string;
}) {
  const shown = data.filter((cell) => cell.value > 0);
  return (
    <FunnelChart
      data={shown}
      size={260}
      withLabels
      labelsPosition="right"
      withTooltip
      tooltipDataSource="segment"
      valueFormatter={format}
      funnelProps={{
        onClick: (_data: unknown, index: number) => {
          const cell = shown[index];
          if (cell?.key !== undefined) onOpen(String(cell.key));
        },
        style: { cursor: 'pointer' },
      }}
      aria-label={label}
      data-testid="funnel-chart"
    />
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
      aria-label={label}
      data-testid="done-chart"
    />
  );
}
