// In-memory inverted index: label name → value → series ids (sorted postings), for matcher selection
// (=, !=, =~, !~) and for the label name/value listings. Rebuilt from the series table when the store opens.
import type { LabelSet } from '../../../shared/api';
import type { Matcher } from './types';
import { compileMatcher } from './matcher';
import { Postings, difference, intersect, unionDisjoint } from './postings';

const EMPTY = new Int32Array(0);

export interface IndexedSeries {
  id: number;
  labels: LabelSet;
  /** Timestamps of the first and last stored sample (for time-bounded listings). */
  minT: number;
  maxT: number;
}

export class LabelIndex {
  private readonly postings = new Map<string, Map<string, Postings>>();
  /** Every series id, ascending (the base of matchers that match absent labels). */
  private readonly all = new Postings();
  readonly byId = new Map<number, IndexedSeries>();

  add(series: IndexedSeries): void {
    this.byId.set(series.id, series);
    this.all.add(series.id);
    for (const [name, value] of Object.entries(series.labels)) {
      let values = this.postings.get(name);
      if (!values) this.postings.set(name, (values = new Map()));
      let ids = values.get(value);
      if (!ids) values.set(value, (ids = new Postings()));
      ids.add(series.id);
    }
  }

  /** Ids of series matching every matcher, ascending. A matcher that matches "" also matches absent labels. */
  select(matchers: Matcher[]): number[] {
    let result: Int32Array | null = null;
    // Matchers that can be answered from postings alone narrow the set first.
    const compiled = matchers.map((m) => ({ m, test: compileMatcher(m) }));
    compiled.sort((a, b) => rank(a.m) - rank(b.m));
    for (const { m, test } of compiled) {
      const matchesEmpty = test('');
      const values = this.postings.get(m.name);
      // The values that decide: those that match (a positive selection), or else those that do
      // not (they remove their series). One name's values have disjoint postings.
      const lists: Int32Array[] = [];
      if (values) {
        if (m.type === '=' && !matchesEmpty) {
          const ids = values.get(m.value);
          if (ids) lists.push(ids.view());
        } else {
          for (const [value, ids] of values) if (test(value) !== matchesEmpty) lists.push(ids.view());
        }
      }
      const ids = lists.length === 0 ? EMPTY : unionDisjoint(lists);
      if (!matchesEmpty) result = result ? intersect(result, ids) : ids;
      else result = difference(result ?? this.all.view(), ids);
      if (result.length === 0) break;
    }
    return Array.from(result ?? this.all.view());
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
