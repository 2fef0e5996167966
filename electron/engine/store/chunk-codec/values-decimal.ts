// Values as decimal mantissas with one exponent per chunk (the VictoriaMetrics idea): exporters
// print few digits (12345.67 CPU seconds, 0.52 load, 4096-byte multiples), so v = m / 10^p with a
// small integer m. The mantissas are then delta coded — order 0 (to the first), 1 (delta, gauges)
// or 2 (delta of delta, steady counters), whichever is cheapest — and Rice coded. A chunk
// qualifies only if every value round-trips exactly through m / 10^p.
// Since format 2 the residuals may also be divided by their greatest common divisor (a gauge
// that moves in 4096-byte pages) and, for deltas, centred on their median (a counter's steady
// rate: its deltas then zigzag to about half the size); a plan that uses neither is written as
// in format 1.
import { BitReader, BitWriter, unzigzag, uvarintBits, zigzag } from './bit-stream';
import { ChunkDecodeError } from './decode-error';
import { readResiduals, riceCost, writeResiduals } from './rice';
import { Scratch, select } from './scratch';

const MAX_P = 15;
/** Mantissas stay below 2^50 so second-order residuals stay exact in a double (< 2^52). */
const MAX_MANTISSA = 2 ** 50;
const POW10 = Array.from({ length: MAX_P + 1 }, (_, i) => 10 ** i);

/** Smallest p with v = round(v·10^p) / 10^p, or -1 when there is none. */
function decimalPlaces(v: number): number {
  for (let p = 0; p <= MAX_P; p++) {
    const m = Math.round(v * POW10[p]);
    if (Math.abs(m) >= MAX_MANTISSA) return -1;
    if (m / POW10[p] === v) return p;
  }
  return -1;
}

export interface DecimalPlan {
  p: number;
  order: number;
  m: Float64Array;
  zs: Float64Array;
  k: number;
  /** Bits of the plan; of them, its residuals' Rice code (riceCost's). */
  bits: number;
  riceBits: number;
  /** Divisor of every residual (1: none) and the centre subtracted from them (0: none). */
  g: number;
  bias: number;
}

/** Whether the plan needs format 2's scaled form (a divisor or a centre). */
export function isScaled(plan: DecimalPlan): boolean {
  return plan.g !== 1 || plan.bias !== 0;
}

// A plan's arrays are scratch space, reused by the next chunk (see scratch.ts).
const scratch = new Scratch();
const MANTISSAS = 0;
const RESIDUALS_A = 1;
const RESIDUALS_B = 2;
const RAW = 3;
const SORTED = 4;
/** Residuals stay below this after centring, so their zigzag stays exact (< 2^53). */
const MAX_CENTRED = 2 ** 51;

/** Greatest common divisor of the m[i] - m[0] (1 when they are all equal or share none). */
function stepDivisor(m: Float64Array, n: number): number {
  let g = 0;
  for (let i = 1; i < n && g !== 1; i++) {
    let a = Math.abs(m[i] - m[0]);
    let b = g;
    while (b !== 0) {
      const r = a % b;
      a = b;
      b = r;
    }
    g = a;
  }
  return g === 0 ? 1 : g;
}

/** Residual counts up to which a centred plan is compared with the plain one. */
const SHORT = 32;
/** The median of the deltas, or 0 when centring on it could push a residual past exactness. */
function centre(raw: Float64Array): number {
  const len = raw.length;
  if (len < 2) return 0;
  const copy = scratch.get(SORTED, len);
  copy.set(raw);
  const bias = select(copy, (len - 1) >> 1);
  let lo = raw[0];
  let hi = raw[0];
  for (let i = 1; i < len; i++) {
    const r = raw[i];
    if (r < lo) lo = r;
    else if (r > hi) hi = r;
  }
  return Math.abs(lo - bias) < MAX_CENTRED && Math.abs(hi - bias) < MAX_CENTRED ? bias : 0;
}

/**
 * A plan for finite values (no -0), or undefined when they are not all short decimals. Its
 * arrays are scratch space: valid until the next call.
 */
