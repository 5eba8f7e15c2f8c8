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

/** What the stage chart shows: the number of open deals, or their value (with the weighted value beside it). */
export type FunnelMetric = 'count' | 'value';

/** One bar group of the stage chart: a stage, with its count, value and weighted value (euros, for the chart). */
export interface StageBar {
  key: string;
  stage: string;
  count: number;
  value: number;
  weighted: number;
}

/**
 * The stage chart's bars: every stage in the pipeline's order, an empty one too (a bar of length 0 with its 0, so
 * that the chart reads as the pipeline is, unlike a funnel, whose shape an empty stage distorts).
 */
export function stageBars(stages: readonly FunnelStage[]): StageBar[] {
  return stages.map((stage) => ({
    key: stage.stageId,
    stage: stage.name,
    count: stage.count,
    value: euros(stage.value),
    weighted: euros(stage.weighted),
  }));
}

/** A sum of cents as a wire decimal ("1234.50"). */
const decimal = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

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
  return { count, value: decimal(value), weighted: decimal(weighted) };
}

/**
 * The query of all open deals of the funnel (its stages' query without the stage): the total of the table per rep
 * opens it.
 */
export function funnelQuery(stages: readonly FunnelStage[]): ListQuery | null {
  const first = stages[0];
  return first ? { ...first.query, stageId: '' } : null;
}

/** The scopes to offer, in the order me, team, all; the switch only shows when there is a choice. */
export function scopeChoices(dashboard: Pick<Dashboard, 'scopes'>): DashboardScope[] {
  return DASHBOARD_SCOPES.filter((scope) => dashboard.scopes.includes(scope));
}

/** The scope the address asks for, when it is one of the known ones; "" (the user's default scope) otherwise. */
export function scopeParam(value: string | null): DashboardScope | '' {
  return isDashboardScope(value) ? value : '';
}
