// Classic histogram buckets as a heatmap's rows. Range-query series carrying `le` (cumulative
// bucket counts, or their rates as `sum by (le) (rate(x_bucket[...]))` gives) become one row per
// bucket, sorted by `le` as numbers (+Inf last), each cell the difference of cumulative neighbours:
// what Grafana's Prometheus datasource does for a heatmap before its panel draws rows as they come
// (calculate: false). Series that differ in labels other than `le` are added per `le`, since a
// heatmap shows one histogram.
import type { LabelSet } from '../../api';
import { parseGoFloat } from '../../format/go-float';

export interface LeSeries {
  labels: LabelSet;
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface HistogramBucket {
  /** The bucket's `le`. */
  upper: number;
  /** The `le` of the bucket below; 0 under a positive first bucket, -Infinity under one at or below 0. */
  lower: number;
}

export interface BucketRows {
  /** Sample times in ms, ascending: every time any series has a sample at. */
  times: number[];
  buckets: HistogramBucket[];
  /** counts[bucket][time]: the bucket's own count (or rate); NaN where no bucket had a sample. */
  counts: Float64Array[];
  /** Series left out: no `le`, or one that is not a number (each as its labels' text). */
  skipped: string[];
}

/** `le`'s value as Prometheus writes it ("0.25", "1e+06", "+Inf"); undefined when it is no number. */
export function parseLe(le: string): number | undefined {
  const v = le === '' ? undefined : parseGoFloat(le, 0, le.length);
  return v === undefined || Number.isNaN(v) ? undefined : v;
}

/** True when every series carries a numeric `le` and they name at least one bucket: a histogram. */
export function isBucketResult(series: readonly { labels: LabelSet }[]): boolean {
  return (
    series.length > 0 && series.every((s) => s.labels.le !== undefined && parseLe(s.labels.le) !== undefined)
  );
}

function labelsText(labels: LabelSet): string {
  const inner = Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  return `{${inner}}`;
}

export function bucketRows(series: readonly LeSeries[]): BucketRows {
  const skipped: string[] = [];
  const byLe = new Map<number, LeSeries[]>();
  const timeSet = new Set<number>();
  for (const s of series) {
    const le = s.labels.le === undefined ? undefined : parseLe(s.labels.le);
    if (le === undefined) {
      skipped.push(labelsText(s.labels));
      continue;
    }
    const group = byLe.get(le);
    if (group) group.push(s);
    else byLe.set(le, [s]);
    for (let i = 0; i < s.timestamps.length; i++) timeSet.add(s.timestamps[i]);
  }
  const times = [...timeSet].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const les = [...byLe.keys()].sort((a, b) => a - b);
  // Cumulative values per bucket and time: the sum of the bucket's series present there.
  const cumulative = les.map((le) => {
    const sum = new Float64Array(times.length).fill(NaN);
    for (const s of byLe.get(le) ?? []) {
      for (let i = 0; i < s.timestamps.length; i++) {
        const v = s.values[i];
        if (Number.isNaN(v)) continue;
        const j = index.get(s.timestamps[i]) ?? -1;
        sum[j] = Number.isNaN(sum[j]) ? v : sum[j] + v;
      }
    }
    return sum;
  });
  // Each bucket's own count: its cumulative value less the nearest lower bucket's with a sample
  // at that time. A counter reset between scrapes can make that negative; it counts as 0.
  const counts = les.map(() => new Float64Array(times.length).fill(NaN));
  for (let j = 0; j < times.length; j++) {
    let below = 0;
    for (let b = 0; b < les.length; b++) {
      const c = cumulative[b][j];
      if (Number.isNaN(c)) continue;
      counts[b][j] = Math.max(0, c - below);
      below = c;
    }
  }
  const buckets = les.map((upper, b) => ({
    upper,
    lower: b > 0 ? les[b - 1] : upper > 0 ? 0 : -Infinity,
  }));
  return { times, buckets, counts, skipped };
}