export function planDecimal(v: ArrayLike<number>, n: number): DecimalPlan | undefined {
  let p = 0;
  for (let i = 0; i < n; i++) {
    // Most values of a chunk need the same p: test the current one first.
    const x = v[i];
    const m = Math.round(x * POW10[p]);
    if (Math.abs(m) < MAX_MANTISSA && m / POW10[p] === x) continue;
    const need = decimalPlaces(x);
    if (need < 0) return undefined;
    if (need > p) p = need;
  }
  const m = scratch.get(MANTISSAS, n);
  for (let i = 0; i < n; i++) {
    const mi = Math.round(v[i] * POW10[p]);
    if (Math.abs(mi) >= MAX_MANTISSA || mi / POW10[p] !== v[i]) return undefined;
    m[i] = mi;
  }
  let best: DecimalPlan | undefined;
  // Two residual buffers: the best plan's and the candidate's.
  let spare = RESIDUALS_A;
  const consider = (order: number, zs: Float64Array, g: number, bias: number): void => {
    const scaled = g !== 1 || bias !== 0;
    const { k, bits: riceBits } = riceCost(zs);
    const bits = riceBits + (scaled ? uvarintBits(g - 1) + uvarintBits(zigzag(bias)) : 0);
    if (!best || bits < best.bits) {
      best = { p, order, m, zs, k, bits, riceBits, g, bias };
      spare = spare === RESIDUALS_A ? RESIDUALS_B : RESIDUALS_A;
    }
  };
  const g = n > 1 ? stepDivisor(m, n) : 1;
  for (let order = 0; order <= 2; order++) {
    if (n <= order) break;
    const from = Math.max(order, 1);
    const raw = scratch.get(RAW, n - from);
    for (let i = from; i < n; i++) {
      const r = order === 0 ? m[i] - m[0] : order === 1 ? m[i] - m[i - 1] : m[i] - 2 * m[i - 1] + m[i - 2];
      raw[i - from] = r / g;
    }
    // Deltas centred on their median: a counter's steady rate costs nothing per sample. The
    // centred plan is nearly always the cheaper one when it exists, so the plain one is costed
    // beside it only for short chunks, where the centre's own bytes weigh.
    const bias = order === 1 ? centre(raw) : 0;
    if (bias === 0 || raw.length <= SHORT) {
      const zs = scratch.get(spare, n - from);
      for (let i = 0; i < raw.length; i++) zs[i] = zigzag(raw[i]);
      consider(order, zs, g, 0);
    }
    if (bias !== 0) {
      const zs = scratch.get(spare, n - from);
      for (let i = 0; i < raw.length; i++) zs[i] = zigzag(raw[i] - bias);
      consider(order, zs, g, bias);
    }
  }
  return best ?? { p, order: 0, m, zs: new Float64Array(0), k: 63, bits: 0, riceBits: 0, g: 1, bias: 0 };
}

/** Writes the plan; a scaled one (isScaled) only where the reader is told so (format 2). */
export function writeDecimal(w: BitWriter, plan: DecimalPlan): void {
  w.write(plan.p, 4);
  w.write(plan.order, 2);
  w.writeVarint(plan.m[0]);
  if (plan.m.length === 1) return;
  if (plan.order === 2) w.writeVarint(plan.m[1] - plan.m[0]);
  if (isScaled(plan)) {
    w.writeUvarint(plan.g - 1);
    w.writeVarint(plan.bias);
  }
  writeResiduals(w, plan.zs, plan.k, plan.riceBits);
}

/** Reads n values; `scaled`: the plan may carry a divisor and a centre (format 2's value mode). */
export function readDecimal(r: BitReader, out: Float64Array, n: number, scaled = false): void {
  const p = r.read(4);
  const order = r.read(2);
  if (order > 2) throw new ChunkDecodeError(`decimal delta order ${order} is out of range`);
  const m0 = r.readVarint();
  const scale = POW10[p];
  out[0] = m0 / scale;
  if (n === 1) return;
  const start = Math.max(order, 1);
  if (order === 2) out[1] = m0 + r.readVarint();
  const g = scaled ? r.readUvarint() + 1 : 1;
  const bias = scaled ? r.readVarint() : 0;
  readResiduals(r, out, start, n - start);
  // out holds residuals from `start`; rebuild the mantissas in one pass (the previous two in
  // locals) and scale each as it is made (dividing by 10^0 = 1 changes no value).
  const div = scale;
  let prev = m0;
  out[0] = m0 / div;
  if (g !== 1) {
    readScaled(out, n, order, m0, div, g, bias);
    return;
  }
  if (order === 0) for (let i = 1; i < n; i++) out[i] = (m0 + unzigzag(out[i])) / div;
  else if (order === 1) {
    // bias: a counter's rate (format 2's centred deltas), else 0. Residuals below 2^31 (all
    // but escapes) unzigzag with integer ops.
    for (let i = 1; i < n; i++) {
      const z = out[i];
      prev += bias + (z < 0x80000000 ? (z >>> 1) ^ -(z & 1) : unzigzag(z));
      out[i] = prev / div;
    }
  } else {
    let before = m0;
    prev = out[1];
    out[1] = prev / div;
    for (let i = 2; i < n; i++) {
      const m = 2 * prev - before + unzigzag(out[i]);
      before = prev;
      prev = m;
      out[i] = m / div;
    }
  }
}

/** readDecimal's rebuild when residuals are (r / g - bias), g > 1: loops of their own keep the plain ones lean. */
function readScaled(
  out: Float64Array,
  n: number,
  order: number,
  m0: number,
  div: number,
  g: number,
  bias: number,
): void {
  let prev = m0;
  if (order === 0) for (let i = 1; i < n; i++) out[i] = (m0 + (unzigzag(out[i]) + bias) * g) / div;
  else if (order === 1) {
    for (let i = 1; i < n; i++) {
      prev += (unzigzag(out[i]) + bias) * g;
      out[i] = prev / div;
    }
  } else {
    let before = m0;
    prev = out[1];
    out[1] = prev / div;
    for (let i = 2; i < n; i++) {
      const m = 2 * prev - before + (unzigzag(out[i]) + bias) * g;
      before = prev;
      prev = m;
      out[i] = m / div;
    }
  }
}
