// One appender's samples, columnar: parallel arrays instead of an object per sample, so a
// 1000-sample scrape allocates a handful of arrays. Timestamps, values and stale flags are typed
// arrays sized up front from the caller's expected count (a scrape expects about what its last
// one had), so appending is a plain store. After commit the same arrays are what consumers
// (live views, remote_write) read as CommittedSamples, through `length`: the typed arrays may
// be longer.
import type { CommittedSamples, StoredSeries } from './types';

/** 64 bytes of float64s: V8 keeps typed arrays this small on its heap, with no ArrayBuffer. */
const MIN_CAPACITY = 8;

export class SampleBatch<S extends StoredSeries> implements CommittedSamples {
  length = 0;
  series: S[] = [];
  t: Float64Array;
  v: Float64Array;
  stale: Uint8Array;

  constructor(expected = 0) {
    const cap = Math.max(MIN_CAPACITY, expected);
    this.t = new Float64Array(cap);
    this.v = new Float64Array(cap);
    this.stale = new Uint8Array(cap);
  }

  push(series: S, t: number, v: number, stale: boolean): void {
    const n = this.length;
    if (n === this.t.length) this.grow();
    this.series[n] = series;
    this.t[n] = t;
    this.v[n] = v;
    this.stale[n] = stale ? 1 : 0;
    this.length = n + 1;
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
    this.length = n;
  }

  private grow(): void {
    const cap = this.t.length * 2;
    const t = new Float64Array(cap);
    const v = new Float64Array(cap);
    const stale = new Uint8Array(cap);
    t.set(this.t);
    v.set(this.v);
    stale.set(this.stale);
    this.t = t;
    this.v = v;
    this.stale = stale;
  }
}

export const NO_SAMPLES: CommittedSamples = Object.freeze({
  length: 0,
  series: [],
  t: [],
  v: [],
  stale: [],
});
