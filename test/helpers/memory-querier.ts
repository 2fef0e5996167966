// An in-memory Querier for tests: series kept sorted by time, matched like the real store.
import type { LabelSet } from '../../shared/api';
import type { Matcher, Querier, SeriesSamples } from '../../electron/engine/store/types';
import { matchesValue } from '../../electron/engine/query/regex';
import { labelsKey } from '../../shared/labels-key';

interface MemSeries {
  labels: LabelSet;
  t: number[];
  v: number[];
  stale: number[];
}

export class MemoryQuerier implements Querier {
  private readonly store = new Map<string, MemSeries>();

  /** Adds one sample; samples of a series may arrive in any order (kept sorted, last write wins). */
  add(labels: LabelSet, t: number, v: number, stale = false): void {
    const k = labelsKey(labels);
    let s = this.store.get(k);
    if (!s) {
      s = { labels: { ...labels }, t: [], v: [], stale: [] };
      this.store.set(k, s);
    }
    const n = s.t.length;
    if (n === 0 || s.t[n - 1] < t) {
      s.t.push(t);
      s.v.push(stale ? NaN : v);
      s.stale.push(stale ? 1 : 0);
      return;
    }
    let i = s.t.findIndex((x) => x >= t);
    if (s.t[i] === t) {
      s.v[i] = stale ? NaN : v;
      s.stale[i] = stale ? 1 : 0;
      return;
    }
    if (i < 0) i = n;
    s.t.splice(i, 0, t);
    s.v.splice(i, 0, stale ? NaN : v);
    s.stale.splice(i, 0, stale ? 1 : 0);
  }

  clear(): void {
    this.store.clear();
  }

  private matching(matchers: Matcher[]): MemSeries[] {
    const out: MemSeries[] = [];
    for (const s of this.store.values()) {
      if (matchers.every((m) => matchesValue(m, s.labels[m.name] ?? ''))) out.push(s);
    }
    return out;
  }

  select(matchers: Matcher[], mint: number, maxt: number): SeriesSamples[] {
    const out: SeriesSamples[] = [];
    for (const s of this.matching(matchers)) {
      let lo = 0;
      while (lo < s.t.length && s.t[lo] < mint) lo++;
      let hi = lo;
      while (hi < s.t.length && s.t[hi] <= maxt) hi++;
      if (hi === lo) continue;
      const r: SeriesSamples = {
        labels: s.labels,
        t: Float64Array.from(s.t.slice(lo, hi)),
        v: Float64Array.from(s.v.slice(lo, hi)),
      };
      const st = s.stale.slice(lo, hi);
      if (st.some((x) => x === 1)) r.stale = Uint8Array.from(st);
      out.push(r);
    }
    return out;
  }

  series(matcherSets: Matcher[][], mint: number, maxt: number): LabelSet[] {
    const seen = new Map<string, LabelSet>();
    for (const ms of matcherSets) {
      for (const s of this.select(ms, mint, maxt)) seen.set(labelsKey(s.labels), s.labels);
    }
    return [...seen.values()];
  }

  labelNames(matcherSets: Matcher[][], mint: number, maxt: number): string[] {
    const names = new Set<string>();
    for (const ls of this.allLabelSets(matcherSets, mint, maxt)) for (const n in ls) names.add(n);
    return [...names].sort();
  }

  labelValues(name: string, matcherSets: Matcher[][], mint: number, maxt: number): string[] {
    const values = new Set<string>();
    for (const ls of this.allLabelSets(matcherSets, mint, maxt))
      if (ls[name] !== undefined) values.add(ls[name]);
    return [...values].sort();
  }

  private allLabelSets(matcherSets: Matcher[][], mint: number, maxt: number): LabelSet[] {
    if (matcherSets.length === 0)
      return this.series([[{ name: '__name__', type: '=~', value: '.+' }]], mint, maxt);
    return this.series(matcherSets, mint, maxt);
  }
}
