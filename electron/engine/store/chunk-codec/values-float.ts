// Full-precision floats (chunk format 3): values with no short decimal form (a duration measured
// in seconds, a ratio) have mantissas that are noise to the last bit, and Gorilla's XOR then pays
// its 13-bit window header on most samples for a window of ~52 bits. Here they are split instead:
// the sign (one bit, or none when the chunk's values share it), the exponent in truncated binary
// over the chunk's range of exponents (none when they share one), and the mantissa with the
// chunk's common trailing zeros dropped, as it is.
// The stream starts with 12 one bits where Gorilla's first value would start: that is the sign
// and exponent of -NaN or -Inf, specials that never reach a value stream (chunk.ts), so an XOR
// stream never starts so and the two share value mode 2.
import { BitReader, BitWriter } from './bit-stream';
import { ChunkDecodeError } from './decode-error';

const MARK = 0xfff;
const TWO32 = 2 ** 32;
const SIGN_SAME = 0;
const SIGN_EACH = 1;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Little-endian hosts (x64, arm64): word 1 holds the sign and exponent.
const HI = 1;
const LO = 0;

/** Whether a mode-2 value stream is a split-float one (else Gorilla XOR): peeks, reads nothing. */
export function isSplitFloat(r: BitReader): boolean {
  return r.peek24() >>> 12 === MARK;
}

interface SplitPlan {
  sign: number;
  emin: number;
  erange: number;
  tz: number;
  bits: number;
}

/** Bits of n finite values (no -0) in the split form, with what it needs to write them. */
export function planSplitFloat(v: ArrayLike<number>, n: number): SplitPlan {
  f64[0] = v[0];
  const sign0 = u32[HI] >>> 31;
  let mixed = false;
  let emin = 2047;
  let emax = 0;
  let tz = 52;
  for (let i = 0; i < n; i++) {
    f64[0] = v[i];
    const hi = u32[HI];
    const lo = u32[LO];
    if (hi >>> 31 !== sign0) mixed = true;
    const e = (hi >>> 20) & 0x7ff;
    if (e < emin) emin = e;
    if (e > emax) emax = e;
    const t =
      lo !== 0
        ? 31 - Math.clz32(lo & -lo)
        : (hi & 0xfffff) !== 0
          ? 32 + 31 - Math.clz32(hi & 0xfffff & -(hi & 0xfffff))
          : 52;
    if (t < tz) tz = t;
  }
  const erange = emax - emin + 1;
  let bits = 12 + 1 + (mixed ? 0 : 1) + 11 + 11 + 6 + n * (52 - tz + (mixed ? 1 : 0));
  if (erange > 1) {
    const k = 31 - Math.clz32(erange);
    const u = 2 ** (k + 1) - erange;
    for (let i = 0; i < n; i++) {
      f64[0] = v[i];
      bits += ((u32[HI] >>> 20) & 0x7ff) - emin < u ? k : k + 1;
    }
  }
  return { sign: mixed ? SIGN_EACH : SIGN_SAME, emin, erange, tz, bits };
}

export function writeSplitFloat(w: BitWriter, v: ArrayLike<number>, n: number, plan: SplitPlan): void {
  w.write(MARK, 12);
  w.write(plan.sign, 1);
  f64[0] = v[0];
  if (plan.sign === SIGN_SAME) w.write(u32[HI] >>> 31, 1);
  w.write(plan.emin, 11);
  w.write(plan.erange - 1, 11);
  w.write(plan.tz, 6);
  const k = 31 - Math.clz32(plan.erange);
  const u = 2 ** (k + 1) - plan.erange;
  const width = 52 - plan.tz;
  const div = 2 ** plan.tz;
  for (let i = 0; i < n; i++) {
    f64[0] = v[i];
    const hi = u32[HI];
    if (plan.sign === SIGN_EACH) w.write(hi >>> 31, 1);
    if (plan.erange > 1) {
      const s = ((hi >>> 20) & 0x7ff) - plan.emin;
      if (s < u) w.write(s, k);
      else w.write(s + u, k + 1);
    }
    w.writeWide(((hi & 0xfffff) * TWO32 + u32[LO]) / div, width);
  }
}

export function readSplitFloat(r: BitReader, out: Float64Array, n: number): void {
  if (r.read(12) !== MARK) throw new ChunkDecodeError('a split-float stream without its mark');
  const each = r.read(1) === SIGN_EACH;
  const sign0 = each ? 0 : r.read(1);
  const emin = r.read(11);
  const erange = r.read(11) + 1;
  const tz = r.read(6);
  if (tz > 52 || emin + erange > 2047)
    throw new ChunkDecodeError(`a split-float stream of exponents ${emin} + ${erange}, ${tz} zeros`);
  const k = 31 - Math.clz32(erange);
  const u = 2 ** (k + 1) - erange;
  const width = 52 - tz;
  const mul = 2 ** tz;
  for (let i = 0; i < n; i++) {
    if (r.pos > r.end) r.checkEnd('values');
    const sign = each ? r.read(1) : sign0;
    let e = emin;
    if (erange > 1) {
      let s = r.read(k);
      if (s >= u) s = s * 2 + r.read(1) - u;
      if (s >= erange) throw new ChunkDecodeError(`exponent ${s} of a range of ${erange}`);
      e += s;
    }
    const m = r.readWide(width) * mul;
    const mhi = Math.floor(m / TWO32);
    u32[HI] = ((sign << 31) | (e << 20) | mhi) >>> 0;
    u32[LO] = m - mhi * TWO32;
    out[i] = f64[0];
  }
  r.checkEnd('values');
}
