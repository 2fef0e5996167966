// Columnar evaluation of a range function over a matrix selector for every step of a range
// query at once: each series' window slides forward with two pointers instead of two binary
// searches per step and series, and the values land in one Float64Array per query node.
// The evaluator then reads a step's samples from the columns, so results (values, order,
// errors) stay those of the step-wise evaluation.
import { COUNTER_RATES, extrapolate, type RangeCtx, type RangeFn } from './functions/range';

export interface RangeColumns {
  /** Value of series s at step i: vals[s * steps + i], valid when has[...] is 1. */
  vals: Float64Array;
  has: Uint8Array;
  steps: number;
  /**
   * First step whose evaluation fails (steps before it are filled in): the step-wise
   * evaluation reaches the failure there, so the evaluator rethrows `error` at that step.
   */
  failStep: number;
  error: unknown;
}

export interface WindowSeries {
  /** Samples without stale markers (the windows' data). */
  ft: Float64Array;
  fv: Float64Array;
}

export interface ColumnSpec {
  /** Effective window end (ms) per step, non-decreasing. */
  ends: Float64Array;
  /** Evaluation time (ms) per step. */
  evalTs: Float64Array;
  rangeMs: number;
  params: number[];
  /** Left-closed windows (2.42) instead of left-open (3). */
  closed: boolean;
  zeroFirst: boolean;
  /** Most samples one step's windows may hold together (--query.max-samples). */
  maxSamples: number;
  /** Called once per series and step batch; throws to abort (deadline). */
  tick: () => void;
  /** The error a step past maxSamples fails with. */
  tooMany: () => unknown;
}

export function rangeColumns(series: WindowSeries[], fn: RangeFn, spec: ColumnSpec): RangeColumns {
  const steps = spec.ends.length;
  const vals = new Float64Array(series.length * steps);
  const has = new Uint8Array(series.length * steps);
  const totals = new Float64Array(steps);
  const ctx: RangeCtx = {
    end: 0,
    rangeMs: spec.rangeMs,
    params: spec.params,
    evalTs: 0,
    zeroFirst: spec.zeroFirst,
  };
  const { ends, evalTs, rangeMs, closed } = spec;
  // Window sizes first, so a step past the sample budget fails before any function runs, as
  // the step-wise selectRange does. One step's windows are disjoint parts of the series, so
  // when all the series together fit the budget no step can pass it.
  let all = 0;
  for (const x of series) all += x.ft.length;
  for (let s = 0; s < series.length && all > spec.maxSamples; s++) {
    spec.tick();
    const ft = series[s].ft;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < steps; i++) {
      const from = ends[i] - rangeMs;
      if (closed) while (lo < ft.length && ft[lo] < from) lo++;
      else while (lo < ft.length && ft[lo] <= from) lo++;
      if (hi < lo) hi = lo;
      while (hi < ft.length && ft[hi] <= ends[i]) hi++;
      totals[i] += hi - lo;
    }
  }
  let failStep = steps;
  let error: unknown = undefined;
  for (let i = 0; i < steps; i++) {
    if (totals[i] > spec.maxSamples) {
      failStep = i;
      error = spec.tooMany();
      break;
    }
  }
  const counter = COUNTER_RATES.get(fn);
  if (counter) {
    counterColumns(series, counter.isRate, spec, ctx, failStep, vals, has);
    return { vals, has, steps, failStep, error };
  }
  for (let s = 0; s < series.length; s++) {
    spec.tick();
    const { ft, fv } = series[s];
    const base = s * steps;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < failStep; i++) {
      const end = ends[i];
      const from = end - rangeMs;
      if (closed) while (lo < ft.length && ft[lo] < from) lo++;
      else while (lo < ft.length && ft[lo] <= from) lo++;
      if (hi < lo) hi = lo;
      while (hi < ft.length && ft[hi] <= end) hi++;
      if (hi <= lo) continue;
      ctx.end = end;
      ctx.evalTs = evalTs[i];
      let v: number | undefined;
      try {
        v = fn(ft, fv, lo, hi, ctx);
      } catch (err) {
        // Earlier series at this step and every step before it are already done.
        failStep = i;
        error = err;
        break;
      }
      if (v !== undefined) {
        vals[base + i] = v;
        has[base + i] = 1;
      }
    }
  }
  return { vals, has, steps, failStep, error };
}

/**
 * rate/increase for every step: a window's counter correction is the sum of the values before
 * the resets inside it, in order (as extrapolatedRate adds them), taken from a list of each
 * series' resets found in one pass, so a window without one costs no comparison per sample.
 * The function cannot fail, so every step before failStep is filled in.
 */
function counterColumns(
  series: WindowSeries[],
  isRate: boolean,
  spec: ColumnSpec,
  ctx: RangeCtx,
  failStep: number,
  vals: Float64Array,
  has: Uint8Array,
): void {
  const { ends, evalTs, rangeMs, closed } = spec;
  const steps = ends.length;
  let resets = new Int32Array(64);
  for (let s = 0; s < series.length; s++) {
    spec.tick();
    const { ft, fv } = series[s];
    const len = ft.length;
    let nr = 0;
    for (let i = 1; i < len; i++) {
      if (fv[i] < fv[i - 1]) {
        if (nr === resets.length) {
          const more = new Int32Array(nr * 2);
          more.set(resets);
          resets = more;
        }
        resets[nr++] = i;
      }
    }
    const base = s * steps;
    let lo = 0;
    let hi = 0;
    let r = 0;
    for (let i = 0; i < failStep; i++) {
      const end = ends[i];
      const from = end - rangeMs;
      if (closed) while (lo < len && ft[lo] < from) lo++;
      else while (lo < len && ft[lo] <= from) lo++;
      if (hi < lo) hi = lo;
      while (hi < len && ft[hi] <= end) hi++;
      if (hi - lo < 2) continue;
      // Resets at lo + 1 .. hi - 1 count (one at lo compares with a sample outside).
      while (r < nr && resets[r] <= lo) r++;
      let result = fv[hi - 1] - fv[lo];
      for (let k = r; k < nr && resets[k] < hi; k++) result += fv[resets[k] - 1];
      ctx.end = end;
      ctx.evalTs = evalTs[i];
      vals[base + i] = extrapolate(ft, fv, lo, hi, ctx, true, isRate, result);
      has[base + i] = 1;
    }
  }
}
