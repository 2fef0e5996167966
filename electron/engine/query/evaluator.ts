// The step-wise evaluator: evalAt(expr, t) computes one expression at one timestamp, like
// Prometheus's per-step semantics. Selector data is fetched once per query (bounds from a
// planning pass) and windows are found by binary search; subqueries are evaluated once over
// their whole range and sliced per step.
import type { LabelSet } from '../../../shared/api';
import { SampleBudgetError, type Querier, type SeriesSamples } from '../store/types';
import { aggregate, newAggregateCache, type AggregateCache } from './aggregate';
import {
  leftSpine,
  type AggregateExpr,
  type BinaryExpr,
  type Call,
  type Expr,
  type MatrixSelector,
  type SubqueryExpr,
  type VectorSelector,
} from './ast';
import {
  isComparisonOp,
  scalarBinop,
  vectorAnd,
  vectorBinop,
  vectorOr,
  vectorScalarBinop,
  vectorUnless,
} from './binary';
import type { MetricCache } from './binary';
import { QueryExecutionError, QueryTimeoutError } from './errors';
import { bucketQuantile, parseLe, type Bucket } from './functions/histogram';
import { DATE_FUNCTIONS, MATH_FUNCTIONS, roundTo } from './functions/instant';
import { labelJoin, labelReplace, type LabelFnCache } from './functions/labels';
import { KEEPS_NAME, RANGE_FUNCTIONS, RangeFnError, type RangeCtx } from './functions/range';
import { cachedLabelsKey, compareLabels, withoutName } from './labels';
import type { RangeSeries, Sample, StepSeries, Value } from './values';
import { rangeColumns, type RangeColumns } from './range-columns';
import { sumColumns, type GroupColumns } from './aggregate-columns';

export interface EvalOptions {
  startMs: number;
  endMs: number;
  /** 0 for instant queries. */
  stepMs: number;
  lookbackMs: number;
  maxSamples: number;
  /** Date.now() value after which evaluation aborts. */
  deadline: number;
  /** Step of subqueries written without one (`[30m:]`). */
  defaultSubqueryStepMs: number;
  /** Semantics: '3' (left-open windows, delayed name removal) or '2.42' (closed windows). */
  compat: PromQLCompat;
}

/**
 * Which Prometheus's semantics to follow. '3': range and lookback windows are left-open
 * (t-range, t], __name__ is dropped when the query ends. '2.42': windows are closed
 * [t-range, t], __name__ is dropped right away, rate() checks the zero point first.
 */
export type PromQLCompat = '3' | '2.42';

/** One stored series prepared for evaluation. */
interface SeriesData {
  metric: LabelSet;
  /** All samples incl. stale markers (instant lookups). */
  t: Float64Array;
  v: Float64Array;
  stale: Uint8Array | undefined;
  /** Samples without stale markers (range windows). */
  ft: Float64Array;
  fv: Float64Array;
}

interface SubqueryData {
  metric: LabelSet;
  dropName: boolean;
  t: Float64Array;
  v: Float64Array;
}

type Bounds = [number, number];

/** Most series × steps one node's columns may hold (larger ones are evaluated step by step). */
const MAX_COLUMN_CELLS = 20_000_000;

/**
 * Most points evalSteps keeps whatever --query.max-samples says: one series' steps live in one
 * JavaScript array, and V8 aborts the process (not throws) when such an array passes ~134M.
 */
const HARD_MAX_POINTS = 100_000_000;

/** How many of start, start+step, ... fall in [start, end] (0 when end < start). */
export function stepCount(start: number, end: number, step: number): number {
  return end < start ? 0 : Math.floor((end - start) / step) + 1;
}

