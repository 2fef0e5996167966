// One appender's samples, columnar: four parallel arrays instead of an object per sample, so a
// 1000-sample scrape allocates a handful of arrays. After commit the same arrays are what
// consumers (live views, remote_write) read as CommittedSamples.
import type { CommittedSamples, StoredSeries } from './types';

export class SampleBatch<S extends StoredSeries> implements CommittedSamples {
  length = 0;
  series: S[] = [];
  t: number[] = [];
  v: number[] = [];
  stale: number[] = [];

  push(series: S, t: number, v: number, stale: boolean): void {
    this.series.push(series);
    this.t.push(t);
    this.v.push(v);
    this.stale.push(stale ? 1 : 0);
    this.length++;
  }

  /** Moves sample `from` to index `to` (to ≤ from), for compacting in place. */
  move(from: number, to: number): void {
    this.series[to] = this.series[from];
    this.t[to] = this.t[from];
    this.v[to] = this.v[from];
    this.stale[to] = this.stale[from];
  }

  truncate(n: number): void {
    this.series.length = n;
    this.t.length = n;
    this.v.length = n;
    this.stale.length = n;
    this.length = n;
  }
}

export const NO_SAMPLES: CommittedSamples = Object.freeze({
  length: 0,
  series: [],
  t: [],
  v: [],
  stale: [],
});
