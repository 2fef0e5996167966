// QueryEngine: the entry point the HTTP API and the UI call.
import type { LabelSet } from '../../../shared/api';
import type { Querier } from '../store/types';
import type { Expr } from './ast';
import { typeOf } from './ast';
import { InvalidQueryError, QueryExecutionError } from './errors';
import { Evaluator, type EvalOptions, type PromQLCompat } from './evaluator';
import { compareLabels, cachedLabelsKey, withoutName } from './labels';
import { parseExpr } from './parser';
import type { Sample, StepSeries } from './values';

export type QueryResult = (
  | { resultType: 'vector'; result: { labels: LabelSet; t: number; v: number }[] }
  | { resultType: 'matrix'; result: { labels: LabelSet; t: Float64Array; v: Float64Array }[] }
  | { resultType: 'scalar'; t: number; v: number }
  | { resultType: 'string'; t: number; v: string }
) & { warnings: string[] };

export interface QueryEngineOptions {
  /** How far back an instant selector looks for a sample (default 5m). */
  lookbackDeltaMs?: number;
  /** Most samples a query may hold at once (default 50e6). */
  maxSamples?: number;
  /** Wall-clock budget per query (default 2m). */
  timeoutMs?: number;
  /** Step of subqueries without an explicit one (default 1m, Prometheus's evaluation_interval). */
  defaultSubqueryStepMs?: number;
  /** Whose semantics to follow (default '3'; `promdesk serve` picks its own default). */
  compat?: PromQLCompat;
}

/** Functions whose output order is part of the result (instant queries keep it). */
const ORDERING = new Set(['sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc']);

export class QueryEngine {
  private readonly lookbackMs: number;
  private readonly maxSamples: number;
  private readonly timeoutMs: number;
  private readonly subqueryStepMs: number;
  readonly compat: PromQLCompat;

  constructor(
    private readonly querier: Querier,
    opts: QueryEngineOptions = {},
  ) {
    this.lookbackMs = opts.lookbackDeltaMs ?? 300_000;
    this.maxSamples = opts.maxSamples ?? 50e6;
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    this.subqueryStepMs = opts.defaultSubqueryStepMs ?? 60_000;
    this.compat = opts.compat ?? '3';
  }

  /** The limits and semantics in force (for /api/v1/status/flags). */
  get settings(): Required<QueryEngineOptions> {
    return {
      lookbackDeltaMs: this.lookbackMs,
      maxSamples: this.maxSamples,
      timeoutMs: this.timeoutMs,
      defaultSubqueryStepMs: this.subqueryStepMs,
      compat: this.compat,
    };
  }

  private evaluator(startMs: number, endMs: number, stepMs: number, timeoutMs?: number): Evaluator {
    const o: EvalOptions = {
      startMs,
      endMs,
      stepMs,
      lookbackMs: this.lookbackMs,
      maxSamples: this.maxSamples,
      deadline: Date.now() + Math.min(this.timeoutMs, timeoutMs ?? Infinity),
      defaultSubqueryStepMs: this.subqueryStepMs,
      compat: this.compat,
    };
    return new Evaluator(this.querier, o);
  }

  /** Evaluates `query` at one instant (ms). Throws PromQLParseError / QueryExecutionError / QueryTimeoutError. */
  instant(query: string, timeMs: number): QueryResult {
    const expr = parseExpr(query);
    return this.instantExpr(expr, timeMs);
  }

  /** `timeoutMs` shortens the engine's timeout for this query (the API's `timeout` parameter). */
  instantExpr(expr: Expr, timeMs: number, timeoutMs?: number): QueryResult {
    const ev = this.evaluator(timeMs, timeMs, 0, timeoutMs);
    ev.plan(expr);
    const v = refuseOverflow(() => ev.evalAt(expr, timeMs));
    const warnings = [...ev.warnings];
    switch (v.kind) {
      case 'scalar':
        return { resultType: 'scalar', t: timeMs, v: v.v, warnings };
      case 'string':
        return { resultType: 'string', t: timeMs, v: v.v, warnings };
      case 'vector': {
        const samples = finalizeVector(v.samples);
        const result = samples.map((s) => ({ labels: s.metric, t: timeMs, v: s.v }));
        if (!keepsOrder(expr)) result.sort((a, b) => compareLabels(a.labels, b.labels));
        return { resultType: 'vector', result, warnings };
      }
      case 'matrix': {
        const result = v.series.map((s) => {
          const metric = s.dropName ? withoutName(s.metric) : s.metric;
          return { labels: metric, t: s.t.slice(s.lo, s.hi), v: s.v.slice(s.lo, s.hi) };
        });
        result.sort((a, b) => compareLabels(a.labels, b.labels));
        return { resultType: 'matrix', result, warnings };
      }
    }
  }

