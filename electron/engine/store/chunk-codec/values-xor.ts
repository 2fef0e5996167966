// Gorilla XOR value encoding (what Prometheus uses), for chunks whose values are not short
// decimals: each value is XORed with the previous; '0' = same, '10' = meaningful bits inside the
// previous window, '11' + 5-bit leading zeros + 6-bit length + bits = a new window.
import { BitReader, BitWriter } from './bit-stream';
import { ChunkDecodeError } from './decode-error';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Little-endian hosts (x64, arm64): word 1 holds the sign and exponent.
const HI = 1;
const LO = 0;

/** Writes bits [start, start+n) of the 64-bit word hi:lo (bit 0 = most significant). */
function writeRange(w: BitWriter, hi: number, lo: number, start: number, n: number): void {
  while (n > 0) {
    const take = Math.min(n, 24, start < 32 ? 32 - start : 64 - start);
    const word = start < 32 ? hi : lo;
    const off = start & 31;
    w.write((word << off) >>> (32 - take), take);
    start += take;
    n -= take;
  }
}

function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

export function writeXor(w: BitWriter, v: ArrayLike<number>, n: number): void {
  f64[0] = v[0];
  let prevHi = u32[HI];
  let prevLo = u32[LO];
  writeRange(w, prevHi, prevLo, 0, 64);
  let lead = -1;
  let trail = 0;
  for (let i = 1; i < n; i++) {
    f64[0] = v[i];
    const hi = u32[HI];
    const lo = u32[LO];
    const xh = (hi ^ prevHi) >>> 0;
    const xl = (lo ^ prevLo) >>> 0;
    prevHi = hi;
    prevLo = lo;
    if (xh === 0 && xl === 0) {
      w.write(0, 1);
      continue;
    }
    let l = xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl);
    const t = xl !== 0 ? ctz32(xl) : 32 + ctz32(xh);
    if (l > 31) l = 31;
    if (lead >= 0 && l >= lead && t >= trail) {
      w.write(2, 2);
      writeRange(w, xh, xl, lead, 64 - lead - trail);
    } else {
      lead = l;
      trail = t;
      const sig = 64 - l - t;
      w.write(3, 2);
      w.write(l, 5);
      w.write(sig & 63, 6); // 64 significant bits is written as 0
      writeRange(w, xh, xl, l, sig);
    }
  }
}

/** Reads n bits into position [start, start+n) of a 64-bit word, returned through acc. */
function readRange(r: BitReader, acc: Uint32Array, start: number, n: number): void {
  acc[0] = 0;
  acc[1] = 0;
  while (n > 0) {
    const take = Math.min(n, 24, start < 32 ? 32 - start : 64 - start);
    const bits = r.read(take);
    const shift = 32 - (start & 31) - take;
    acc[start < 32 ? 0 : 1] |= bits << shift;
    start += take;
    n -= take;
  }
}

export function readXor(r: BitReader, out: Float64Array, n: number): void {
  const acc = new Uint32Array(2);
  readRange(r, acc, 0, 64);
  let hi = acc[0];
  let lo = acc[1];
  u32[HI] = hi;
  u32[LO] = lo;
  out[0] = f64[0];
  let lead = 0;
  let sig = 0;
  for (let i = 1; i < n; i++) {
    if (r.read(1) === 0) {
      out[i] = out[i - 1];
      continue;
    }
    if (r.pos > r.end) r.checkEnd('values');
    if (r.read(1) === 1) {
      lead = r.read(5);
      sig = r.read(6) || 64;
      // A window past bit 63 is no XOR this writer made, and readRange would never finish it.
      if (lead + sig > 64) {
        throw new ChunkDecodeError(`an XOR window of ${sig} bits after ${lead} leading zeros`);
      }
    }
    readRange(r, acc, lead, sig);
    hi = (hi ^ acc[0]) >>> 0;
    lo = (lo ^ acc[1]) >>> 0;
    u32[HI] = hi;
    u32[LO] = lo;
    out[i] = f64[0];
  }
  r.checkEnd('values');
}
