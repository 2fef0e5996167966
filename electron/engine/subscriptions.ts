// What a view subscribed to, and how new commits become pushed points. A plain series selector
// pushes the raw new samples of matching series; any other expression (rate(), sum by, ...) is
// re-evaluated at the scrape's timestamp when its data changes, at most once a second, and
// pushes the resulting points — so every chart is live without polling.
import type { LabelSet, SeriesColumns } from '../../shared/api';
import { parseExpr, parseSeriesSelector, type QueryEngine, type QueryResult } from './query';
import { SteppedSubscription } from './stepped-subscription';
import { compileMatcher } from './store/matcher';
import type { CommittedSamples, Matcher } from './store/types';

export interface Subscription {
  /** New points to push for these committed samples, or null when nothing changed for it. */
  deliver(samples: CommittedSamples): SeriesColumns[] | null;
}

const EXPRESSION_MIN_INTERVAL_MS = 1000;

/**
 * Results of expressions evaluated for one commit, by query: every subscription to the same
 * expression (several tabs on one dashboard, or one client subscribing it many times) shares one
 * evaluation per commit. Keyed by the commit's object, so it goes when the commit does.
 */
const evaluated = new WeakMap<CommittedSamples, Map<string, QueryResult | null>>();

export function createSubscription(
  query: string,
  engine: QueryEngine,
  grid?: { stepMs: number; afterMs: number },
): Subscription {
  // A panel's query on its step grid (stepped-subscription.ts), whatever the expression.
  if (grid) return new SteppedSubscription(query, engine, grid.stepMs, grid.afterMs);
  let matchers: Matcher[] | null = null;
  try {
    matchers = parseSeriesSelector(query);
  } catch {
    parseExpr(query); // not a plain selector: it must at least be valid PromQL (throws if not)
  }
  return matchers ? new SelectorSubscription(matchers) : new ExpressionSubscription(query, engine);
}

class SelectorSubscription implements Subscription {
  private readonly tests: ((labels: LabelSet) => boolean)[];
  private readonly cache = new Map<number, boolean>();

  constructor(matchers: Matcher[]) {
    this.tests = matchers.map((m) => {
      const fn = compileMatcher(m);
      return (labels: LabelSet) => fn(labels[m.name] ?? '');
    });
  }

  deliver(samples: CommittedSamples): SeriesColumns[] | null {
    const bySeries = new Map<number, { labels: LabelSet; t: number[]; v: number[] }>();
    for (let i = 0; i < samples.length; i++) {
      const s = samples.series[i];
      let match = this.cache.get(s.id);
      if (match === undefined) {
        match = this.tests.every((test) => test(s.labels));
        this.cache.set(s.id, match);
      }
      if (!match) continue;
      let acc = bySeries.get(s.id);
      if (!acc) bySeries.set(s.id, (acc = { labels: s.labels, t: [], v: [] }));
      acc.t.push(samples.t[i]);
      acc.v.push(samples.stale[i] === 1 ? NaN : samples.v[i]);
    }
    if (bySeries.size === 0) return null;
    return [...bySeries.values()].map((a) => ({
      labels: a.labels,
      timestamps: Float64Array.from(a.t),
      values: Float64Array.from(a.v),
    }));
  }
}

class ExpressionSubscription implements Subscription {
  private lastEvalT = -Infinity;

  constructor(
    private readonly query: string,
    private readonly engine: QueryEngine,
  ) {}

  deliver(samples: CommittedSamples): SeriesColumns[] | null {
    if (samples.length === 0) return null;
    let t = -Infinity;
    for (let i = 0; i < samples.length; i++) if (samples.t[i] > t) t = samples.t[i];
    if (t - this.lastEvalT < EXPRESSION_MIN_INTERVAL_MS) return null;
    let byQuery = evaluated.get(samples);
    if (!byQuery) evaluated.set(samples, (byQuery = new Map()));
    let res = byQuery.get(this.query);
    if (res === undefined) {
      try {
        res = this.engine.instant(this.query, t);
      } catch {
        res = null; // e.g. a timeout under load: the next commit tries again
      }
      byQuery.set(this.query, res);
    }
    if (res === null) return null;
    // An empty result (e.g. rate() before its second sample) does not use up the interval.
    if (res.resultType === 'vector' && res.result.length === 0) return null;
    this.lastEvalT = t;
    if (res.resultType === 'vector') {
      return res.result.map((s) => ({
        labels: s.labels,
        timestamps: Float64Array.of(t),
        values: Float64Array.of(s.v),
      }));
    }
    if (res.resultType === 'scalar')
      return [{ labels: {}, timestamps: Float64Array.of(t), values: Float64Array.of(res.v) }];
    return null;
  }
}