  /** Evaluates `query` at start, start+step, ... ≤ end (all ms); the result is always a matrix. */
  range(query: string, startMs: number, endMs: number, stepMs: number): QueryResult {
    const expr = parseExpr(query);
    return this.rangeExpr(expr, startMs, endMs, stepMs);
  }

  rangeExpr(expr: Expr, startMs: number, endMs: number, stepMs: number, timeoutMs?: number): QueryResult {
    const type = typeOf(expr);
    if (type !== 'vector' && type !== 'scalar') {
      throw new InvalidQueryError(
        `invalid expression type "${type === 'matrix' ? 'range vector' : type}" for range query, must be Scalar or instant Vector`,
      );
    }
    if (!(stepMs > 0))
      throw new InvalidQueryError('zero or negative query resolution step widths are not accepted');
    if (endMs < startMs) throw new InvalidQueryError('end timestamp must not be before start time');
    const ev = this.evaluator(startMs, endMs, stepMs, timeoutMs);
    ev.plan(expr);
    const series = refuseOverflow(() => ev.evalRange(expr));
    const result = finalizeMatrix(series, this.maxSamples);
    return { resultType: 'matrix', result, warnings: [...ev.warnings] };
  }
}

/**
 * The parser's nesting limit keeps evaluation well inside the stack; should a query still
 * overflow it (a caller already deep in its own stack), it is refused as bad data, not an
 * internal error.
 */
function refuseOverflow<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      throw new InvalidQueryError(
        'query nests too deeply to evaluate: use fewer levels of parentheses or calls',
      );
    }
    throw err;
  }
}

function keepsOrder(e: Expr): boolean {
  let x = e;
  while (x.type === 'ParenExpr') x = x.expr;
  if (x.type === 'Call') return ORDERING.has(x.func);
  if (x.type === 'AggregateExpr') return x.op === 'topk' || x.op === 'bottomk';
  return false;
}

/** Delayed __name__ removal, then the duplicate check Prometheus does at the end. */
function finalizeVector(samples: Sample[]): Sample[] {
  const seen = new Set<string>();
  const out: Sample[] = [];
  for (const s of samples) {
    const metric = s.dropName ? withoutName(s.metric) : s.metric;
    const k = cachedLabelsKey(metric);
    if (seen.has(k)) throw new QueryExecutionError('vector cannot contain metrics with the same labelset');
    seen.add(k);
    out.push({ metric, v: s.v, dropName: false });
  }
  return out;
}

function finalizeMatrix(
  series: StepSeries[],
  maxSamples: number,
): { labels: LabelSet; t: Float64Array; v: Float64Array }[] {
  const merged = new Map<string, { labels: LabelSet; parts: StepSeries[] }>();
  let total = 0;
  for (const s of series) {
    total += s.t.length;
    const labels = s.dropName ? withoutName(s.metric) : s.metric;
    const k = cachedLabelsKey(labels);
    const m = merged.get(k);
    if (m) m.parts.push(s);
    else merged.set(k, { labels, parts: [s] });
  }
  if (total > maxSamples) {
    throw new QueryExecutionError(
      'query processing would load too many samples into memory in query execution',
    );
  }
  const out: { labels: LabelSet; t: Float64Array; v: Float64Array }[] = [];
  for (const { labels, parts } of merged.values()) {
    if (parts.length === 1) {
      out.push({ labels, t: Float64Array.from(parts[0].t), v: Float64Array.from(parts[0].v) });
      continue;
    }
    // Series that became identical once their names were dropped: merge if disjoint in time.
    const pts: [number, number][] = [];
    for (const p of parts) for (let i = 0; i < p.t.length; i++) pts.push([p.t[i], p.v[i]]);
    pts.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < pts.length; i++) {
      if (pts[i][0] === pts[i - 1][0]) {
        throw new QueryExecutionError('vector cannot contain metrics with the same labelset');
      }
    }
    out.push({ labels, t: Float64Array.from(pts, (p) => p[0]), v: Float64Array.from(pts, (p) => p[1]) });
  }
  out.sort((a, b) => compareLabels(a.labels, b.labels));
  return out;
}
