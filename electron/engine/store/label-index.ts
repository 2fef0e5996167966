// In-memory inverted index: label name → value → series ids, for matcher selection (=, !=, =~, !~)
// and for the label name/value listings. Rebuilt from the series table when the store opens.
import type { LabelSet } from '../../../shared/api';
import type { Matcher } from './types';
import { compileMatcher } from './matcher';

export interface IndexedSeries {
  id: number;
  labels: LabelSet;
  /** Timestamps of the first and last stored sample (for time-bounded listings). */
  minT: number;
  maxT: number;
}

export class LabelIndex {
  private readonly postings = new Map<string, Map<string, Set<number>>>();
  readonly byId = new Map<number, IndexedSeries>();

  add(series: IndexedSeries): void {
    this.byId.set(series.id, series);
    for (const [name, value] of Object.entries(series.labels)) {
      let values = this.postings.get(name);
      if (!values) this.postings.set(name, (values = new Map()));
      let ids = values.get(value);
      if (!ids) values.set(value, (ids = new Set()));
      ids.add(series.id);
    }
  }

  /** Ids of series matching every matcher. A matcher that matches "" also matches absent labels. */
  select(matchers: Matcher[]): number[] {
    let result: Set<number> | null = null;
    // Matchers that can be answered from postings alone narrow the set first.
    const compiled = matchers.map((m) => ({ m, test: compileMatcher(m) }));
    compiled.sort((a, b) => rank(a.m) - rank(b.m));
    for (const { m, test } of compiled) {
      const matchesEmpty = test('');
      const values = this.postings.get(m.name);
      if (!matchesEmpty) {
        // Positive selection: union of postings of the values that match.
        const ids = new Set<number>();
        if (values) {
          if (m.type === '=') {
            for (const id of values.get(m.value) ?? []) ids.add(id);
          } else {
            for (const [value, set] of values) if (test(value)) for (const id of set) ids.add(id);
          }
        }
        result = result ? intersect(result, ids) : ids;
      } else {
        // Matches "" (so absent labels too): remove series whose value does not match.
        const base: Set<number> = result ?? new Set(this.byId.keys());
        if (values) {
          for (const [value, set] of values) {
            if (test(value)) continue;
            for (const id of set) base.delete(id);
          }
        }
        result = base;
      }
      if (result.size === 0) break;
    }
    const ids = [...(result ?? this.byId.keys())];
    ids.sort((a, b) => a - b);
    return ids;
  }

  /** Series matching any of the matcher lists (all series when none) with data in [mint, maxt]. */
  seriesIn(matcherSets: Matcher[][], mint: number, maxt: number): IndexedSeries[] {
    const ids = new Set<number>();
    const sets = matcherSets.length > 0 ? matcherSets : [null];
    for (const ms of sets) {
      for (const id of ms ? this.select(ms) : this.byId.keys()) ids.add(id);
    }
    const out: IndexedSeries[] = [];
    for (const id of ids) {
      const s = this.byId.get(id)!;
      if (s.maxT >= mint && s.minT <= maxt) out.push(s);
    }
    return out;
  }

  /** Label names of the series seriesIn() selects, sorted. */
  labelNamesIn(matcherSets: Matcher[][], mint: number, maxt: number): string[] {
    const names = new Set<string>();
    for (const s of this.seriesIn(matcherSets, mint, maxt))
      for (const n of Object.keys(s.labels)) names.add(n);
    return [...names].sort();
  }

  /** Values of one label among the series seriesIn() selects, sorted. */
  labelValuesIn(name: string, matcherSets: Matcher[][], mint: number, maxt: number): string[] {
    const values = new Set<string>();
    for (const s of this.seriesIn(matcherSets, mint, maxt)) {
      const v = s.labels[name];
      if (v !== undefined) values.add(v);
    }
    return [...values].sort();
  }

  labelNames(): string[] {
    return [...this.postings.keys()].sort();
  }

  labelValues(name: string): string[] {
    return [...(this.postings.get(name)?.keys() ?? [])].sort();
  }
}

function rank(m: Matcher): number {
  return m.type === '=' ? 0 : m.type === '=~' ? 1 : 2;
}

function intersect(a: Set<number>, b: Set<number>): Set<number> {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out = new Set<number>();
  for (const id of small) if (large.has(id)) out.add(id);
  return out;
}
