// Keeps the points of a chart's series (history from a range query plus live pushes) and turns
// them into uPlot's aligned columns: one shared x axis in seconds, one y array per series.
//
// Gaps: uPlot breaks a line at `null` and draws across `undefined`. Alignment fill (another
// series has a point at this x, this one does not) is `undefined`; a real gap — a stale marker
// (NaN) or a missing step in range-query history — is `null`, so lines end where data ends.
import type { LabelSet, SeriesColumns } from '../../../shared/api';
import { labelsKey } from '../../../shared/labels-key';

export interface StoredSeries {
  key: string;
  labels: LabelSet;
  ts: number[]; // ms, ascending, unique
  vs: number[]; // NaN = gap
}

export type AlignedColumns = [number[], ...(number | null | undefined)[][]];

export class SeriesStore {
  /** In first-seen order: a series keeps its index (and colour) while the chart lives. */
  readonly series: StoredSeries[] = [];
  private byKey = new Map<string, StoredSeries>();
  /** Series not kept because the store was full (too many to chart usefully). */
  readonly dropped = new Set<string>();

  constructor(private readonly maxSeries = Infinity) {}

  /** Add points; returns true when a series was seen for the first time. */
  add(cols: SeriesColumns, stepMs?: number): boolean {
    const key = labelsKey(cols.labels);
    let s = this.byKey.get(key);
    let isNew = false;
    if (!s) {
      if (this.series.length >= this.maxSeries) {
        this.dropped.add(key);
        return false;
      }
      s = { key, labels: cols.labels, ts: [], vs: [] };
      this.byKey.set(key, s);
      this.series.push(s);
      isNew = true;
    }
    if (stepMs === undefined) {
      mergeInto(s, cols.timestamps, cols.values);
      return isNew;
    }
    const ts: number[] = [];
    const vs: number[] = [];
    for (let i = 0; i < cols.timestamps.length; i++) {
      const t = cols.timestamps[i];
      // History is on a step grid: a hole in the grid means the series was absent there.
      if (ts.length > 0 && t - ts[ts.length - 1] > stepMs * 1.5) {
        ts.push(ts[ts.length - 1] + stepMs);
        vs.push(NaN);
      }
      ts.push(t);
      vs.push(cols.values[i]);
    }
    mergeInto(s, ts, vs);
    return isNew;
  }

  /** Drop points before `minMs` (they scrolled out of the window). */
  trimBefore(minMs: number): void {
    for (const s of this.series) {
      let n = 0;
      while (n < s.ts.length && s.ts[n] < minMs) n++;
      if (n > 0) {
        s.ts.splice(0, n);
        s.vs.splice(0, n);
      }
    }
  }

  pointCount(): number {
    let n = 0;
    for (const s of this.series) n += s.ts.length;
    return n;
  }

  /** uPlot data: x in seconds (union of all timestamps), y per series in `series` order. */
  aligned(): AlignedColumns {
    return alignSeries(this.series);
  }
}

function mergeInto(s: StoredSeries, ts: ArrayLike<number>, vs: ArrayLike<number>): void {
  if (ts.length === 0) return;
  // Common case: live points after everything we have.
  if (s.ts.length === 0 || ts[0] > s.ts[s.ts.length - 1]) {
    for (let i = 0; i < ts.length; i++) {
      if (i > 0 && ts[i] <= ts[i - 1]) continue;
      s.ts.push(ts[i]);
      s.vs.push(vs[i]);
    }
    return;
  }
  const outT: number[] = [];
  const outV: number[] = [];
  let a = 0;
  let b = 0;
  while (a < s.ts.length || b < ts.length) {
    let t: number;
    let v: number;
    if (b >= ts.length || (a < s.ts.length && s.ts[a] < ts[b])) {
      t = s.ts[a];
      v = s.vs[a++];
    } else if (a >= s.ts.length || ts[b] < s.ts[a]) {
      t = ts[b];
      v = vs[b++];
    } else {
      // Same timestamp: the newer delivery wins.
      t = ts[b];
      v = vs[b++];
      a++;
    }
    if (outT.length && outT[outT.length - 1] === t) outV[outV.length - 1] = v;
    else {
      outT.push(t);
      outV.push(v);
    }
  }
  s.ts = outT;
  s.vs = outV;
}

/** Align series on the union of their timestamps (k-way merge), for uPlot. */
export function alignSeries(series: { ts: number[]; vs: number[] }[]): AlignedColumns {
  // One series (a big panel's common case) needs no merge.
  if (series.length === 1) {
    const { ts, vs } = series[0];
    const xs = new Array<number>(ts.length);
    const ys = new Array<number | null>(ts.length);
    for (let i = 0; i < ts.length; i++) {
      xs[i] = ts[i] / 1000;
      ys[i] = Number.isNaN(vs[i]) ? null : vs[i];
    }
    return [xs, ys];
  }
  // Each point's place on the merged axis is noted as the merge goes (no map of timestamps:
  // a million-entry Map took most of a second).
  const xsMs: number[] = [];
  const pos = series.map(() => 0);
  const at = series.map((s) => new Int32Array(s.ts.length));
  for (;;) {
    let min = Infinity;
    for (let i = 0; i < series.length; i++) {
      const p = pos[i];
      if (p < series[i].ts.length && series[i].ts[p] < min) min = series[i].ts[p];
    }
    if (min === Infinity) break;
    const x = xsMs.length;
    xsMs.push(min);
    for (let i = 0; i < series.length; i++) if (series[i].ts[pos[i]] === min) at[i][pos[i]++] = x;
  }
  const ys = series.map((s, k) => {
    const y = new Array<number | null | undefined>(xsMs.length).fill(undefined);
    const idx = at[k];
    for (let i = 0; i < s.ts.length; i++) {
      const v = s.vs[i];
      y[idx[i]] = Number.isNaN(v) ? null : v;
    }
    return y;
  });
  return [xsMs.map((t) => t / 1000), ...ys];
}
