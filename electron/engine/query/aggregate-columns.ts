// `sum` over a range call's columns (range-columns.ts) for every step at once: each series'
// group is found once per query instead of once per step, and the sums run over typed
// arrays. Additions happen in the step-wise order (series order within a step), so the
// Kahan sums, the groups' order and their dropName flags are those aggregate() gives.
import type { LabelSet } from '../../../shared/api';
import type { AggregateExpr } from './ast';
import { groupLabels, type AggregateCache } from './aggregate';
import { signature } from './labels';
import type { RangeColumns } from './range-columns';
import type { Sample, StepSeries } from './values';

export interface GroupColumns {
  /** Steps from here on are evaluated step by step (the input fails there). */
  failStep: number;
  samplesAt(step: number): Sample[];
  /** Every group as a series over the steps (start + i * step), when no step fails. */
  stepSeries(start: number, step: number): StepSeries[];
}

/**
 * `metrics[s]` is the label set series s carries into the aggregation; `dropName` its samples'
 * flag (the same for every series of one range call).
 */
export function sumColumns(
  e: AggregateExpr,
  metrics: LabelSet[],
  dropName: boolean,
  cols: RangeColumns,
  cache: AggregateCache,
): GroupColumns {
  const steps = cols.steps;
  const keys = new Map<string, number>();
  const groupMetric: LabelSet[] = [];
  const groupOf = new Int32Array(metrics.length);
  for (let s = 0; s < metrics.length; s++) {
    const key = signature(metrics[s], e.grouping, !e.without);
    let g = keys.get(key);
    if (g === undefined) {
      g = groupMetric.length;
      keys.set(key, g);
      groupMetric.push(groupLabels(e, metrics[s], key, cache));
    }
    groupOf[s] = g;
  }
  const G = groupMetric.length;
  const sum = new Float64Array(G * steps);
  const comp = new Float64Array(G * steps);
  /** Index of the group's first series present at the step (-1: none). */
  const first = new Int32Array(G * steps).fill(-1);
  const limit = cols.failStep;
  for (let s = 0; s < metrics.length; s++) {
    const base = groupOf[s] * steps;
    const from = s * steps;
    for (let i = 0; i < limit; i++) {
      if (!cols.has[from + i]) continue;
      const f = cols.vals[from + i];
      const at = base + i;
      if (first[at] < 0) {
        first[at] = s;
        sum[at] = f;
        continue;
      }
      // kahanInc (functions/kahan.ts), inline.
      const acc = sum[at];
      const t = acc + f;
      if (!Number.isFinite(t) && !Number.isNaN(t)) comp[at] = 0;
      else if (Math.abs(acc) >= Math.abs(f)) comp[at] += acc - t + f;
      else comp[at] += f - t + acc;
      sum[at] = t;
    }
  }
  const order: number[] = [];
  return {
    failStep: limit,
    samplesAt(i: number): Sample[] {
      order.length = 0;
      for (let g = 0; g < G; g++) if (first[g * steps + i] >= 0) order.push(g);
      order.sort((a, b) => first[a * steps + i] - first[b * steps + i]);
      const out: Sample[] = [];
      for (const g of order) {
        const at = g * steps + i;
        let v = sum[at];
        if (Number.isFinite(v)) v += comp[at];
        out.push({ metric: groupMetric[g], v, dropName });
      }
      return out;
    },
    stepSeries(start: number, step: number): StepSeries[] {
      const out: StepSeries[] = [];
      for (let g = 0; g < G; g++) {
        const t: number[] = [];
        const v: number[] = [];
        for (let i = 0, at = g * steps; i < steps; i++, at++) {
          if (first[at] < 0) continue;
          t.push(start + i * step);
          const x = sum[at];
          v.push(Number.isFinite(x) ? x + comp[at] : x);
        }
        if (t.length > 0) out.push({ metric: groupMetric[g], dropName, t, v });
      }
      return out;
    },
  };
}
