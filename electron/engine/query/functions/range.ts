// Functions over range vectors (rate, *_over_time, ...). Each reads one series' window
// t[lo..hi) / v[lo..hi) in place and returns a value, or undefined for "no output".
import { kahanInc, quantile } from './kahan';

export interface RangeCtx {
  /** Effective evaluation time (eval time − offset, or the @ time − offset), ms. */
  end: number;
  rangeMs: number;
  /** Scalar arguments besides the range vector, in order. */
  params: number[];
  /** The step's evaluation time (predict_linear predicts relative to it). */
  evalTs: number;
  /** Prometheus 2.42's rate(): the counter's zero point bounds the start before the threshold check. */
  zeroFirst?: boolean;
}

export type RangeFn = (
  t: Float64Array,
  v: Float64Array,
  lo: number,
  hi: number,
  ctx: RangeCtx,
) => number | undefined;

const pair: [number, number] = [0, 0];

function extrapolatedRate(
  t: Float64Array,
  v: Float64Array,
  lo: number,
  hi: number,
  ctx: RangeCtx,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  if (hi - lo < 2) return undefined;
  let result = v[hi - 1] - v[lo];
  if (isCounter) {
    for (let i = lo + 1; i < hi; i++) if (v[i] < v[i - 1]) result += v[i - 1];
  }
  return extrapolate(t, v, lo, hi, ctx, isCounter, isRate, result);
}

/**
 * rate/increase/delta of a window of at least two samples from its raw result: the last value
 * minus the first, plus (counters) the value before each reset in the window, added in order.
 */
