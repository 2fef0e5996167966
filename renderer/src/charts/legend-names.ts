// Short series names for legends and tooltips: a `{{label}}` legend format where the panel gives
// one, else only the labels that tell the series apart (the whole label set cut the telling label
// off the end). Bucket series (`le`) sort numerically, +Inf last, not as text.
import type { LabelSet } from '../../../shared/api';
import { formatSeriesLabels, quoteLabelValue } from '../lib/selector';

/** Grafana's legend format: `{{label}}` (spaces allowed inside) → the label's value, or ''. */
export function applyLegendFormat(format: string, labels: LabelSet): string {
  return format.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_m, k: string) => labels[k] ?? '');
}

/** One name per series, in the same order. */
export function legendNames(all: LabelSet[], format?: string): string[] {
  if (format && format.trim() && format.trim() !== '__auto')
    return all.map((l) => applyLegendFormat(format, l));
  if (all.length <= 1) return all.map((l) => formatSeriesLabels(l));
  const keys = new Set<string>();
  for (const l of all) for (const k of Object.keys(l)) keys.add(k);
  const differing = [...keys].filter((k) => all.some((l) => l[k] !== all[0][k])).sort();
  if (differing.length === 0) return all.map((l) => formatSeriesLabels(l));
  const withName = differing.includes('__name__');
  return all.map((l) => {
    const parts = differing
      .filter((k) => k !== '__name__' && l[k] !== undefined)
      .map((k) => `${k}=${quoteLabelValue(l[k])}`);
    const head = withName ? (l.__name__ ?? '') : '';
    return parts.length ? `${head}{${parts.join(', ')}}` : head || '{}';
  });
}

/** `le` as a number for sorting: "+Inf" is Infinity, anything unparsable sorts last. */
function leValue(le: string): number {
  if (le === '+Inf' || le === 'Inf') return Infinity;
  const n = Number(le);
  return Number.isNaN(n) ? Infinity : n;
}

/**
 * Display order of series: by `le` numerically when every series has one (ties keep their
 * order), else unchanged. Returns indices into `all`.
 */
export function legendOrder(all: LabelSet[]): number[] {
  const idx = all.map((_l, i) => i);
  if (all.length < 2 || !all.every((l) => l.le !== undefined)) return idx;
  return idx.sort((a, b) => leValue(all[a].le) - leValue(all[b].le) || a - b);
}