/** Index of the first element >= x in sorted a[lo..hi). */
function lowerBound(a: Float64Array, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > x in sorted a[lo..hi). */
function upperBound(a: Float64Array, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function unwrapParens(e: Expr): Expr {
  let x = e;
  while (x.type === 'ParenExpr') x = x.expr;
  return x;
}

export class Evaluator {
  private readonly bounds = new Map<Expr, Bounds>();
  private readonly selectorData = new Map<VectorSelector, SeriesData[]>();
  private readonly subqueryData = new Map<SubqueryExpr, SubqueryData[]>();
  private readonly binaryCaches = new Map<BinaryExpr, MetricCache>();
  private readonly aggregateCaches = new Map<AggregateExpr, AggregateCache>();
  private readonly labelFnCaches = new Map<Call, LabelFnCache>();
  private readonly absentLabels = new Map<Call, LabelSet>();
  /** Left spines of binary expressions whose left operand is itself binary (see evalBinary). */
  private readonly spines = new Map<BinaryExpr, BinaryExpr[]>();
  /** Points evalSteps has stored so far (subquery results and range-query output). */
  private held = 0;
  /**
   * Samples read from the store so far. Prometheus reads lazily and counts only what a step
   * holds; selectors here are read whole before evaluation, so what they read is bounded too.
   */
  private loaded = 0;
  private readonly maxPoints: number;
  private ticks = 0;
  readonly warnings = new Set<string>();
  /** 2.42 semantics: closed windows, immediate __name__ removal. */
  private readonly closed: boolean;
  /** First index inside a window starting at `from` (exclusive in 3, inclusive in 2.42). */
  private readonly windowStart: (a: Float64Array, from: number, lo?: number, hi?: number) => number;
  private readonly nameless = new WeakMap<LabelSet, LabelSet>();
  /** Range calls evaluated for all steps at once (null: not eligible). */
  private readonly columns = new Map<Call, { cols: RangeColumns; data: SeriesData[] } | null>();
  private readonly groupColumns = new Map<AggregateExpr, GroupColumns | null>();

  constructor(
    private readonly querier: Querier,
    private readonly opts: EvalOptions,
  ) {
    this.closed = opts.compat === '2.42';
    this.windowStart = this.closed ? lowerBound : upperBound;
    this.maxPoints = Math.min(opts.maxSamples, HARD_MAX_POINTS);
  }

  // ---- planning: which times does each selector/subquery get evaluated at? ----

  /**
   * Plans `e` for the query's times and refuses it, before anything is allocated, when the
   * steps of the range query and of its subqueries already pass --query.max-samples: each step
   * evaluated holds at least one point per series it yields (Prometheus counts the same points
   * as it goes, after allocating for them).
   */
  plan(e: Expr): void {
    const { startMs, endMs, stepMs } = this.opts;
    let points = stepMs > 0 ? stepCount(startMs, endMs, stepMs) : 0;
    if (points > this.maxPoints) this.tooManySamples();
    // An explicit stack, not recursion: operator chains can be 200k nodes long.
    const todo: [Expr, number, number][] = [[e, startMs, endMs]];
    while (todo.length > 0) {
      const [x, lo, hi] = todo.pop()!;
      switch (x.type) {
        case 'VectorSelector':
          this.widen(x, this.effective(x, lo, hi));
          break;
        case 'MatrixSelector':
          this.widen(x.selector, this.effective(x.selector, lo, hi));
          break;
        case 'SubqueryExpr': {
          const [a, b] = this.effective(x, lo, hi);
          this.widen(x, [a, b]);
          const step = this.subqueryStep(x);
          const from = this.alignedStart(a - x.rangeMs, step);
          points += stepCount(from, b, step);
          if (points > this.maxPoints) this.tooManySamples();
          todo.push([x.expr, from, b]);
          break;
        }
        default:
          for (const c of children(x)) todo.push([c, lo, hi]);
      }
    }
  }

  private widen(e: Expr, [a, b]: Bounds): void {
    const cur = this.bounds.get(e);
    this.bounds.set(e, cur ? [Math.min(cur[0], a), Math.max(cur[1], b)] : [a, b]);
  }

  /** Effective time range after @ and offset for evaluation times [lo, hi]. */
  private effective(e: VectorSelector | SubqueryExpr, lo: number, hi: number): Bounds {
    const at = this.atOf(e);
    if (at !== null) return [at - e.offsetMs, at - e.offsetMs];
    return [lo - e.offsetMs, hi - e.offsetMs];
  }

  private atOf(e: VectorSelector | SubqueryExpr): number | null {
    if (e.atStartEnd === 'start') return this.opts.startMs;
    if (e.atStartEnd === 'end') return this.opts.endMs;
    return e.atMs;
  }

  private effTime(e: VectorSelector | SubqueryExpr, ts: number): number {
    return (this.atOf(e) ?? ts) - e.offsetMs;
  }

  private subqueryStep(e: SubqueryExpr): number {
    return e.stepMs > 0 ? e.stepMs : this.opts.defaultSubqueryStepMs;
  }

  /** First multiple of step after t (at or after in 2.42; Go integer division semantics). */
  private alignedStart(t: number, step: number): number {
    let start = step * Math.trunc(t / step);
    if (start < t || (start === t && !this.closed)) start += step;
    return start;
  }

  // ---- data ----

  private data(vs: VectorSelector, rangeMs: number): SeriesData[] {
    let d = this.selectorData.get(vs);
    if (d) return d;
    const [a, b] = this.bounds.get(vs) ?? [this.opts.startMs, this.opts.endMs];
    const back = Math.max(rangeMs, this.opts.lookbackMs);
    let raw: SeriesSamples[];
    try {
      raw = this.querier.select(vs.matchers, a - back, b, { samples: this.maxPoints - this.loaded });
    } catch (err) {
      if (err instanceof SampleBudgetError) this.tooManySamples();
      throw err;
    }
    for (const s of raw) this.loaded += s.t.length;
    d = raw.map((s) => {
      this.checkDeadline();
      let ft = s.t;
      let fv = s.v;
      if (s.stale && s.stale.some((x) => x === 1)) {
        const keep: number[] = [];
        for (let i = 0; i < s.t.length; i++) if (!s.stale[i]) keep.push(i);
        ft = Float64Array.from(keep, (i) => s.t[i]);
        fv = Float64Array.from(keep, (i) => s.v[i]);
      }
      return { metric: s.labels, t: s.t, v: s.v, stale: s.stale, ft, fv };
    });
    this.selectorData.set(vs, d);
    return d;
  }

  /** Called in every loop over steps, series and nodes; reads the clock every 64th call. */
  private checkDeadline(): void {
    if ((++this.ticks & 63) === 0 && Date.now() > this.opts.deadline) throw new QueryTimeoutError();
  }

  // ---- evaluation ----

  evalAt(e: Expr, ts: number): Value {
    const v = this.evalNode(e, ts);
    if (this.closed && v.kind === 'vector') this.dropNamesNow(v.samples);
    return v;
  }

  /** Prometheus 2.42 removes __name__ where a function or operator produces the sample. */
  private dropNamesNow(samples: Sample[]): void {
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i];
      if (!s.dropName) continue;
      samples[i] = { metric: this.namelessOf(s.metric), v: s.v, dropName: false, t: s.t };
    }
  }

  private namelessOf(metric: LabelSet): LabelSet {
    let m = this.nameless.get(metric);
    if (!m) {
      m = withoutName(metric);
      this.nameless.set(metric, m);
      this.nameless.set(m, m);
    }
    return m;
  }

  /** Index of ts in the range query's steps, or -1. */
  private stepIndex(ts: number): number {
    const { startMs, endMs, stepMs } = this.opts;
    if (!(stepMs > 0) || ts < startMs || ts > endMs) return -1;
    const i = (ts - startMs) / stepMs;
    return Number.isInteger(i) ? i : -1;
  }

  /**
   * A range function over a plain matrix selector with literal parameters, evaluated for every
   * step of the range query at once (see range-columns.ts); null when not eligible.
   */
  private columnsFor(e: Call): { cols: RangeColumns; data: SeriesData[] } | null {
    let c = this.columns.get(e);
    if (c !== undefined) return c;
    c = null;
    const fn = RANGE_FUNCTIONS[e.func];
    const matrixIdx = e.args.findIndex((a) => unwrapParens(a).type === 'MatrixSelector');
    const params: number[] = [];
    let literal = matrixIdx >= 0;
    e.args.forEach((a, i) => {
      if (i === matrixIdx) return;
      const x = unwrapParens(a);
      if (x.type === 'NumberLiteral') params.push(x.value);
      else literal = false;
    });
    if (literal) {
      const arg = unwrapParens(e.args[matrixIdx]) as MatrixSelector;
      const { startMs, endMs, stepMs } = this.opts;
      const steps = stepCount(startMs, endMs, stepMs);
      const data = this.data(arg.selector, arg.rangeMs);
      if (data.length * steps <= MAX_COLUMN_CELLS) {
        const ends = new Float64Array(steps);
        const evalTs = new Float64Array(steps);
        for (let i = 0; i < steps; i++) {
          evalTs[i] = startMs + i * stepMs;
          ends[i] = this.effTime(arg.selector, evalTs[i]);
        }
        const cols = rangeColumns(data, fn, {
          ends,
          evalTs,
          rangeMs: arg.rangeMs,
          params,
          closed: this.closed,
          zeroFirst: this.closed,
          maxSamples: this.opts.maxSamples,
          tick: () => this.checkDeadline(),
          tooMany: () =>
            new QueryExecutionError(
              'query processing would load too many samples into memory in query execution',
            ),
        });
        c = { cols, data };
      }
    }
    this.columns.set(e, c);
    return c;
  }

  /** The step's samples of a range call from its columns (as evalRangeCall would make them). */
  private samplesFromColumns(e: Call, c: { cols: RangeColumns; data: SeriesData[] }, i: number): Sample[] {
    const { cols, data } = c;
    if (i >= cols.failStep) {
      if (cols.error instanceof RangeFnError) throw new QueryExecutionError(cols.error.message);
      throw cols.error;
    }
    const dropName = !KEEPS_NAME.has(e.func);
    const out: Sample[] = [];
    for (let s = 0, at = i; s < data.length; s++, at += cols.steps) {
      if (cols.has[at]) out.push({ metric: data[s].metric, v: cols.vals[at], dropName });
    }
    return out;
  }

  /** `sum [by|without] (range call)`, grouped once per query; null when not eligible. */
  private groupColumnsFor(e: AggregateExpr): GroupColumns | null {
    let g = this.groupColumns.get(e);
    if (g !== undefined) return g;
    g = null;
    const inner = unwrapParens(e.expr);
    if (e.op === 'sum' && !e.param && inner.type === 'Call' && Object.hasOwn(RANGE_FUNCTIONS, inner.func)) {
      const c = this.columnsFor(inner);
      if (c) {
        const dropName = !KEEPS_NAME.has(inner.func);
        // The metric each input sample carries after evalAt (2.42 drops __name__ right away).
        const metrics = c.data.map((d) => (this.closed && dropName ? this.namelessOf(d.metric) : d.metric));
        let cache = this.aggregateCaches.get(e);
        if (!cache) this.aggregateCaches.set(e, (cache = newAggregateCache()));
        g = sumColumns(e, metrics, this.closed ? false : dropName, c.cols, cache);
      }
    }
    this.groupColumns.set(e, g);
    return g;
  }

  private evalNode(e: Expr, ts: number): Value {
    this.checkDeadline();
    switch (e.type) {
      case 'NumberLiteral':
        return { kind: 'scalar', v: e.value };
      case 'StringLiteral':
        return { kind: 'string', v: e.value };
      case 'ParenExpr':
        return this.evalAt(e.expr, ts);
      case 'UnaryExpr': {
        const v = this.evalAt(e.expr, ts);
        if (e.op === '+') return v;
        if (v.kind === 'scalar') return { kind: 'scalar', v: -v.v };
        if (v.kind === 'vector') {
          return {
            kind: 'vector',
            samples: v.samples.map((s) => ({ metric: s.metric, v: -s.v, dropName: true })),
          };
        }
        return v;
      }
      case 'VectorSelector':
        return { kind: 'vector', samples: this.selectInstant(e, ts) };
      case 'MatrixSelector':
        return { kind: 'matrix', series: this.selectRange(e, ts) };
      case 'SubqueryExpr':
        return { kind: 'matrix', series: this.subqueryWindows(e, ts) };
      case 'BinaryExpr':
        return this.evalBinary(e, ts);
      case 'AggregateExpr':
        return this.evalAggregate(e, ts);
      case 'Call':
        return this.evalCall(e, ts);
    }
  }

  private selectInstant(vs: VectorSelector, ts: number): Sample[] {
    const data = this.data(vs, 0);
    const T = this.effTime(vs, ts);
    const minT = T - this.opts.lookbackMs;
    const out: Sample[] = [];
    for (const s of data) {
      this.checkDeadline();
      const i = upperBound(s.t, T) - 1;
      if (i < 0 || s.t[i] < minT || (s.t[i] === minT && !this.closed)) continue;
      if (s.stale && s.stale[i]) continue;
      out.push({ metric: s.metric, v: s.v[i], dropName: false, t: s.t[i] });
    }
    if (out.length > this.opts.maxSamples) this.tooManySamples();
    return out;
  }

  private selectRange(ms: MatrixSelector, ts: number): RangeSeries[] {
    const vs = ms.selector;
    const data = this.data(vs, ms.rangeMs);
    const T = this.effTime(vs, ts);
    const out: RangeSeries[] = [];
    let total = 0;
    for (const s of data) {
      this.checkDeadline();
      const lo = this.windowStart(s.ft, T - ms.rangeMs);
      const hi = upperBound(s.ft, T, lo);
      if (hi > lo) {
        out.push({ metric: s.metric, t: s.ft, v: s.fv, lo, hi, dropName: false });
        total += hi - lo;
      }
    }
    if (total > this.opts.maxSamples) this.tooManySamples();
    return out;
  }

  private tooManySamples(): never {
    throw new QueryExecutionError(
      'query processing would load too many samples into memory in query execution',
    );
  }

  private subqueryWindows(sq: SubqueryExpr, ts: number): RangeSeries[] {
    let data = this.subqueryData.get(sq);
    if (!data) {
      const [a, b] = this.bounds.get(sq) ?? [ts, ts];
      const step = this.subqueryStep(sq);
      data = this.evalSteps(sq.expr, this.alignedStart(a - sq.rangeMs, step), b, step).map((s) => ({
        metric: s.metric,
        dropName: s.dropName,
        t: Float64Array.from(s.t),
        v: Float64Array.from(s.v),
      }));
      this.subqueryData.set(sq, data);
    }
    const T = this.effTime(sq, ts);
    const out: RangeSeries[] = [];
    for (const s of data) {
      this.checkDeadline();
      const lo = this.windowStart(s.t, T - sq.rangeMs);
      const hi = upperBound(s.t, T, lo);
      if (hi > lo) out.push({ metric: s.metric, t: s.t, v: s.v, lo, hi, dropName: s.dropName });
    }
    return out;
  }

  /**
   * The range query's own expression over its steps: evalSteps, or for a plain selector, a
   * range call over one or a sum over such a call, straight from columns without building each
   * step's vector (the series' order differs; the range query sorts them).
   */
  evalRange(e: Expr): StepSeries[] {
    const { startMs, endMs, stepMs } = this.opts;
    return this.columnarSteps(e) ?? this.evalSteps(e, startMs, endMs, stepMs);
  }

  private columnarSteps(e: Expr): StepSeries[] | null {
    const { startMs, endMs, stepMs } = this.opts;
    const steps = stepCount(startMs, endMs, stepMs);
    if (!(stepMs > 0) || steps === 0) return null;
    const x = unwrapParens(e);
    let out: StepSeries[] | null = null;
    if (x.type === 'VectorSelector') out = this.selectorSteps(x, steps);
    else if (x.type === 'AggregateExpr') {
      const g = this.groupColumnsFor(x);
      if (g && g.failStep >= steps) out = g.stepSeries(startMs, stepMs);
    } else if (x.type === 'Call' && Object.hasOwn(RANGE_FUNCTIONS, x.func)) {
      const c = this.columnsFor(x);
      if (c && c.cols.failStep >= steps) out = this.callSteps(x, c);
    }
    if (out) {
      for (const s of out) this.held += s.t.length;
      if (this.held > this.maxPoints) this.tooManySamples();
    }
    return out;
  }

  /** A plain selector's steps: each series' latest sample in the lookback window, by pointer. */
  private selectorSteps(vs: VectorSelector, steps: number): StepSeries[] {
    const { startMs, stepMs, lookbackMs } = this.opts;
    const data = this.data(vs, 0);
    const perStep = new Uint32Array(steps);
    const out: StepSeries[] = [];
    for (const s of data) {
      this.checkDeadline();
      const tt: number[] = [];
      const vv: number[] = [];
      let p = 0;
      for (let i = 0; i < steps; i++) {
        const ts = startMs + i * stepMs;
        const T = this.effTime(vs, ts);
        while (p < s.t.length && s.t[p] <= T) p++;
        const j = p - 1;
        if (j < 0) continue;
        const minT = T - lookbackMs;
        if (s.t[j] < minT || (s.t[j] === minT && !this.closed)) continue;
        if (s.stale && s.stale[j]) continue;
        tt.push(ts);
        vv.push(s.v[j]);
        perStep[i]++;
      }
      if (tt.length > 0) out.push({ metric: s.metric, dropName: false, t: tt, v: vv });
    }
    for (let i = 0; i < steps; i++) if (perStep[i] > this.opts.maxSamples) this.tooManySamples();
    return out;
  }

  /** A range call's steps from its columns; null when 2.42's name removal makes two series one. */
  private callSteps(e: Call, c: { cols: RangeColumns; data: SeriesData[] }): StepSeries[] | null {
    const { startMs, stepMs } = this.opts;
    const { cols, data } = c;
    const dropName = !KEEPS_NAME.has(e.func);
    const nameless = this.closed && dropName;
    const seen = nameless ? new Set<string>() : null;
    const out: StepSeries[] = [];
    for (let s = 0; s < data.length; s++) {
      this.checkDeadline();
      const t: number[] = [];
      const v: number[] = [];
      for (let i = 0, at = s * cols.steps; i < cols.steps; i++, at++) {
        if (!cols.has[at]) continue;
        t.push(startMs + i * stepMs);
        v.push(cols.vals[at]);
      }
      if (t.length === 0) continue;
      const metric = nameless ? this.namelessOf(data[s].metric) : data[s].metric;
      if (seen) {
        const k = cachedLabelsKey(metric);
        if (seen.has(k)) return null;
        seen.add(k);
      }
      out.push({ metric, dropName: nameless ? false : dropName, t, v });
    }
    return out;
  }

  /**
   * Evaluates an instant-vector or scalar expression at start, start+step, ... ≤ end, merged
   * into series. Every point stored counts against --query.max-samples (with those of earlier
   * calls: subquery results stay in memory until the query ends), and the deadline is checked
   * at each step.
   */
  evalSteps(e: Expr, start: number, end: number, step: number): StepSeries[] {
    const byKey = new Map<string, StepSeries>();
    const out: StepSeries[] = [];
    const keep = (): void => {
      if (++this.held > this.maxPoints) this.tooManySamples();
    };
    // By index, not ts += step: past 2^53 ms adding a small step leaves ts unchanged.
    const steps = stepCount(start, end, step);
    for (let i = 0; i < steps; i++) {
      const ts = start + i * step;
      this.checkDeadline();
      const v = this.evalAt(e, ts);
      if (v.kind === 'scalar') {
        let s = byKey.get('');
        if (!s) {
          s = { metric: {}, dropName: false, t: [], v: [] };
          byKey.set('', s);
          out.push(s);
        }
        keep();
        s.t.push(ts);
        s.v.push(v.v);
      } else if (v.kind === 'vector') {
        for (const smp of v.samples) {
          const k = cachedLabelsKey(smp.metric);
          let s = byKey.get(k);
          if (!s) {
            s = { metric: smp.metric, dropName: smp.dropName, t: [], v: [] };
            byKey.set(k, s);
            out.push(s);
          } else if (s.t.length > 0 && s.t[s.t.length - 1] === ts) {
            throw new QueryExecutionError('vector cannot contain metrics with the same labelset');
          }
          if (smp.dropName) s.dropName = true;
          keep();
          s.t.push(ts);
          s.v.push(smp.v);
        }
      } else {
        throw new QueryExecutionError(`unexpected ${v.kind} value in step evaluation`);
      }
    }
    return out;
  }

  private scalarAt(e: Expr, ts: number): number {
    const v = this.evalAt(e, ts);
    return v.kind === 'scalar' ? v.v : NaN;
  }

  private vectorAt(e: Expr, ts: number): Sample[] {
    const v = this.evalAt(e, ts);
    return v.kind === 'vector' ? v.samples : [];
  }

  /**
   * A binary expression; a chain down its left operands (`a + b + c + ...`, any length) is
   * evaluated in a loop, bottom up, in the order recursion would take.
   */
  private evalBinary(e: BinaryExpr, ts: number): Value {
    if (e.lhs.type !== 'BinaryExpr') return this.binaryOp(e, this.evalAt(e.lhs, ts), this.evalAt(e.rhs, ts));
    let spine = this.spines.get(e);
    if (!spine) this.spines.set(e, (spine = leftSpine(e)));
    let acc = this.evalAt(spine[spine.length - 1].lhs, ts);
    for (let i = spine.length - 1; i >= 0; i--) {
      this.checkDeadline();
      const node = spine[i];
      acc = this.binaryOp(node, acc, this.evalAt(node.rhs, ts));
      // What evalAt does to an operand's value (the top one is the caller's evalAt's to treat).
      if (i > 0 && this.closed && acc.kind === 'vector') this.dropNamesNow(acc.samples);
    }
    return acc;
  }

  private binaryOp(e: BinaryExpr, l: Value, r: Value): Value {
    if (l.kind === 'scalar' && r.kind === 'scalar') return { kind: 'scalar', v: scalarBinop(e.op, l.v, r.v) };
    if (l.kind === 'vector' && r.kind === 'scalar') {
      return { kind: 'vector', samples: vectorScalarBinop(e.op, l.samples, r.v, false, e.returnBool) };
    }
    if (l.kind === 'scalar' && r.kind === 'vector') {
      return { kind: 'vector', samples: vectorScalarBinop(e.op, r.samples, l.v, true, e.returnBool) };
    }
    if (l.kind !== 'vector' || r.kind !== 'vector' || !e.matching) {
      throw new QueryExecutionError('invalid binary operation operands');
    }
    const m = e.matching;
    switch (e.op) {
      case 'and':
        return { kind: 'vector', samples: vectorAnd(l.samples, r.samples, m) };
      case 'or':
        return { kind: 'vector', samples: vectorOr(l.samples, r.samples, m) };
      case 'unless':
        return { kind: 'vector', samples: vectorUnless(l.samples, r.samples, m) };
      default: {
        let cache = this.binaryCaches.get(e);
        if (!cache) this.binaryCaches.set(e, (cache = new WeakMap()));
        void isComparisonOp;
        return { kind: 'vector', samples: vectorBinop(e.op, l.samples, r.samples, m, e.returnBool, cache) };
      }
    }
  }

  private evalAggregate(e: AggregateExpr, ts: number): Value {
    const i = this.stepIndex(ts);
    if (i >= 0) {
      const g = this.groupColumnsFor(e);
      if (g && i < g.failStep) return { kind: 'vector', samples: g.samplesAt(i) };
    }
    let param: number | string | null = null;
    if (e.param) {
      const p = this.evalAt(e.param, ts);
      param = p.kind === 'scalar' || p.kind === 'string' ? p.v : null;
    }
    const input = this.vectorAt(e.expr, ts);
    let cache = this.aggregateCaches.get(e);
    if (!cache) this.aggregateCaches.set(e, (cache = newAggregateCache()));
    return { kind: 'vector', samples: aggregate(e, input, param, cache) };
  }

  private evalCall(e: Call, ts: number): Value {
    const name = e.func;
    const rangeFn: unknown = Object.hasOwn(RANGE_FUNCTIONS, name) ? RANGE_FUNCTIONS[name] : undefined;
    if (rangeFn) return this.evalRangeCall(e, ts);
    const math = Object.hasOwn(MATH_FUNCTIONS, name) ? MATH_FUNCTIONS[name] : undefined;
    if (math) {
      const samples = this.vectorAt(e.args[0], ts);
      return {
        kind: 'vector',
        samples: samples.map((s) => ({ metric: s.metric, v: math(s.v), dropName: true })),
      };
    }
    const date = Object.hasOwn(DATE_FUNCTIONS, name) ? DATE_FUNCTIONS[name] : undefined;
    if (date) {
      if (e.args.length === 0) {
        return {
          kind: 'vector',
          samples: [{ metric: {}, v: date(new Date(ts)), dropName: true }],
        };
      }
      const samples = this.vectorAt(e.args[0], ts);
      return {
        kind: 'vector',
        samples: samples.map((s) => ({
          metric: s.metric,
          v: Number.isFinite(s.v) ? date(new Date(s.v * 1000)) : NaN,
          dropName: true,
        })),
      };
    }
    switch (name) {
      case 'time':
        return { kind: 'scalar', v: ts / 1000 };
      case 'pi':
        return { kind: 'scalar', v: Math.PI };
      case 'start':
        return { kind: 'scalar', v: this.opts.startMs / 1000 };
      case 'end':
        return { kind: 'scalar', v: this.opts.endMs / 1000 };
      case 'range':
        return { kind: 'scalar', v: (this.opts.endMs - this.opts.startMs) / 1000 };
      case 'step':
        return { kind: 'scalar', v: this.opts.startMs === this.opts.endMs ? 0 : this.opts.stepMs / 1000 };
      case 'min_of':
        return { kind: 'scalar', v: Math.min(this.scalarAt(e.args[0], ts), this.scalarAt(e.args[1], ts)) };
      case 'max_of':
        return { kind: 'scalar', v: Math.max(this.scalarAt(e.args[0], ts), this.scalarAt(e.args[1], ts)) };
      case 'vector':
        return {
          kind: 'vector',
          samples: [{ metric: {}, v: this.scalarAt(e.args[0], ts), dropName: false }],
        };
      case 'scalar': {
        const samples = this.vectorAt(e.args[0], ts);
        return { kind: 'scalar', v: samples.length === 1 ? samples[0].v : NaN };
      }
      case 'timestamp': {
        const arg = unwrapParens(e.args[0]);
        const samples = this.vectorAt(arg, ts);
        const fromSelector = arg.type === 'VectorSelector';
        return {
          kind: 'vector',
          samples: samples.map((s) => ({
            metric: s.metric,
            v: (fromSelector && s.t !== undefined ? s.t : ts) / 1000,
            dropName: true,
          })),
        };
      }
      case 'clamp':
      case 'clamp_min':
      case 'clamp_max': {
        const samples = this.vectorAt(e.args[0], ts);
        const min = name === 'clamp_max' ? -Infinity : this.scalarAt(e.args[1], ts);
        const max =
          name === 'clamp'
            ? this.scalarAt(e.args[2], ts)
            : name === 'clamp_max'
              ? this.scalarAt(e.args[1], ts)
              : Infinity;
        if (max < min) return { kind: 'vector', samples: [] };
        return {
          kind: 'vector',
          samples: samples.map((s) => ({
            metric: s.metric,
            v: Math.max(min, Math.min(max, s.v)),
            dropName: true,
          })),
        };
      }
      case 'round': {
        const samples = this.vectorAt(e.args[0], ts);
        const to = e.args.length > 1 ? this.scalarAt(e.args[1], ts) : 1;
        return {
          kind: 'vector',
          samples: samples.map((s) => ({ metric: s.metric, v: roundTo(s.v, to), dropName: true })),
        };
      }
      case 'absent': {
        const samples = this.vectorAt(e.args[0], ts);
        if (samples.length > 0) return { kind: 'vector', samples: [] };
        return { kind: 'vector', samples: [{ metric: this.absentMetric(e), v: 1, dropName: false }] };
      }
      case 'absent_over_time': {
        const m = this.evalAt(e.args[0], ts);
        if (m.kind === 'matrix' && m.series.length > 0) return { kind: 'vector', samples: [] };
        return { kind: 'vector', samples: [{ metric: this.absentMetric(e), v: 1, dropName: false }] };
      }
      case 'sort':
      case 'sort_desc': {
        const samples = this.vectorAt(e.args[0], ts).slice();
        const dir = name === 'sort' ? 1 : -1;
        samples.sort((a, b) => {
          if (Number.isNaN(a.v)) return Number.isNaN(b.v) ? 0 : 1;
          if (Number.isNaN(b.v)) return -1;
          return dir * (a.v - b.v);
        });
        return { kind: 'vector', samples };
      }
      case 'sort_by_label':
      case 'sort_by_label_desc': {
        const samples = this.vectorAt(e.args[0], ts).slice();
        const names = e.args.slice(1).map((a) => this.stringAt(a, ts));
        const dir = name === 'sort_by_label' ? 1 : -1;
        samples.sort((a, b) => {
          for (const n of names) {
            const c = naturalCompare(a.metric[n] ?? '', b.metric[n] ?? '');
            if (c !== 0) return dir * c;
          }
          // Ties are ordered by the whole label set, as Prometheus does (labels.Compare).
          return dir * compareLabels(a.metric, b.metric);
        });
        return { kind: 'vector', samples };
      }
      case 'label_replace':
      case 'label_join': {
        const samples = this.vectorAt(e.args[0], ts);
        const strs = e.args.slice(1).map((a) => this.stringAt(a, ts));
        let cache = this.labelFnCaches.get(e);
        if (!cache) this.labelFnCaches.set(e, (cache = new Map()));
        const out =
          name === 'label_replace'
            ? labelReplace(samples, strs[0], strs[1], strs[2], strs[3], cache)
            : labelJoin(samples, strs[0], strs[1], strs.slice(2), cache);
        const seen = new Set<string>();
        for (const s of out) {
          const k = cachedLabelsKey(s.metric);
          if (seen.has(k))
            throw new QueryExecutionError('vector cannot contain metrics with the same labelset');
          seen.add(k);
        }
        return { kind: 'vector', samples: out };
      }
      case 'histogram_quantile':
        return { kind: 'vector', samples: this.histogramQuantile(e, ts) };
      default:
        throw new QueryExecutionError(`function ${JSON.stringify(name)} is not supported`);
    }
  }

  private stringAt(e: Expr, ts: number): string {
    const v = this.evalAt(e, ts);
    return v.kind === 'string' ? v.v : '';
  }

  private evalRangeCall(e: Call, ts: number): Value {
    const i = this.stepIndex(ts);
    if (i >= 0) {
      const c = this.columnsFor(e);
      if (c) return { kind: 'vector', samples: this.samplesFromColumns(e, c, i) };
    }
    const fn = RANGE_FUNCTIONS[e.func];
    const matrixIdx = e.args.findIndex(
      (a) => unwrapParens(a).type === 'MatrixSelector' || unwrapParens(a).type === 'SubqueryExpr',
    );
    const params: number[] = [];
    e.args.forEach((a, i) => {
      if (i !== matrixIdx) params.push(this.scalarAt(a, ts));
    });
    const arg = unwrapParens(e.args[matrixIdx]) as MatrixSelector | SubqueryExpr;
    const series = arg.type === 'MatrixSelector' ? this.selectRange(arg, ts) : this.subqueryWindows(arg, ts);
    const sel = arg.type === 'MatrixSelector' ? arg.selector : arg;
    const ctx: RangeCtx = {
      end: this.effTime(sel, ts),
      rangeMs: arg.rangeMs,
      params,
      evalTs: ts,
      zeroFirst: this.closed,
    };
    const keep = KEEPS_NAME.has(e.func);
    const out: Sample[] = [];
    try {
      for (const s of series) {
        this.checkDeadline();
        const v = fn(s.t, s.v, s.lo, s.hi, ctx);
        if (v !== undefined) out.push({ metric: s.metric, v, dropName: keep ? s.dropName : true });
      }
    } catch (err) {
      if (err instanceof RangeFnError) throw new QueryExecutionError(err.message);
      throw err;
    }
    return { kind: 'vector', samples: out };
  }

  /** absent()'s output labels: the equality matchers of a plain selector argument. */
  private absentMetric(e: Call): LabelSet {
    let ls = this.absentLabels.get(e);
    if (ls) return ls;
    ls = {};
    const arg = unwrapParens(e.args[0]);
    const vs = arg.type === 'VectorSelector' ? arg : arg.type === 'MatrixSelector' ? arg.selector : null;
    if (vs) {
      const seen = new Set<string>();
      for (const m of vs.matchers) {
        if (m.name === '__name__') continue;
        if (m.type === '=' && !seen.has(m.name)) {
          ls[m.name] = m.value;
          seen.add(m.name);
        } else if (seen.has(m.name)) {
          delete ls[m.name];
        } else {
          seen.add(m.name);
        }
      }
    }
    this.absentLabels.set(e, ls);
    return ls;
  }

  private histogramQuantile(e: Call, ts: number): Sample[] {
    const q = this.scalarAt(e.args[0], ts);
    const input = this.vectorAt(e.args[1], ts);
    const groups = new Map<string, { metric: LabelSet; buckets: Bucket[] }>();
    const order: { metric: LabelSet; buckets: Bucket[] }[] = [];
    let cache = this.labelFnCaches.get(e);
    if (!cache) this.labelFnCaches.set(e, (cache = new Map()));
    for (const s of input) {
      const le = s.metric.le;
      if (le === undefined) continue;
      const ub = parseLe(le);
      if (Number.isNaN(ub)) {
        this.warnings.add(
          `PromQL warning: bucket label "le" is missing or has a malformed value of ${JSON.stringify(le)}`,
        );
        continue;
      }
      let metric = cache.get(s.metric);
      if (!metric) {
        metric = {};
        for (const n in s.metric) if (n !== 'le') metric[n] = s.metric[n];
        cache.set(s.metric, metric);
      }
      const k = cachedLabelsKey(metric);
      let g = groups.get(k);
      if (!g) {
        g = { metric, buckets: [] };
        groups.set(k, g);
        order.push(g);
      }
      g.buckets.push({ upperBound: ub, count: s.v });
    }
    if (Number.isNaN(q) || q < 0 || q > 1) {
      this.warnings.add(`PromQL warning: quantile value should be between 0 and 1, got ${q}`);
    }
    return order.map((g) => ({ metric: g.metric, v: bucketQuantile(q, g.buckets).value, dropName: true }));
  }
}

function children(e: Expr): Expr[] {
  switch (e.type) {
    case 'Call':
      return e.args;
    case 'AggregateExpr':
      return e.param ? [e.param, e.expr] : [e.expr];
    case 'BinaryExpr':
      return [e.lhs, e.rhs];
    case 'UnaryExpr':
    case 'ParenExpr':
      return [e.expr];
    case 'SubqueryExpr':
      return [e.expr];
    case 'MatrixSelector':
      return [e.selector];
    default:
      return [];
  }
}

/** Compares strings with embedded numbers by value ("a2" < "a10"), like sort_by_label. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
