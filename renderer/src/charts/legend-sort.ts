// A table legend sorted by one of its figure columns (Grafana's legend sortBy/sortDesc, and a
// click on the column's header): numerically, series without the figure last, ties in the
// legend's own order.
import type { LegendCalc } from './legend-calcs';

export interface LegendSort {
  by: LegendCalc;
  desc: boolean;
}

export function sortByCalc<T extends { calcValues?: Partial<Record<LegendCalc, number | null>> }>(
  items: readonly T[],
  sort: LegendSort | null,
): T[] {
  if (!sort) return [...items];
  const value = (it: T) => it.calcValues?.[sort.by] ?? null;
  return items
    .map((it, i) => ({ it, i, v: value(it) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      return (sort.desc ? b.v - a.v : a.v - b.v) || a.i - b.i;
    })
    .map((x) => x.it);
}

/** Grafana's legend.sortBy names ("Max", "Mean", "Last *", "Total") as the chart's calcs. */
export function legendSortOf(legend: { sortBy?: unknown; sortDesc?: unknown }): LegendSort | undefined {
  const names: Record<string, LegendCalc> = {
    min: 'min',
    max: 'max',
    mean: 'mean',
    last: 'last',
    'last *': 'last',
    lastnotnull: 'last',
    total: 'total',
    sum: 'total',
  };
  const by = typeof legend.sortBy === 'string' ? names[legend.sortBy.trim().toLowerCase()] : undefined;
  return by ? { by, desc: legend.sortDesc !== false } : undefined;
}
