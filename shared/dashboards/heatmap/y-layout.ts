// Where each bucket's row sits on a heatmap's y axis, in axis units. Ordinal (Grafana's default for
// rows it does not calculate): equal rows, with the bucket bounds as tick labels between them.
// Linear or log (Grafana's rowsFrame.yBucketScale): rows at their bounds' values, or their
// logarithms; an open end (+Inf, or -Inf under a first bucket at or below 0) gets the height of
// its neighbour, and a first bucket from 0 on a log axis spans one step of the base below its `le`.
import type { HistogramBucket } from './le-buckets';

export type YScale = { type: 'ordinal' } | { type: 'linear' } | { type: 'log'; base: number };

export interface YLayout {
  /** Row b spans [y0[b], y1[b]], y0 < y1. */
  y0: number[];
  y1: number[];
  min: number;
  max: number;
  /** Bucket bounds on the axis: where (axis units) and the bound's value (±Infinity for open ends). */
  ticks: { pos: number; value: number }[];
  /** Set when the scale asked for could not be used (a log axis under a bound at or below 0). */
  fallback?: string;
}

function ordinal(buckets: readonly HistogramBucket[]): YLayout {
  const n = buckets.length;
  const ticks = buckets.map((b, i) => ({ pos: i, value: b.lower }));
  if (n) ticks.push({ pos: n, value: buckets[n - 1].upper });
  return {
    y0: buckets.map((_, i) => i),
    y1: buckets.map((_, i) => i + 1),
    min: 0,
    max: Math.max(1, n),
    ticks: ticks.filter((t) => t.value !== -Infinity),
  };
}

/** Rows at f(bound); open ends take the span of their neighbour (or 1 alone). */
function byValue(buckets: readonly HistogramBucket[], f: (v: number) => number, zeroSpan: number): YLayout {
  const n = buckets.length;
  const y0 = buckets.map((b) => (b.lower === 0 && zeroSpan > 0 ? f(b.upper) - zeroSpan : f(b.lower)));
  const y1 = buckets.map((b) => f(b.upper));
  const span = (i: number) => (i >= 0 && i < n && Number.isFinite(y1[i] - y0[i]) ? y1[i] - y0[i] : 1);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y0[i])) y0[i] = y1[i] - span(i + 1);
    if (!Number.isFinite(y1[i])) y1[i] = y0[i] + (i > 0 ? span(i - 1) : 1);
  }
  const ticks: { pos: number; value: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 && Number.isFinite(buckets[0].lower) && !(buckets[0].lower === 0 && zeroSpan > 0))
      ticks.push({ pos: y0[0], value: buckets[0].lower });
    ticks.push({ pos: y1[i], value: buckets[i].upper });
  }
  return {
    y0,
    y1,
    min: n ? Math.min(...y0) : 0,
    max: n ? Math.max(...y1) : 1,
    ticks,
  };
}

export function yLayout(buckets: readonly HistogramBucket[], scale: YScale): YLayout {
  if (scale.type === 'linear') return byValue(buckets, (v) => v, 0);
  if (scale.type === 'log') {
    if (buckets.some((b) => b.upper <= 0 || b.lower < 0))
      return {
        ...ordinal(buckets),
        fallback: 'a log axis needs buckets above 0: the rows are drawn evenly instead',
      };
    const base = scale.base > 1 ? scale.base : 10;
    const ln = Math.log(base);
    return byValue(buckets, (v) => Math.log(v) / ln, 1);
  }
  return ordinal(buckets);
}

/** The bucket whose row holds y (axis units), or -1. */
export function rowAt(layout: YLayout, y: number): number {
  for (let b = 0; b < layout.y0.length; b++) if (y >= layout.y0[b] && y <= layout.y1[b]) return b;
  return -1;
}
