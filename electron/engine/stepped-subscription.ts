// A dashboard panel's live query: a PromQL expression on the panel's step grid. After a commit
// brings new samples of a series the expression reads, it is evaluated at the grid times the
// client does not have yet (up to the commit's time) and those points are pushed — the same
// values a range query at that step would give, so the panel extends its history seamlessly.
// Cost is bounded: at most one evaluation per step per subscription (a range over the steps it
// missed, at most MAX_CATCHUP_STEPS), shared by every subscription of the same query and grid.
import type { LabelSet, SeriesColumns } from '../../shared/api';
import { parseExpr, type Expr, type QueryEngine, type QueryResult } from './query';
import type { VectorSelector } from './query/ast';
import { compileMatcher } from './store/matcher';
import type { CommittedSamples } from './store/types';

/** A client that fell further behind than this gets only the newest steps (it refetches the rest). */
const MAX_CATCHUP_STEPS = 60;

/** Bounds the per-series match cache (series churn would otherwise grow it forever). */
const MATCH_CACHE_MAX = 100_000;

/** Range results by commit and grid: subscriptions of one query on one grid evaluate it once. */
const evaluated = new WeakMap<CommittedSamples, Map<string, QueryResult | null>>();

/** Every vector selector in an expression (a walk of the tree's own fields). */
function selectorsOf(expr: Expr): VectorSelector[] {
  const out: VectorSelector[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const rec = node as { type?: unknown };
    if (rec.type === 'VectorSelector') {
      out.push(node as VectorSelector);
      return;
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'pos') visit(v);
  };
  visit(expr);
  return out;
}

export class SteppedSubscription {
  /** One test per selector: a series matters when any selector picks it. */
  private readonly tests: ((labels: LabelSet) => boolean)[];
  private readonly matches = new Map<number, boolean>();
  /** The last grid time the client holds. */
  private lastT: number;

  constructor(
    private readonly query: string,
    private readonly engine: QueryEngine,
    private readonly stepMs: number,
    afterMs: number,
  ) {
    const expr = parseExpr(query); // throws on invalid PromQL: subscribe answers with the error
    this.tests = selectorsOf(expr).map((sel) => {
      const fns = sel.matchers.map((m) => {
        const fn = compileMatcher(m);
        return (labels: LabelSet) => fn(labels[m.name] ?? '');
      });
      return (labels: LabelSet) => fns.every((f) => f(labels));
    });
    this.lastT = Math.floor(afterMs / stepMs) * stepMs;
  }

  /** Whether this commit holds a sample of a series the expression reads (any, when it reads none). */
  private touches(samples: CommittedSamples): boolean {
    if (this.tests.length === 0) return true;
    if (this.matches.size > MATCH_CACHE_MAX) this.matches.clear();
    for (let i = 0; i < samples.length; i++) {
      const s = samples.series[i];
      let m = this.matches.get(s.id);
      if (m === undefined) {
        m = this.tests.some((t) => t(s.labels));
        this.matches.set(s.id, m);
      }
      if (m) return true;
    }
    return false;
  }

  deliver(samples: CommittedSamples): SeriesColumns[] | null {
    if (samples.length === 0) return null;
    let maxT = -Infinity;
    for (let i = 0; i < samples.length; i++) if (samples.t[i] > maxT) maxT = samples.t[i];
    const endT = Math.floor(maxT / this.stepMs) * this.stepMs;
    if (endT <= this.lastT || !this.touches(samples)) return null;
    const startT = Math.max(this.lastT + this.stepMs, endT - (MAX_CATCHUP_STEPS - 1) * this.stepMs);
    let byKey = evaluated.get(samples);
    if (!byKey) evaluated.set(samples, (byKey = new Map()));
    const key = `${this.stepMs}|${startT}|${endT}|${this.query}`;
    let res = byKey.get(key);
    if (res === undefined) {
      try {
        res = this.engine.range(this.query, startT, endT, this.stepMs);
      } catch {
        res = null; // e.g. a timeout under load: those steps stay a gap rather than retried per commit
      }
      byKey.set(key, res);
    }
    this.lastT = endT;
    if (res === null || res.resultType !== 'matrix') return null;
    const out = res.result
      .filter((s) => s.t.length > 0)
      .map((s) => ({ labels: s.labels, timestamps: Float64Array.from(s.t), values: Float64Array.from(s.v) }));
    return out.length ? out : null;
  }
}
