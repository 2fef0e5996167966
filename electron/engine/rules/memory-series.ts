// An in-memory series store for promtool's unit tests: input series are loaded up to each
// evaluation's timestamp (as promtool's lazy loader does, so a query never sees later input), rule
// output is appended as Prometheus's head would take it (an older sample or a different value at
// the same timestamp is refused; the first write wins).
import type { LabelSet } from '../../../shared/api';
import { labelsKey } from '../../../shared/labels-key';
import { compileMatcher } from '../store/matcher';
import type { Matcher, Querier, SeriesSamples } from '../store/types';
import type { RuleAppendable } from './types';

interface MemSeries {
  labels: LabelSet;
  t: number[];
  v: number[];
  stale: number[];
}

export class MemorySeries implements Querier, RuleAppendable {
  private readonly byKey = new Map<string, MemSeries>();
  private readonly byName = new Map<string, MemSeries[]>();
  /** Samples after this are not visible yet (the lazy loader's horizon). */
  private horizon = -Infinity;

  /** Makes samples up to t (inclusive) visible. */
  loadTill(t: number): void {
    this.horizon = Math.max(this.horizon, t);
  }

  /** Appends one sample; false when the head would refuse it (out of order or a duplicate). */
  append(labels: LabelSet, t: number, v: number, stale: boolean): boolean {
    const k = labelsKey(labels);
    let s = this.byKey.get(k);
    if (!s) {
      s = { labels: { ...labels }, t: [], v: [], stale: [] };
      this.byKey.set(k, s);
      const name = labels.__name__ ?? '';
      const list = this.byName.get(name);
      if (list) list.push(s);
      else this.byName.set(name, [s]);
    }
    const n = s.t.length;
    if (n > 0 && s.t[n - 1] >= t) {
      // Go's head: the same value again at the same time is a no-op, anything else is refused.
      return s.t[n - 1] === t && s.stale[n - 1] === (stale ? 1 : 0) && (stale || Object.is(s.v[n - 1], v));
    }
    s.t.push(t);
    s.v.push(stale ? NaN : v);
    s.stale.push(stale ? 1 : 0);
    return true;
  }

  appendBatch(samples: { labels: LabelSet; t: number; v: number; stale: boolean }[]): number {
    let refused = 0;
    for (const s of samples) if (!this.append(s.labels, s.t, s.v, s.stale)) refused++;
    return refused;
  }

  private candidates(matchers: Matcher[]): Iterable<MemSeries> {
    const byName = matchers.find((m) => m.name === '__name__' && m.type === '=');
    if (byName) return this.byName.get(byName.value) ?? [];
    return this.byKey.values();
  }

  select(matchers: Matcher[], mint: number, maxt: number): SeriesSamples[] {
    const fns = matchers.map((m) => ({ name: m.name, test: compileMatcher(m) }));
    const hi = Math.min(maxt, this.horizon);
    const out: SeriesSamples[] = [];
    for (const s of this.candidates(matchers)) {
      if (!fns.every((f) => f.test(s.labels[f.name] ?? ''))) continue;
      const a = lowerBound(s.t, mint);
      const b = lowerBound(s.t, hi + 1);
      if (b <= a) continue;
      const r: SeriesSamples = {
        labels: s.labels,
        t: Float64Array.from(s.t.slice(a, b)),
        v: Float64Array.from(s.v.slice(a, b)),
      };
      const st = s.stale.slice(a, b);
      if (st.includes(1)) r.stale = Uint8Array.from(st);
      out.push(r);
    }
    return out;
  }

  series(matcherSets: Matcher[][], mint: number, maxt: number): LabelSet[] {
    const seen = new Map<string, LabelSet>();
    for (const ms of matcherSets)
      for (const s of this.select(ms, mint, maxt)) seen.set(labelsKey(s.labels), s.labels);
    return [...seen.values()];
  }

  labelNames(matcherSets: Matcher[][], mint: number, maxt: number): string[] {
    const names = new Set<string>();
    for (const ls of this.all(matcherSets, mint, maxt)) for (const n in ls) names.add(n);
    return [...names].sort();
  }

  labelValues(name: string, matcherSets: Matcher[][], mint: number, maxt: number): string[] {
    const values = new Set<string>();
    for (const ls of this.all(matcherSets, mint, maxt)) if (ls[name] !== undefined) values.add(ls[name]);
    return [...values].sort();
  }

  private all(matcherSets: Matcher[][], mint: number, maxt: number): LabelSet[] {
    const sets =
      matcherSets.length > 0 ? matcherSets : [[{ name: '__name__', type: '=~' as const, value: '.+' }]];
    return this.series(sets, mint, maxt);
  }
}

function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