export function extrapolate(
  t: Float64Array,
  v: Float64Array,
  lo: number,
  hi: number,
  ctx: RangeCtx,
  isCounter: boolean,
  isRate: boolean,
  result: number,
): number {
  const n = hi - lo;
  const rangeStart = ctx.end - ctx.rangeMs;
  const rangeEnd = ctx.end;
  const firstT = t[lo];
  const lastT = t[hi - 1];
  let durationToStart = (firstT - rangeStart) / 1000;
  let durationToEnd = (rangeEnd - lastT) / 1000;
  const sampledInterval = (lastT - firstT) / 1000;
  const avg = sampledInterval / (n - 1);
  const threshold = avg * 1.1;
  if (ctx.zeroFirst) {
    if (isCounter && result > 0 && v[lo] >= 0) {
      const durationToZero = sampledInterval * (v[lo] / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
    if (durationToStart >= threshold) durationToStart = avg / 2;
  } else {
    if (durationToStart >= threshold) durationToStart = avg / 2;
    if (isCounter) {
      let durationToZero = durationToStart;
      if (result > 0 && v[lo] >= 0) durationToZero = sampledInterval * (v[lo] / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
  }
  if (durationToEnd >= threshold) durationToEnd = avg / 2;
  let factor = 1;
  if (sampledInterval !== 0) factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
  if (isRate) factor /= ctx.rangeMs / 1000;
  return result * factor;
}

function instantValue(
  t: Float64Array,
  v: Float64Array,
  lo: number,
  hi: number,
  isRate: boolean,
): number | undefined {
  if (hi - lo < 2) return undefined;
  const t0 = t[hi - 2];
  const t1 = t[hi - 1];
  const interval = t1 - t0;
  if (interval === 0) return undefined;
  let r = v[hi - 1];
  if (!isRate || !(v[hi - 1] < v[hi - 2])) r = v[hi - 1] - v[hi - 2];
  return isRate ? r / (interval / 1000) : r;
}

function linearRegression(
  t: Float64Array,
  v: Float64Array,
  lo: number,
  hi: number,
  interceptTime: number,
): [number, number] {
  let n = 0;
  let sumX = 0;
  let cX = 0;
  let sumY = 0;
  let cY = 0;
  let sumXY = 0;
  let cXY = 0;
  let sumX2 = 0;
  let cX2 = 0;
  const initY = v[lo];
  let constY = true;
  for (let i = lo; i < hi; i++) {
    if (constY && i > lo && v[i] !== initY) constY = false;
    n++;
    const x = (t[i] - interceptTime) / 1e3;
    kahanInc(x, sumX, cX, pair);
    [sumX, cX] = pair;
    kahanInc(v[i], sumY, cY, pair);
    [sumY, cY] = pair;
    kahanInc(x * v[i], sumXY, cXY, pair);
    [sumXY, cXY] = pair;
    kahanInc(x * x, sumX2, cX2, pair);
    [sumX2, cX2] = pair;
  }
  if (constY) {
    if (!Number.isFinite(initY) && !Number.isNaN(initY)) return [NaN, NaN];
    return [0, initY];
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}

function variance(v: Float64Array, lo: number, hi: number): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (let i = lo; i < hi; i++) {
    count++;
    const delta = v[i] - (mean + cMean);
    kahanInc(delta / count, mean, cMean, pair);
    [mean, cMean] = pair;
    kahanInc(delta * (v[i] - (mean + cMean)), aux, cAux, pair);
    [aux, cAux] = pair;
  }
  return (aux + cAux) / count;
}

function compareOverTime(
  v: Float64Array,
  lo: number,
  hi: number,
  t: Float64Array,
  max: boolean,
  ts: boolean,
): number {
  let best = v[lo];
  let bestT = t[lo];
  for (let i = lo; i < hi; i++) {
    const cur = v[i];
    if ((max ? cur > best : cur < best) || Number.isNaN(best)) {
      best = cur;
      bestT = t[i];
    }
  }
  return ts ? bestT / 1000 : best;
}

function values(v: Float64Array, lo: number, hi: number): number[] {
  return Array.from(v.subarray(lo, hi));
}

function smoothing(v: Float64Array, lo: number, hi: number, sf: number, tf: number): number | undefined {
  if (!(sf > 0 && sf < 1))
    throw new RangeFnError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
  if (!(tf > 0 && tf < 1))
    throw new RangeFnError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
  const l = hi - lo;
  if (l < 2) return undefined;
  let s0 = 0;
  let s1 = v[lo];
  let b = v[lo + 1] - v[lo];
  for (let i = 1; i < l; i++) {
    const x = sf * v[lo + i];
    if (i - 1 !== 0) b = tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = x + y;
  }
  return s1;
}

/**
 * The RANGE_FUNCTIONS that extrapolate a counter (rate, increase): range-columns.ts finds each
 * series' resets once and sums a window's from that list instead of comparing every sample.
 */
export const COUNTER_RATES = new Map<RangeFn, { isRate: boolean }>();

/** A runtime error raised by a function (mapped to QueryExecutionError by the evaluator). */
export class RangeFnError extends Error {}

export const RANGE_FUNCTIONS: Record<string, RangeFn> = {
  rate: (t, v, lo, hi, c) => extrapolatedRate(t, v, lo, hi, c, true, true),
  increase: (t, v, lo, hi, c) => extrapolatedRate(t, v, lo, hi, c, true, false),
  delta: (t, v, lo, hi, c) => extrapolatedRate(t, v, lo, hi, c, false, false),
  irate: (t, v, lo, hi) => instantValue(t, v, lo, hi, true),
  idelta: (t, v, lo, hi) => instantValue(t, v, lo, hi, false),
  deriv: (t, v, lo, hi) => (hi - lo < 2 ? undefined : linearRegression(t, v, lo, hi, t[lo])[0]),
  predict_linear: (t, v, lo, hi, c) => {
    if (hi - lo < 2) return undefined;
    const [slope, intercept] = linearRegression(t, v, lo, hi, c.evalTs);
    return slope * c.params[0] + intercept;
  },
  resets: (_t, v, lo, hi) => {
    if (hi <= lo) return undefined;
    let n = 0;
    for (let i = lo + 1; i < hi; i++) if (v[i] < v[i - 1]) n++;
    return n;
  },
  changes: (_t, v, lo, hi) => {
    if (hi <= lo) return undefined;
    let n = 0;
    for (let i = lo + 1; i < hi; i++) {
      if (v[i] !== v[i - 1] && !(Number.isNaN(v[i]) && Number.isNaN(v[i - 1]))) n++;
    }
    return n;
  },
  avg_over_time: (_t, v, lo, hi) => {
    if (hi <= lo) return undefined;
    let sum = v[lo];
    let count = 1;
    let mean = 0;
    let c = 0;
    let incremental = false;
    for (let i = lo + 1; i < hi; i++) {
      count = i - lo + 1;
      if (!incremental) {
        kahanInc(v[i], sum, c, pair);
        if (Number.isFinite(pair[0]) || Number.isNaN(pair[0])) {
          [sum, c] = pair;
          continue;
        }
        incremental = true;
        mean = sum / (count - 1);
        c /= count - 1;
      }
      const q = (count - 1) / count;
      kahanInc(v[i] / count, q * mean, q * c, pair);
      [mean, c] = pair;
    }
    return incremental ? mean + c : sum / count + c / count;
  },
  sum_over_time: (_t, v, lo, hi) => {
    if (hi <= lo) return undefined;
    let sum = 0;
    let c = 0;
    for (let i = lo; i < hi; i++) {
      kahanInc(v[i], sum, c, pair);
      [sum, c] = pair;
    }
    return !Number.isFinite(sum) && !Number.isNaN(sum) ? sum : sum + c;
  },
  count_over_time: (_t, _v, lo, hi) => (hi <= lo ? undefined : hi - lo),
  min_over_time: (t, v, lo, hi) => (hi <= lo ? undefined : compareOverTime(v, lo, hi, t, false, false)),
  max_over_time: (t, v, lo, hi) => (hi <= lo ? undefined : compareOverTime(v, lo, hi, t, true, false)),
  ts_of_min_over_time: (t, v, lo, hi) => (hi <= lo ? undefined : compareOverTime(v, lo, hi, t, false, true)),
  ts_of_max_over_time: (t, v, lo, hi) => (hi <= lo ? undefined : compareOverTime(v, lo, hi, t, true, true)),
  ts_of_first_over_time: (t, _v, lo, hi) => (hi <= lo ? undefined : t[lo] / 1000),
  ts_of_last_over_time: (t, _v, lo, hi) => (hi <= lo ? undefined : t[hi - 1] / 1000),
  last_over_time: (_t, v, lo, hi) => (hi <= lo ? undefined : v[hi - 1]),
  first_over_time: (_t, v, lo, hi) => (hi <= lo ? undefined : v[lo]),
  present_over_time: (_t, _v, lo, hi) => (hi <= lo ? undefined : 1),
  stddev_over_time: (_t, v, lo, hi) => (hi <= lo ? undefined : Math.sqrt(variance(v, lo, hi))),
  stdvar_over_time: (_t, v, lo, hi) => (hi <= lo ? undefined : variance(v, lo, hi)),
  quantile_over_time: (_t, v, lo, hi, c) => (hi <= lo ? undefined : quantile(c.params[0], values(v, lo, hi))),
  mad_over_time: (_t, v, lo, hi) => {
    if (hi <= lo) return undefined;
    const vals = values(v, lo, hi);
    if (vals.some(Number.isNaN)) return NaN;
    const median = quantile(0.5, vals);
    return quantile(
      0.5,
      vals.map((x) => Math.abs(x - median)),
    );
  },
  holt_winters: (_t, v, lo, hi, c) => smoothing(v, lo, hi, c.params[0], c.params[1]),
  double_exponential_smoothing: (_t, v, lo, hi, c) => smoothing(v, lo, hi, c.params[0], c.params[1]),
};
COUNTER_RATES.set(RANGE_FUNCTIONS.rate, { isRate: true });
COUNTER_RATES.set(RANGE_FUNCTIONS.increase, { isRate: false });

/** Range functions whose result keeps the metric name. */
export const KEEPS_NAME = new Set(['last_over_time', 'first_over_time']);
