// Values as decimal mantissas with one exponent per chunk (the VictoriaMetrics idea): exporters
// print few digits (12345.67 CPU seconds, 0.52 load, 4096-byte multiples), so v = m / 10^p with a
// small integer m. The mantissas are then delta coded — order 0 (to the first), 1 (delta, gauges)
// or 2 (delta of delta, steady counters), whichever is cheapest — and Rice coded. A chunk
// qualifies only if every value round-trips exactly through m / 10^p.
import { BitReader, BitWriter, unzigzag, zigzag } from './bit-stream';
import { ChunkDecodeError } from './decode-error';
import { readRice, riceCost, writeRice } from './rice';
import { Scratch } from './scratch';

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
  bits: number;
}

// A plan's arrays are scratch space, reused by the next chunk (see scratch.ts).
const scratch = new Scratch();
const MANTISSAS = 0;
const RESIDUALS_A = 1;
const RESIDUALS_B = 2;

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
  for (let order = 0; order <= 2; order++) {
    if (n <= order) break;
    const zs = scratch.get(spare, n - Math.max(order, 1));
    for (let i = Math.max(order, 1); i < n; i++) {
      const r = order === 0 ? m[i] - m[0] : order === 1 ? m[i] - m[i - 1] : m[i] - 2 * m[i - 1] + m[i - 2];
      zs[i - Math.max(order, 1)] = zigzag(r);
    }
    const { k, bits } = riceCost(zs);
    if (!best || bits < best.bits) {
      best = { p, order, m, zs, k, bits };
      spare = spare === RESIDUALS_A ? RESIDUALS_B : RESIDUALS_A;
    }
  }
  return best ?? { p, order: 0, m, zs: new Float64Array(0), k: 63, bits: 0 };
}

export function writeDecimal(w: BitWriter, plan: DecimalPlan): void {
  w.write(plan.p, 4);
  w.write(plan.order, 2);
  w.writeVarint(plan.m[0]);
  if (plan.m.length === 1) return;
  if (plan.order === 2) w.writeVarint(plan.m[1] - plan.m[0]);
  writeRice(w, plan.zs, plan.k);
}

export function readDecimal(r: BitReader, out: Float64Array, n: number): void {
  const p = r.read(4);
  const order = r.read(2);
  if (order > 2) throw new ChunkDecodeError(`decimal delta order ${order} is out of range`);
  const m0 = r.readVarint();
  const scale = POW10[p];
  out[0] = m0 / scale;
  if (n === 1) return;
  const start = Math.max(order, 1);
  if (order === 2) out[1] = m0 + r.readVarint();
  readRice(r, out, start, n - start);
  // out holds residuals from `start`; rebuild the mantissas in one pass (the previous two in
  // locals) and scale each as it is made (dividing by 10^0 = 1 changes no value).
  const div = scale;
  let prev = m0;
  out[0] = m0 / div;
  if (order === 0) for (let i = 1; i < n; i++) out[i] = (m0 + unzigzag(out[i])) / div;
  else if (order === 1) {
    for (let i = 1; i < n; i++) {
      prev += unzigzag(out[i]);
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
