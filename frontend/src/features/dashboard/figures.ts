/**
 * From dashboard figures to what the page shows and opens: every figure carries the query of the list behind it,
 * and clicking it opens that list with exactly that query as its filter.
 */
import {
  DASHBOARD_SCOPES,
  isDashboardScope,
  type Dashboard,
  type DashboardScope,
  type FunnelStage,
  type ListQuery,
} from '../../api';
import { activityListPath, type ActivityQueryLike } from '../activities/activityQuery';
import { fromListQuery, serializeFilter } from '../records/list/filterState';
import { toCents } from '../sales/money';

/** The deal or lead list (in its list view) filtered by a figure's query. */
export function recordListPath(recordType: 'deal' | 'lead', query: Partial<ListQuery>): string {
  const params = new URLSearchParams({ view: 'list' });
  const filter = serializeFilter(fromListQuery(query));
  if (filter !== '') params.set('filter', filter);
  return `/${recordType}s?${params.toString()}`;
}

/** The activity list filtered by a figure's query. */
export function activityFigurePath(query: ActivityQueryLike): string {
  return activityListPath(query);
}

/** A rate in percent (0–100, one decimal) as text: 66.7 -> "66,7 %"; "–" without any (null). */
export function formatRate(rate: number | null | undefined, locale: string): string {
  if (rate === null || rate === undefined) return '–';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate / 100);
}

/** A wire decimal as a number of euros for charts (charts need numbers; texts keep the exact decimal). */
export function euros(value: string): number {
  return (toCents(value) ?? 0) / 100;
}

export type FunnelMetric = 'count' | 'value' | 'weighted';

/** The funnel's segments for a metric, in stage order, with a colour each from dark to light. */
export function funnelCells(stages: readonly FunnelStage[], metric: FunnelMetric) {
  const shades = [9, 8, 7, 6, 5, 4, 3];
  return stages.map((stage, index) => ({
    key: stage.stageId,
    name: stage.name,
    value: metric === 'count' ? stage.count : euros(metric === 'value' ? stage.value : stage.weighted),
    color: `indigo.${shades[Math.min(index, shades.length - 1)] ?? 6}`,
  }));
}

/** The funnel's totals: what is open in the pipeline. */
export function funnelTotals(stages: readonly FunnelStage[]): { count: number; value: string; weighted: string } {
  let count = 0;
  let value = 0;
  let weighted = 0;
  for (const stage of stages) {
    count += stage.count;
    value += toCents(stage.value) ?? 0;
    weighted += toCents(stage.weighted) ?? 0;
  }
  const decimal = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return { count, value: decimal(value), weighted: decimal(weighted) };
}

/** The scopes to offer, in the order me, team, all; the switch only shows when there is a choice. */
export function scopeChoices(dashboard: Pick<Dashboard, 'scopes'>): DashboardScope[] {
  return DASHBOARD_SCOPES.filter((scope) => dashboard.scopes.includes(scope));
}

/** The scope the address asks for, when it is one of the known ones; "" (the widest allowed) otherwise. */
export function scopeParam(value: string | null): DashboardScope | '' {
  return isDashboardScope(value) ? value : '';
}
